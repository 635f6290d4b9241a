"""The Textual layer: thin widgets that hand Rich renderables to Textual."""

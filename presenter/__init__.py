"""presenter: present articles and Markdown decks as slides in the terminal."""

__version__ = "0.1.0"

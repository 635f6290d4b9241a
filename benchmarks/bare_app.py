"""The baseline: a bare Textual app showing one static slide, and nothing else.

``python benchmarks/bare_app.py`` shows the same title and subtitle as the generated decks'
title slide; Right and Left swap between two static texts (the key-press floor of Textual
itself); ``q`` quits. Launch and key-press figures of presenter are compared with this app's.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

SUBTITLE = "Generated deck for the presenter benchmarks"
PAGES = ("Benchmark Deck\n\n" + SUBTITLE, "Section S00001X Review\n\nA static second page.")


class BareApp(App[None]):
    BINDINGS = [("right", "turn(1)", "Next"), ("left", "turn(0)", "Previous"), ("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static(PAGES[0], id="slide")

    def action_turn(self, page: int) -> None:
        self.query_one("#slide", Static).update(PAGES[page])


if __name__ == "__main__":
    BareApp().run()

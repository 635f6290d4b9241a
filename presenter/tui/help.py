"""The help overlay: every key, in a modal screen."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: tuple[tuple[str, str], ...] = (
    ("→  Space  PgDn  Enter  l  j", "next slide"),
    ("←  Backspace  PgUp  h  k", "previous slide"),
    ("Home  gg", "first slide"),
    ("End  G", "last slide"),
    ("number, then Enter", "go to that slide"),
    ("↑  ↓", "scroll a slide taller than the screen"),
    ("mouse click", "next slide"),
    ("o  Tab", "overview: arrows, PgUp, PgDn move; Enter opens"),
    ("/", "search the deck (Enter finds, Escape cancels)"),
    ("n  N", "next / previous slide with a match"),
    ("Ctrl+P", "command palette: find a slide by title, text or notes"),
    ("Escape", "clear the search or a typed number"),
    ("p", "presenter view: what comes next, notes, clock, time left"),
    ("t  T", "start or pause the timer / reset it"),
    ("e", "edit this slide in $EDITOR (the deck reloads after)"),
    ("Ctrl+E", "run the slide's code (presenter --exec)"),
    ("?", "show or hide this help"),
    ("q  Ctrl+Q", "quit"),
)


def key_table() -> Table:
    table = Table.grid(padding=(0, 3))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for keys, action in KEYS:
        table.add_row(Text(keys), Text(action))
    return table


class HelpScreen(ModalScreen[None]):
    """Lists every key; any of Escape, ? or q closes it."""

    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close help")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(Text("Keys", style="bold"), id="help-title")
            yield Static(key_table(), id="help-keys")
            yield Static(Text("Press Escape or ? to close", style="dim"), id="help-hint")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)

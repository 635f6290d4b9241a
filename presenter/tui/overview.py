"""The overview: a grid of miniature slides; arrows move, Enter opens, Escape returns."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from presenter.model import Deck, Slide
from presenter.plaintext import slide_lines

TILE_WIDTH = 30
TILE_LINES = 4


def miniature(number: int, slide: Slide) -> Text:
    """A slide's number, title and first lines, as plain data (never markup)."""
    text = Text(f"{number}  ", style="dim")
    text.append(slide.display_title, style="bold")
    for line in slide_lines(slide)[:TILE_LINES]:
        text.append("\n" + line)
    return text


class OverviewScreen(ModalScreen[int | None]):
    """Returns the chosen slide's index, or None when dismissed with Escape."""

    BINDINGS = [
        Binding("left,h", "move(-1, 0)", "Left", show=False),
        Binding("right,l", "move(1, 0)", "Right", show=False),
        Binding("up,k", "move(0, -1)", "Up", show=False),
        Binding("down,j", "move(0, 1)", "Down", show=False),
        Binding("enter,space", "open", "Open", show=False),
        Binding("escape,o,tab", "close", "Back", show=False),
    ]

    def __init__(self, deck: Deck, current: int) -> None:
        super().__init__()
        self.deck = deck
        self.selected = current

    @property
    def columns(self) -> int:
        return max(1, (self.app.size.width - 4) // (TILE_WIDTH + 2))

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="overview"):
            with Grid(id="overview-grid"):
                for index, slide in enumerate(self.deck.slides):
                    yield Static(miniature(index + 1, slide), classes="tile", id=f"tile-{index}")

    def on_mount(self) -> None:
        self._layout()

    def on_resize(self) -> None:
        self._layout()

    def _layout(self) -> None:
        self.query_one("#overview-grid", Grid).styles.grid_size_columns = self.columns
        self._select(self.selected)

    def _select(self, index: int) -> None:
        self.query_one(f"#tile-{self.selected}").remove_class("-selected")
        self.selected = max(0, min(index, len(self.deck.slides) - 1))
        tile = self.query_one(f"#tile-{self.selected}")
        tile.add_class("-selected")
        self.call_after_refresh(tile.scroll_visible, animate=False)

    def action_move(self, dx: int, dy: int) -> None:
        self._select(self.selected + dx + dy * self.columns)

    def action_open(self) -> None:
        self.dismiss(self.selected)

    def action_close(self) -> None:
        self.dismiss(None)

    def on_click(self, event) -> None:
        widget = event.widget
        if widget is not None and widget.id and widget.id.startswith("tile-"):
            self.dismiss(int(widget.id.removeprefix("tile-")))

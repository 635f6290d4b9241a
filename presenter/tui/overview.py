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
#: Rows a tile takes in the grid: its height (theme.tcss ``.tile``) and the gutter below it.
TILE_ROWS = 8 + 1


def miniature(number: int, slide: Slide) -> Text:
    """A slide's number, title and first lines, as plain data (never markup)."""
    text = Text(f"{number}  ", style="dim")
    text.append(slide.display_title, style="bold")
    for line in slide_lines(slide)[:TILE_LINES]:
        text.append("\n" + line)
    return text


class OverviewScreen(ModalScreen[int | None]):
    """Returns the chosen slide's index, or None when dismissed with Escape.

    It shows a page of tiles, as many as fit the window, and turns the page when the
    selection leaves it: opening it and moving in it cost the same in a 10,000-slide deck
    as in a 10-slide one (a tile for every slide took seconds to build).
    """

    BINDINGS = [
        Binding("pageup", "page(-1)", "Previous page", show=False),
        Binding("pagedown", "page(1)", "Next page", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
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
        self.selected = max(0, min(current, len(deck.slides) - 1))
        self.first = self._page_start(self.selected)
        """The index of the first tile on the page shown."""

    @property
    def columns(self) -> int:
        return max(1, (self.app.size.width - 4) // (TILE_WIDTH + 2))

    @property
    def page_size(self) -> int:
        """Tiles on a page: full rows that fit the window (the overview has 1 row of padding
        above and below), at least one row."""
        rows = max(1, (self.app.size.height - 2 + 1) // TILE_ROWS)
        return rows * self.columns

    def _page_start(self, index: int) -> int:
        return index - index % self.page_size

    def compose(self) -> ComposeResult:
        slides = self.deck.slides[self.first : self.first + self.page_size]
        with VerticalScroll(id="overview"):
            with Grid(id="overview-grid"):
                for index, slide in enumerate(slides, start=self.first):
                    yield Static(miniature(index + 1, slide), classes="tile", id=f"tile-{index}")

    def on_mount(self) -> None:
        self._layout()

    async def on_resize(self) -> None:
        await self._show_page(self._page_start(self.selected))

    def _layout(self) -> None:
        self.query_one("#overview-grid", Grid).styles.grid_size_columns = self.columns
        self._highlight()

    async def _show_page(self, first: int) -> None:
        """Show the page of tiles starting at slide ``first`` (kept if it is already shown)."""
        if first != self.first or len(self.query(".tile")) != min(self.page_size, len(self.deck.slides) - first):
            self.first = first
            await self.recompose()
        self._layout()

    def _highlight(self) -> None:
        for tile in self.query(".tile.-selected"):
            tile.remove_class("-selected")
        tiles = self.query(f"#tile-{self.selected}")
        if tiles:
            tile = tiles.first()
            tile.add_class("-selected")
            self.call_after_refresh(tile.scroll_visible, animate=False)

    async def _select(self, index: int) -> None:
        self.selected = max(0, min(index, len(self.deck.slides) - 1))
        await self._show_page(self._page_start(self.selected))

    async def action_move(self, dx: int, dy: int) -> None:
        await self._select(self.selected + dx + dy * self.columns)

    async def action_page(self, pages: int) -> None:
        await self._select(self.selected + pages * self.page_size)

    async def action_jump(self, index: int) -> None:
        await self._select(index if index >= 0 else len(self.deck.slides) - 1)

    def action_open(self) -> None:
        self.dismiss(self.selected)

    def action_close(self) -> None:
        self.dismiss(None)

    def on_click(self, event) -> None:
        widget = event.widget
        if widget is not None and widget.id and widget.id.startswith("tile-"):
            self.dismiss(int(widget.id.removeprefix("tile-")))

"""Stat cards: a big figure and a short label, in a row across the slide.

A card is a rounded box around its centred text, as ``Panel(text, box=ROUNDED,
padding=(0, 1))`` draws it, and a row is the cards side by side with one space between, as
``Table.grid(padding=(0, 1))`` with a fixed width per column draws it. Both are drawn here
directly, segment for segment the same: most slides of an article have a card, and the
table and panel cost more than the rest of the slide (tests/test_render_speed_equivalence.py
keeps the drawing equal to the Rich construction).
"""

from __future__ import annotations

from rich import box
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.panel import Panel
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from presenter.model import Stat
from presenter.render.inline import FullLines, LineRenderable, render_lines
from presenter.render.palette import DEFAULT_PALETTE, Palette

MIN_CARD_WIDTH = 24
MAX_CARD_WIDTH = 38
ARROWS = {"up": "▲", "down": "▼"}
#: Narrower than this, a card is left to ``Panel`` (it has no room for its text).
_MIN_DRAWN_WIDTH = 5


class StatCard(LineRenderable):
    """One :class:`~presenter.model.Stat`: the figure, any change, and its label."""

    def __init__(self, stat: Stat, *, palette: Palette = DEFAULT_PALETTE) -> None:
        self.stat = stat
        self.palette = palette

    def __repr__(self) -> str:
        return f"StatCard({self.stat.value!r})"

    def _content(self) -> Text:
        stat, palette = self.stat, self.palette
        text = Text(justify="center", no_wrap=False)
        if stat.qualifier:
            text.append(f"{stat.qualifier} ", style=palette.stat_label)
        text.append(stat.value, style=palette.stat_value)
        if stat.previous and stat.direction:
            style = palette.up if stat.direction == "up" else palette.down
            text.append(f" {ARROWS[stat.direction]} {stat.direction} from {stat.previous}", style=style)
        if stat.label:
            text.append("\n")
            text.append(stat.label, style=palette.stat_label)
        return text

    def _panel(self) -> Panel:
        """The card as a Rich panel: what :meth:`lines` draws."""
        return Panel(self._content(), box=box.ROUNDED, border_style=self.palette.stat_border, padding=(0, 1))

    def lines(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        """The card's lines, each exactly ``options.max_width`` cells wide."""
        width = options.max_width
        if width < _MIN_DRAWN_WIDTH:  # no room for the text: as Rich draws it
            return console.render_lines(self._panel(), options.reset_height(), pad=False)
        frame = box.ROUNDED.substitute(options, safe=console.safe_box)
        null = Style.null()
        border = console.get_style("none") + console.get_style(self.palette.stat_border)
        inner = options.update(width=width - 4, height=None, highlight=False)
        left = [Segment(frame.mid_left, border), Segment(" ", null)]
        right = [Segment(" ", null), Segment(frame.mid_right, border)]
        out = FullLines([[Segment(frame.get_top([width - 2]), border)]])
        out.extend([*left, *line, *right] for line in render_lines(console, self._content(), inner, style=null))
        out.append([Segment(frame.get_bottom([width - 2]), border)])
        return out

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        lines = self._content().plain.split("\n")
        widest = max(len(line) for line in lines) + 4
        return Measurement(min(12, options.max_width), min(widest, options.max_width))


class StatRow(LineRenderable):
    """Up to four stat cards side by side, sharing the width equally."""

    def __init__(self, stats: tuple[Stat, ...], *, palette: Palette = DEFAULT_PALETTE) -> None:
        self.stats = stats
        self.palette = palette

    def __repr__(self) -> str:
        return f"StatRow({len(self.stats)} cards)"

    def _layout(self, max_width: int) -> tuple[int, int]:
        """Cards per row and the width of each."""
        per_row = max(1, min(len(self.stats), max_width // MIN_CARD_WIDTH))
        return per_row, min(MAX_CARD_WIDTH, (max_width - (per_row - 1)) // per_row)

    def _grids(self, max_width: int) -> list[Table]:
        """The rows as Rich grids of panels: what :meth:`lines` draws."""
        per_row, width = self._layout(max_width)
        grids = []
        for start in range(0, len(self.stats), per_row):
            grid = Table.grid(padding=(0, 1))
            chunk = self.stats[start : start + per_row]
            for _ in chunk:
                grid.add_column(width=width)
            grid.add_row(*(StatCard(stat, palette=self.palette)._panel() for stat in chunk))
            grids.append(grid)
        return grids

    def lines(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        per_row, width = self._layout(options.max_width)
        if width < _MIN_DRAWN_WIDTH:
            grids = self._grids(options.max_width)
            return [line for grid in grids for line in console.render_lines(grid, options.reset_height(), pad=False)]
        # What a grid cell is drawn with: the column's width and defaults (overflow="ellipsis").
        card_options = options.update(
            width=width, justify="left", no_wrap=False, overflow="ellipsis", height=None, highlight=False
        )
        null = Style.null()
        out: list[list[Segment]] = []
        for start in range(0, len(self.stats), per_row):
            chunk = self.stats[start : start + per_row]
            cards = [StatCard(stat, palette=self.palette).lines(console, card_options) for stat in chunk]
            # Each card but the last is followed by a one-space gap; below a shorter card, its
            # column (gap included) is blank.
            gaps = [[Segment(" ", null)]] * (len(cards) - 1) + [[]]
            blanks = [Segment(" " * (width + len(gap)), null) for gap in gaps]
            for row in range(max(len(card) for card in cards)):
                line: list[Segment] = []
                for card, gap, blank in zip(cards, gaps, blanks):
                    if row < len(card):
                        line += card[row]
                        line += gap
                    else:
                        line.append(blank)
                out.append(line)
        return out

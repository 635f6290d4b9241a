"""Stat cards: a big figure and a short label, in a row across the slide."""

from __future__ import annotations

from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from presenter.model import Stat
from presenter.render.palette import DEFAULT_PALETTE, Palette

MIN_CARD_WIDTH = 24
MAX_CARD_WIDTH = 38
ARROWS = {"up": "▲", "down": "▼"}


class StatCard:
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

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Panel(self._content(), box=box.ROUNDED, border_style=self.palette.stat_border, padding=(0, 1))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        lines = self._content().plain.split("\n")
        widest = max(len(line) for line in lines) + 4
        return Measurement(min(12, options.max_width), min(widest, options.max_width))


class StatRow:
    """Up to four stat cards side by side, sharing the width equally."""

    def __init__(self, stats: tuple[Stat, ...], *, palette: Palette = DEFAULT_PALETTE) -> None:
        self.stats = stats
        self.palette = palette

    def __repr__(self) -> str:
        return f"StatRow({len(self.stats)} cards)"

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        per_row = max(1, min(len(self.stats), options.max_width // MIN_CARD_WIDTH))
        width = min(MAX_CARD_WIDTH, (options.max_width - (per_row - 1)) // per_row)
        for start in range(0, len(self.stats), per_row):
            grid = Table.grid(padding=(0, 1))
            chunk = self.stats[start : start + per_row]
            for _ in chunk:
                grid.add_column(width=width)
            grid.add_row(*(StatCard(stat, palette=self.palette) for stat in chunk))
            yield grid

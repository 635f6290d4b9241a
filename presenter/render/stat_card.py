"""Stat cards: a big figure and a short label, in a row across the slide."""

from __future__ import annotations

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from presenter.model import Stat
from presenter.render.palette import DEFAULT_PALETTE, Palette

MIN_CARD_WIDTH = 24
MAX_CARD_WIDTH = 38
ARROWS = {"up": "▲", "down": "▼"}


def stat_text(stat: Stat, palette: Palette = DEFAULT_PALETTE) -> Text:
    """A card's centred text: the figure (and any qualifier), the change, the figure's
    conversion on a line of its own, the label."""
    text = Text(justify="center")
    if stat.qualifier:
        text.append(f"{stat.qualifier} ", style=palette.stat_label)
    figure, conversion = split_conversion(stat.value)
    text.append(figure, style=palette.stat_value)
    if stat.previous and stat.direction:
        style = palette.up if stat.direction == "up" else palette.down
        text.append(f" {ARROWS[stat.direction]} {stat.direction} from {stat.previous}", style=style)
    if conversion:
        text.append("\n")
        text.append(conversion, style=palette.stat_value)
    if stat.label:
        text.append("\n")
        text.append(stat.label, style=palette.stat_label)
    return text


def split_conversion(value: str) -> tuple[str, str]:
    """A card's value as its figure and its conversion in brackets, if any:
    ``141,633,260 miles (227,936,640 km)`` is ``141,633,260 miles`` and ``(227,936,640 km)``."""
    if value.endswith(")") and " (" in value:
        figure, _, conversion = value.rpartition(" (")
        return figure, f"({conversion}"
    return value, ""


def stat_card(stat: Stat, palette: Palette = DEFAULT_PALETTE) -> Panel:
    """One :class:`~presenter.model.Stat` in a rounded box."""
    return Panel(stat_text(stat, palette), box=box.ROUNDED, border_style=palette.stat_border, padding=(0, 1))


class StatRow:
    """Up to four stat cards side by side, sharing the width equally (as many rows as the
    width needs)."""

    def __init__(self, stats: tuple[Stat, ...], *, palette: Palette = DEFAULT_PALETTE) -> None:
        self.stats = stats
        self.palette = palette

    def __repr__(self) -> str:
        return f"StatRow({len(self.stats)} cards)"

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        per_row = max(1, min(len(self.stats), options.max_width // MIN_CARD_WIDTH))
        width = min(MAX_CARD_WIDTH, (options.max_width - (per_row - 1)) // per_row)
        rows: list[RenderableType] = []
        for start in range(0, len(self.stats), per_row):
            cards = [stat_card(stat, self.palette) for stat in self.stats[start : start + per_row]]
            if len(cards) == 1:  # a card alone needs no grid to lay it out
                cards[0].width = width
                rows.append(cards[0])
                continue
            grid = Table.grid(padding=(0, 1))
            for _ in cards:
                grid.add_column(width=width)
            grid.add_row(*cards)
            rows.append(grid)
        yield Group(*rows)

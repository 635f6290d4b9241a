"""Columns side by side (presenterm's ``column_layout``), stacked when the slide is narrow."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, Group, NewLine, RenderableType, RenderResult
from rich.table import Table

#: Below this many cells a column is too narrow to read: the columns stack instead.
MIN_COLUMN_WIDTH = 24
#: Blank cells between two columns.
GAP = 2


def stacks(widths: Sequence[int], width: int) -> bool:
    """Whether columns of ``widths`` (shares) stack one under another at ``width`` cells:
    when any would be narrower than :data:`MIN_COLUMN_WIDTH`."""
    if len(widths) < 2:
        return False
    room = width - GAP * (len(widths) - 1)
    total = sum(widths)
    return any(room * share // total < MIN_COLUMN_WIDTH for share in widths)


class ColumnsBlock:
    """Each cell in a column as wide as its share of ``widths``; stacked in column order,
    a blank row between, where the width being drawn at is too narrow (:func:`stacks`).
    A cell of None is an empty column."""

    def __init__(self, widths: Sequence[int], cells: Sequence[RenderableType | None]) -> None:
        self.widths = tuple(widths)
        self.cells = tuple(cells)

    def __repr__(self) -> str:
        return f"ColumnsBlock({self.widths})"

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if stacks(self.widths, options.max_width):
            shown: list[RenderableType] = []
            for cell in (cell for cell in self.cells if cell is not None):
                shown += [NewLine(), cell] if shown else [cell]
            yield Group(*shown)
            return
        grid = Table.grid(padding=(0, GAP))
        for width in column_widths(self.widths, options.max_width):
            grid.add_column(width=width)  # as wide as its share, whatever it holds
        grid.add_row(*(cell or "" for cell in self.cells))
        yield grid


def column_widths(shares: Sequence[int], width: int) -> list[int]:
    """Each column's cells at ``width``: its share of what the gaps leave, the last one
    taking what rounding leaves over."""
    room = width - GAP * (len(shares) - 1)
    total = sum(shares)
    widths = [room * share // total for share in shares]
    widths[-1] += room - sum(widths)
    return widths

"""A Markdown table: a Rich table, or each row listed as name and value when the slide is
too narrow for its columns side by side."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import zip_longest

from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.table import Table
from rich.text import Text

#: Below this many cells a column (its padding included) is too narrow to read: unless
#: every word still fits whole, the rows are listed instead.
MIN_COLUMN_WIDTH = 8
UNBOUNDED = 100_000


class TableBlock:
    """A header and rows of cells. Side by side, a cell's long word wraps within it rather
    than being cut short; where the width is too narrow (:meth:`lists_rows`), each row is
    listed as its cells under one another, each after its column's name, a blank row
    between rows. Every character written is shown either way.

    Too narrow means: under :data:`MIN_COLUMN_WIDTH` cells a column, and some word of a
    column wider than the cells it would get (a table of short figures stays a table)."""

    def __init__(self, header: Sequence[Text], rows: Sequence[Sequence[Text]], align: Sequence[str], heading: Style) -> None:
        self.header = tuple(header)
        self.rows = tuple(tuple(row) for row in rows)
        self.align = tuple(align)
        self.heading = heading

    def __repr__(self) -> str:
        return f"TableBlock({len(self.header)} columns, {len(self.rows)} rows)"

    def lists_rows(self, console: Console, options: ConsoleOptions) -> bool:
        """Whether the table is drawn with its rows listed at ``options``' width."""
        columns, width = len(self.header), options.max_width
        if columns < 2 or width // columns >= MIN_COLUMN_WIDTH:
            return False
        unbounded = options.update_width(UNBOUNDED)  # Measurement.get caps the minimum at the width
        return Measurement.get(console, unbounded, self._table()).minimum > width

    def _shown(self, console: Console, options: ConsoleOptions) -> Table:
        return self._listed() if self.lists_rows(console, options) else self._table()

    def _table(self) -> Table:
        table = Table(box=box.SIMPLE_HEAD, header_style=self.heading, expand=False, show_edge=False, pad_edge=False)  # lined up with the text
        for index, cell in enumerate(self.header):
            justify = (self.align[index] if index < len(self.align) else "") or "left"
            table.add_column(cell, justify=justify, overflow="fold")  # type: ignore[arg-type]
        for row in self.rows:
            table.add_row(*row)
        return table

    def _listed(self) -> Table:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style=self.heading, overflow="fold")
        grid.add_column(overflow="fold")
        for index, row in enumerate(self.rows or ((),)):  # a table of a header alone lists its names
            if index:
                grid.add_row()  # a blank row between rows
            for name, cell in zip_longest(self.header, row, fillvalue=""):
                grid.add_row(name, cell)
        return grid

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self._shown(console, options)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self._shown(console, options))

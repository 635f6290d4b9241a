"""presenterm's column layouts in a slide being read: ``column_layout: [2, 1]`` opens one,
``column: N`` sends what follows into column N, ``reset_layout`` (or the slide's end) closes
it into one :class:`~presenter.model.Columns` block (:mod:`presenter.sources.mdslides` reads
the commands)."""

from __future__ import annotations

from dataclasses import dataclass, field

from presenter.model import Block, Columns, Lines, Pause


@dataclass
class Layout:
    """An open presenterm ``column_layout``: its blocks are the draft's from ``start`` on."""

    widths: tuple[int, ...]
    line: int
    """The file line of the ``column_layout`` command."""
    start: int
    """The index in the draft's blocks where the layout opened."""
    columns: list[tuple[int, int]] = field(default_factory=list)
    """``(column, index)``: the draft's blocks from ``index`` on go into ``column``."""


def gather_columns(blocks: list[Block], layout: Layout, end: int | None = None) -> None:
    """Move the blocks of the closed ``layout`` (``blocks`` from ``layout.start`` on) into
    one :class:`Columns` block at the end of ``blocks``, its last line ``end`` if given, else
    its last block's. Blocks before the first ``column`` (or after one out of range) stay in
    the slide; a pause inside a column reveals what follows it in the order written
    (:attr:`Columns.order`)."""
    taken = blocks[layout.start :]
    del blocks[layout.start :]
    columns: list[list[Block]] = [[] for _ in layout.widths]
    order: list[tuple[int, int]] = []
    outside: list[Block] = []
    marks = [(-1, layout.start), *layout.columns]
    for (column, index), (_, until) in zip(marks, [*marks[1:], (-1, layout.start + len(taken))]):
        for block in taken[index - layout.start : until - layout.start]:
            if column < 0:
                outside.append(block)
            else:
                order.append((column, len(columns[column])))
                columns[column].append(block)
    blocks.extend(outside)
    if any(not isinstance(block, Pause) for column in columns for block in column):
        lasts = [block.lines.last for column in columns for block in column if block.lines]
        last = end if end is not None else max(lasts, default=layout.line)
        in_order = order != sorted(order)
        blocks.append(
            Columns(layout.widths, tuple(map(tuple, columns)), lines=Lines(layout.line, max(last, layout.line)), order=tuple(order) if in_order else ())
        )

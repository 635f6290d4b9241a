"""One Rich renderable per block type, chosen through a dictionary."""

from __future__ import annotations

from typing import Callable

from rich.align import Align
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, NewLine, RenderableType, RenderResult
from rich.measure import Measurement, measure_renderables
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from presenter.model import (
    Alignment,
    Block,
    BulletList,
    Code,
    Columns,
    Footnote,
    Heading,
    Image,
    NumberedList,
    Paragraph,
    Pause,
    Quote,
    Rule,
    Space,
    Table,
)
from presenter.render.code import code_panel
from presenter.render.columns import ColumnsBlock
from presenter.render.inline import inline_text, mark_matches
from presenter.render.palette import DEFAULT_PALETTE, Palette
from presenter.render.picture import PictureBlock
from presenter.render.quote import QuoteBlock
from presenter.render.table import TableBlock

BULLETS = ("•", "◦", "▪")
#: A task list item's box: ticked, or not.
TASK_BOXES = {True: "☑", False: "☐"}


def _paragraph(block: Paragraph, palette: Palette, depth: int, search: str | None = None) -> RenderableType:
    return inline_text(block.content, palette, search=search)


def _heading(block: Heading, palette: Palette, depth: int, search: str | None = None) -> RenderableType:
    return inline_text(block.content, palette, base=palette.heading, search=search)


class ListBlock:
    """A list: each item's marker right-aligned in a column as wide as the widest, a space,
    and the item's text (and nested blocks) wrapped beside it, as ``rich.markdown`` draws
    its list items."""

    def __init__(self, rows: list[tuple[str, RenderableType]], *, marker_style: Style) -> None:
        self.rows = rows
        self.marker_style = marker_style

    def __repr__(self) -> str:
        return f"ListBlock({len(self.rows)} items)"

    def _marker_width(self) -> int:
        return max(cell_len(marker) for marker, _ in self.rows)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = self._marker_width()
        body_options = options.update(width=max(1, options.max_width - width - 1), height=None)
        style = console.get_style(self.marker_style)
        blank = Segment(" " * (width + 1))
        new_line = Segment.line()
        for marker, body in self.rows:
            for index, line in enumerate(console.render_lines(body, body_options, pad=False)):
                if index:
                    yield blank
                else:
                    yield Segment(" " * (width - cell_len(marker)))
                    yield Segment(marker, style)
                    yield Segment(" ")
                yield from line
                yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = self._marker_width() + 1
        body = measure_renderables(console, options.update(width=max(1, options.max_width - width)), [b for _, b in self.rows])
        return Measurement(body.minimum + width, body.maximum + width).with_maximum(options.max_width)


def _list(block: BulletList | NumberedList, palette: Palette, depth: int, search: str | None = None) -> RenderableType:
    numbered = isinstance(block, NumberedList)
    rows: list[tuple[str, RenderableType]] = []
    for index, item in enumerate(block.items):
        number = item.number if item.number is not None else index + 1
        marker = f"{number}." if numbered else BULLETS[depth % len(BULLETS)]
        body: RenderableType = inline_text(item.content, palette, search=search)
        if item.checked is not None:  # a task: its box after the marker
            body = Text.assemble((TASK_BOXES[item.checked], palette.bullet), " ", body)
        shown = [child for child in item.children if not isinstance(child, Pause)]  # a pause is a step, not a row
        if shown:
            body = Group(body, *(render_block(child, palette, depth + 1, search) for child in shown))
        rows.append((marker, body))
    return ListBlock(rows, marker_style=palette.number if numbered else palette.bullet)


def _quote(block: Quote, palette: Palette, depth: int, search: str | None = None) -> RenderableType:
    return QuoteBlock(block, palette=palette, search=search, render=lambda child: render_block(child, palette, depth, search))


def _code(block: Code, palette: Palette, depth: int, search: str | None = None) -> RenderableType:
    return code_panel(block, palette)  # at its last highlight step; a slide passes the step (render/slide.py)


def _table(block: Table, palette: Palette, depth: int, search: str | None = None) -> RenderableType:
    header = [inline_text(cell, palette, search=search) for cell in block.header]
    rows = [[inline_text(cell, palette, search=search) for cell in row] for row in block.rows]
    return TableBlock(header, rows, block.align, palette.heading)


def _image(block: Image, palette: Palette, depth: int, search: str | None = None) -> RenderableType:
    return PictureBlock(block, palette)


def _footnote(block: Footnote, palette: Palette, depth: int, search: str | None = None) -> RenderableType:
    text = Text(f"[{block.label}] ", style=palette.muted)
    text.append_text(inline_text(block.content, palette, base=palette.muted, search=search))
    return mark_matches(text, search, palette)


def _pause(block: Pause, palette: Palette, depth: int, search: str | None = None) -> RenderableType:
    return Text("")


def _rule(block: Rule, palette: Palette, depth: int, search: str | None = None) -> RenderableType:
    from rich.rule import Rule as RichRule

    return RichRule(characters="╌", style=palette.muted)  # dashed: not the title's rule


class MiddleMark:
    """Where a slide's blocks jump to the middle row (:attr:`Space.to_middle`): nothing
    drawn here; :class:`~presenter.render.slide.SlideRenderable` adds the rows."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        return iter(())


def _space(block: Space, palette: Palette, depth: int, search: str | None = None) -> RenderableType:
    if block.to_middle:
        return MiddleMark()
    # The slide leaves a blank row above every block: this one adds the rest.
    return Group(*(Text("") for _ in range(max(0, block.rows - 1))))


def _alignment(block: Alignment, palette: Palette, depth: int, search: str | None = None) -> RenderableType:
    return Group()  # no rows: the slide aligns the blocks after it (render/slide.py)


def aligned(renderable: RenderableType, to: str) -> RenderableType:
    """``renderable`` aligned ``to`` ``center`` or ``right`` as presenterm draws it: text line
    by line, anything else (a list, a table, a code panel) as a block."""
    if to not in ("center", "right"):
        return renderable
    if isinstance(renderable, Text):
        text = renderable.copy()
        text.justify = to  # type: ignore[assignment]
        return text
    return Align(renderable, to)  # type: ignore[arg-type]


def _columns(block: Columns, palette: Palette, depth: int, search: str | None = None) -> RenderableType:
    cells: list[RenderableType | None] = []
    for blocks in block.columns:
        shown: list[RenderableType] = []
        align = "left"
        for child in blocks:
            if isinstance(child, Alignment):  # aligns what follows in its column
                align = child.to
                continue
            if isinstance(child, Pause):  # a step of the slide (render/slide.py): no row
                continue
            rendered = render_block(child, palette, depth, search)
            if not isinstance(child, (Rule, Space)):
                rendered = aligned(rendered, align)
            shown += [NewLine(), rendered] if shown else [rendered]  # a blank row between blocks, as on a slide
        cells.append(Group(*shown) if shown else None)
    return ColumnsBlock(block.widths, cells)


RENDERERS: dict[type, Callable[..., RenderableType]] = {
    Paragraph: _paragraph,
    Heading: _heading,
    BulletList: _list,
    NumberedList: _list,
    Quote: _quote,
    Code: _code,
    Table: _table,
    Image: _image,
    Footnote: _footnote,
    Pause: _pause,
    Rule: _rule,
    Space: _space,
    Alignment: _alignment,
    Columns: _columns,
}


def render_block(
    block: Block, palette: Palette = DEFAULT_PALETTE, depth: int = 0, search: str | None = None
) -> RenderableType:
    """The renderable for ``block``, with matches of ``search`` highlighted."""
    return RENDERERS[type(block)](block, palette, depth, search)

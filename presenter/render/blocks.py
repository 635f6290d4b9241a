"""One Rich renderable per block type, chosen through a dictionary."""

from __future__ import annotations

from typing import Callable

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType
from rich.measure import Measurement, measure_renderables
from rich.panel import Panel
from rich.segment import Segment
from rich.table import Table as RichTable
from rich.text import Text

from presenter.model import (
    Block,
    BulletList,
    Code,
    Heading,
    Image,
    NumberedList,
    Paragraph,
    Pause,
    Quote,
    Table,
)
from presenter.render.inline import FullLines, LineRenderable, inline_text, render_lines
from presenter.render.palette import DEFAULT_PALETTE, Palette
from presenter.render.quote import QuoteBlock

BULLETS = ("•", "◦", "▪")


def _paragraph(block: Paragraph, palette: Palette, depth: int, search: str | None = None) -> RenderableType:
    return inline_text(block.content, palette, search=search)


def _heading(block: Heading, palette: Palette, depth: int, search: str | None = None) -> RenderableType:
    return inline_text(block.content, palette, base=palette.heading, search=search)


class ListRows(LineRenderable):
    """Items of a list: a right-aligned marker column, a space, and each item's body wrapped
    beside it; what ``Table.grid(padding=(0, 1))`` draws, without measuring every cell first.

    Lists are on nearly every slide, and a table lays out its columns by measuring each cell
    before rendering it: this draws the same characters in a quarter of the time.
    """

    def __init__(self, rows: list[tuple[Text, RenderableType]]) -> None:
        self.rows = rows

    def __repr__(self) -> str:
        return f"ListRows({len(self.rows)} items)"

    def lines(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        marker_width = max((cell_len(marker.plain) for marker, _ in self.rows), default=0)
        if marker_width + 2 > options.max_width:  # too narrow for two columns: let a grid decide
            return console.render_lines(self._grid(), options.reset_height(), pad=False)
        body_options = options.update(width=options.max_width - marker_width - 1, height=None)
        marker_options = options.update(width=marker_width, height=None, justify="right", no_wrap=True)
        blank = Segment(" " * (marker_width + 1))
        space = Segment(" ")
        out = FullLines()
        for marker, body in self.rows:
            lines = render_lines(console, body, body_options)
            if lines:
                out.append([*_marker_line(console, marker, marker_options), space, *lines[0]])
                out.extend([blank, *line] for line in lines[1:])
        return out

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self._grid())

    def _grid(self) -> RichTable:
        grid = RichTable.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, justify="right")
        grid.add_column(ratio=1)
        for marker, body in self.rows:
            grid.add_row(marker, body)
        return grid


class Stacked(LineRenderable):
    """Renderables one under another: what ``Group(*parts)`` draws, each part drawn straight
    to lines (an item's text and the list nested under it; not drawn, then split again)."""

    def __init__(self, parts: list[RenderableType]) -> None:
        self.parts = parts

    def __repr__(self) -> str:
        return f"Stacked({self.parts!r})"

    def lines(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        options = options.reset_height()
        return [line for part in self.parts for line in render_lines(console, part, options, pad=False)]

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return measure_renderables(console, options, self.parts)


def _marker_line(console: Console, marker: Text, options: ConsoleOptions) -> list[Segment]:
    """``marker`` right-aligned in the marker column, as Rich draws it (one segment for a plain
    marker: the spaces before it take its style)."""
    plain = marker.plain
    plain_marker = not (marker.spans or marker.justify or "\n" in plain or "\t" in plain)
    if not plain_marker or marker.end != "\n" or plain != plain.rstrip():
        return console.render_lines(marker, options, pad=True)[0]
    padded = " " * (options.max_width - cell_len(plain)) + plain
    return [Segment(padded, console.get_style(marker.style)) if marker.style else Segment(padded)]


def _list(block: BulletList | NumberedList, palette: Palette, depth: int, search: str | None = None) -> RenderableType:
    rows: list[tuple[Text, RenderableType]] = []
    numbered = isinstance(block, NumberedList)
    for index, item in enumerate(block.items):
        if numbered:
            number = item.number if item.number is not None else index + 1
            marker = Text(f"{number}.", style=palette.number)
        else:
            marker = Text(BULLETS[depth % len(BULLETS)], style=palette.bullet)
        body: list[RenderableType] = [inline_text(item.content, palette, search=search)]
        body.extend(render_block(child, palette, depth + 1, search) for child in item.children)
        rows.append((marker, Stacked(body) if len(body) > 1 else body[0]))
    return ListRows(rows)


def _quote(block: Quote, palette: Palette, depth: int, search: str | None = None) -> RenderableType:
    return QuoteBlock(block, palette=palette, search=search)


def _code(block: Code, palette: Palette, depth: int, search: str | None = None) -> RenderableType:
    code = block.code.rstrip("\n")
    language = block.language or "text"
    try:
        from pygments.lexers import get_lexer_by_name
        from pygments.util import ClassNotFound

        get_lexer_by_name(language)
    except (ClassNotFound, ImportError):
        language = "text"
    body: RenderableType
    if palette.code_theme is None:  # no colour at all (NO_COLOR): the code as it stands
        body = Text(code, style=palette.code)
        body.expand_tabs(4)
    else:
        from rich.syntax import Syntax  # pygments is slow to import: only for decks with code

        body = Syntax(code, language, theme=palette.code_theme, word_wrap=True, background_color="default")
    title = Text(block.language, style=palette.muted) if block.language else None
    return Panel(body, box=box.ROUNDED, border_style=palette.muted, title=title, title_align="right")


def _table(block: Table, palette: Palette, depth: int, search: str | None = None) -> RenderableType:
    table = RichTable(box=box.SIMPLE_HEAD, header_style=palette.heading, expand=False)
    for index, cell in enumerate(block.header):
        align = block.align[index] if index < len(block.align) else "left"
        table.add_column(inline_text(cell, palette, search=search), justify=align or "left")  # type: ignore[arg-type]
    for row in block.rows:
        table.add_row(*(inline_text(cell, palette, search=search) for cell in row))
    return table


def _image(block: Image, palette: Palette, depth: int, search: str | None = None) -> RenderableType:
    text = Text(block.alt or "image", style=palette.text, justify="center")
    text.append(f"\n{block.path}", style=palette.muted)
    return Panel(text, box=box.SQUARE, border_style=palette.muted, title="image", expand=False)


def _pause(block: Pause, palette: Palette, depth: int, search: str | None = None) -> RenderableType:
    return Text("")


RENDERERS: dict[type, Callable[..., RenderableType]] = {
    Paragraph: _paragraph,
    Heading: _heading,
    BulletList: _list,
    NumberedList: _list,
    Quote: _quote,
    Code: _code,
    Table: _table,
    Image: _image,
    Pause: _pause,
}


def render_block(
    block: Block, palette: Palette = DEFAULT_PALETTE, depth: int = 0, search: str | None = None
) -> RenderableType:
    """The renderable for ``block``, with matches of ``search`` highlighted."""
    return RENDERERS[type(block)](block, palette, depth, search)

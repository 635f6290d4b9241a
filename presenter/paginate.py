"""Split a section that is too long for one slide at block boundaries.

Heights are estimated in terminal rows at a reference width, so the result does not
depend on the terminal. Long paragraphs split between sentences and long lists between
items, never mid-sentence; a paragraph ending in ``:`` stays with the list it introduces.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

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
    Span,
    Table,
    plain,
)
from presenter.records import replace

#: Reference slide body: a 80x24 terminal less title, footer and margins.
BODY_WIDTH = 76
BODY_ROWS = 18
STAT_ROWS = 5

#: Where one sentence ends and the next begins: after ``.!?`` (and any closing quote or
#: bracket) and whitespace, before a capital, digit or opening quote; or after CJK ``。！？``.
#: (Compiled on first use, by ``re``'s cache: showing a slide seldom needs it.)
_SENTENCE_BREAK = r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘'(\[A-Z0-9$€£¥\u0400-\u04ff])|(?<=[。！？])[”’」』）]*"
#: Least room worth starting a split block in, below the blocks already on a page.
MIN_ROOM = 4


def _rows(text: str, width: int) -> int:
    width = max(1, width)  # a list nested 19 deep leaves no width at all
    if "\n" not in text:
        return max(1, math.ceil(len(text) / width))  # most text: one line, no list to build
    return sum(max(1, math.ceil(len(line) / width)) for line in text.split("\n"))


def block_rows(block: Block, width: int = BODY_WIDTH) -> int:
    """Estimated rows ``block`` takes, including the blank line after it."""
    if isinstance(block, (Paragraph, Heading)):
        return _rows(plain(block.content), width) + 1
    if isinstance(block, (BulletList, NumberedList)):
        return sum(_item_rows(item, width) for item in block.items) + 1
    if isinstance(block, Quote):
        byline = 1 if block.speaker or block.attribution else 0
        return _rows(plain(block.content), width - 4) + byline + 1
    if isinstance(block, Code):
        return block.code.count("\n") + 3
    if isinstance(block, Table):
        return len(block.rows) + 5
    if isinstance(block, Image):
        return 4
    if isinstance(block, Pause):
        return 0
    return 1


def _item_rows(item, width: int) -> int:
    rows = _rows(plain(item.content), width - 4)
    return rows + sum(block_rows(child, width - 4) - 1 for child in item.children)


def sentence_starts(text: str) -> list[int]:
    """Offsets in ``text`` where a sentence other than the first begins."""
    return sorted({m.end() for m in re.finditer(_SENTENCE_BREAK, text) if 0 < m.end() < len(text)})


def _split_block(block: Block, budget: int, first: int | None = None) -> list[Block]:
    """Split ``block`` into pieces of at most ``budget`` rows (``first`` rows for the first).

    Paragraphs split between sentences and lists between items; a block that cannot be
    split is returned whole. Every character of a paragraph stays in exactly one piece.
    """
    room = budget if first is None else first
    if isinstance(block, Paragraph):
        text = plain(block.content)
        bounds = [0, *sentence_starts(text), len(text)]
        cuts = [0]
        for start, end in zip(bounds[1:-1], bounds[2:]):
            if start > cuts[-1] and _rows(text[cuts[-1] : end].strip(), BODY_WIDTH) + 1 > room:
                cuts.append(start)
                room = budget
        if len(cuts) < 2:
            return [block]
        return _slice_paragraph(block, zip(cuts, [*cuts[1:], len(text)]))
    if isinstance(block, (BulletList, NumberedList)) and len(block.items) > 1:
        groups: list[tuple] = []
        current: list = []
        rows = 1
        for item in block.items:
            item_rows = _item_rows(item, BODY_WIDTH)
            if current and rows + item_rows > room:
                groups.append(tuple(current))
                current, rows, room = [], 1, budget
            current.append(item)
            rows += item_rows
        groups.append(tuple(current))
        return [replace(block, items=group) for group in groups]
    return [block]


def slice_paragraph(block: Paragraph, start: int, end: int) -> Paragraph:
    """The characters ``start:end`` of ``block`` with their styles, outer spaces dropped."""
    return _slice_paragraph(block, [(start, end)])[0]


def _slice_paragraph(block: Paragraph, ranges: Iterable[tuple[int, int]]) -> list[Paragraph]:
    """:func:`slice_paragraph` for each of ``ranges``, given in order: the spans are walked
    once, so cutting a long paragraph of many spans into many pieces stays linear."""
    full = plain(block.content)
    spans = block.content
    index, position = 0, 0  # the first span that does not end before the range, and its offset
    pieces = []
    for start, end in ranges:
        while start < end and full[start].isspace():
            start += 1
        while end > start and full[end - 1].isspace():
            end -= 1
        while index < len(spans) and position + len(spans[index].text) <= start:
            position += len(spans[index].text)
            index += 1
        kept = []
        s, i = position, index
        while i < len(spans) and s < end:
            span = spans[i]
            e = s + len(span.text)
            lo, hi = max(s, start), min(e, end)
            if lo < hi:
                kept.append(Span(span.text[lo - s : hi - s], span.styles, span.link))
            s, i = e, i + 1
        pieces.append(replace(block, content=tuple(kept) or (Span(full[start:end]),)))
    return pieces


def paginate(blocks: tuple[Block, ...], *, budget: int = BODY_ROWS) -> list[tuple[Block, ...]]:
    """Group ``blocks`` into pages of at most ``budget`` estimated rows (at least one block each).

    A block that fits on a page is never split: if it does not fit below what is already
    on the page it starts the next one. A block taller than a page is split, its first
    piece filling the room left on the current page when there is enough of it (or when a
    lead-in paragraph ending in ``:`` introduces it).
    """
    pages: list[list[Block]] = [[]]
    rows = 0

    def new_page() -> None:
        nonlocal rows
        if pages[-1]:
            pages.append([])
        rows = 0

    for index, block in enumerate(blocks):
        height = block_rows(block)
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if height > budget:
            room = budget - rows
            led_in = bool(pages[-1]) and introduces(pages[-1][-1], block)
            if pages[-1] and (room < MIN_ROOM and not led_in):
                new_page()
                room = budget
            pieces = _split_block(block, budget, room if pages[-1] else None)
            if pages[-1] and pieces and block_rows(pieces[0]) > room and not led_in:
                new_page()
                pieces = _split_block(block, budget)
            for piece in pieces:
                piece_rows = block_rows(piece)
                if pages[-1] and rows + piece_rows > budget:
                    new_page()
                pages[-1].append(piece)
                rows += piece_rows
            continue
        lead_in = introduces(block, following)
        need = height + (block_rows(following) if lead_in and following is not None else 0)
        if pages[-1] and rows + min(need, budget) > budget:
            new_page()
        pages[-1].append(block)
        rows += height
    return [tuple(page) for page in pages if page] or [()]


def introduces(block: Block, following: Block | None) -> bool:
    """Whether ``block`` is a lead-in (a paragraph ending in ``:``) for the list ``following``."""
    return (
        isinstance(block, Paragraph)
        and isinstance(following, (BulletList, NumberedList))
        and plain(block.content).rstrip().endswith(":")
    )

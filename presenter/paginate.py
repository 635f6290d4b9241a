"""Split a section that is too long for one slide at block boundaries.

Heights are estimated in terminal rows at a reference width, so the result does not
depend on the terminal. Long paragraphs split between sentences and long lists between
items, never mid-sentence; a paragraph ending in ``:`` stays with the list it introduces.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

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

#: Reference slide body: a 80x24 terminal less title, footer and margins.
BODY_WIDTH = 76
BODY_ROWS = 18
STAT_ROWS = 5

_SENTENCE = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'A-Z0-9])")


def _rows(text: str, width: int) -> int:
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


def _split_block(block: Block, budget: int) -> list[Block]:
    """Split one block that alone exceeds ``budget`` into pieces that fit, if it can."""
    if isinstance(block, Paragraph):
        text = plain(block.content)
        sentences = _SENTENCE.split(text)
        if len(sentences) < 2:
            return [block]
        pieces, current = [], []
        for sentence in sentences:
            candidate = " ".join(current + [sentence])
            if current and _rows(candidate, BODY_WIDTH) + 1 > budget:
                pieces.append(" ".join(current))
                current = [sentence]
            else:
                current.append(sentence)
        pieces.append(" ".join(current))
        return [_paragraph_like(block, piece) for piece in pieces]
    if isinstance(block, (BulletList, NumberedList)) and len(block.items) > 1:
        groups, current, rows = [], [], 1
        for item in block.items:
            item_rows = _item_rows(item, BODY_WIDTH)
            if current and rows + item_rows > budget:
                groups.append(tuple(current))
                current, rows = [], 1
            current.append(item)
            rows += item_rows
        groups.append(tuple(current))
        return [replace(block, items=group) for group in groups]
    return [block]


def _paragraph_like(block: Paragraph, text: str) -> Paragraph:
    # Re-derive spans for the piece while keeping the original styles of each span.
    spans, position = [], 0
    full = plain(block.content)
    start = full.index(text) if text in full else 0
    end = start + len(text)
    for span in block.content:
        s, e = position, position + len(span.text)
        position = e
        lo, hi = max(s, start), min(e, end)
        if lo < hi:
            spans.append(Span(span.text[lo - s : hi - s], span.styles, span.link))
    return replace(block, content=tuple(spans) or (Span(text),))


def paginate(blocks: tuple[Block, ...], *, budget: int = BODY_ROWS) -> list[tuple[Block, ...]]:
    """Group ``blocks`` into pages of at most ``budget`` estimated rows (at least one block each)."""
    pieces: list[Block] = []
    for block in blocks:
        pieces.extend(_split_block(block, budget) if block_rows(block) > budget else [block])
    pages: list[list[Block]] = [[]]
    rows = 0
    for index, block in enumerate(pieces):
        height = block_rows(block)
        lead_in = _introduces(block, pieces[index + 1] if index + 1 < len(pieces) else None)
        need = height + (block_rows(pieces[index + 1]) if lead_in else 0)
        if pages[-1] and rows + min(need, budget) > budget:
            pages.append([])
            rows = 0
        pages[-1].append(block)
        rows += height
    return [tuple(page) for page in pages if page] or [()]


def _introduces(block: Block, following: Block | None) -> bool:
    return (
        isinstance(block, Paragraph)
        and isinstance(following, (BulletList, NumberedList))
        and plain(block.content).rstrip().endswith(":")
    )

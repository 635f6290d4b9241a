"""Markdown syntax nodes to deck blocks: one converter per node type, and the comment commands.

Part of the Markdown deck parser (:mod:`presenter.sources.markdown`). Each node type maps
to a block through :data:`_BLOCKS`, the way ``rich/markdown.py`` maps token types to
elements; HTML blocks are read for comment commands, and anything else in them is
ignored and reported.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from presenter.model import (
    Block,
    BulletList,
    Code,
    Heading,
    Image,
    Inline,
    ListItem,
    NumberedList,
    Paragraph,
    Pause,
    Quote,
    Span,
    Table,
    plain,
)
from presenter.plaintext import block_text
from presenter.sources.inline import highlight_figures
from presenter.sources.mdsyntax import Node, Source, ignore_html, inline_of, inline_spans, plain_text
from presenter.sources.quotes import parse_attribution, quote_block

_FENCE_CLOSE = re.compile(r"^[\s>]*(`{3,}|~{3,})\s*$")
_BYLINE = re.compile(r"^\s*(?:—|–|--)\s*(\S.*)$", re.DOTALL)
TRUE_WORDS = {"true", "yes", "on", "1"}

# --------------------------------------------------------------------------- blocks


def _fence(node: Node, src: Source) -> list[Block]:
    assert node.map is not None
    start, end = node.map
    closer = _FENCE_CLOSE.match(src.texts[end - 1]) if end - 1 > start else None
    marker = node.markup
    if closer is None or closer.group(1)[0] != marker[0] or len(closer.group(1)) < len(marker):
        raise src.error(start, "unclosed code fence")
    language = node.info.split()[0] if node.info.split() else None
    return [Code(_drop_newline(node.content), language, lines=src.lines(node))]


def _code_block(node: Node, src: Source) -> list[Block]:
    return [Code(_drop_newline(node.content), None, lines=src.lines(node))]


def _drop_newline(code: str) -> str:
    return code[:-1] if code.endswith("\n") else code


def _paragraph(node: Node, src: Source) -> list[Block]:
    inline = next((child for child in node.children if child.type == "inline"), None)
    parts = inline.children if inline is not None else []
    images = [part for part in parts if part.type == "image"]
    rest = [part for part in parts if part.type != "image"]
    if images and all(part.type in ("softbreak", "hardbreak") or (part.type == "text" and not part.content.strip()) for part in rest):
        return [Image(plain_text(image), str(image.attrs.get("src", "")), lines=src.lines(node)) for image in images]
    content = inline_of(node, src)
    if not plain(content).strip():
        return []
    return [Paragraph(content, lines=src.lines(node))]


def _heading(node: Node, src: Source) -> list[Block]:
    return [Heading(inline_of(node, src), level=int(node.tag[1:]), lines=src.lines(node))]


def _list(node: Node, src: Source) -> list[Block]:
    numbered = node.type == "ordered_list"
    start = int(node.attrs.get("start", 1)) if numbered else None
    items = []
    for offset, item in enumerate(node.children):
        children = list(item.children)
        content: Inline = ()
        if children and children[0].type == "paragraph":
            content = inline_of(children.pop(0), src)
        nested: list[Block] = []
        for child in children:
            nested.extend(convert(child, src))
        number = None
        if numbered:
            number = int(item.info) if item.info.isdigit() else (start or 1) + offset
        items.append(ListItem(content, number, tuple(nested), lines=src.lines(item)))
    if numbered:
        return [NumberedList(tuple(items), lines=src.lines(node))]
    return [BulletList(tuple(items), lines=src.lines(node))]


def _quote(node: Node, src: Source) -> list[Block]:
    """A block quote; a last line starting with ``—`` or ``--`` names the speaker."""
    pieces: list[list[Node] | Inline] = []
    for child in node.children:
        if child.type in ("paragraph", "heading"):
            inline = next((c for c in child.children if c.type == "inline"), None)
            pieces.append(list(inline.children) if inline is not None else [])
        else:
            text = "\n".join(block_text(b) or fallback_text(b) for b in convert(child, src))
            if text.strip():
                pieces.append(highlight_figures(text))
    speaker = role = attribution = None
    if pieces and isinstance(pieces[-1], list):
        last = pieces[-1]
        breaks = [i for i, part in enumerate(last) if part.type in ("softbreak", "hardbreak")]
        cut = breaks[-1] + 1 if breaks else 0
        byline = _BYLINE.match("".join(plain_text(part) for part in last[cut:]))
        if byline and (cut or len(pieces) > 1):
            clause = byline.group(1).strip()
            said = parse_attribution(clause)
            if said is not None:  # "— says tech analyst Mark Johnson": the clause as written
                (speaker, role), attribution = said, clause
            else:
                speaker, _, role = (part.strip() for part in clause.partition(","))
                role = role or None
            pieces[-1] = last[: breaks[-1]] if breaks else []
    if speaker is None and len(pieces) == 1 and isinstance(pieces[0], list):
        # '> "We expect more," said Dr. Li Wei, director.': the same quote as in an article
        words = (" " if part.type in ("softbreak", "hardbreak") else plain_text(part) for part in pieces[0])
        said = quote_block("".join(words), src.lines(node))
        if said is not None:
            return [said]
    line = node.map[0] if node.map else 0
    spans: list[Span] = []
    for piece in pieces:
        inline = inline_spans(piece, src, line) if isinstance(piece, list) else piece
        if inline:
            if spans:
                spans.append(Span("\n"))
            spans.extend(inline)
    if not spans and speaker is None:
        return []
    return [Quote(tuple(spans), speaker=speaker or None, role=role, attribution=attribution, lines=src.lines(node))]


def _table(node: Node, src: Source) -> list[Block]:
    header: tuple[Inline, ...] = ()
    align: tuple[str, ...] = ()
    rows: list[tuple[Inline, ...]] = []
    for section in node.children:
        for row in section.children:
            cells = tuple(inline_of(cell, src) for cell in row.children)
            if section.type == "thead":
                header = cells
                align = tuple(_alignment(cell) for cell in row.children)
            else:
                rows.append(cells)
    return [Table(header, tuple(rows), align, lines=src.lines(node))]


def _alignment(cell: Node) -> str:
    style = str(cell.attrs.get("style", ""))
    for value in ("center", "right", "left"):
        if value in style:
            return value
    return "left"


def _html_block(node: Node, src: Source) -> list[Block]:
    ignore_html(node.content, node.map[0] if node.map else 0, src)
    return []


def _nothing(node: Node, src: Source) -> list[Block]:
    return []


_BLOCKS: dict[str, Callable[[Node, Source], list[Block]]] = {
    "paragraph": _paragraph,
    "heading": _heading,
    "bullet_list": _list,
    "ordered_list": _list,
    "blockquote": _quote,
    "fence": _fence,
    "code_block": _code_block,
    "table": _table,
    "html_block": _html_block,
    "hr": _nothing,
}


def convert(node: Node, src: Source) -> list[Block]:
    return _BLOCKS.get(node.type, _nothing)(node, src)


def fallback_text(block: Block) -> str:
    if isinstance(block, Heading):
        return plain(block.content)
    if isinstance(block, Code):
        return block.code
    if isinstance(block, Image):
        return block.alt
    if isinstance(block, Table):
        return " ".join(plain(cell) for cell in block.header)
    return ""


def incremental(block: Block) -> list[Block]:
    """A list revealed one item at a time: one list per item with pauses between."""
    if not isinstance(block, (BulletList, NumberedList)) or len(block.items) < 2:
        return [block]
    out: list[Block] = []
    for item in block.items:
        if out:
            out.append(Pause(lines=item.lines))
        out.append(replace(block, items=(item,), lines=item.lines))
    return out

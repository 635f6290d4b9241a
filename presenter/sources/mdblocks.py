"""Markdown syntax nodes to deck blocks: one converter per node type, and the comment commands.

Part of the Markdown deck parser (:mod:`presenter.sources.markdown`). Each node type maps
to a block through :data:`_BLOCKS`, the way ``rich/markdown.py`` maps token types to
elements; HTML blocks are read for comment commands, and anything else in them is
ignored and reported.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from presenter.model import (
    Block,
    BulletList,
    Code,
    Columns,
    Footnote,
    Heading,
    Image,
    Inline,
    Lines,
    ListItem,
    NumberedList,
    Paragraph,
    Quote,
    Span,
    Table,
    plain,
)
from presenter.pictures import locate
from presenter.plaintext import block_text
from presenter.sources.codeinfo import SUPPORTED_ATTRIBUTES, hidden_lines, parse_info
from presenter.sources.mdsyntax import Node, Source, html_paragraph, ignore_html, inline_of, inline_spans, plain_text
from presenter.sources.quotes import parse_attribution, quote_block

_FENCE_CLOSE = re.compile(r"^[\s>]*(`{3,}|~{3,})\s*$")
_ALERT = re.compile(r"\s*\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*", re.IGNORECASE)
_IMAGE_WIDTH = re.compile(r"^\s*image:(?:width|w):(\d{1,3})%\s*$", re.IGNORECASE)
_BYLINE = re.compile(r"^\s*(?:—|–|--)\s*(\S.*)$", re.DOTALL)
TRUE_WORDS = {"true", "yes", "on", "1"}

# --------------------------------------------------------------------------- blocks


def _fence(node: Node, src: Source) -> list[Block]:
    assert node.map is not None
    start, end = node.map
    closer = _FENCE_CLOSE.match(src.texts[end - 1]) if end - 1 > start else None
    marker = node.markup
    info = parse_info(node.info)
    where = f"line {src.number(start)}: "
    src.warnings.extend(where + problem for problem in info.problems)
    for name in info.attributes:
        if name not in SUPPORTED_ATTRIBUTES:
            src.not_supported(f"code +{name.partition(':')[0]}", src.number(start), node.info)
    if closer is None or closer.group(1)[0] != marker[0] or len(closer.group(1)) < len(marker):
        # CommonMark runs an unclosed fence to the end of its quote, list item or document
        src.warnings.append(f"{where}code fence {marker!r} is never closed; it runs to the end of its block")
        code = node.content.rstrip("\n")
    else:
        code = _drop_newline(node.content)
    return [
        Code(
            code,
            info.language,
            lines=src.lines(node),
            hidden=hidden_lines(code, info.language),
            attributes=info.attributes,
            highlight_groups=info.highlight_groups,
        )
    ]


def _code_block(node: Node, src: Source) -> list[Block]:
    code = _drop_newline(node.content)
    return [Code(code, None, lines=src.lines(node), hidden=hidden_lines(code, None))]


def _drop_newline(code: str) -> str:
    return code[:-1] if code.endswith("\n") else code


def _paragraph(node: Node, src: Source) -> list[Block]:
    return _paragraph_or_images(node, _inline_parts(node), inline_of(node, src), src)


def _paragraph_or_images(node: Node, parts: list[Node], content: Inline, src: Source) -> list[Block]:
    """A paragraph of ``parts`` (``content``), the images it holds if it is only images, or
    nothing if it shows nothing."""
    images = [part for part in parts if part.type == "image"]
    rest = [part for part in parts if part.type != "image"]
    if images and all(part.type in ("softbreak", "hardbreak") or (part.type == "text" and not part.content.strip()) for part in rest):
        return [_image(plain_text(image), str(image.attrs.get("src", "")), src.lines(node), src) for image in images]
    return [Paragraph(content, lines=src.lines(node))] if plain(content).strip() else []


def _image(alt: str, path: str, lines: Lines | None, src: Source) -> Image:
    """An image, its file found relative to the deck's folder (standard input's: the
    current folder); presenterm's ``image:width:50%`` alt is its share of the width."""
    share = None
    if match := _IMAGE_WIDTH.match(alt):
        alt, share = "", min(100, int(match.group(1))) / 100 or None
    file, problem = locate(path, src.path.parent if src.path is not None else Path.cwd())
    return Image(alt, path, lines=lines, file=str(file) if file else None, problem=problem, share=share)


def _heading(node: Node, src: Source) -> list[Block]:
    return [Heading(inline_of(node, src), level=int(node.tag[1:]), lines=src.lines(node))]


def _list(node: Node, src: Source) -> list[Block]:
    numbered = node.type == "ordered_list"
    start = int(node.attrs.get("start", 1)) if numbered else None
    items = []
    for offset, item in enumerate(node.children):
        children = list(item.children)
        content: Inline = ()
        checked = None
        if children and children[0].type == "paragraph":
            first = children.pop(0)
            parts = _inline_parts(first)
            if item.attrs.get("class") == "task-list-item" and parts and parts[0].type == "html_inline":
                checked = "checked" in parts[0].content  # GFM task list: the box the plugin drew
                content = _lstrip(inline_spans(parts[1:], src, first.map[0] if first.map else 0))
            else:
                content = inline_of(first, src)
        nested: list[Block] = []
        for child in children:
            nested.extend(convert(child, src))
        number = (start or 0) + offset if numbered else None  # CommonMark numbers from the first item's number
        items.append(ListItem(content, number, tuple(nested), lines=src.lines(item), checked=checked))
    if numbered:
        return [NumberedList(tuple(items), lines=src.lines(node))]
    return [BulletList(tuple(items), lines=src.lines(node))]


def _quote(node: Node, src: Source) -> list[Block]:
    """A block quote holds blocks, as in CommonMark: its first paragraph is the quote's
    content, the rest its children. A first line ``[!NOTE]`` (``TIP``, ``IMPORTANT``,
    ``WARNING``, ``CAUTION``) makes it a GFM alert; a last line starting with ``—`` or
    ``--`` names the speaker."""
    nodes = list(node.children)
    parts = {index: _inline_parts(child) for index, child in enumerate(nodes) if child.type == "paragraph"}
    alert = None
    if 0 in parts and parts[0] and parts[0][0].type == "text":
        marker = _ALERT.fullmatch(parts[0][0].content)
        if marker and (len(parts[0]) == 1 or parts[0][1].type in ("softbreak", "hardbreak")):
            alert, parts[0] = marker.group(1).lower(), parts[0][2:]
    speaker = role = attribution = None
    last = parts.get(len(nodes) - 1)
    if last is not None:
        breaks = [i for i, part in enumerate(last) if part.type in ("softbreak", "hardbreak")]
        cut = breaks[-1] + 1 if breaks else 0
        byline = _BYLINE.match("".join(plain_text(part) for part in last[cut:]))
        if byline and (cut or len(nodes) > 1):
            clause = byline.group(1).strip()
            said = parse_attribution(clause)
            if said is not None:  # "— says tech analyst Mark Johnson": the clause as written
                (speaker, role), attribution = said, clause
            else:
                speaker, _, role = (part.strip() for part in clause.partition(","))
                role = role or None
            parts[len(nodes) - 1] = last[: breaks[-1]] if breaks else []
    if speaker is None and alert is None and len(nodes) == 1 and last is not None:
        # '> "We expect more," said Dr. Li Wei, director.': the same quote as in an article
        words = (" " if part.type in ("softbreak", "hardbreak") else plain_text(part) for part in last)
        said = quote_block("".join(words), src.lines(node))
        if said is not None:
            return [said]
    blocks: list[Block] = []
    for index, child in enumerate(nodes):
        if index in parts:
            content = inline_spans(parts[index], src, child.map[0] if child.map else 0)
            blocks.extend(_paragraph_or_images(child, parts[index], content, src))
        else:
            blocks.extend(convert(child, src))
    content = blocks.pop(0).content if blocks and isinstance(blocks[0], Paragraph) else ()
    if not content and not blocks and speaker is None and alert is None:
        return []
    return [Quote(content, speaker=speaker or None, role=role, attribution=attribution, lines=src.lines(node), children=tuple(blocks), alert=alert)]


def _lstrip(content: Inline) -> Inline:
    """``content`` without the space that followed a task list item's box."""
    if content and content[0].text.startswith(" "):
        return (replace(content[0], text=content[0].text[1:]), *content[1:])
    return content


def _inline_parts(paragraph: Node) -> list[Node]:
    inline = next((child for child in paragraph.children if child.type == "inline"), None)
    return list(inline.children) if inline is not None else []


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
    """Inside a quote or list item: comment commands cannot act there; the text is shown."""
    ignore_html(node.content, node.map[0] if node.map else 0, src)
    paragraph = html_paragraph(node, src)
    return [paragraph] if paragraph is not None else []


def _footnotes(node: Node, src: Source) -> list[Block]:
    """The footnotes markdown-it gathered at the end of the text, one block each."""
    notes: list[Block] = []
    for note in node.children:
        parts: list[Span] = []
        for child in note.children:
            inline = inline_of(child, src) if child.type == "paragraph" else tuple(
                Span(block_text(b) or fallback_text(b)) for b in convert(child, src)
            )
            if parts and inline:
                parts.append(Span(" "))
            parts.extend(inline)
        first, last = (src.lines(note.children[0]), src.lines(note.children[-1])) if note.children else (None, None)
        lines = Lines(first.first, last.last) if first and last else None
        notes.append(Footnote(str(note.meta.get("label", "")), tuple(parts), lines=lines))
    return notes


def footnote_labels(blocks: Iterable[Block]) -> list[str]:
    """The labels of the footnotes ``blocks`` refer to, in reading order, each once."""
    found = (span.text[1:-1] for block in blocks for inline in _inlines(block) for span in inline if "footnote" in span.styles)
    return list(dict.fromkeys(found))


def _inlines(block: Block) -> Iterator[Inline]:
    """The inline content of ``block`` and the blocks in it, in reading order."""
    if isinstance(block, (Paragraph, Heading)):
        yield block.content
    elif isinstance(block, Quote):
        yield block.content
        for child in block.children:
            yield from _inlines(child)
    elif isinstance(block, (BulletList, NumberedList)):
        for item in block.items:
            yield item.content
            for child in item.children:
                yield from _inlines(child)
    elif isinstance(block, Table):
        yield from block.header
        for row in block.rows:
            yield from row
    elif isinstance(block, Columns):
        for column in block.columns:
            for child in column:
                yield from _inlines(child)


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
    "footnote_block": _footnotes,
}


def convert(node: Node, src: Source) -> list[Block]:
    return _BLOCKS.get(node.type, _nothing)(node, src)


def fallback_text(block: Block) -> str:
    if isinstance(block, Heading):
        return plain(block.content)
    if isinstance(block, Code):
        return block.shown
    if isinstance(block, Image):
        return block.alt
    if isinstance(block, Table):
        return " ".join(plain(cell) for cell in block.header)
    return ""

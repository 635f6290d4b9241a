"""The words of slides as plain strings, for search and miniatures (no styling), and where a
text's sentences break."""

from __future__ import annotations

import re

from presenter.model import Block, BulletList, Code, Columns, Footnote, Heading, Image, NumberedList, Paragraph, Quote, Slide, Table, plain, quote_marks


#: Where one sentence ends and the next begins: after ``.!?`` (and any closing quote or
#: bracket) and white space, before a capital (Latin or Cyrillic), digit or opening quote; or
#: after ``。！？``.
SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘'(\[A-Z0-9$€£¥\u0400-\u04ff])|(?<=[。！？])[”’」』）]*")


def block_text(block: Block) -> str:
    """The words of a paragraph, quote, list (items and nested blocks) or columns, without markers."""
    if isinstance(block, Paragraph):
        return plain(block.content)
    if isinstance(block, Quote):
        return "\n".join(filter(None, [plain(block.content), *(block_text(child) for child in block.children)]))
    if isinstance(block, (BulletList, NumberedList)):
        parts = []
        for item in block.items:
            parts.append(plain(item.content))
            parts.extend(block_text(child) for child in item.children)
        return "\n".join(parts)
    if isinstance(block, Columns):  # column by column
        return "\n".join(filter(None, (block_text(child) for column in block.columns for child in column)))
    return ""


def block_lines(block: Block) -> list[str]:
    """The text of ``block``, one entry per paragraph, item or row."""
    if isinstance(block, (Paragraph, Heading)):
        return [plain(block.content)]
    if isinstance(block, Quote):
        byline = block.attribution or (f"— {block.speaker}" if block.speaker else "")
        opening, closing = quote_marks(block.content)
        if block.alert:
            opening = closing = ""
        lines = [block.alert.title()] if block.alert else []
        lines += [f"{opening}{plain(block.content)}{closing}"] if block.content else []
        for child in block.children:
            lines.extend(block_lines(child))
        return lines + ([byline] if byline else [])
    if isinstance(block, (BulletList, NumberedList)):
        lines = []
        for index, item in enumerate(block.items, start=1):
            marker = f"{item.number if item.number is not None else index}." if isinstance(block, NumberedList) else "•"
            box = "" if item.checked is None else ("☑ " if item.checked else "☐ ")
            lines.append(f"{marker} {box}{plain(item.content)}")
            for child in item.children:
                lines.extend("  " + line for line in block_lines(child))
        return lines
    if isinstance(block, Code):
        return block.shown.rstrip("\n").split("\n")
    if isinstance(block, Table):
        rows = [block.header, *block.rows]
        return [" | ".join(plain(cell) for cell in row) for row in rows]
    if isinstance(block, Image):
        return [f"[image: {block.alt} ({block.path})]" if block.alt else f"[image: {block.path}]"]
    if isinstance(block, Footnote):
        return [f"[{block.label}] {plain(block.content)}"]
    if isinstance(block, Columns):  # column by column
        return [line for column in block.columns for child in column for line in block_lines(child)]
    return []


def slide_lines(slide: Slide) -> list[str]:
    """The body text of ``slide`` (subtitle included), without its title."""
    lines = [slide.subtitle] if slide.subtitle else []
    for block in slide.blocks:
        lines.extend(block_lines(block))
    return lines


def slide_search_text(slide: Slide) -> str:
    """Everything a search on ``slide`` looks through: title, body and speaker notes."""
    return "\n".join([slide.display_title, *slide_lines(slide), slide.notes])

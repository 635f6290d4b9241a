"""An article's cleaned, numbered lines read into blocks: the lede and the sections.

A heading is a short, title-like line (no sentence-final punctuation, not a list item;
:func:`is_title_like`) followed by body text, a ``#`` heading, or a line underlined with
``===`` or ``---``; it opens a :class:`Section`. Text between blank lines becomes paragraphs
(or quotations), ``-`` and ``1.`` lines and short lines after a ``:`` become lists, and a
caption line (:func:`~presenter.sources.captions.is_caption`) a paragraph of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from presenter.model import Block, BulletList, Lines, ListItem, NumberedList, Paragraph, Span
from presenter.sources.captions import is_caption, is_caption_block
from presenter.sources.inline import highlight_figures
from presenter.sources.nesting import DEEP_LIST_WARNING, MAX_LIST_DEPTH
from presenter.sources.quotes import quote_block

_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_BULLET = re.compile(r"^(\s*)[-*•‣◦▪]\s+(.*)$")
_NUMBERED = re.compile(r"^(\s*)(\d{1,9})[.)]\s+(.*)$")
#: Punctuation that ends a sentence or clause: a heading never ends in one, and a title
#: cut from text is stripped of it.
FINAL = ".!?,;:…\"”’'»。！？，；：、」』"
#: A line ending in one of these ends a paragraph.
_PARAGRAPH_END = ".!?:\"”’。！？："
#: A line that starts with a dash after a quotation is its attribution: ``— Name``.
_DASH_LINE = re.compile(r"^\s*(?:[—–]|--?\s)")
#: Longest heading in a script written without spaces (Chinese, Japanese).
MAX_UNSPACED_TITLE = 30
_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or the to vs via with".split())

Numbered = tuple[int, str]


@dataclass
class Section:
    """A heading and the blocks under it, up to the next heading."""

    title: str
    line: int
    blocks: list[Block] = field(default_factory=list)
    level: int | None = None
    """1 to 6 for a ``#`` heading, 1 for one underlined with ``===``, 2 with ``---``;
    None for a title-like line, whose level the text does not say."""

    @property
    def has_text(self) -> bool:
        """Whether the section has text of its own (not only captions)."""
        return not all(is_caption_block(block) for block in self.blocks)


def clean_title(text: str) -> str:
    """A title on one line: runs of spaces and tabs become one space."""
    return " ".join(text.split())


def _is_list_line(line: str) -> bool:
    return bool(_BULLET.match(line) or _NUMBERED.match(line))


def is_title_like(line: str) -> bool:
    """A short line that reads like a heading rather than a sentence."""
    text = line.strip()
    if not text or len(text) > 90 or _is_list_line(text):
        return False
    if text[-1] in FINAL or not (text[0].isupper() or text[0].isdigit() or _caseless(text[0])):
        return False
    words = text.split()
    if _caseless(text[0]) and len(text) > MAX_UNSPACED_TITLE:
        return False
    if len(words) > 12 or not any(c.isalpha() for c in text):
        return False
    if len(words) <= 6:
        return True
    big = [w for w in words if w.lower() not in _SMALL_WORDS]
    capitalised = sum(1 for w in big if w[:1].isupper() or w[:1].isdigit())
    return capitalised * 3 >= len(big) * 2


def _caseless(char: str) -> bool:
    """A letter of a script without capitals (Chinese, Arabic, Hebrew, ...)."""
    return char.isalpha() and not char.isupper() and not char.islower()


def _chunks(lines: Iterable[Numbered]) -> Iterator[list[Numbered]]:
    """The runs of lines between blank lines, one at a time."""
    chunk: list[Numbered] = []
    for numbered in lines:
        if numbered[1].strip():
            chunk.append(numbered)
        elif chunk:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Builder:
    """Walks the cleaned lines once, producing the lede and the sections."""

    def __init__(self) -> None:
        self.lede: list[Block] = []
        self.sections: list[Section] = []
        self.warnings: list[str] = []

    @property
    def target(self) -> list[Block]:
        return self.sections[-1].blocks if self.sections else self.lede

    def steps(self, lines: Iterable[Numbered]) -> Iterator[bool]:
        """Build from ``lines``, pausing after each run of lines between blank lines (and
        saying whether more follow)."""
        chunks = _chunks(lines)
        chunk = next(chunks, None)
        while chunk is not None:
            following = next(chunks, None)
            self._chunk(chunk, is_last_chunk=following is None)
            chunk = following
            yield chunk is not None

    def _chunk(self, chunk: list[Numbered], is_last_chunk: bool) -> None:
        text_lines: list[Numbered] = []
        items: list[tuple[int, int | None, str, int]] = []  # (line, number, text, indent)
        colon_list = False

        def flush_text() -> None:
            if text_lines:
                self._paragraphs(text_lines)
                text_lines.clear()

        def flush_items() -> None:
            if items:
                block, flattened = _make_list(items)
                if flattened:
                    self.warnings.append(f"line {items[0][0]}: {DEEP_LIST_WARNING}")
                self.target.append(block)
                items.clear()

        i = 0
        while i < len(chunk):
            number, line = chunk[i]
            following = chunk[i + 1][1] if i + 1 < len(chunk) else None
            atx = _ATX.match(line)
            bullet = _BULLET.match(line)
            numbered = _NUMBERED.match(line)
            if atx:
                flush_text(), flush_items()
                self.sections.append(Section(clean_title(atx.group(2)), number, level=len(atx.group(1))))
                colon_list = False
            elif not (bullet or numbered) and is_caption(line):
                flush_text(), flush_items()
                text = " ".join(line.split())
                self.target.append(Paragraph((Span(text, ("caption",)),), lines=Lines(number, number)))  # shown dimmed
                colon_list = False
            elif following is not None and _UNDERLINE.match(following) and not (bullet or numbered) and not text_lines:
                flush_text(), flush_items()
                level = 1 if following.strip().startswith("=") else 2
                self.sections.append(Section(clean_title(line), number, level=level))
                i += 1
                colon_list = False
            elif bullet or numbered:
                flush_text()
                if numbered:
                    items.append((number, int(numbered.group(2)), numbered.group(3), len(numbered.group(1))))
                else:
                    items.append((number, None, bullet.group(2), len(bullet.group(1))))
            elif colon_list and len(line.strip()) <= 120 and line.strip()[-1:] not in ".!?":
                items.append((number, None, line.strip(), 0))
            elif (
                is_title_like(line)
                and not (is_last_chunk and following is None)
                and (not text_lines or text_lines[-1][1].rstrip()[-1:] in FINAL)
                and not colon_list
                and not (following is not None and following.lstrip()[:1].islower())
            ):
                flush_text(), flush_items()
                self.sections.append(Section(clean_title(line), number))
            else:
                flush_items()
                text_lines.append((number, line))
                colon_list = line.rstrip().endswith(":") and following is not None and not _is_list_line(following) and _looks_like_bare_list(chunk[i + 1 :])
                if colon_list:
                    flush_text()
            i += 1
        flush_text()
        flush_items()

    def _paragraphs(self, lines: list[Numbered]) -> None:
        """Consecutive text lines: a line ending a sentence ends a paragraph."""
        current: list[Numbered] = []
        for index, (number, line) in enumerate(lines):
            current.append((number, line.strip()))
            following = lines[index + 1][1] if index + 1 < len(lines) else ""
            if current[0][1][:1] in "\"“„«" and _DASH_LINE.match(following):
                continue  # a quotation followed by its "— Name" line
            if line.rstrip()[-1:] in _PARAGRAPH_END:
                self.target.append(_paragraph(current))
                current = []
        if current:
            self.target.append(_paragraph(current))


def _looks_like_bare_list(rest: list[Numbered]) -> bool:
    """After a ``:`` line: two or more short lines that are not sentences."""
    short = 0
    for _, line in rest:
        text = line.strip()
        if len(text) > 120 or text[-1:] in ".!?":
            break
        short += 1
    return short >= 2


def _paragraph(lines: list[Numbered]) -> Block:
    text = " ".join(line for _, line in lines)
    where = Lines(lines[0][0], lines[-1][0])
    quote = quote_block(text, where)
    if quote is not None:
        return quote
    return Paragraph(highlight_figures(text), lines=where)


def _make_list(items: list[tuple[int, int | None, str, int]], depth: int = 1) -> tuple[Block, bool]:
    """Items (line, number, text, indent) to a list; deeper indents nest under the item above,
    down to :data:`~presenter.sources.nesting.MAX_LIST_DEPTH` levels, below which items stay
    at the deepest level. Also says whether any did."""
    base = min(indent for *_, indent in items)
    top: list[tuple[tuple[int, int | None, str, int], list]] = []
    flattened = False
    for item in items:
        deeper = item[3] > base and bool(top)
        if deeper and depth < MAX_LIST_DEPTH:
            top[-1][1].append(item)
        else:
            flattened = flattened or deeper
            top.append((item, []))
    list_items = []
    for (line, number, text, _), children in top:
        nested: tuple[Block, ...] = ()
        if children:
            child, deeper = _make_list(children, depth + 1)
            nested, flattened = (child,), flattened or deeper
        last = children[-1][0] if children else line
        list_items.append(ListItem(highlight_figures(text.strip()), number, nested, Lines(line, last)))
    where = Lines(items[0][0], items[-1][0])
    if top[0][0][1] is not None:
        return NumberedList(tuple(list_items), lines=where), flattened
    return BulletList(tuple(list_items), lines=where), flattened

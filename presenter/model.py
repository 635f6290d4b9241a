"""The deck model: plain, frozen data that every other layer reads.

Standard library only. A parser builds a :class:`Deck`; renderers, exporters, the
check report and the Textual app only read it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Union

from presenter.records import record


@record
class Span:
    """A run of inline text with one style."""

    text: str
    """The characters, exactly as written (never parsed as markup)."""
    styles: tuple[str, ...] = ()
    """Any of ``bold``, ``italic``, ``code``, ``strike``, ``stat``."""
    link: str | None = None
    """Target URL when the span is a hyperlink."""


Inline = tuple[Span, ...]
"""A paragraph's worth of inline text."""


def plain(inline: Inline) -> str:
    """The characters of ``inline`` without styles."""
    return "".join(span.text for span in inline)


_QUOTE_CHARS = "\"“”„«»「」"


def quote_marks(inline: Inline) -> tuple[str, str]:
    """The marks to show around quoted words: none when they already stand in one pair of
    quotation marks as written (``"Stay hungry"``), else ``“`` and ``”``."""
    text = plain(inline).strip()
    if len(text) >= 2 and text[0] in "\"“„«「" and text[-1] in "\"”“»」":
        if not any(char in _QUOTE_CHARS for char in text[1:-1]):
            return "", ""
    return "“", "”"


@record
class Lines:
    """The 1-based, inclusive source line range a block came from."""

    first: int
    last: int

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


@record
class Paragraph:
    """Running text."""

    content: Inline
    lines: Lines | None = None


@record
class Heading:
    """A heading inside a slide (below the slide's own title)."""

    content: Inline
    level: int = 2
    lines: Lines | None = None


@record
class ListItem:
    """One entry of a bullet or numbered list."""

    content: Inline
    number: int | None = None
    """The item's number as written, for numbered lists."""
    children: tuple["Block", ...] = ()
    """Nested lists (and paragraphs) below the item."""
    lines: Lines | None = None


@record
class BulletList:
    """An unordered list."""

    items: tuple[ListItem, ...]
    lines: Lines | None = None


@record
class NumberedList:
    """An ordered list; each item keeps the number it was written with."""

    items: tuple[ListItem, ...]
    lines: Lines | None = None


@record
class Quote:
    """A quotation and who said it."""

    content: Inline
    """The quoted words (without the surrounding quotation marks)."""
    speaker: str | None = None
    role: str | None = None
    attribution: str | None = None
    """The attribution clause as written, e.g. ``says Dr. Li Wei, director of ...``."""
    lines: Lines | None = None


@record
class Code:
    """Preformatted source code."""

    code: str
    language: str | None = None
    lines: Lines | None = None


@record
class Table:
    """A table with a header row; ``align`` holds ``left``, ``center`` or ``right``."""

    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    align: tuple[str, ...] = ()
    lines: Lines | None = None


@record
class Image:
    """An image reference, shown as a framed placeholder."""

    alt: str
    path: str
    lines: Lines | None = None


@record
class Pause:
    """Reveal the blocks after this one on the next key press."""

    lines: Lines | None = None


Block = Union[Paragraph, Heading, BulletList, NumberedList, Quote, Code, Table, Image, Pause]


@record
class Stat:
    """A key figure found in the text, shown as a stat card."""

    value: str
    """The figure exactly as written: ``34%``, ``$28.7 billion``, ``8,000``."""
    kind: str
    """``percent``, ``money`` or ``count``."""
    label: str
    """A short label taken from the figure's clause."""
    context: str
    """The sentence the figure stands in."""
    qualifier: str | None = None
    """A word that bounds the figure as written: ``over``, ``nearly``, ``about``."""
    previous: str | None = None
    """The earlier value of a change ("up from 18%")."""
    direction: str | None = None
    """``up`` or ``down`` when the text names a change."""
    line: int | None = None


@record
class Slide:
    """One screen of the presentation."""

    title: str
    blocks: tuple[Block, ...] = ()
    stats: tuple[Stat, ...] = ()
    """Key figures shown as stat cards."""
    notes: str = ""
    """Speaker notes: kept with the slide, never shown on it."""
    subtitle: str = ""
    """Only title slides have one."""
    is_title: bool = False
    part: tuple[int, int] | None = None
    """``(2, 3)`` for the second of three slides a long section was split into."""
    source_lines: Lines | None = None

    @property
    def display_title(self) -> str:
        if self.part is None:
            return self.title
        return f"{self.title} ({self.part[0]}/{self.part[1]})"


@record
class Removed:
    """Something the cleaner took out of the source, for the check report."""

    line: int
    text: str
    reason: str


@record
class Deck:
    """A whole presentation."""

    title: str
    subtitle: str = ""
    meta: tuple[tuple[str, str], ...] = ()
    """Front matter as ``(key, value)`` pairs, in the order written."""
    slides: tuple[Slide, ...] = ()
    source: Path | None = None
    removed: tuple[Removed, ...] = ()
    """Injected fragments and control characters the cleaner dropped."""
    warnings: tuple[str, ...] = ()
    """Problems that did not stop the deck from loading."""

    def meta_value(self, key: str, default: str = "") -> str:
        for k, v in self.meta:
            if k == key:
                return v
        return default

"""The deck model: plain, frozen data that every other layer reads.

Standard library only. A parser builds a :class:`Deck`; renderers, exporters, the
check report and the Textual app only read it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Union


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Lines:
    """The 1-based, inclusive source line range a block came from."""

    first: int
    last: int

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Running text."""

    content: Inline
    lines: Lines | None = None


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading inside a slide (below the slide's own title)."""

    content: Inline
    level: int = 2
    lines: Lines | None = None


@dataclass(frozen=True, slots=True)
class ListItem:
    """One entry of a bullet or numbered list."""

    content: Inline
    number: int | None = None
    """The item's number, for numbered lists."""
    children: tuple[Block, ...] = ()
    """Nested lists (and paragraphs) below the item."""
    lines: Lines | None = None


@dataclass(frozen=True, slots=True)
class BulletList:
    """An unordered list."""

    items: tuple[ListItem, ...]
    lines: Lines | None = None


@dataclass(frozen=True, slots=True)
class NumberedList:
    """An ordered list; each item keeps the number it was written with."""

    items: tuple[ListItem, ...]
    lines: Lines | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation and who said it."""

    content: Inline
    """The quoted words (without the surrounding quotation marks)."""
    speaker: str | None = None
    role: str | None = None
    attribution: str | None = None
    """The attribution clause as written, e.g. ``says Dr. Li Wei, director of ...``."""
    lines: Lines | None = None


@dataclass(frozen=True, slots=True)
class Code:
    """Preformatted source code."""

    code: str
    language: str | None = None
    lines: Lines | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a header row; ``align`` holds ``left``, ``center`` or ``right``."""

    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    align: tuple[str, ...] = ()
    lines: Lines | None = None


@dataclass(frozen=True, slots=True)
class Image:
    """An image reference, shown as a framed placeholder."""

    alt: str
    path: str
    lines: Lines | None = None


@dataclass(frozen=True, slots=True)
class Pause:
    """Reveal the blocks after this one on the next key press."""

    lines: Lines | None = None


Block = Union[Paragraph, Heading, BulletList, NumberedList, Quote, Code, Table, Image, Pause]


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Slide:
    """One slide: a section of the source."""

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
    """``(2, 3)`` for the second of three pieces a slide too tall for its window was
    fitted into (:mod:`presenter.fit`); parsers never set it."""
    source_lines: Lines | None = None

    @property
    def display_title(self) -> str:
        if self.part is None:
            return self.title
        return f"{self.title} ({self.part[0]}/{self.part[1]})"


@dataclass(frozen=True, slots=True)
class Removed:
    """Something the cleaner took out of the source, for the check report."""

    line: int
    text: str
    reason: str


def meta_text(value: Any) -> str:
    """A front matter value as text: a list joined with commas, a date as ``2024-05-01``,
    a mapping (nested options) as nothing."""
    if value is None or isinstance(value, Mapping):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ", ".join(filter(None, (meta_text(item) for item in value)))
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True, slots=True)
class Deck:
    """A whole presentation."""

    title: str
    subtitle: str = ""
    meta: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    """The front matter as its YAML reads (nested mappings and lists included)."""
    slides: tuple[Slide, ...] = ()
    source: Path | None = None
    removed: tuple[Removed, ...] = ()
    """Injected fragments and control characters the cleaner dropped."""
    warnings: tuple[str, ...] = ()
    """Problems that did not stop the deck from loading."""
    partial: bool = False
    """The slides read so far of a deck whose parser has more to read."""

    def meta_value(self, key: str, default: str = "") -> str:
        """Front matter ``key`` as text (:func:`meta_text`); ``theme.name`` reaches into
        ``theme:``. ``default`` when it is missing or empty."""
        value: Any = self.meta
        for part in key.split("."):
            if not isinstance(value, Mapping) or part not in value:
                return default
            value = value[part]
        return meta_text(value) or default

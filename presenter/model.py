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
    """Any of ``bold``, ``italic``, ``code``, ``strike``, ``stat``, ``footnote``, and
    ``caption`` (an article's photo caption or credit, shown dimmed)."""
    link: str | None = None
    """Target URL when the span is a hyperlink."""


Inline = tuple[Span, ...]
"""A paragraph's worth of inline text."""

HighlightGroup = tuple[tuple[int, int], ...]
"""Lines of a code block to highlight, as inclusive 1-based ranges; ``()`` is every line."""


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
    """The blocks after the item's first paragraph: nested lists, paragraphs, code, quotes."""
    lines: Lines | None = None
    checked: bool | None = None
    """A GFM task list item's box: ticked (True) or not (False); None for other items."""


@dataclass(frozen=True, slots=True)
class BulletList:
    """An unordered list."""

    items: tuple[ListItem, ...]
    lines: Lines | None = None
    reveal: bool = False
    """Shown an item at a time, nested items too, a key press each (incremental lists)."""


@dataclass(frozen=True, slots=True)
class NumberedList:
    """An ordered list; each item has its number (in Markdown, counted from the first's)."""

    items: tuple[ListItem, ...]
    lines: Lines | None = None
    reveal: bool = False
    """Shown an item at a time, nested items too, a key press each (incremental lists)."""


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation and who said it."""

    content: Inline
    """The quoted words (without the surrounding quotation marks): the first paragraph,
    empty when the quote opens with another kind of block."""
    speaker: str | None = None
    role: str | None = None
    attribution: str | None = None
    """The attribution clause as written, e.g. ``says Dr. Li Wei, director of ...``."""
    lines: Lines | None = None
    children: tuple[Block, ...] = ()
    """The blocks after the first paragraph, as a Markdown block quote holds them: more
    paragraphs, lists, code, tables, headings and quotes inside quotes."""
    alert: str | None = None
    """A GFM alert's kind (``note``, ``tip``, ``important``, ``warning``, ``caution``): the
    quote is shown as a callout titled with it."""


@dataclass(frozen=True, slots=True)
class Output:
    """What a run of a code block printed (:mod:`presenter.execute`), or a hint that it can run."""

    text: str = ""
    """Standard output and error as they came, control characters removed."""
    status: str = ""
    """``exit 0``, ``killed after 30 s``, ``running…``, or a hint such as ``run with --exec
    to run this``."""
    done: bool = False
    """The run has ended (else it is still going, or has not started)."""


@dataclass(frozen=True, slots=True)
class Code:
    """Preformatted source code, with presenterm's info-string extras
    (:mod:`presenter.sources.codeinfo`)."""

    code: str
    """Every line as written, hidden ones included (a run needs them; exports write them back)."""
    language: str | None = None
    lines: Lines | None = None
    hidden: tuple[int, ...] = ()
    """0-based indexes of the lines of ``code`` never shown: Rust's ``# `` lines, ``/// `` lines."""
    attributes: tuple[str, ...] = ()
    """presenterm's ``+attributes`` as written, without the ``+``: ``line_numbers``, ``exec``, ``id:a``."""
    highlight_groups: tuple[HighlightGroup, ...] = ()
    """presenterm's ``{1-4|6,8|all}``: the lines to highlight, one group per step (each step
    a key press, like a pause). Line numbers count the shown lines; ``()`` is every line."""
    output: Output | None = None
    """Shown under the code: a run's output, or a hint (set by the app and ``--exec``)."""

    @property
    def shown(self) -> str:
        """The code as shown: without the hidden lines."""
        if not self.hidden:
            return self.code
        hidden = set(self.hidden)
        return "\n".join(line for index, line in enumerate(self.code.split("\n")) if index not in hidden)

    @property
    def line_numbers(self) -> bool:
        return "line_numbers" in self.attributes

    @property
    def steps(self) -> int:
        """Key presses that move the highlight on: one fewer than the groups."""
        return max(0, len(self.highlight_groups) - 1)


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a header row; ``align`` holds ``left``, ``center`` or ``right``."""

    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    align: tuple[str, ...] = ()
    lines: Lines | None = None


@dataclass(frozen=True, slots=True)
class Image:
    """A picture, drawn in terminal cells (:mod:`presenter.pictures`)."""

    alt: str
    path: str
    """As written in the deck."""
    lines: Lines | None = None
    file: str | None = None
    """The file ``path`` names, inside the deck's folder; None when there is none to show."""
    problem: str | None = None
    """Why there is no file: a URL (never fetched) or a place outside the deck's folder."""
    share: float | None = None
    """The share of the slide's width the deck asks for (presenterm's ``image:width:50%``)."""


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote's text, shown at the foot of the slide that refers to it (GFM ``[^1]``)."""

    label: str
    """As written: ``1`` for ``[^1]``. A reference to it is a span styled ``footnote``
    whose text is ``[1]``."""
    content: Inline
    lines: Lines | None = None


@dataclass(frozen=True, slots=True)
class Pause:
    """Reveal the blocks after this one on the next key press."""

    lines: Lines | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal line across the slide: a thematic break (``---``) that does not end it
    (presenterm, where ``<!-- end_slide -->`` does)."""

    lines: Lines | None = None


@dataclass(frozen=True, slots=True)
class Space:
    """Blank rows between the blocks around it (presenterm's ``new_lines``)."""

    rows: int = 1
    """How many more blank rows the slide shows here than it would without this block."""
    lines: Lines | None = None
    to_middle: bool = False
    """The blocks after it start at the middle row of the screen (presenterm's
    ``<!-- jump_to_middle -->`` below the title or text); one blank row where the screen's
    height is not known (the text export)."""


@dataclass(frozen=True, slots=True)
class Alignment:
    """The blocks after this one, to the next alignment or the slide's end, are aligned
    ``to`` the left, centre or right (presenterm's ``<!-- alignment: center -->``)."""

    to: str = "left"
    """``left``, ``center`` or ``right``."""
    lines: Lines | None = None


@dataclass(frozen=True, slots=True)
class Columns:
    """Blocks side by side in columns (presenterm's ``<!-- column_layout: [2, 1] -->``,
    ``<!-- column: N -->`` and ``<!-- reset_layout -->``); too narrow a slide stacks them."""

    widths: tuple[int, ...]
    """Each column's share of the width, as written: ``(2, 1)``."""
    columns: tuple[tuple[Block, ...], ...]
    """Each column's blocks (one entry per width; a column may be empty), pauses included."""
    lines: Lines | None = None
    order: tuple[tuple[int, int], ...] = ()
    """The blocks in the order written, as ``(column, index)``: pauses reveal them in this
    order (presenterm may fill column 1 before column 0). Empty: column by column."""

    def in_order(self) -> tuple[Block, ...]:
        """The blocks in the order written."""
        if not self.order:
            return tuple(block for column in self.columns for block in column)
        return tuple(self.columns[column][index] for column, index in self.order)


Block = Union[Paragraph, Heading, BulletList, NumberedList, Quote, Code, Table, Image, Footnote, Pause, Rule, Space, Alignment, Columns]

#: Blocks that show nothing themselves: a slide of only these has no content.
MARKERS = (Pause, Space, Alignment)


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
    untitled: bool = False
    """The deck gave the slide no title: ``title`` was made from its first words (or its
    number) for the footer, overview and search, and the slide itself shows none, as
    presenterm and ``slides`` do."""
    align: str = "left"
    """How the title and the blocks before any :class:`Alignment` are aligned: ``left``,
    ``center`` or ``right`` (presenterm's ``<!-- alignment -->`` above the title)."""
    middle: bool = False
    """The slide is drawn in the vertical middle of the screen (presenterm's
    ``<!-- jump_to_middle -->`` above its content)."""
    footer: bool = True
    """The app shows its footer on this slide (presenterm's ``<!-- no_footer -->`` hides it)."""

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
    flavor: str = ""
    """The tool a Markdown deck was read as written for (``presenterm``, ``slides``,
    ``lookatme``, ``patat``, ``commonmark``); empty for an article."""

    def meta_value(self, key: str, default: str = "") -> str:
        """Front matter ``key`` as text (:func:`meta_text`); ``theme.name`` reaches into
        ``theme:``. ``default`` when it is missing or empty."""
        value: Any = self.meta
        for part in key.split("."):
            if not isinstance(value, Mapping) or part not in value:
                return default
            value = value[part]
        return meta_text(value) or default

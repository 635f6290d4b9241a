"""Plain-text articles to decks.

A heading is a short, title-like line (no sentence-final punctuation, not a list item)
followed by body text, a ``#`` heading, or a line underlined with ``===`` or ``---``.
Text before the first heading is the lede: its first paragraph becomes the title slide's
subtitle. Articles without headings become slides of a few paragraphs each.

A caption or credit line (``Credit: NASA/JPL-Caltech``, ``Photo: …``, ``Image: …``,
``View full size image``, ``… (AP Photo/…)``; :func:`is_caption`) is never a heading and
never joins the text around it: it is a paragraph of its own, where it stands, with the
paragraph or picture it belongs to. It does not count as a section's text, and on a slide
of a few paragraphs it goes with the paragraph before it.

A section without text of its own (a heading followed at once by another, or holding only
captions) becomes a section-title slide: a title slide (``is_title``) titled with its
heading, whose subtitle lists the headings it holds, one a line (:func:`held_headings`),
its captions (if any) under them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from itertools import islice, takewhile
from pathlib import Path
from typing import Any

from presenter.clean import strip_controls
from presenter.errors import PresenterError
from presenter.model import (
    Block,
    BulletList,
    Deck,
    Inline,
    Lines,
    ListItem,
    NumberedList,
    Paragraph,
    Quote,
    Removed,
    Slide,
    Span,
    Stat,
    plain,
)
from presenter.plaintext import block_text
from presenter.repair import repair_and_clean
from presenter.sources import FIRST_SLIDES, last_deck
from presenter.sources.frontmatter import split_front_matter, title_fields
from presenter.sources.inline import highlight_figures
from presenter.sources.nesting import DEEP_LIST_WARNING, MAX_LIST_DEPTH
from presenter.sources.quotes import quote_block
from presenter.sources.stats import MAX_CANDIDATES, choose_cards, iter_stats

_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_BULLET = re.compile(r"^(\s*)[-*•‣◦▪]\s+(.*)$")
_NUMBERED = re.compile(r"^(\s*)(\d{1,9})[.)]\s+(.*)$")
_FINAL = ".!?,;:…\"”’'»。！？，；：、」』"
#: A line ending in one of these ends a paragraph.
_PARAGRAPH_END = ".!?:\"”’。！？："
#: A line that starts with a dash after a quotation is its attribution: ``— Name``.
_DASH_LINE = re.compile(r"^\s*(?:[—–]|--?\s)")
#: Longest heading in a script written without spaces (Chinese, Japanese).
MAX_UNSPACED_TITLE = 30
_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or the to vs via with".split())
#: Paragraphs per slide in an article without headings.
PARAGRAPHS_PER_SLIDE = 3
#: Headings a section-title slide lists; more are counted.
MAX_HELD_HEADINGS = 8
#: Longest caption or credit line.
MAX_CAPTION = 200

Numbered = tuple[int, str]

#: Caption and credit lines: a credit or media label with a colon, "Photo by …", a link
#: to the picture ("View full size image"), a figure's number.
_CAPTION = re.compile(
    r"""
    \(?(?:(?:photo(?:graph)?|image|picture|illustration|graphic|video|map|chart|cover|header|top|lead)\s+)?
        (?:credits?|courtesy)\s*[:：]                                      # Credit: / Image credit:
  | \(?(?:photo(?:graph)?s?|images?|pictures?|illustrations?|graphics?|captions?|videos?|maps?|charts?
        |sources?|artwork)\s*[:：]                                         # Photo: / Image: / Source:
  | (?:photo(?:graph)?s?|images?|pictures?|illustrations?|videos?)\s+(?:by|courtesy|via)\s   # Photo by …
  | courtesy\s+of\s
  | fig(?:ure)?\.?\s*\d+[a-z]?\s*[:.|–—-]\s                               # Figure 2: …
    """,
    re.IGNORECASE | re.VERBOSE,
)
#: A line that is only a link to a picture: "View full size image", "Click to enlarge".
_PICTURE_LINK = re.compile(
    r"""
    (?:click\s+(?:here\s+)?to\s+)?(?:view|see|open|enlarge|expand|zoom)
    (?:\s+(?:the|this|a))?
    (?:\s+(?:full[-\s]?(?:size[d]?|screen|resolution)|larger|high[-\s]?res(?:olution)?|original))?
    (?:\s+(?:size))?
    (?:\s+(?:image|photo|picture|graphic|gallery|slideshow|video|map|chart)s?)?
    (?:\s+(?:gallery|slideshow))?
    |click\s+(?:here\s+)?to\s+(?:enlarge|zoom|expand)
    """,
    re.IGNORECASE | re.VERBOSE,
)
#: A credit closing a line: "... (AP Photo/Andy Wong)", "(Reuters)".
_CREDIT_TAIL = re.compile(
    r"\((?:[^()]*\s)?(?:photos?|images?|pics?)\s*/[^()]*\)\s*$|\((?:AP|AFP|Reuters|EPA|Getty\s+Images|Xinhua)\)\s*$",
    re.IGNORECASE,
)
_MEDIA_WORD = re.compile(r"\b(?:image|photo|picture|graphic|gallery|slideshow|video|map|chart)s?\b|^click\b", re.IGNORECASE)


def is_caption(line: str) -> bool:
    """Whether ``line`` is a picture's caption or credit rather than a heading or text."""
    text = line.strip()
    if not text or len(text) > MAX_CAPTION or not (text[0].isupper() or text[0] == "("):
        return False
    if _CAPTION.match(text) or _CREDIT_TAIL.search(text):
        return True
    link = _PICTURE_LINK.fullmatch(text.rstrip(" .:›»→>"))
    return link is not None and _MEDIA_WORD.search(text) is not None


def is_caption_block(block: Block) -> bool:
    """Whether ``block`` is a caption paragraph (see :func:`is_caption`)."""
    return isinstance(block, Paragraph) and is_caption(plain(block.content))


@dataclass
class _Section:
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


def title_from_filename(path: Path | None) -> str:
    """``shanghai-tech-hub.txt`` -> ``Shanghai Tech Hub``."""
    if path is None:
        return "Untitled"
    words = re.split(r"[-_\s]+", strip_controls(path.stem))
    return " ".join(w[:1].upper() + w[1:] for w in words if w) or "Untitled"


def title_from_text(text: str, max_words: int = 6) -> str:
    """The first words of ``text`` as a slide title, with an ellipsis if cut."""
    words = text.split()
    if words and len(words[0]) > 24 and not words[0].isascii():
        # a script written without spaces: cut at the first clause, or after 16 characters
        first = words[0]
        cut = min((first.find(mark) for mark in "。！？，；：" if 0 < first.find(mark) <= 16), default=16)
        return first[:cut].rstrip(_FINAL) + "…"
    head = " ".join(words[:max_words]).rstrip(_FINAL + " -—–")
    return head + ("…" if len(words) > max_words else "")


def _is_list_line(line: str) -> bool:
    return bool(_BULLET.match(line) or _NUMBERED.match(line))


def is_title_like(line: str) -> bool:
    """A short line that reads like a heading rather than a sentence."""
    text = line.strip()
    if not text or len(text) > 90 or _is_list_line(text):
        return False
    if text[-1] in _FINAL or not (text[0].isupper() or text[0].isdigit() or _caseless(text[0])):
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


class _Builder:
    """Walks the cleaned lines once, producing the lede and the sections."""

    def __init__(self) -> None:
        self.lede: list[Block] = []
        self.sections: list[_Section] = []
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
                self.sections.append(_Section(clean_title(atx.group(2)), number, level=len(atx.group(1))))
                colon_list = False
            elif not (bullet or numbered) and is_caption(line):
                flush_text(), flush_items()
                text = " ".join(line.split())
                self.target.append(Paragraph((Span(text),), lines=Lines(number, number)))
                colon_list = False
            elif following is not None and _UNDERLINE.match(following) and not (bullet or numbered) and not text_lines:
                flush_text(), flush_items()
                level = 1 if following.strip().startswith("=") else 2
                self.sections.append(_Section(clean_title(line), number, level=level))
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
                and (not text_lines or text_lines[-1][1].rstrip()[-1:] in _FINAL)
                and not colon_list
                and not (following is not None and following.lstrip()[:1].islower())
            ):
                flush_text(), flush_items()
                self.sections.append(_Section(clean_title(line), number))
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


def stats_of(blocks: tuple[Block, ...]) -> tuple[Stat, ...]:
    """The key figures of a slide: the first few figures in the prose of its blocks (never
    in code or a link's text)."""
    found: list[Stat] = []
    for block in blocks:
        if isinstance(block, (BulletList, NumberedList)):
            parts = block.items
        elif isinstance(block, (Paragraph, Quote)):
            parts = (block,)
        else:
            continue
        for part in parts:
            line = part.lines.first if part.lines else None
            text, skip = _prose(part.content)
            found.extend(islice(iter_stats(text, line=line, skip=skip), MAX_CANDIDATES - len(found)))
            if len(found) == MAX_CANDIDATES:
                return choose_cards(found)  # later figures are not even looked at
    return choose_cards(found)


def _prose(content: Inline) -> tuple[str, list[tuple[int, int]]]:
    """The characters of ``content``, and where in them code and links are."""
    skip: list[tuple[int, int]] = []
    position = 0
    for span in content:
        end = position + len(span.text)
        if span.link is not None or "code" in span.styles:
            if skip and skip[-1][1] == position:
                skip[-1] = (skip[-1][0], end)
            else:
                skip.append((position, end))
        position = end
    return plain(content), skip


def section_slide(
    title: str, blocks: tuple[Block, ...], line: int | None, *, notes: str = "", whole: Lines | None = None
) -> Slide:
    """A section as one slide, its key figures as stat cards.

    ``whole``, if given, is the source lines of the section; otherwise the lines its blocks
    and heading ``line`` span. A slide taller than its window is shown in pieces
    (:mod:`presenter.fit`), never cut here.
    """
    return Slide(
        title=title,
        blocks=blocks,
        stats=stats_of(blocks),
        notes=notes,
        source_lines=whole if whole is not None else _span_lines(blocks, line),
    )


def held_headings(sections: list[_Section]) -> dict[int, list[str]]:
    """The headings each section without text of its own holds, by its index: those after
    it down to the next of its level or above (``#`` and underlined headings say their
    level), or, for a title-like line, down to the next section without text of its own
    that follows one with text (a new group). At most :data:`MAX_HELD_HEADINGS`, the last
    saying how many more. One pass from the end, however many sections there are."""
    count = len(sections)
    has_text = [section.has_text for section in sections]
    next_text = [count] * (count + 1)  # the first section at or after i with text
    next_bare = [count] * (count + 1)  # ... without text
    for i in range(count - 1, -1, -1):
        next_text[i] = i if has_text[i] else next_text[i + 1]
        next_bare[i] = next_bare[i + 1] if has_text[i] else i
    nearest = [count] * 7  # the nearest section after i with a heading of each level
    held: dict[int, list[str]] = {}
    for i in range(count - 1, -1, -1):
        level = sections[i].level
        if not has_text[i]:
            if level is not None:
                end = min(nearest[1 : level + 1])
            else:
                first_text = next_text[i + 1]
                end = next_bare[first_text + 1] if first_text < count else count
            titles = [section.title for section in sections[i + 1 : min(end, i + 1 + MAX_HELD_HEADINGS)]]
            if end - i - 1 > MAX_HELD_HEADINGS:
                titles[-1] = f"… and {end - i - MAX_HELD_HEADINGS} more"
            held[i] = titles
        if level is not None:
            nearest[level] = i
    return held


def _section_slides(sections: list[_Section], slides: list[Slide | None]) -> list[Slide]:
    """``slides`` (one per section, so far) with a section-title slide for each section
    without text of its own: the section's heading, the headings it holds (known so far)
    as its subtitle, one a line, and its captions, if any, centred under them."""
    held = held_headings(sections)
    out: list[Slide] = []
    for index, (section, slide) in enumerate(zip(sections, slides)):
        if slide is None:
            blocks = tuple(section.blocks)
            slide = Slide(
                title=section.title,
                blocks=blocks,
                subtitle="\n".join(held[index]),
                is_title=True,
                source_lines=_span_lines(blocks, section.line),
                align="center" if blocks else "left",
            )
        out.append(slide)
    return out


def _text_slide(section: _Section) -> Slide | None:
    """The slide of a section with text of its own; None for one without (its slide lists
    headings that may not have been read yet: :func:`_section_slides` makes it)."""
    return section_slide(section.title, tuple(section.blocks), section.line) if section.has_text else None


def _span_lines(blocks: tuple[Block, ...], heading_line: int | None) -> Lines | None:
    firsts = [b.lines.first for b in blocks if getattr(b, "lines", None)]
    lasts = [b.lines.last for b in blocks if getattr(b, "lines", None)]
    first = heading_line if heading_line is not None else (min(firsts) if firsts else None)
    if first is None:
        return None
    return Lines(first, max(lasts + [first]))


def _expand_tabs(lines: Iterable[Numbered]) -> Iterator[Numbered]:
    """Tabs are only spacing in an article; expanded here they cannot confuse a renderer's
    width measurement (a tab in a list item was cut off with an ellipsis)."""
    for numbered in lines:
        yield (numbered[0], numbered[1].expandtabs(4)) if "\t" in numbered[1] else numbered


def parse_article(text: str, *, source: Path | None = None) -> Deck:
    """Turn a plain-text article into a deck (a pure function of its arguments)."""
    return last_deck(article_stages(text, source=source))


def article_stages(text: str, *, source: Path | None = None, first: int = FIRST_SLIDES) -> Iterator[Deck | None]:
    """Parse an article a run of lines at a time, for a deck shown while it is read.

    Yields ``None`` after each run of lines between blank lines (a point to pause at), a
    partial deck whenever the slides of finished sections reach ``first``, twice ``first``,
    ... and the complete deck (what :func:`parse_article` returns) last. A section is
    finished when the next one begins; the title slide, whose subtitle is the first
    paragraph, is known once the first section begins.

    Text decoded with the wrong encoding is repaired (:mod:`presenter.repair`) before
    controls and injected fragments are removed (:mod:`presenter.clean`).
    """
    cleaned = repair_and_clean(text)
    meta, _, body_start, meta_removed = split_front_matter(cleaned.lines, source)
    if meta_removed:
        cleaned = replace(cleaned, removed=tuple(sorted((*cleaned.removed, *meta_removed), key=lambda r: r.line)))
    fields = title_fields(meta)
    title = fields["title"] or title_from_filename(source)
    builder = _Builder()
    head: list[Slide] | None = None  # the title slide and the lede's, once a section has begun
    done: list[Slide | None] = []  # the slides of finished sections (None: see _text_slide)
    shown = first
    for more in builder.steps(_expand_tabs(cleaned.lines[body_start:])):
        if head is None and builder.sections:
            head = _head_slides(title, fields, builder.lede, sections=True)
        while len(done) < len(builder.sections) - 1:
            done.append(_text_slide(builder.sections[len(done)]))
        if more and head is not None and len(done) >= shown:
            shown *= 2
            slides = _section_slides(builder.sections, done)  # with the headings held so far
            yield replace(_article_deck(title, meta, (*head, *slides), source, cleaned.removed, builder.warnings), partial=True)
        else:
            yield None
    if not builder.lede and not builder.sections:
        raise PresenterError(source, None, "has no text to present")
    if head is None:
        head = _head_slides(title, fields, builder.lede, sections=False)
    for section in builder.sections[len(done) :]:
        done.append(_text_slide(section))
    slides = _section_slides(builder.sections, done)  # the headings each holds: all known now
    yield _article_deck(title, meta, (*head, *slides), source, cleaned.removed, builder.warnings)


def _head_slides(title: str, fields: dict[str, str], lede: list[Block], *, sections: bool) -> list[Slide]:
    """The title slide (the first paragraph is its subtitle) and the slides of the lede:
    one slide before the first section, or slides of a few paragraphs if there is none."""
    lede = list(lede)
    # Captions before the first paragraph, and a lede of nothing but captions after it, are
    # the credits of the article's own picture: the title slide shows them.
    captions = list(takewhile(is_caption_block, lede))
    lede = lede[len(captions) :]
    subtitle = fields["subtitle"]
    first_lede = lede[0] if lede and isinstance(lede[0], Paragraph) else None
    if not subtitle and first_lede is not None:
        subtitle = plain(first_lede.content)
        lede = lede[1:]
    if all(is_caption_block(block) for block in lede):
        captions, lede = captions + lede, []
    shown = (*captions, first_lede) if first_lede is not None else tuple(captions)
    title_lines = _span_lines(shown, None)
    align = "center" if captions else "left"
    slides = [Slide(title=title, subtitle=subtitle, is_title=True, source_lines=title_lines, blocks=tuple(captions), align=align)]
    if sections:
        if lede:
            slides.append(section_slide(_lede_title(lede), tuple(lede), None))
        return slides
    for group in _groups(lede):
        slides.append(section_slide(_lede_title(group), group, None))
    return slides


def _lede_title(blocks: list[Block] | tuple[Block, ...]) -> str:
    """A slide title from the first words of the first block that is not a caption."""
    first = next((block for block in blocks if not is_caption_block(block)), blocks[0])
    return title_from_text(block_text(first))


def _groups(blocks: list[Block]) -> Iterator[tuple[Block, ...]]:
    """``blocks`` a few at a time (:data:`PARAGRAPHS_PER_SLIDE`), a caption with the block
    before it."""
    group: list[Block] = []
    count = 0
    for block in blocks:
        caption = is_caption_block(block)
        if count == PARAGRAPHS_PER_SLIDE and not caption:
            yield tuple(group)
            group, count = [], 0
        group.append(block)
        count += not caption
    if group:
        yield tuple(group)


def _article_deck(
    title: str, meta: Mapping[str, Any], slides: tuple[Slide, ...], source: Path | None, removed: tuple[Removed, ...], warnings: list[str]
) -> Deck:
    return Deck(
        title=title,
        subtitle=slides[0].subtitle,  # the front matter's, or the first paragraph
        meta=meta,
        slides=slides,
        source=source,
        removed=removed,
        warnings=tuple(warnings),
    )

"""Plain-text articles to decks.

A heading is a short, title-like line (no sentence-final punctuation, not a list item)
followed by body text, a ``#`` heading, or a line underlined with ``===`` or ``---``.
Text before the first heading is the lede: its first paragraph becomes the title slide's
subtitle. Articles without headings become slides of a few paragraphs each.

A caption or credit line (``Credit: NASA/JPL-Caltech``, ``Photo: …``, ``Image: …``,
``View full size image``, ``… (AP Photo/…)``; :func:`~presenter.sources.captions.is_caption`)
is never a heading and never joins the text around it: it is a paragraph of its own, where
it stands, with the paragraph or picture it belongs to. It does not count as a section's
text, and on a slide of a few paragraphs it goes with the paragraph before it.

A section without text of its own (a heading followed at once by another, or holding only
captions) becomes a section-title slide: a title slide (``is_title``) titled with its
heading, whose subtitle lists the headings it holds, one a line (:func:`held_headings`),
its captions (if any) under them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from itertools import islice, takewhile
from pathlib import Path
from typing import Any

from presenter.clean import strip_controls
from presenter.errors import PresenterError
from presenter.model import Block, BulletList, Deck, Inline, Lines, NumberedList, Paragraph, Quote, Removed, Slide, Stat, plain
from presenter.plaintext import block_text
from presenter.repair import repair_and_clean
from presenter.sources import FIRST_SLIDES, last_deck
from presenter.sources.article_blocks import FINAL, Builder, Numbered, Section
from presenter.sources.captions import is_caption_block
from presenter.sources.frontmatter import split_front_matter, title_field_warnings, title_fields
from presenter.sources.stats import MAX_CANDIDATES, choose_cards, iter_stats

#: Paragraphs per slide in an article without headings.
PARAGRAPHS_PER_SLIDE = 3
#: Headings a section-title slide lists; more are counted.
MAX_HELD_HEADINGS = 8


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
        return first[:cut].rstrip(FINAL) + "…"
    head = " ".join(words[:max_words]).rstrip(FINAL + " -—–")
    return head + ("…" if len(words) > max_words else "")


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


def held_headings(sections: list[Section]) -> dict[int, list[str]]:
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


def _section_slides(sections: list[Section], slides: list[Slide | None]) -> list[Slide]:
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


def _text_slide(section: Section) -> Slide | None:
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
        cleaned = cleaned._replace(removed=tuple(sorted((*cleaned.removed, *meta_removed), key=lambda r: r.line)))
    fields = title_fields(meta)
    title = fields["title"] or title_from_filename(source)
    builder = Builder()
    builder.warnings.extend(title_field_warnings(meta, cleaned.lines[:body_start]))
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


#: Words that open a phrase setting the scene before a sentence's subject.
_LEAD_IN = frozenset("in at on during after before for with across over since despite amid among under from as within throughout".split())
#: The scene-setting phrase is looked for within this many words.
_LEAD_IN_WORDS = 10


def _lede_title(blocks: list[Block] | tuple[Block, ...]) -> str:
    """A slide title from the first words of the first block that is not a caption, from its
    main clause where a scene-setting phrase leads to a name: ``In the heart of the Yangtze
    River Delta, Shanghai is ...`` is titled ``Shanghai is ...``."""
    first = next((block for block in blocks if not is_caption_block(block)), blocks[0])
    text = block_text(first)
    words = text.split(maxsplit=_LEAD_IN_WORDS + 1)
    if words and words[0].lower() in _LEAD_IN:
        for index, word in enumerate(words[:_LEAD_IN_WORDS]):
            if word.endswith(","):
                rest = words[index + 1] if index + 1 < len(words) else ""
                if rest[:1].isupper():  # a name (not "In 2024, we ...": that reads better whole)
                    text = text.split(maxsplit=index + 1)[index + 1]
                break
    return title_from_text(text)


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

"""Markdown decks (presenterm, ``slides`` and lookatme style) to a :class:`~presenter.model.Deck`.

The text is cleaned line by line (:class:`presenter.clean.LineCleaner`) and rebuilt from the
kept lines (:mod:`presenter.sources.mdsyntax` maps each back to the user's file), cut into
pieces at slide breaks (:mod:`presenter.sources.mdchunks`), and each piece parsed by
markdown-it-py into a syntax tree whose nodes become blocks (:mod:`presenter.sources.mdblocks`).
This module gathers the blocks into slides.

Slides break at a top-level ``---`` (any thematic break) and at ``<!-- end_slide -->``.
A deck with neither splits at the highest heading level that occurs more than once, and a
single top-level heading above them becomes the deck title. HTML comments carry commands:
``speaker_note``, ``notes`` ... ``/notes``, ``pause`` (lookatme's ``stop``), ``end_slide``
and ``incremental_lists``. Every other comment is ignored and reported in
:attr:`Deck.removed <presenter.model.Deck.removed>` with the reason
``ignored comment command: NAME``, so ``presenter check`` lists it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from presenter.clean import clean_text
from presenter.errors import PresenterError
from presenter.model import Block, Deck, Lines, Pause, Slide, plain
from presenter.plaintext import block_text
from presenter.sources import FIRST_SLIDES, last_deck
from presenter.sources.article import section_slide, title_from_filename, title_from_text
from presenter.sources.frontmatter import split_front_matter, title_fields
from presenter.sources.mdblocks import TRUE_WORDS, convert, fallback_text, incremental
from presenter.sources.mdchunks import piece_starts
from presenter.sources.mdsyntax import (
    COMMAND,
    COMMENT,
    Command,
    Node,
    Source,
    commands,
    ignore_command,
    inline_spans,
    note_text,
    parse_nodes,
    plain_text,
)
from presenter.sources.nesting import DEEP_LIST_WARNING, clamp_lists

# --------------------------------------------------------------------------- slides


@dataclass
class _Draft:
    """The slide being collected."""

    start: int
    title: str | None = None
    title_line: int | None = None
    blocks: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    notes_from: int | None = None
    incremental: bool = False
    last: int | None = None

    def empty(self) -> bool:
        shown = any(not isinstance(block, Pause) for block in self.blocks)
        return self.title is None and not shown and not self.notes and self.notes_from is None


class _Builder:
    """Walks the top-level nodes once, cutting slides at breaks (or split headings)."""

    def __init__(self, src: Source, split_level: int | None) -> None:
        self.src = src
        self.split_level = split_level
        self.slides: list[Slide] = []
        self.leading_notes: list[str] = []
        """Notes written before the first slide's content: the title slide's."""
        self.draft = _Draft(start=0)
        self.numbered = False
        """Whether a slide was titled by its number (which depends on the slides before)."""

    def node(self, node: Node) -> None:
        start = node.map[0] if node.map else self.draft.start
        if node.type == "hr":
            self.finish(start)
            self.draft = _Draft(start=node.map[1] if node.map else start)
            return
        if node.type == "html_block":
            for command in commands(node.content, start, self.src):
                self.command(command, node)
            return
        if node.type == "heading" and self.split_level is not None and int(node.tag[1:]) == self.split_level:
            self.finish(start)  # also ends an unclosed <!-- notes --> region
            self.draft = _Draft(start=start)
        if self.draft.notes_from is not None:
            return  # inside <!-- notes --> ... <!-- /notes -->
        self.touch(node)
        if node.type == "heading" and self.draft.title is None and not any(not isinstance(b, Pause) for b in self.draft.blocks):
            inline = next((c for c in node.children if c.type == "inline"), None)
            self.draft.title = plain(inline_spans(inline.children if inline else (), self.src, start)).strip() or None
            self.draft.title_line = self.src.number(start)
            return
        blocks = [self.clamped(block) for block in convert(node, self.src)]
        if self.draft.incremental:
            blocks = [piece for block in blocks for piece in incremental(block)]
        self.draft.blocks.extend(blocks)

    def clamped(self, block: Block) -> Block:
        """``block`` with lists nested too deep for a slide flattened (and said so)."""
        block, flattened = clamp_lists(block)
        if flattened:
            where = f"line {block.lines.first}: " if block.lines else ""
            self.src.warnings.append(f"{where}{DEEP_LIST_WARNING}")
        return block

    def touch(self, node: Node) -> None:
        if node.map:
            self.draft.last = self.src.last(node)

    def command(self, command: Command, node: Node) -> None:
        draft, name = self.draft, command.name
        in_notes = draft.notes_from is not None
        if name == "/notes" and in_notes:
            self.close_notes(command.index)
        elif name == "end_slide":
            self.finish(command.index)
            self.draft = _Draft(start=node.map[1] if node.map else command.index)
        elif in_notes:
            return
        elif name == "speaker_note":
            note = note_text(command.value)
            if note:
                draft.notes.append(note)
        elif name == "notes" and not command.value:
            draft.notes_from = command.index + command.raw.count("\n") + 1
        elif name == "notes":
            draft.notes.append(note_text(command.value))
        elif name in ("pause", "stop"):
            draft.blocks.append(Pause(lines=Lines(self.src.number(command.index), self.src.number(command.index))))
        elif name == "incremental_lists":
            draft.incremental = command.value.strip().lower() in TRUE_WORDS
        else:
            ignore_command(command, self.src)
        if node.map:
            draft.last = max(draft.last or 0, self.src.last(node))

    def close_notes(self, end: int) -> None:
        draft = self.draft
        if draft.notes_from is None:
            return
        text = textwrap.dedent("\n".join(self.src.texts[draft.notes_from : end])).strip()
        if text:
            draft.notes.append(text)
        draft.notes_from = None

    def finish(self, end: int) -> None:
        """Turn the draft into a slide."""
        self.close_notes(end)
        draft = self.draft
        if draft.empty():
            return
        if draft.title is None and all(isinstance(block, Pause) for block in draft.blocks):
            # Only notes (say, after the front matter): they belong to the slide before.
            if self.slides:
                notes = "\n\n".join(filter(None, (self.slides[-1].notes, *draft.notes)))
                self.slides[-1] = replace(self.slides[-1], notes=notes)
            else:
                self.leading_notes.extend(draft.notes)
            return
        title = draft.title or _title_from_blocks(draft.blocks)
        if not title:
            title = f"Slide {len(self.slides) + 1}"
            self.numbered = True
        last = draft.last if draft.last is not None else draft.start
        whole = Lines(self.src.number(draft.start), self.src.number(max(last, draft.start)))  # if it makes one slide
        self.slides.append(section_slide(title, tuple(draft.blocks), draft.title_line, notes="\n\n".join(draft.notes), whole=whole))


def _title_from_blocks(blocks: list[Block]) -> str:
    for block in blocks:
        text = (block_text(block) or fallback_text(block)).strip()
        if text:
            return title_from_text(text)
    return ""


def _split_plan(nodes: list[Node], has_title: bool) -> tuple[int | None, Node | None]:
    """For a deck without breaks: the heading level to split at, and the deck-title heading."""
    headings = [node for node in nodes if node.type == "heading"]
    if not headings:
        return None, None
    levels = [int(node.tag[1:]) for node in headings]
    top = min(levels)
    content = [node for node in nodes if node.type != "html_block"]
    deck_heading = None
    if not has_title and len(levels) > 1 and levels.count(top) == 1 and content and content[0] is headings[0] and levels[0] == top:
        deck_heading = headings[0]
        levels = levels[1:]
    repeated = [level for level in set(levels) if levels.count(level) > 1]
    split = min(repeated) if repeated else (min(levels) if levels else None)
    return split, deck_heading


def _is_break(node: Node) -> bool:
    if node.type == "hr":
        return True
    if node.type == "html_block":
        return any(COMMAND.match(m.group(1).strip()) and m.group(1).strip().lower() == "end_slide" for m in COMMENT.finditer(node.content))
    return False


def _title_slide(fields: dict[str, str], title: str, lines: Lines | None) -> Slide:
    byline = " · ".join(value for value in (fields["author"], fields["date"]) if value)
    subtitle = "\n".join(part for part in (fields["subtitle"], byline) if part)
    return Slide(title=title, subtitle=subtitle, is_title=True, source_lines=lines)


def parse_markdown(text: str, *, source: Path | None = None) -> Deck:
    """Turn a Markdown deck into a :class:`Deck` (a pure function of its arguments)."""
    return last_deck(markdown_stages(text, source=source))


def markdown_stages(text: str, *, source: Path | None = None, first: int = FIRST_SLIDES) -> Iterator[Deck | None]:
    """Parse a Markdown deck a piece at a time, for a deck shown while it is read.

    The text is cut at top-level slide breaks (:mod:`presenter.sources.mdchunks`) and each
    piece parsed on its own: the result is the same as parsing the whole text. Yields
    ``None`` after each piece (a point to pause at), a partial deck whenever the slides
    built so far reach ``first``, twice ``first``, ... (its last slide may still gain notes),
    and the complete deck last. Where the text is found to be broken, the slides before the
    broken piece come as a partial deck, then the :class:`PresenterError`.
    """
    cleaned = clean_text(text)
    src = Source([line for _, line in cleaned.lines], [number for number, _ in cleaned.lines], source, list(cleaned.removed))
    meta, fm_lines, body_start, meta_removed = split_front_matter(cleaned.lines, source)
    src.removed.extend(meta_removed)
    fields = title_fields(meta)
    starts = piece_starts(src.texts, body_start)
    ends = [*starts[1:], len(src.texts)]
    nodes = parse_nodes(src, starts[0], ends[0])
    split_level, deck_heading = None, None
    if len(starts) == 1 and not any(_is_break(node) for node in nodes):
        split_level, deck_heading = _split_plan(nodes, bool(fields["title"]))
    builder = _Builder(src, split_level)
    builder.draft = _Draft(start=nodes[0].map[0] if nodes and nodes[0].map else starts[0])
    first_h1 = ""
    shown = first
    for index in range(len(starts)):
        try:
            if index:
                nodes = parse_nodes(src, starts[index], ends[index])
            for node in nodes:
                if not first_h1 and node.type == "heading" and node.tag == "h1":
                    first_h1 = plain_text(node).strip()
                if node is deck_heading:
                    builder.finish(node.map[0] if node.map else 0)
                    builder.draft = _Draft(start=node.map[1] if node.map else 0)
                    continue
                builder.node(node)
        except PresenterError:
            if index and builder.slides:  # the slides before the broken piece, for the app to keep
                yield replace(_deck(src, meta, fields, fm_lines, builder, first_h1, None), partial=True)
            raise
        if index == len(starts) - 1:
            break
        if len(builder.slides) >= shown:
            shown *= 2
            yield replace(_deck(src, meta, fields, fm_lines, builder, first_h1, None), partial=True)
        else:
            yield None
    builder.finish(len(src.texts))
    yield _deck(src, meta, fields, fm_lines, builder, first_h1, deck_heading)


def _deck(
    src: Source,
    meta: Mapping[str, Any],
    fields: dict[str, str],
    fm_lines: Lines | None,
    builder: _Builder,
    first_h1: str,
    deck_heading: Node | None,
) -> Deck:
    """The deck of the slides built so far, with its title slide."""
    source = src.path
    deck_title = fields["title"]
    if not deck_title and deck_heading is not None:
        deck_title = plain_text(deck_heading).strip()
    head: tuple[Slide, ...] = ()
    if any(fields.values()) or deck_title:
        title = deck_title or first_h1 or title_from_filename(source)
        lines = fm_lines if deck_heading is None else src.lines(deck_heading)
        head = (replace(_title_slide(fields, title, lines), notes="\n\n".join(builder.leading_notes)),)
        deck_title = title
    if not head and not builder.slides:
        raise PresenterError(source, None, "has no text to present")
    return Deck(
        title=deck_title or first_h1 or title_from_filename(source),
        subtitle=fields["subtitle"],
        meta=meta,
        slides=(*head, *builder.slides),
        source=source,
        removed=tuple(sorted(src.removed, key=lambda r: r.line)),
        warnings=tuple(src.warnings),
    )

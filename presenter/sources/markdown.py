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

import re
import textwrap
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from presenter.clean import LineCleaner
from presenter.errors import PresenterError
from presenter.model import Block, Deck, Lines, Pause, Slide, plain
from presenter.plaintext import block_text
from presenter.records import replace
from presenter.sources.article import section_slides, title_from_filename, title_from_text
from presenter.sources.mdblocks import TRUE_WORDS, convert, fallback_text, front_matter, incremental
from presenter.sources.mdchunks import CutScanner, may_cut
from presenter.sources.mdsimple import simple_nodes
from presenter.sources.mdsyntax import (
    BODY_PARSER,
    COMMAND,
    COMMENT,
    MAX_NESTING,
    PARSER,
    Command,
    ForgettingLines,
    Node,
    Source,
    commands,
    ignore_command,
    inline_spans,
    note_text,
    plain_text,
    token_nodes,
)
from presenter.sources.nesting import DEEP_LIST_WARNING, clamp_lists
from presenter.sources.stages import SlideList, last_deck, new_slide_list, slide_sequence

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

    def __init__(self, src: Source, split_level: int | None, slides: SlideList) -> None:
        self.src = src
        self.split_level = split_level
        self.slides = slides
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
            self.draft.last = node.map[1] - 1

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
            draft.last = max(draft.last or 0, node.map[1] - 1)

    def close_notes(self, end: int) -> None:
        draft = self.draft
        if draft.notes_from is None:
            return
        text = textwrap.dedent("\n".join(self.src.texts[draft.notes_from : end])).strip()
        if text:
            draft.notes.append(text)
        draft.notes_from = None

    def finish(self, end: int) -> None:
        """Turn the draft into one slide (or continuation slides if it is long)."""
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
        self.slides.extend(section_slides(title, tuple(draft.blocks), draft.title_line, notes="\n\n".join(draft.notes), whole=whole))


def _title_from_blocks(blocks: list[Block]) -> str:
    for block in blocks:
        text = (block_text(block) or fallback_text(block)).strip()
        if text:
            return title_from_text(text)
    return ""


def _split_plan(nodes: list[Node], src: Source, has_title: bool) -> tuple[int | None, Node | None]:
    """For a deck without breaks: the heading level to split at, and the deck-title heading."""
    headings = [node for node in nodes if node.type == "heading"]
    if not headings:
        return None, None
    levels = [int(node.tag[1:]) for node in headings]
    top = min(levels)
    content = [node for node in nodes if node.type not in ("html_block", "front_matter")]
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


def _title_slide(meta: dict[str, str], title: str, lines: Lines | None) -> Slide:
    byline = " · ".join(value for value in (meta.get("author", ""), meta.get("date", "")) if value)
    subtitle = "\n".join(part for part in (meta.get("subtitle", ""), byline) if part)
    return Slide(title=title, subtitle=subtitle, is_title=True, source_lines=lines)


def parse_markdown(text: str, *, source: Path | None = None) -> Deck:
    """Turn a Markdown deck into a :class:`Deck` (a pure function of its arguments)."""
    return last_deck(markdown_stages(text, source=source))


def line_reader(
    text: str, source: Path | None, *, forgetting: bool = False
) -> tuple[LineCleaner, Source, Callable[..., bool]]:
    """The cleaner of ``text``, the :class:`Source` its kept lines go into, and ``pull(count=1)``,
    which reads ``count`` more cleaned lines into it (False once there are none left). With
    ``forgetting``, the lines parsed are let go of (:class:`ForgettingLines`), not only emptied."""
    cleaner = LineCleaner(text)  # cleans each line as it is read
    lines = iter(cleaner)
    texts = ForgettingLines() if forgetting else []
    src = Source(texts, array("i"), source, cleaner.removed)  # numbers as 32-bit ints: no object each

    def pull(count: int = 1) -> bool:
        for _ in range(count):
            line = next(lines, None)
            if line is None:
                return False
            src.numbers.append(line[0])
            src.texts.append(line[1])
        return True

    return cleaner, src, pull


def markdown_stages(
    text: str, *, source: Path | None = None, first: int = 2, packed: bool = False
) -> Iterator[Deck | None]:
    """Parse a Markdown deck a piece at a time, showing the way for a progressive load.

    The text is cut at top-level slide breaks (:mod:`presenter.sources.mdchunks`) and each
    piece parsed on its own, so only one piece's markdown-it tokens are alive at once; the
    result is the same as parsing the whole text. Yields ``None`` after each piece (a point to
    pause at), a partial deck whenever the slides built so far reach ``first``, twice
    ``first``, four times ... (its last slide may still gain notes), and the complete deck
    last. A :class:`PresenterError` is raised where the text is found to be broken. With
    ``packed``, slides are packed as they are made (:mod:`presenter.packed`).
    """
    cleaner, src, pull = line_reader(text, source, forgetting=packed)
    body_start = _front_matter_end(src, pull)
    scanner = CutScanner(body_start) if body_start is not None and may_cut(text, has_controls=cleaner.has_controls) else None
    del text  # the cleaner holds it in runs, and lets each go once its lines are read
    if scanner is None:
        while pull(4096):
            pass

    def next_piece(start: int) -> tuple[int, int] | None:
        """The next piece from line ``start``: up to the next cut, or the end of the text."""
        assert scanner is not None
        if start >= len(src.texts) and not pull():
            return None
        if start == 0:
            scanner.is_cut(0, src.texts[0])  # later pieces open on a line the scanner has seen
        index = start + 1
        while (index < len(src.texts) or pull()) and not scanner.is_cut(index, src.texts[index]):
            index += 1
        return start, index

    piece = next_piece(0) if scanner is not None else ((0, len(src.texts)) if src.texts else None)
    start = 0  # of the piece whose nodes are being built
    nodes = _parse_piece(src, *piece) if piece else []

    meta, fm_lines, nodes = split_front_matter(nodes, src)
    if fm_lines is None and src.texts and re.fullmatch(r"-{3,}\s*", src.texts[0]):
        raise src.error(0, "front matter opened with '---' is never closed")
    info = dict(meta)

    following = next_piece(piece[1]) if scanner is not None and piece else None
    split_level, deck_heading = None, None
    if following is None and not any(_is_break(node) for node in nodes):
        split_level, deck_heading = _split_plan(nodes, src, bool(info.get("title")))

    builder = _Builder(src, split_level, new_slide_list(packed))
    if nodes:
        builder.draft = _Draft(start=nodes[0].map[0] if nodes[0].map else 0)
    elif following is not None:
        builder.draft = _Draft(start=following[0])
    first_h1 = ""
    shown = first
    while True:
        for node in nodes:
            if not first_h1 and node.type == "heading" and node.tag == "h1":
                first_h1 = plain_text(node).strip()
            if node is deck_heading:
                builder.finish(node.map[0] if node.map else 0)
                builder.draft = _Draft(start=node.map[1] if node.map else 0)
                continue
            builder.node(node)
        if following is None:
            break
        src.forget(start)  # the pieces before this one are built (this one's notes may still close)
        if len(builder.slides) >= shown:
            shown *= 2
            yield _deck(src, meta, fm_lines, builder.slides, builder.leading_notes, first_h1, None)
        else:
            yield None
        nodes = _parse_piece(src, *following)
        start = following[0]
        following = next_piece(following[1])
    builder.finish(len(src.texts))
    src.removed.sort(key=lambda r: r.line)
    yield _deck(src, meta, fm_lines, builder.slides, builder.leading_notes, first_h1, deck_heading)


def split_front_matter(nodes: list[Node], src: Source) -> tuple[tuple[tuple[str, str], ...], Lines | None, list[Node]]:
    """The front matter's ``(key, value)`` pairs and lines, and the nodes after it."""
    if nodes and nodes[0].type == "front_matter":
        return front_matter(nodes[0], src), src.lines(nodes[0]), nodes[1:]
    return (), None, nodes


def _deck(
    src: Source,
    meta: tuple[tuple[str, str], ...],
    fm_lines: Lines | None,
    built: SlideList,
    leading_notes: list[str],
    first_h1: str,
    deck_heading: Node | None,
) -> Deck:
    """The deck of the slides ``built`` so far, with its title slide."""
    source, info = src.path, dict(meta)
    deck_title = info.get("title", "")
    if not deck_title and deck_heading is not None:
        deck_title = plain_text(deck_heading).strip()
    head: tuple[Slide, ...] = ()
    if any(info.get(key) for key in ("title", "subtitle", "author", "date")) or deck_title:
        title = deck_title or first_h1 or title_from_filename(source)
        lines = fm_lines if deck_heading is None else src.lines(deck_heading)
        title_slide = replace(_title_slide(info, title, lines), notes="\n\n".join(leading_notes))
        head = (title_slide,)
        deck_title = title
    if not head and not built:
        raise PresenterError(source, None, "has no text to present")
    return Deck(
        title=deck_title or first_h1 or title_from_filename(source),
        subtitle=info.get("subtitle", ""),
        meta=meta,
        slides=slide_sequence(head, built),
        source=source,
        removed=tuple(sorted(src.removed, key=lambda r: r.line)),
        warnings=tuple(src.warnings),
    )


def _front_matter_end(src: Source, pull: Callable[..., bool]) -> int | None:
    """The first line after any front matter (0 if none); None if the text must be parsed whole."""
    if not pull():
        return 0
    if not re.fullmatch(r"-{3,}\s*", src.texts[0]):
        return 0
    while pull():
        end = len(src.texts) - 1
        if re.fullmatch(r"(?:-{3,}|\.\.\.)\s*", src.texts[end]):
            tokens = PARSER.parse("\n".join(src.texts[: end + 1]))
            if tokens and tokens[0].type == "front_matter" and tokens[0].map == [0, end + 1]:
                return end + 1
            return None  # not front matter as markdown-it reads it: parse the text whole
    return None


def _parse_piece(src: Source, start: int, end: int) -> list[Node]:
    """The top-level nodes of rebuilt lines ``start`` to ``end``, mapped to whole-text lines.

    A piece of simple lines after the first (which may hold front matter) is read by
    :func:`~presenter.sources.mdsimple.simple_nodes`, to the same nodes; any other by markdown-it.
    """
    if start:
        nodes = simple_nodes(src.texts, start, end)
        if nodes is not None:
            return nodes
    return _markdown_it_piece(src, start, end)


def _markdown_it_piece(src: Source, start: int, end: int) -> list[Node]:
    """:func:`_parse_piece` by markdown-it, for any piece."""
    parser = PARSER if start == 0 else BODY_PARSER
    # The break line that follows the piece is parsed with it, so blocks end exactly as they
    # do in the whole text (a list counts the blank lines before the next block), and then
    # dropped: it opens the next piece.
    stop = min(end + 1, len(src.texts))
    tokens = parser.parse("\n".join(src.texts[start:stop]))
    deepest = max((token.level for token in tokens), default=0)
    if deepest >= MAX_NESTING - 1:  # markdown-it dropped what was nested deeper
        where = next((t.map[0] for t in tokens if t.map is not None and t.level >= deepest - 2), 0)
        raise src.error(start + where, f"lists or quotes nested more than {MAX_NESTING // 2 - 2} levels deep: presenter cannot show them whole")
    return [node for node in token_nodes(tokens, start) if node.map is None or node.map[0] < end]

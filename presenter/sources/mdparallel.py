"""A big Markdown deck parsed on two cores: the same deck, sooner.

Part of the Markdown deck parser (:mod:`presenter.sources.markdown`). The text is cleaned
and cut into pieces at top-level slide breaks as usual; a forked child
(:mod:`presenter.forked`) parses the pieces of the second half into slides while this
process parses the first, then sends them back. Every piece opens on a slide break, which
ends the slide before it, so the child starts as the serial parser would there, with one
difference made good here: notes standing alone before its first slide belong to the slide
before, and are added to it. A slide titled by its number (``Slide 12``: nothing in it
gives a title) depends on the count of the slides before it; if the child makes one, or
fails in any way (an error in the deck included), this process parses the second half
itself, so any error is raised exactly as in a serial parse: the first in the file.

Slides cross the pipe pickled as the calls that make them (see :mod:`presenter.records`).
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any, Callable

from presenter.forked import ChildFailed, Forked, Send, can_fork
from presenter.model import Deck, Slide
from presenter.records import replace
from presenter.sources.markdown import _Builder, _deck, _Draft, _front_matter_end, _parse_piece, line_reader, parse_markdown, split_front_matter
from presenter.sources.mdchunks import CutScanner, may_cut
from presenter.sources.mdsyntax import Source, plain_text

#: Texts shorter than this are parsed in one process: a fork costs more than it saves.
PARALLEL_CHARS = 400_000
#: Fewer pieces than this are parsed in one process.
PARALLEL_PIECES = 64


def parse_markdown_parallel(text: str, *, source: Path | None = None) -> Deck | None:
    """The deck :func:`~presenter.sources.markdown.parse_markdown` gives, parsed on two cores;
    None when the text is too small or cannot be cut into pieces (parse it serially)."""
    halves = parse_markdown_halves(text, source=source)
    return None if halves is None else halves.deck


class Halves:
    """A deck read in two halves (see :func:`parse_markdown_halves`)."""

    def __init__(self, deck: Deck, child: Forked | None = None, text: str = "", source: Path | None = None) -> None:
        self.deck = deck
        """The whole deck; or, if :attr:`split`, its title slide and the first half's slides
        (with the removed fragments and warnings of the whole text)."""
        self._child, self._text, self._source = child, text, source
        self._split = child is not None
        self._drawn: Any = None

    @property
    def split(self) -> bool:
        """Whether the second half's slides stay in the child, which draws them."""
        return self._split

    def drawn(self) -> Any:
        """What the child's ``draw`` made of the second half's slides; None if the deck is
        not split, or no longer: should the child fail, :attr:`deck` becomes the whole
        deck, parsed again here."""
        if self._child is not None:
            child, self._child = self._child, None
            data = child.result()
            if data is not None:
                self._drawn = pickle.loads(data)
            else:  # the warnings so far are the whole text's (and the file's, if any)
                self.deck = replace(parse_markdown(self._text, source=self._source), warnings=self.deck.warnings)
                self._split = False
        return self._drawn

    def close(self) -> None:
        """Stop the child, if it is still at work."""
        if self._child is not None:
            self._child.close()


def parse_markdown_halves(
    text: str, *, source: Path | None = None, draw: Callable[[list[Slide]], Any] | None = None
) -> Halves | None:
    """:func:`parse_markdown_parallel`, by halves: a forked child parses the second half
    while this process parses the first. None when the text is too small or cannot be cut.

    Without ``draw``, the child sends its slides back, and the deck is whole. With it, the
    child keeps its slides and sends ``draw(slides)`` (anything picklable: an export of
    them, say), and the deck holds the first half's slides: :meth:`Halves.drawn` gives what
    the child drew. Should the child fail before it has parsed its half (an error in the
    deck included), this process parses that half itself, and the deck is whole.
    """
    if len(text) < PARALLEL_CHARS or not can_fork():
        return None
    cleaner, src, pull = line_reader(text, source)
    body_start = _front_matter_end(src, pull)
    if body_start is None or not may_cut(text, has_controls=cleaner.has_controls):
        return None
    while pull(4096):
        pass
    texts = src.texts
    scanner = CutScanner(body_start)
    scanner.is_cut(0, texts[0])
    starts = [0] + [index for index in range(1, len(texts)) if scanner.is_cut(index, texts[index])]
    if len(starts) < PARALLEL_PIECES:
        return None
    pieces = list(zip(starts, starts[1:] + [len(texts)]))
    half = _halfway(pieces, texts, SHARE if draw is None else DRAWN_SHARE)
    removed_before, warnings_before = len(src.removed), len(src.warnings)

    def second_half(send: Send) -> None:
        builder = _Builder(src, None, [])
        builder.draft = _Draft(start=pieces[half][0])
        first_h1 = _build(builder, pieces[half:], src)
        builder.finish(len(texts))
        if builder.numbered:
            raise LookupError("a slide is titled by its number")
        slides = builder.slides if draw is None else None
        found = (slides, builder.leading_notes, src.warnings[warnings_before:], src.removed[removed_before:], first_h1)
        send(pickle.dumps(found, pickle.HIGHEST_PROTOCOL))
        if draw is not None:
            send(pickle.dumps(draw(builder.slides), pickle.HIGHEST_PROTOCOL))

    child = Forked(second_half)
    try:
        meta, fm_lines, nodes = split_front_matter(_parse_piece(src, *pieces[0]), src)
        builder = _Builder(src, None, [])
        builder.draft = _Draft(start=nodes[0].map[0] if nodes and nodes[0].map else (0 if nodes else pieces[1][0]))
        first_h1 = _build(builder, [pieces[0]], src, nodes)
        later = _build(builder, pieces[1:half], src)
        first_h1 = first_h1 or later
        try:
            data = child.receive()
        except ChildFailed:
            data = None
        if data:
            builder.finish(pieces[half][0])  # what the break that opens the second half does
            builder.draft = _Draft(start=pieces[half][0])
            if draw is not None and not builder.slides:
                data = None  # a first half without a slide is no deck of its own: read the rest here
        if not data:  # parse the second half here (meeting any error in it as a serial parse does)
            child.close()
            later = _build(builder, pieces[half:], src)
        else:
            slides, leading_notes, warnings, removed, later = pickle.loads(data)
            _add_notes(builder, leading_notes)
            builder.slides.extend(slides or ())
            src.warnings.extend(warnings)
            src.removed.extend(removed)
        first_h1 = first_h1 or later
        builder.finish(len(texts))
        deck = _deck(src, meta, fm_lines, builder.slides, builder.leading_notes, first_h1, None)
    except BaseException:
        child.close()
        raise
    if not data or draw is None:  # the deck is whole: the child has nothing more to give
        child.close()
        return Halves(deck)
    return Halves(deck, child, text, source)


#: The share of the text (by characters) this process parses: a little over half, for the
#: child also pickles its slides, and both finish together.
SHARE = 0.52
#: The share this process parses when the child draws its slides (see :func:`parse_markdown_halves`).
DRAWN_SHARE = 0.5


def _halfway(pieces: list[tuple[int, int]], texts: list[str], share: float) -> int:
    """The index of the piece that starts the child's part (by characters), at least 1."""
    sizes = [sum(len(line) + 1 for line in texts[start:end]) for start, end in pieces]
    goal, total = sum(sizes) * share, 0
    for index, size in enumerate(sizes):
        if total >= goal and index:
            return index
        total += size
    return len(pieces) - 1


def _build(builder: _Builder, pieces: list[tuple[int, int]], src: Source, nodes: list | None = None) -> str:
    """Feed the nodes of ``pieces`` to ``builder`` (the first piece's ``nodes`` if given);
    the text of the first level-1 heading among them."""
    first_h1 = ""
    for index, piece in enumerate(pieces):
        piece_nodes = nodes if index == 0 and nodes is not None else _parse_piece(src, *piece)
        for node in piece_nodes:
            if not first_h1 and node.type == "heading" and node.tag == "h1":
                first_h1 = plain_text(node).strip()
            builder.node(node)
    return first_h1


def _add_notes(builder: _Builder, notes: list[str]) -> None:
    """Notes standing alone before the second half's first slide: as ``_Builder.finish``
    adds them, to the slide before (or the title slide's, if there is none)."""
    if not notes:
        return
    if builder.slides:
        last = builder.slides[-1]
        builder.slides[-1] = replace(last, notes="\n\n".join(filter(None, (last.notes, *notes))))
    else:
        builder.leading_notes.extend(notes)

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

from presenter.forked import Forked, can_fork, one_result
from presenter.model import Deck
from presenter.records import replace
from presenter.sources.markdown import _Builder, _deck, _Draft, _front_matter_end, _parse_piece, line_reader, split_front_matter
from presenter.sources.mdchunks import CutScanner, may_cut
from presenter.sources.mdsyntax import Source, plain_text

#: Texts shorter than this are parsed in one process: a fork costs more than it saves.
PARALLEL_CHARS = 400_000
#: Fewer pieces than this are parsed in one process.
PARALLEL_PIECES = 64


def parse_markdown_parallel(text: str, *, source: Path | None = None) -> Deck | None:
    """The deck :func:`~presenter.sources.markdown.parse_markdown` gives, parsed on two cores;
    None when the text is too small or cannot be cut into pieces (parse it serially)."""
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
    half = _halfway(pieces, texts)
    removed_before, warnings_before = len(src.removed), len(src.warnings)

    def second_half() -> bytes:
        builder = _Builder(src, None, [])
        builder.draft = _Draft(start=pieces[half][0])
        first_h1 = _build(builder, pieces[half:], src)
        builder.finish(len(texts))
        if builder.numbered:
            raise LookupError("a slide is titled by its number")
        return pickle.dumps((builder.slides, builder.leading_notes, src.warnings[warnings_before:], src.removed[removed_before:], first_h1), pickle.HIGHEST_PROTOCOL)

    with Forked(one_result(second_half)) as child:
        meta, fm_lines, nodes = split_front_matter(_parse_piece(src, *pieces[0]), src)
        builder = _Builder(src, None, [])
        builder.draft = _Draft(start=nodes[0].map[0] if nodes and nodes[0].map else (0 if nodes else pieces[1][0]))
        first_h1 = _build(builder, [pieces[0]], src, nodes)
        later = _build(builder, pieces[1:half], src)
        first_h1 = first_h1 or later
        data = child.result()
    if data is None:  # parse the second half here (meeting any error in it as a serial parse does)
        later = _build(builder, pieces[half:], src)
        first_h1 = first_h1 or later
    else:
        builder.finish(pieces[half][0])  # what the break that opens the second half does
        builder.draft = _Draft(start=pieces[half][0])
        slides, leading_notes, warnings, removed, later = pickle.loads(data)
        _add_notes(builder, leading_notes)
        builder.slides.extend(slides)
        src.warnings.extend(warnings)
        src.removed.extend(removed)
        first_h1 = first_h1 or later
    builder.finish(len(texts))
    src.removed.sort(key=lambda r: r.line)
    return _deck(src, meta, fm_lines, builder.slides, builder.leading_notes, first_h1, None)


#: The share of the text (by characters) this process parses: a little over half, for the
#: child also pickles its slides, and both finish together.
SHARE = 0.52


def _halfway(pieces: list[tuple[int, int]], texts: list[str]) -> int:
    """The index of the piece that starts the child's part (by characters), at least 1."""
    sizes = [sum(len(line) + 1 for line in texts[start:end]) for start, end in pieces]
    goal, total = sum(sizes) * SHARE, 0
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

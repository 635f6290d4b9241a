"""Fit a slide to a size: a slide taller than its area is shown in pieces.

The one paginator. A slide is a section of the source and keeps its number whatever the
window; when it is taller than the area it is drawn in, it is shown as pieces
``Title (1/3)`` ... ``(3/3)``. Heights are measured by rendering each block with Rich at
the width the slide is shown at, and the slide is split:

- between blocks; a block that fits on a page is never split, it moves to the next page;
- a block taller than a page splits: lists between items (an item keeps its nested
  lists), paragraphs between sentences (never mid-sentence, every character kept);
- a lead-in paragraph ending in ``:`` stays with (at least the first items of) its list,
  and a heading stays with the block after it;
- ``Pause`` blocks are kept; one that falls on a page break opens the next page, so a
  piece still reveals its content on the next key press;
- ``Alignment`` blocks take no rows; a piece opens aligned as its blocks were on the
  slide (:attr:`Slide.align`);
- a ``Columns`` block (side by side, or stacked where too narrow) is measured by rendering
  it like any other and never split;
- stat cards go with the piece holding the text they were found in;
- a block that cannot be split and is taller than the area (a long code block, a big
  table, a one-sentence paragraph) stays whole on a piece of its own, reported as too tall
  (:attr:`SlideFit.too_tall`).

Title slides are never split. Pure and cached per ``(slide, width, height)``; no Textual.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from presenter.model import Alignment, Block, BulletList, Heading, Lines, NumberedList, Paragraph, Pause, Slide, Span, Stat, plain
from presenter.plaintext import SENTENCE_BREAK, block_lines
from presenter.render.blocks import render_block
from presenter.render.console import fixed_console
from presenter.render.picture import PICTURE_MIN_ROWS, pictures_at_most
from presenter.render.slide import SlideRenderable, alignment_after

#: The app's chrome (theme.tcss): ``#stage`` has padding ``1 4 0 4``, the footer one row.
STAGE_PADDING = (1, 4, 0, 4)
FOOTER_ROWS = 1
#: A title slide is at most this wide, with a margin of 2 on each side (theme.tcss).
TITLE_MAX_WIDTH = 90
TITLE_MARGIN = 2
#: The part label room is kept for before the real numbers are known.
_WIDEST_LABEL = " (99/99)"


def slide_area(terminal_width: int, terminal_height: int) -> tuple[int, int]:
    """The ``(width, height)`` a slide is drawn in, in a terminal of this size."""
    top, right, bottom, left = STAGE_PADDING
    return max(1, terminal_width - left - right), max(1, terminal_height - top - bottom - FOOTER_ROWS)


def title_slide_width(width: int) -> int:
    """The width a title slide is drawn at in a slide area ``width`` wide."""
    return max(1, min(TITLE_MAX_WIDTH, width - 2 * TITLE_MARGIN))


# -- measuring ---------------------------------------------------------------------------------


def _rows(renderable, width: int) -> int:
    """Rows ``renderable`` takes ``width`` wide, each picture counted at its smallest: a
    slide's pictures grow into the rows its other blocks leave."""
    console = fixed_console(width)
    return len(console.render_lines(renderable, pictures_at_most(console.options.update_width(width), PICTURE_MIN_ROWS), pad=False))


@lru_cache(maxsize=8192)
def block_height(block: Block, width: int) -> int:
    """Rows ``block`` takes on a slide ``width`` wide, with the blank row above it."""
    if isinstance(block, (Pause, Alignment)):
        return 0
    return 1 + _rows(render_block(block), width)


@lru_cache(maxsize=1024)
def header_height(title: str | None, stats: tuple[Stat, ...], width: int) -> int:
    """Rows of a slide's title (None: an untitled slide shows none), its rule and its stat cards."""
    return _rows(SlideRenderable(Slide(title=title or "", stats=stats, untitled=title is None)), width)


def slide_height(slide: Slide, width: int) -> int:
    """Rows ``slide`` takes with every block shown, in a slide area ``width`` wide."""
    if slide.is_title:
        return _rows(SlideRenderable(slide), title_slide_width(width))
    title = None if slide.untitled else slide.display_title
    return header_height(title, slide.stats, width) + sum(block_height(b, width) for b in slide.blocks)


# -- where blocks may be cut -------------------------------------------------------------------


def sentence_starts(text: str) -> list[int]:
    """Offsets in ``text`` where a sentence other than the first begins."""
    return sorted({m.end() for m in SENTENCE_BREAK.finditer(text) if 0 < m.end() < len(text)})


def slice_paragraph(block: Paragraph, start: int, end: int) -> Paragraph:
    """The characters ``start:end`` of ``block`` with their styles, outer spaces dropped."""
    full = plain(block.content)
    while start < end and full[start].isspace():
        start += 1
    while end > start and full[end - 1].isspace():
        end -= 1
    kept, offset = [], 0
    for span in block.content:
        lo, hi = max(offset, start), min(offset + len(span.text), end)
        if lo < hi:
            kept.append(Span(span.text[lo - offset : hi - offset], span.styles, span.link))
        offset += len(span.text)
    return replace(block, content=tuple(kept) or (Span(full[start:end]),))


def introduces(block: Block, following: Block | None) -> bool:
    """Whether ``block`` is a lead-in (a paragraph ending in ``:``) for the list ``following``."""
    return (
        isinstance(block, Paragraph)
        and isinstance(following, (BulletList, NumberedList))
        and plain(block.content).rstrip().endswith(":")
    )


def _units(block: Block) -> list[int]:
    """Boundaries where ``block`` may be cut: sentence starts or item indexes, ends included."""
    if isinstance(block, Paragraph):
        text = plain(block.content)
        return [0, *sentence_starts(text), len(text)]
    if isinstance(block, (BulletList, NumberedList)):
        return list(range(len(block.items) + 1))
    return [0, 1]


def _piece(block: Block, bounds: list[int], lo: int, hi: int) -> Block:
    """The units ``lo:hi`` of ``block`` (the whole block when that is all of it)."""
    if lo == 0 and hi == len(bounds) - 1:
        return block
    if isinstance(block, Paragraph):
        return slice_paragraph(block, bounds[lo], bounds[hi])
    if isinstance(block, (BulletList, NumberedList)):
        return replace(block, items=block.items[lo:hi])
    return block


# -- splitting one slide -----------------------------------------------------------------------


class SlideFit(NamedTuple):
    """How one slide fits an area: the pieces it is shown as and the height of each."""

    pieces: tuple[Slide, ...]
    """The slide itself when it fits, else its pieces in order (``part`` set)."""
    heights: tuple[int, ...]
    """Rows each piece takes."""
    height: int
    """Rows of the area."""

    @property
    def too_tall(self) -> tuple[int, ...]:
        """Indexes of the pieces still taller than the area (an unsplittable block)."""
        return tuple(i for i, rows in enumerate(self.heights) if rows > self.height)


def fit_slide(slide: Slide, width: int, height: int) -> tuple[Slide, ...]:
    """``slide`` as the pieces that each fit ``width`` x ``height`` (when possible)."""
    return measure_fit(slide, width, height).pieces


@lru_cache(maxsize=1024)
def measure_fit(slide: Slide, width: int, height: int) -> SlideFit:
    """:func:`fit_slide` with the measured height of each piece (cached)."""
    rows = slide_height(slide, width)
    if slide.is_title or rows <= height:
        return SlideFit((slide,), (rows,), height)
    pages = _Packer(slide, width, height).pack()
    if len(pages) == 1:
        return SlideFit((slide,), (rows,), height)
    pieces = tuple(
        replace(
            slide,
            blocks=tuple(blocks),
            stats=tuple(stats),
            part=(number, len(pages)),
            source_lines=_span(blocks, slide.source_lines, first=number == 1),
            align=alignment_after([b for page, _ in pages[: number - 1] for b in page], slide.align),  # where it left off
        )
        for number, (blocks, stats) in enumerate(pages, start=1)
    )
    return SlideFit(pieces, tuple(slide_height(p, width) for p in pieces), height)


def _home_stats(stats: tuple[Stat, ...], blocks: Sequence[Block]) -> list[tuple[Stat, ...]]:
    """For each block, the stats found in its text (a stat found nowhere goes to the first)."""
    homes: list[list[Stat]] = [[] for _ in blocks]
    texts = ["\n".join(block_lines(b)) for b in blocks]
    for stat in stats:
        candidates = [i for i, text in enumerate(texts) if stat.value in text]
        near = [i for i in candidates if stat.line is not None and _covers(blocks[i], stat.line)]
        if blocks:
            homes[(near or candidates or [0])[0]].append(stat)
    return [tuple(h) for h in homes]


def _covers(block: Block, line: int) -> bool:
    lines = getattr(block, "lines", None)
    return lines is not None and lines.first <= line <= lines.last


class _Packer:
    """Greedy page filling with measured heights."""

    def __init__(self, slide: Slide, width: int, height: int) -> None:
        self.slide, self.width, self.height = slide, width, height
        self.title = None if slide.untitled else slide.title + _WIDEST_LABEL
        self.pages: list[tuple[list[Block], list[Stat]]] = [([], [])]
        self.used = 0

    def fits(self, rows: int, stats: Sequence[Stat] = ()) -> bool:
        return header_height(self.title, (*self.pages[-1][1], *stats), self.width) + self.used + rows <= self.height

    def fresh_fits(self, rows: int, stats: Sequence[Stat] = ()) -> bool:
        return header_height(self.title, tuple(stats), self.width) + rows <= self.height

    def has_content(self) -> bool:
        return any(not isinstance(b, (Pause, Alignment)) for b in self.pages[-1][0])

    def add(self, block: Block, stats: Sequence[Stat] = ()) -> None:
        blocks, page_stats = self.pages[-1]
        blocks.append(block)
        page_stats.extend(stats)
        self.used += block_height(block, self.width)

    def new_page(self) -> None:
        if not self.has_content():
            return
        blocks, _ = self.pages[-1]
        moved = []
        while blocks and isinstance(blocks[-1], Pause):  # a pause at a break opens the next page
            moved.insert(0, blocks.pop())
        self.pages.append((moved, []))
        self.used = 0

    def pack(self) -> list[tuple[list[Block], list[Stat]]]:
        blocks = self.slide.blocks
        homes = _home_stats(self.slide.stats, blocks)
        led_in = False
        for index, block in enumerate(blocks):
            stats = homes[index]
            if isinstance(block, (Pause, Alignment)):
                self.add(block, stats)
                continue
            rows = block_height(block, self.width)
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            after_lead_in, led_in = led_in, False
            if self._leads_in(block, following):
                self._place_lead_in(block, stats, following, homes[index + 1])
                led_in = True
            elif self.fits(rows, stats):
                self.add(block, stats)
            elif after_lead_in and len(_units(block)) > 2:  # stays with its lead-in: split it here
                self._split(block, stats)
            elif self.fresh_fits(rows, stats):
                self.new_page()
                self.add(block, stats)
            elif len(_units(block)) < 3:  # cannot be split: alone on a page, too tall
                if not after_lead_in:  # (but below the heading or lead-in that introduces it)
                    self.new_page()
                self.add(block, stats)
            else:
                self._split(block, stats)
        return [(b, s) for b, s in self.pages if b]

    def _leads_in(self, block: Block, following: Block | None) -> bool:
        """A heading, or a paragraph ending in ``:`` before a list, that fits with what follows."""
        if following is None or isinstance(following, (Pause, Alignment)):
            return False
        if not (introduces(block, following) or isinstance(block, Heading)):
            return False
        return self.fresh_fits(block_height(block, self.width) + self._first_unit_rows(following))

    def _first_unit_rows(self, block: Block) -> int:
        return block_height(_piece(block, _units(block), 0, 1), self.width)

    def _place_lead_in(self, block: Block, stats: tuple[Stat, ...], following: Block, following_stats: tuple[Stat, ...]) -> None:
        """Keep ``block`` on the page with ``following``, or at least with its first unit.

        Both move to a new page when they would fit there together; when they fit on no page,
        ``following`` is split and its first unit stays below ``block``.
        """
        rows = block_height(block, self.width)
        both = (*stats, *following_stats)
        together = rows + block_height(following, self.width)
        first = rows + self._first_unit_rows(following)
        if not (self.fits(together, both) or (self.fits(first, both) and not self.fresh_fits(together, both))):
            self.new_page()
        self.add(block, stats)

    def _split(self, block: Block, stats: tuple[Stat, ...]) -> None:
        bounds = _units(block)
        count = len(bounds) - 1
        unit_homes = _home_stats(stats, [_piece(block, bounds, i, i + 1) for i in range(count)])

        def piece_stats(lo: int, hi: int) -> list[Stat]:
            return [s for h in unit_homes[lo:hi] for s in h]

        lo = 0
        while lo < count:
            hi = _last_true(lo + 1, count, lambda end: self.fits(block_height(_piece(block, bounds, lo, end), self.width), piece_stats(lo, end)))
            if hi is None:
                if self.has_content():
                    self.new_page()
                    continue
                hi = lo + 1  # one unit taller than a whole page: it stays whole, too tall
            self.add(_piece(block, bounds, lo, hi), piece_stats(lo, hi))
            lo = hi
            if lo < count:
                self.new_page()


def _last_true(first: int, last: int, test: Callable[[int], bool]) -> int | None:
    """The largest ``n`` in ``first..last`` with ``test(n)``, for a ``test`` true up to a
    point (None if not even ``test(first)``): a gallop, then a bisection."""
    if not test(first):
        return None
    good, step = first, 1
    while good + step <= last and test(good + step):
        good += step
        step *= 2
    bad = min(good + step, last + 1)
    while bad - good > 1:
        middle = (good + bad) // 2
        if test(middle):
            good = middle
        else:
            bad = middle
    return good


def _span(blocks: Sequence[Block], fallback: Lines | None, *, first: bool) -> Lines | None:
    firsts = [b.lines.first for b in blocks if getattr(b, "lines", None)]
    lasts = [b.lines.last for b in blocks if getattr(b, "lines", None)]
    if not firsts:
        return fallback
    start = fallback.first if first and fallback is not None else min(firsts)
    return Lines(start, max(lasts + [start]))


def fitted_slides(slides: Sequence[Slide], *, width: int, height: int) -> list[SlideFit]:
    """How each slide of ``slides`` fits ``width`` x ``height`` (a slide area, see :func:`slide_area`)."""
    return [measure_fit(slide, width, height) for slide in slides]

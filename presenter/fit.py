"""Fit slides to a size: a slide taller than the slide area continues on new slides.

``paginate`` splits long sections once, at parse time, against an *estimated* 80x24
reference. This module measures *real* heights, by rendering each block with Rich at the
width the slide will be shown at, and splits any slide still too tall for the area:

- between blocks; a block that fits on a page is never split, it moves to the next page;
- a block taller than a page splits: lists between items (an item keeps its nested
  lists), paragraphs between sentences (never mid-sentence, every character kept);
- a lead-in paragraph ending in ``:`` stays with (at least the first items of) its list,
  and a heading stays with the block after it;
- ``Pause`` blocks are kept; one that falls on a page break opens the next page, so a
  continuation slide still reveals its content on the next key press;
- stat cards go with the page holding the text they were found in;
- a block that cannot be split and is taller than the area (a long code block, a big
  table, a one-sentence paragraph) stays whole on a page of its own; that page is
  reported as too tall (:attr:`SlideFit.too_tall`, :attr:`Fitted.too_tall`).

Part numbers: a slide split into ``n`` pieces gives ``Title (1/n)`` ... ``Title (n/n)``.
A slide that already is a parse-time part (an article section split at parse time into
``Title (1/3)`` ... ``(3/3)``) is numbered together with the other parts of its section:
the pieces of the whole run are re-numbered ``(1/m)`` ... ``(m/m)``. Parts are never merged
back together, even on a big terminal, so an original slide always maps to one or more
whole fitted slides. Title slides are never split.

Everything here is pure and cached per ``(slide, width, height)``, so the app can fit
lazily, one slide (or one run of parts, :func:`fit_at`) at a time, and a resize back to a
size seen before costs nothing. No Textual import.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rich.padding import Padding

from presenter.records import record, replace
from presenter.render.console import fixed_console
from presenter.model import Block, BulletList, Deck, Heading, Lines, NumberedList, Paragraph, Pause, Slide, Stat, plain
from presenter.paginate import introduces, sentence_starts, slice_paragraph
from presenter.plaintext import block_lines
from presenter.render.blocks import render_block
from presenter.render.palette import DEFAULT_PALETTE
from presenter.render.slide import SlideRenderable

#: The app's chrome (theme.tcss): ``#stage`` (the scrolling stage) has padding ``1 4 0 4``, the footer one row.
STAGE_PADDING = (1, 4, 0, 4)
FOOTER_ROWS = 1
#: A title slide is at most this wide, with a margin of 2 on each side (theme.tcss).
TITLE_MAX_WIDTH = 90
TITLE_MARGIN = 2
#: The part label the packer reserves room for before the real numbers are known.
_WIDEST_LABEL = " (99/99)"


def slide_area(terminal_width: int, terminal_height: int) -> tuple[int, int]:
    """The ``(width, height)`` a slide is drawn in, in a terminal of this size."""
    top, right, bottom, left = STAGE_PADDING
    return max(1, terminal_width - left - right), max(1, terminal_height - top - bottom - FOOTER_ROWS)


# -- measuring ---------------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _console(width: int):
    return fixed_console(width)


def _rows(renderable, width: int) -> int:
    console = _console(width)
    return len(console.render_lines(renderable, console.options.update_width(width), pad=False))


@lru_cache(maxsize=200_000)
def block_height(block: Block, width: int) -> int:
    """Rows ``block`` takes on a slide ``width`` wide, with the blank row above it."""
    if isinstance(block, Pause):
        return 0
    if isinstance(block, (BulletList, NumberedList)) and len(block.items) > 1:
        # A list is a grid whose rows wrap independently once the marker column's width is
        # known, so it is as tall as its items; measured per item, a split list costs no
        # re-rendering (tests/test_fit.py checks this against whole renders).
        marker = _marker_width(block)
        if marker is not None:
            return 1 + sum(_item_height(type(block), item, marker, width) for item in block.items)
    return _rows(Padding(render_block(block, DEFAULT_PALETTE, 0, None), (1, 0, 0, 0)), width)


def _marker_width(block: BulletList | NumberedList) -> int | None:
    """Characters of the widest number of a numbered list (1 for bullets; None: not simple)."""
    if isinstance(block, BulletList):
        return 1
    numbers = [item.number if item.number is not None else i for i, item in enumerate(block.items, start=1)]
    if min(numbers) < 0:
        return None
    return max(len(str(n)) for n in numbers)


@lru_cache(maxsize=200_000)
def _item_height(kind: type, item, marker: int, width: int) -> int:
    """Rows of one list item drawn with a marker ``marker`` digits wide."""
    if kind is NumberedList:
        item = replace(item, number=10 ** (marker - 1))
    return _rows(render_block(kind((item,)), DEFAULT_PALETTE, 0, None), width)


@lru_cache(maxsize=20_000)
def header_height(title: str, stats: tuple[Stat, ...], width: int) -> int:
    """Rows of a slide's title, its rule and its stat cards."""
    return _rows(SlideRenderable(Slide(title=title, stats=stats)), width)


def title_slide_width(width: int) -> int:
    """The width a title slide is drawn at in a slide area ``width`` wide."""
    return max(1, min(TITLE_MAX_WIDTH, width - 2 * TITLE_MARGIN))


def slide_height(slide: Slide, width: int) -> int:
    """Rows ``slide`` takes with every block shown, in a slide area ``width`` wide."""
    if slide.is_title:
        return _rows(SlideRenderable(slide), title_slide_width(width))
    return header_height(slide.display_title, slide.stats, width) + sum(block_height(b, width) for b in slide.blocks)


# -- splitting one slide -----------------------------------------------------------------------


@record
class SlideFit:
    """How one slide fits an area: the slides it becomes and the height of each."""

    pieces: tuple[Slide, ...]
    """The slide itself when it fits, else its continuation slides in order."""
    heights: tuple[int, ...]
    """Rows each piece takes."""
    height: int
    """Rows of the area."""

    @property
    def too_tall(self) -> tuple[int, ...]:
        """Indexes of the pieces still taller than the area (an unsplittable block)."""
        return tuple(i for i, rows in enumerate(self.heights) if rows > self.height)


def fit_slide(slide: Slide, width: int, height: int) -> list[Slide]:
    """``slide`` as one or more slides that each fit ``width`` x ``height`` (when possible).

    Pieces of a slide are numbered ``(i/n)``; for a slide that is already a parse-time part,
    use :func:`fit_at` or :func:`fit_slides` to number the pieces across its section.
    """
    return list(measure_fit(slide, width, height).pieces)


@lru_cache(maxsize=50_000)
def measure_fit(slide: Slide, width: int, height: int) -> SlideFit:
    """:func:`fit_slide` with the measured height of each piece (cached)."""
    if slide.is_title:
        return SlideFit((slide,), (slide_height(slide, width),), height)
    rows = slide_height(slide, width)
    if rows <= height or len(slide.blocks) < 2 and not _splittable(slide.blocks):
        return SlideFit((slide,), (rows,), height)
    pages = _Packer(slide, width, height).pack()
    if len(pages) == 1:
        return SlideFit((slide,), (rows,), height)
    pieces = []
    for number, (blocks, stats) in enumerate(pages, start=1):
        pieces.append(
            replace(
                slide,
                blocks=tuple(blocks),
                stats=tuple(stats),
                part=(number, len(pages)),
                source_lines=_span(blocks, slide.source_lines, first=number == 1),
            )
        )
    return SlideFit(tuple(pieces), tuple(slide_height(p, width) for p in pieces), height)


def _splittable(blocks: Sequence[Block]) -> bool:
    return any(len(_units(b)) > 1 for b in blocks)


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


def _home_stats(stats: tuple[Stat, ...], blocks: Sequence[Block]) -> list[tuple[Stat, ...]]:
    """For each block, the stats found in its text (a stat found nowhere goes to the first)."""
    homes: list[list[Stat]] = [[] for _ in blocks]
    texts = ["\n".join(block_lines(b)) for b in blocks]
    for stat in stats:
        candidates = [i for i, text in enumerate(texts) if stat.value in text]
        near = [i for i in candidates if stat.line is not None and _covers(blocks[i], stat.line)]
        index = (near or candidates or [0])[0] if blocks else None
        if index is not None:
            homes[index].append(stat)
    return [tuple(h) for h in homes]


def _covers(block: Block, line: int) -> bool:
    lines = getattr(block, "lines", None)
    return lines is not None and lines.first <= line <= lines.last


class _Packer:
    """Greedy page filling with measured heights."""

    def __init__(self, slide: Slide, width: int, height: int) -> None:
        self.slide, self.width, self.height = slide, width, height
        self.title = slide.title + _WIDEST_LABEL
        self.pages: list[tuple[list[Block], list[Stat]]] = [([], [])]
        self.used = 0
        self.led_in = False

    # page state
    def _header(self, extra: Sequence[Stat] = ()) -> int:
        return header_height(self.title, (*self.pages[-1][1], *extra), self.width)

    def fits(self, rows: int, stats: Sequence[Stat] = ()) -> bool:
        return self._header(stats) + self.used + rows <= self.height

    def fresh_fits(self, rows: int, stats: Sequence[Stat] = ()) -> bool:
        return header_height(self.title, tuple(stats), self.width) + rows <= self.height

    def has_content(self) -> bool:
        return any(not isinstance(b, Pause) for b in self.pages[-1][0])

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
        for index, block in enumerate(blocks):
            stats = homes[index]
            if isinstance(block, Pause):
                self.add(block, stats)
                continue
            rows = block_height(block, self.width)
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            led_in, self.led_in = self.led_in, False
            if self._leads_in(block, following):
                self._place_lead_in(block, stats, following, homes[index + 1])
                self.led_in = True
            elif self.fits(rows, stats):
                self.add(block, stats)
            elif led_in and len(_units(block)) > 2:  # stays with its lead-in: split it here
                self._split(block, stats)
            elif self.fresh_fits(rows, stats):
                self.new_page()
                self.add(block, stats)
            elif len(_units(block)) < 3:  # cannot be split: alone on a page, too tall
                if not led_in:  # (but below the heading or lead-in that introduces it)
                    self.new_page()
                self.add(block, stats)
            else:
                self._split(block, stats)
        return [(b, s) for b, s in self.pages if b]

    def _leads_in(self, block: Block, following: Block | None) -> bool:
        """A heading, or a paragraph ending in ``:`` before a list, that fits with what follows."""
        if following is None or isinstance(following, Pause):
            return False
        if not (introduces(block, following) or isinstance(block, Heading)):
            return False
        return self.fresh_fits(block_height(block, self.width) + self._first_unit_rows(following))

    def _first_unit_rows(self, block: Block) -> int:
        return block_height(_piece(block, _units(block), 0, 1), self.width)

    def _place_lead_in(
        self, block: Block, stats: tuple[Stat, ...], following: Block, following_stats: tuple[Stat, ...]
    ) -> None:
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
        pieces = [_piece(block, bounds, i, i + 1) for i in range(count)]
        unit_homes = _home_stats(stats, pieces)

        def fits(lo: int, hi: int) -> bool:
            piece_stats = [s for h in unit_homes[lo:hi] for s in h]
            return self.fits(block_height(_piece(block, bounds, lo, hi), self.width), piece_stats)

        lo = 0
        while lo < count:
            hi = _last_true(lo + 1, count, lambda end: fits(lo, end)) or lo
            if hi == lo:
                if self.has_content():
                    self.new_page()
                    continue
                hi = lo + 1  # one unit taller than a whole page: it stays whole, too tall
            self.add(_piece(block, bounds, lo, hi), [s for h in unit_homes[lo:hi] for s in h])
            lo = hi
            if lo < count:
                self.new_page()


def _last_true(first: int, last: int, test) -> int | None:
    """The largest ``n`` in ``first..last`` with ``test(n)``, for a ``test`` true up to a point.

    Gallops from ``first`` then bisects, so a page of ``k`` units costs about ``2 log k`` renders.
    """
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


# -- whole decks and runs of parts -------------------------------------------------------------


def part_run(slides: Sequence[Slide], index: int) -> range:
    """The indexes of the parse-time parts of the section ``slides[index]`` belongs to.

    A run is consecutive slides with the same title numbered ``(1/n)`` ... ``(n/n)``;
    a slide that is not a part is a run of one.
    """
    slide = slides[index]
    if slide.part is None or slide.is_title:
        return range(index, index + 1)
    start = index
    while start > 0 and _continues(slides[start - 1], slides[start]):
        start -= 1
    end = index + 1
    while end < len(slides) and _continues(slides[end - 1], slides[end]):
        end += 1
    return range(start, end)


def _continues(before: Slide, after: Slide) -> bool:
    return (
        before.part is not None
        and after.part is not None
        and not before.is_title
        and before.title == after.title
        and after.part == (before.part[0] + 1, before.part[1])
    )


def _fit_run(slides: Sequence[Slide], run: range, width: int, height: int) -> list[tuple[Slide, ...]]:
    """The pieces of each slide of ``run``, numbered across the run."""
    fits = [measure_fit(slides[i], width, height).pieces for i in run]
    if len(run) == 1 or sum(map(len, fits)) == len(run):
        return fits  # nothing split: the parse-time numbers stand
    total = sum(map(len, fits))
    numbered, number = [], 0
    for pieces in fits:
        renumbered = []
        for piece in pieces:
            number += 1
            renumbered.append(replace(piece, part=(number, total)))
        numbered.append(tuple(renumbered))
    return numbered


def trim_caches(limit: int = 1_000) -> None:
    """Empty each measuring cache that holds more than ``limit`` entries.

    An export fits every slide and gains from keeping every measure (a fitted HTML export of
    1,000 slides takes twice as long without). The app fits a slide at a time and calls this
    first, so a long session through a big deck does not keep the blocks of every slide it
    showed (3,000 slides of the styled benchmark deck held 42 MB; with this, under 4 MB).
    """
    for cached in (block_height, _item_height, header_height, measure_fit):
        if cached.cache_info().currsize > limit:
            cached.cache_clear()


def fit_at(slides: Sequence[Slide], index: int, *, width: int, height: int) -> tuple[Slide, ...]:
    """The fitted slides original slide ``index`` becomes, numbered within its section.

    Fits only the run of parts ``index`` belongs to: the lazy, per-slide entry point.
    """
    run = part_run(slides, index)
    return _fit_run(slides, run, width, height)[index - run.start]


@record
class Fitted:
    """A deck's slides fitted to a size, and the map back to the original slides."""

    slides: tuple[Slide, ...]
    """The fitted slides, continuation slides in place."""
    origin: tuple[int, ...]
    """For each fitted slide, the index of the original slide it came from."""
    starts: tuple[int, ...]
    """For each original slide, the index of its first fitted slide (and the total at the end)."""
    too_tall: tuple[int, ...]
    """Indexes of fitted slides still taller than the area (an unsplittable block)."""
    heights: tuple[int, ...]
    """Rows each fitted slide takes."""
    width: int
    height: int

    def fitted_index(self, original: int, part: int = 0) -> int:
        """The fitted slide showing piece ``part`` (0-based, clamped) of slide ``original``."""
        original = max(0, min(original, len(self.starts) - 2))
        first, end = self.starts[original], self.starts[original + 1]
        return first + max(0, min(part, end - first - 1))

    def original_position(self, fitted: int) -> tuple[int, int]:
        """``(original index, 0-based piece)`` of fitted slide ``fitted``."""
        original = self.origin[fitted]
        return original, fitted - self.starts[original]

    def pieces(self, original: int) -> int:
        """How many fitted slides original slide ``original`` became."""
        return self.starts[original + 1] - self.starts[original]


def fit_slides(deck: Deck | Sequence[Slide], *, width: int, height: int) -> Fitted:
    """Every slide of ``deck`` fitted to ``width`` x ``height`` (a slide area, see :func:`slide_area`)."""
    slides = tuple(deck.slides if isinstance(deck, Deck) else deck)
    out: list[Slide] = []
    origin: list[int] = []
    starts: list[int] = []
    index = 0
    while index < len(slides):
        run = part_run(slides, index)
        for offset, pieces in enumerate(_fit_run(slides, run, width, height)):
            starts.append(len(out))
            out.extend(pieces)
            origin.extend([run.start + offset] * len(pieces))
        index = run.stop
    starts.append(len(out))
    heights = tuple(_piece_height(s, width) for s in out)
    too_tall = tuple(i for i, rows in enumerate(heights) if rows > height)
    return Fitted(tuple(out), tuple(origin), tuple(starts), too_tall, heights, width, height)


def _piece_height(slide: Slide, width: int) -> int:
    return slide_height(slide, width)


def fit_deck(deck: Deck, *, width: int, height: int) -> Deck:
    """``deck`` with its slides fitted to ``width`` x ``height``."""
    return replace(deck, slides=fit_slides(deck, width=width, height=height).slides)

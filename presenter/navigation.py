"""Where Next and Previous lead: slides, the pieces a slide is fitted into, and its pauses.

A pure model of the presenter's place in a deck, used by the app and tested without it. A
slide too tall for the window is shown in pieces ("Results (2/3)", see
:mod:`presenter.fit`), and a piece with ``<!-- pause -->`` is revealed a step at a time.
:class:`Place` is where the presenter is; :class:`Navigator` says where a key press goes,
given how a slide splits into pieces (``pieces_of``: fitting depends on the window, so the
app passes its own).
"""

from __future__ import annotations

from typing import Callable, NamedTuple

from presenter.model import Pause, Slide
from presenter.render.slide import pause_count


class Place(NamedTuple):
    """Piece ``part`` of slide ``index`` (both 0-based), with ``step`` of its pauses passed."""

    index: int
    part: int = 0
    step: int = 0


class Navigator:
    """Next and Previous over ``count`` slides, each split by ``pieces_of(index)``.

    With ``pauses`` off, every piece is shown whole (no steps).
    """

    def __init__(self, count: int, pieces_of: Callable[[int], tuple[Slide, ...]], *, pauses: bool = True) -> None:
        self.count = count
        self.pieces_of = pieces_of
        self.pauses = pauses

    def steps(self, piece: Slide) -> int:
        """The pauses of ``piece`` (0 when pauses are off)."""
        return pause_count(piece) if self.pauses else 0

    def first_step(self, piece: Slide) -> int:
        """1 for a piece that opens with a pause: turning to it is the first reveal."""
        return 1 if self.pauses and bool(piece.blocks) and isinstance(piece.blocks[0], Pause) else 0

    def arrive(self, index: int, part: int = 0, step: int | None = None) -> Place:
        """The place for slide ``index``, piece ``part`` (-1: the last) at ``step`` (None: the
        piece's first step), each clamped to what exists."""
        index = max(0, min(index, self.count - 1))
        pieces = self.pieces_of(index)
        part = len(pieces) - 1 if part < 0 else max(0, min(part, len(pieces) - 1))
        piece = pieces[part]
        first = self.first_step(piece)
        step = first if step is None else max(first, min(step, self.steps(piece)))
        return Place(index, part, step)

    def forward(self, place: Place) -> Place | None:
        """Reveal the next step, or turn to the next piece or slide; None at the very end."""
        place = self.arrive(place.index, place.part, place.step)  # a place kept from a fit the window has since changed
        pieces = self.pieces_of(place.index)
        if place.step < self.steps(pieces[place.part]):
            return Place(place.index, place.part, place.step + 1)
        if place.part < len(pieces) - 1:
            return self.arrive(place.index, place.part + 1)
        if place.index < self.count - 1:
            return self.arrive(place.index + 1)
        return None

    def backward(self, place: Place) -> Place | None:
        """Hide the last step revealed, or go back to the previous piece or slide, fully
        revealed; None at the very start."""
        place = self.arrive(place.index, place.part, place.step)
        pieces = self.pieces_of(place.index)
        if place.step > self.first_step(pieces[place.part]):
            return Place(place.index, place.part, place.step - 1)
        if place.part > 0:
            return self.arrive(place.index, place.part - 1, step=self.steps(pieces[place.part - 1]))
        if place.index > 0:
            last = self.pieces_of(place.index - 1)
            return self.arrive(place.index - 1, -1, step=self.steps(last[-1]))
        return None

    def slide_step(self, place: Place) -> int:
        """Pauses passed on the whole slide: those of the pieces before, then this one's.

        Terminals of different sizes split a slide differently; this count is what they share.
        """
        pieces = self.pieces_of(place.index)
        return sum(self.steps(piece) for piece in pieces[: place.part]) + place.step

    def locate(self, index: int, slide_step: int) -> Place:
        """The place on slide ``index`` showing whole-slide pause ``slide_step``."""
        pieces = self.pieces_of(max(0, min(index, self.count - 1)))
        for part, piece in enumerate(pieces):
            count = self.steps(piece)
            if slide_step <= count or part == len(pieces) - 1:
                return self.arrive(index, part, slide_step)
            slide_step -= count
        return self.arrive(index)

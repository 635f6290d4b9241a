"""``--slides 2-5,8``: which slides to export, keeping their numbers in the deck.

Numbers are 1-based slide numbers of the deck, whatever the size: with ``--height``, the
pieces a slide is fitted into come out under its number. ``3-`` runs to the last slide,
``-4`` from the first. Slides come out in deck order, each once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from presenter.errors import PresenterError
from presenter.model import Deck, Slide

_PART = re.compile(r"^\s*(\d*)\s*(-?)\s*(\d*)\s*$")


@dataclass(frozen=True, slots=True)
class SlideSelection:
    """Ranges of slide numbers; ``None`` for an open end."""

    ranges: tuple[tuple[int | None, int | None], ...]
    spec: str = ""
    """As the user wrote it, for error messages."""

    @classmethod
    def parse(cls, spec: str) -> SlideSelection:
        """``"2-5,8"``, ``"3-"``, ``"-4"``; a malformed spec is a :class:`PresenterError`."""
        ranges: list[tuple[int | None, int | None]] = []
        for part in spec.split(","):
            match = _PART.match(part)
            if match is None or not (match.group(1) or match.group(3)) or (match.group(1) and match.group(3) and not match.group(2)):
                raise _error(spec, f"{part.strip()!r} is not a slide number or range (use e.g. 2-5,8, 3- or -4)")
            first = int(match.group(1)) if match.group(1) else None
            last = int(match.group(3)) if match.group(3) else None
            if not match.group(2):
                last = first
            if first == 0 or last == 0:
                raise _error(spec, "slides are numbered from 1")
            if first is not None and last is not None and last < first:
                raise _error(spec, f"{part.strip()!r} runs backwards")
            ranges.append((first, last))
        return cls(tuple(ranges), spec)

    def numbers(self, total: int) -> tuple[int, ...]:
        """The selected numbers in deck order; a range past ``total`` is an error."""
        chosen: set[int] = set()
        for first, last in self.ranges:
            for bound in (first, last):
                if bound is not None and bound > total:
                    raise _error(self.spec, f"slide {bound} is out of range: the deck has {total} slide{'s' if total != 1 else ''}")
            chosen.update(range(first or 1, (last or total) + 1))
        return tuple(sorted(chosen))

    def __str__(self) -> str:
        return self.spec


def _error(spec: str, message: str) -> PresenterError:
    return PresenterError(None, None, f"--slides {spec}: {message}")


def numbered_slides(
    deck: Deck, *, width: int, height: int | None = None, slides: SlideSelection | None = None
) -> tuple[list[tuple[int, Slide]], int]:
    """``([(number, slide), ...], total)``: the slides to export by their number in the deck
    (of ``total``); with ``height``, each fitted to ``width`` x ``height``, its pieces under
    its number."""
    total = len(deck.slides)
    numbers = slides.numbers(total) if slides is not None else range(1, total + 1)
    if height is None:
        return [(number, deck.slides[number - 1]) for number in numbers], total
    from presenter.fit import fit_slide

    return [(number, piece) for number in numbers for piece in fit_slide(deck.slides[number - 1], width, height)], total

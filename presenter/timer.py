"""The speaker's timer and pace, as pure functions of an injectable clock."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from presenter.model import Deck

Clock = Callable[[], float]

#: One amount and its unit (compiled on first use: a launch without --duration needs none).
_PART = r"(?i)(\d+(?:\.\d+)?)\s*(hours?|hr|h|minutes?|min|m|seconds?|sec|s)"


def deck_duration(deck: Deck) -> float | None:
    """The talk's length from front matter ``duration:``, in seconds (None if absent or unreadable)."""
    value = deck.meta_value("duration")
    try:
        return parse_duration(value) if value else None
    except ValueError:
        return None


def parse_duration(text: str) -> float:
    """``20m``, ``1h30m``, ``90s``, ``45`` (minutes) or ``20:00`` (mm:ss) -> seconds.

    Raises ValueError with a message naming the accepted forms.
    """
    value = text.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", value):
        return float(value) * 60
    if re.fullmatch(r"\d+:\d{2}(:\d{2})?", value):
        parts = [int(p) for p in value.split(":")]
        if len(parts) == 2:
            return parts[0] * 60 + parts[1]
        return parts[0] * 3600 + parts[1] * 60 + parts[2]
    total = 0.0
    position = 0
    for match in re.finditer(_PART, value):
        if value[position : match.start()].strip():
            break
        amount, unit = float(match.group(1)), match.group(2)[0]
        total += amount * {"h": 3600, "m": 60, "s": 1}[unit]
        position = match.end()
    if position == 0 or value[position:].strip() or total <= 0:
        raise ValueError(f"not a duration: {text!r} (use e.g. 20m, 1h30m, 90s or 20:00)")
    return total


def format_seconds(seconds: float) -> str:
    """``754`` -> ``12:34``; an hour or more -> ``1:02:34``; negative gets a minus sign."""
    sign = "-" if seconds < 0 else ""
    whole = int(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes:02d}:{secs:02d}"


class Timer:
    """A stopwatch: ``toggle`` starts and pauses it, ``reset`` stops it at zero."""

    def __init__(self, clock: Clock = time.monotonic) -> None:
        self.clock = clock
        self._started: float | None = None
        self._banked = 0.0

    @property
    def running(self) -> bool:
        return self._started is not None

    @property
    def started(self) -> bool:
        return self.running or self._banked > 0

    def elapsed(self) -> float:
        if self._started is None:
            return self._banked
        return self._banked + self.clock() - self._started

    def start(self) -> None:
        if self._started is None:
            self._started = self.clock()

    def pause(self) -> None:
        if self._started is not None:
            self._banked += self.clock() - self._started
            self._started = None

    def toggle(self) -> None:
        self.pause() if self.running else self.start()

    def reset(self) -> None:
        self._started = None
        self._banked = 0.0


def pace(elapsed: float, duration: float, position: int, total: int, *, slack: float = 0.05) -> str:
    """``ahead``, ``on pace``, ``behind`` or ``over`` for slide ``position`` (1-based) of ``total``.

    On pace means the time used is within ``slack`` of the share of the talk reached.
    """
    if elapsed > duration:
        return "over"
    done = (position - 1) / max(1, total - 1) if total > 1 else 1.0
    expected = duration * done
    if elapsed > expected + slack * duration:
        return "behind"
    if elapsed < expected - slack * duration:
        return "ahead"
    return "on pace"

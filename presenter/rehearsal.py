"""Rehearsal: how long each slide was shown, and a small report written on quit."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from presenter.model import Deck
from presenter.timer import Clock, format_seconds


@dataclass
class Rehearsal:
    """Call ``show(index)`` whenever the visible slide changes and ``stop()`` at the end."""

    clock: Clock = field(default=time.monotonic)
    seconds: dict[int, float] = field(default_factory=dict)
    _current: int | None = None
    _since: float = 0.0

    def show(self, index: int) -> None:
        now = self.clock()
        if self._current is not None:
            self.seconds[self._current] = self.seconds.get(self._current, 0.0) + now - self._since
        self._current, self._since = index, now

    def stop(self) -> None:
        if self._current is not None:
            self.show(self._current)
            self._current = None

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


def report_text(rehearsal: Rehearsal, deck: Deck) -> str:
    """A table of seconds per slide and the total, as plain text."""
    lines = [f"Rehearsal of {deck.title}", ""]
    width = max((len(s.display_title) for s in deck.slides), default=10)
    width = min(width, 60)
    for index, slide in enumerate(deck.slides):
        seconds = rehearsal.seconds.get(index, 0.0)
        title = slide.display_title[:width]
        lines.append(f"{index + 1:>4}  {title:<{width}}  {seconds:8.1f} s  {format_seconds(seconds)}")
    lines.append("")
    lines.append(f"total {format_seconds(rehearsal.total)} ({rehearsal.total:.1f} s)")
    return "\n".join(lines) + "\n"


def report_path(deck_path: Path) -> Path:
    """``talk.md`` -> ``talk.rehearsal.txt`` beside it."""
    return deck_path.with_name(f"{deck_path.stem}.rehearsal.txt")

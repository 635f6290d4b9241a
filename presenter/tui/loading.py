"""Present a big deck while the rest of it is still being read.

A deck file over :data:`PROGRESSIVE_BYTES` opens on its first slides: the parser's stages
(:func:`presenter.sources.deck_stages`) run on the app's own event loop a few milliseconds
at a time, and pause after each key press until it has been drawn; the slides read so far
replace the deck on screen every :data:`SHOW_EVERY` seconds. Smaller decks are read whole
before the app starts, so an error in them is reported before anything is shown.
"""

from __future__ import annotations

import gc
import time
from pathlib import Path
from typing import Callable, Iterator

from presenter.model import Deck

#: Deck files larger than this open on their first slides and read the rest while showing.
PROGRESSIVE_BYTES = 32_000
#: Longest run of parsing between two chances for the app to handle a key or repaint.
SLICE_SECONDS = 0.003
#: How long reading waits at a time while the app is busy with a key press.
QUIET_WAIT = 0.02
#: How often the slides read so far replace the deck on screen.
SHOW_EVERY = 0.25


def is_big(path: Path) -> bool:
    """Whether the deck file at ``path`` is read progressively (False if it cannot be read)."""
    try:
        return path.is_file() and path.stat().st_size > PROGRESSIVE_BYTES
    except OSError:
        return False  # read_source says what is wrong with it


async def read_rest(
    stages: Iterator[Deck | None],
    show: Callable[[Deck], None],
    *,
    quiet: Callable[[], bool] = lambda: True,
    may_show: Callable[[], bool] = lambda: True,
    clock: Callable[[], float] = time.perf_counter,
) -> Deck | None:
    """Run the remaining ``stages`` in slices, calling ``show`` with newer partial decks.

    Reading waits while ``quiet()`` is false (the app says so just after a key press), so a
    press is drawn without competing with the parser. A newer partial deck is shown only when
    ``may_show()`` says so: a swap redraws the screen, and Textual draws at most one frame
    each 1/60 s, so a key pressed just after one waited up to 17 ms for its frame. Returns the complete deck (None if the
    stages held nothing more). A :class:`~presenter.errors.PresenterError` from the parser
    propagates.

    ``stages`` may say how long to run at a time and how long to pause between (attributes
    ``slice_seconds`` and ``pause_seconds``): stages that only look for decks another process
    has read take one quick step at a time, and pause longer.

    The slides already read are moved out of the cyclic garbage collector's sight
    (:func:`gc.freeze`) as they pile up: a collection over a growing 10,000-slide deck
    paused the app for up to 150 ms at a time. They hold no reference cycles, so reference
    counting still frees them when the deck is replaced.
    """
    import asyncio  # here, not at the top: presenter/readahead.py forks before Textual needs it

    newest: Deck | None = None
    shown: Deck | None = None
    shown_at = clock()
    while True:
        if not quiet():
            await asyncio.sleep(QUIET_WAIT)
            continue
        started = clock()
        slice_seconds = getattr(stages, "slice_seconds", SLICE_SECONDS)
        try:
            while True:
                stage = next(stages)
                if stage is not None:
                    newest = stage
                if clock() - started >= slice_seconds:
                    break
        except StopIteration:
            return newest
        if newest is not shown and newest is not None and clock() - shown_at >= SHOW_EVERY and may_show():
            show(newest)
            shown, shown_at = newest, clock()
            gc.freeze()
        # Room for the key presses and repaints that are waiting (longer for stages that
        # wait on another process: presenter/readahead.py).
        await asyncio.sleep(getattr(stages, "pause_seconds", 0.001))

"""Keeping the deck on screen current: the rest of a long deck, live reload, and the other
terminals presenting the same file.

A mixin of :class:`~presenter.tui.app.PresenterApp`, kept apart so the app module is about
showing slides; these methods use the app's deck, place and footer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from time import perf_counter

from textual import events

from presenter.errors import PresenterError
from presenter.model import Deck

#: Parsing runs this long at a time, then pauses a millisecond for the terminal's threads.
READ_SLICE = 0.005
#: After a key press or a click, parsing waits until there has been none for this long...
QUIET = 0.5
#: ...unless the presenter is this close to the last slide read (a held arrow key, say).
AHEAD = 5


class LiveDeck:
    """Reads the rest of a long deck, reloads the deck when its file is saved, and follows
    (and drives) the other terminals presenting it."""

    _slide_sync = None
    _applying_remote = False
    _input_at = 0.0
    """When the presenter last pressed a key or clicked."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)):
            self._input_at = perf_counter()
        await super().on_event(event)

    def start_live(self) -> None:
        """Once the first slide is on screen: read the rest of the deck, watch the file,
        join the other terminals."""
        if self.rest is not None:
            self._input_at = perf_counter()  # as after a key: the first frame is written before parsing takes the lock
            self.run_worker(self._read(self.rest, first=True), exclusive=True, group="read")
        if self.watch:
            self.run_worker(self._watch_source(), exclusive=True, group="watch")
        if self.sync:
            self.run_worker(self._start_sync(), group="sync", exit_on_error=False)

    async def _read(self, stages: Iterator[Deck | None], *, first: bool) -> None:
        """Run the parser's ``stages`` a few pieces at a time, between key presses.

        Reading the rest of the deck (``first``) shows each larger part of it as it comes;
        a reload shows the new deck once it is read whole, and keeps the last good deck if
        the file is broken. Parsing holds Python's lock, which the terminal's input and output
        threads need too: it pauses often, and the first reading waits while keys are pressed.
        """
        try:
            await self._breathe(first)
            until = perf_counter() + READ_SLICE
            for stage in stages:
                if stage is not None and (first or not stage.partial):
                    self.replace_deck(stage, more=first)
                if perf_counter() >= until:
                    await self._breathe(first)
                    until = perf_counter() + READ_SLICE
        except PresenterError as error:
            if first:  # the slides read so far stay; the CLI reports it when the app ends
                self.read_error = error
                self.replace_deck(replace(self.deck, partial=False), more=True)
                self.notify(f"{error}\nThe slides before it can be presented.", title="The rest of the deck could not be read", severity="error", timeout=30, markup=False)
            else:
                self.notify(str(error), title="Not reloaded", severity="error", timeout=6, markup=False)
            return
        if not first:
            self.notify("Reloaded", timeout=2, markup=False)

    async def _breathe(self, first: bool) -> None:
        """Let the terminal's threads run; while reading the rest of the deck (``first``),
        wait until no key was pressed for QUIET seconds, or the presenter nears the last
        slide read, or asked for a slide not read yet."""
        await asyncio.sleep(0.001)
        while first and self._heading_to is None and perf_counter() - self._input_at < QUIET and self.index < len(self.deck.slides) - AHEAD:
            await asyncio.sleep(0.05)

    # -- live reload -----------------------------------------------------------

    async def _watch_source(self) -> None:
        """Reload the deck whenever its file is saved (editors often save by renaming)."""
        from watchfiles import awatch

        source = Path(self.deck.source).resolve()
        async for _ in awatch(source.parent, watch_filter=lambda _, path: Path(path) == source, debounce=200):
            self.reload()

    def reload(self) -> None:
        """Read the deck file again, keeping the current slide; keep the last good deck on error."""
        from presenter.sources import deck_stages

        try:
            stages = deck_stages(self.deck.source, clean=self.clean, flavor=self.flavor)
        except PresenterError as error:
            self.notify(str(error), title="Not reloaded", severity="error", timeout=6, markup=False)
            return
        self.read_error = None
        self.run_worker(self._read(stages, first=False), exclusive=True, group="read")

    # -- sync with another terminal ---------------------------------------------

    async def _start_sync(self) -> None:
        """Join (or host) the channel of the other instances presenting this file."""
        from presenter.tui.sync import SlideSync, SyncError

        def status(lost: str | None) -> None:
            """Say when the channel fails after it worked, and when it is back."""
            if self._slide_sync is not sync or not self.is_running:
                return
            if lost is None:
                self.notify("Sync with other terminals restored", timeout=4, markup=False)
            else:  # the reason may quote a path or an OS error: plain text, not markup
                self.notify(f"Sync with other terminals lost: {lost}", severity="warning", timeout=8, markup=False)

        sync = SlideSync(self.deck.source, self._remote_state, on_status=status)
        self._slide_sync = sync
        try:
            await sync.start()
        except (SyncError, OSError) as error:
            self._slide_sync = None
            await sync.close()
            self.notify(f"Not syncing with other terminals: {error}", severity="warning", timeout=6, markup=False)
            return
        if sync.role == "host":
            sync.send(self.index, self.slide_step)  # a guest that joins later starts here

    def send_state(self) -> None:
        """Share the slide and step, unless they were just received from a peer."""
        if self._slide_sync is not None and not self._applying_remote:
            self._slide_sync.send(self.index, self.slide_step)

    def _remote_state(self, index: int, step: int) -> None:
        # SlideSync hands over only the latest remote state, at most every DELIVER_INTERVAL.
        self.call_later(self._apply_remote, index, step)

    def _apply_remote(self, index: int, step: int) -> None:
        """Go where a peer went (clamped to this deck) without echoing it back.

        ``step`` counts the pauses passed on the whole slide, so terminals of different
        sizes (which split a long slide into different pieces) agree on what is revealed.
        """
        if not self.is_running or (index, step) == (self.index, self.slide_step):
            return
        sync = self._slide_sync
        if sync is None or sync.latest != (index, step):
            return  # stale: a newer state was received, or this terminal moved on, since
        self._applying_remote = True
        try:
            self.go(self.navigator.locate(max(0, min(index, len(self.deck.slides) - 1)), step))
            if index >= len(self.deck.slides) and self.deck.partial:
                self.head_for((index, step, False))  # gone to once read (presenter/tui/jumping.py)
        finally:
            self._applying_remote = False

    async def on_unmount(self) -> None:
        if self._slide_sync is not None:
            sync, self._slide_sync = self._slide_sync, None
            await sync.close()

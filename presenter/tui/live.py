"""Keeping the deck on screen current: the rest of a big deck, live reload, and the other
terminals presenting the same file.

A mixin of :class:`~presenter.tui.app.PresenterApp`, kept apart so the app module is about
showing slides; these methods use the app's deck, navigation and footer.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from time import perf_counter

from textual import events

from presenter.tui.footer import DeckFooter


#: While keys are being pressed, a big deck's newer part is swapped in only after a pause
#: this long (see :func:`presenter.tui.loading.read_rest`) ...
SWAP_PAUSE = 0.5
#: ... or when the presenter is this close to the last slide read so far.
SWAP_NEAR = 20


class LiveDeck:
    """Reads the rest of a big deck, reloads the deck when its file is saved, and follows
    (and drives) the other terminals presenting it."""

    # -- the rest of a big deck ----------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)):
            self._input_at = perf_counter()  # reading the rest of a deck waits for this
        await super().on_event(event)

    async def _read_rest(self) -> None:
        """Read the rest of the deck between key presses, showing the slides read so far."""
        from presenter.errors import PresenterError
        from presenter.tui.loading import QUIET_WAIT, read_rest

        assert self._rest is not None
        try:
            deck = await read_rest(self._rest, self.replace_deck, quiet=self._quiet, may_show=self._may_swap)
        except PresenterError as error:
            self.load_error = error  # the CLI reports it, as for a deck that fails to open
            self.exit(return_code=2)
            return
        finally:
            self._rest = None
        while deck is not None and not self._may_swap():
            await asyncio.sleep(QUIET_WAIT)
        self.query_one(DeckFooter).reading = False
        if deck is not None:
            self.replace_deck(deck)

    # -- live reload -----------------------------------------------------------

    async def _watch_source(self) -> None:
        """Reload the deck whenever its file is saved (editors often save by renaming)."""
        from watchfiles import awatch

        source = Path(self.deck.source).resolve()
        async for _ in awatch(source.parent, watch_filter=lambda _, path: Path(path) == source, debounce=200):
            self.reload()

    def reload(self) -> None:
        """Re-read the deck file, keeping the current slide; keep the last good deck on error.

        A big file is re-read in slices, like the first time, and replaces the deck once it
        has been read to the end.
        """
        from presenter.errors import PresenterError
        from presenter.sources import load_deck
        from presenter.tui.loading import is_big

        assert self.deck.source is not None
        if self._rest is not None:  # the file changed while being read: read it again
            self.workers.cancel_group(self, "load")
            self._rest = None
            self.query_one(DeckFooter).reading = False
        if is_big(self.deck.source):
            self.run_worker(self._reload_in_slices(self.deck.source), exclusive=True, group="reread")
            return
        try:
            deck = load_deck(self.deck.source)
        except PresenterError as error:
            self._not_reloaded(error)
            return
        self._reloaded(deck)

    async def _reload_in_slices(self, source: Path) -> None:
        from presenter.errors import PresenterError
        from presenter.sources import deck_stages
        from presenter.tui.loading import read_rest

        try:
            deck = await read_rest(deck_stages(source, packed=True), lambda partial: None, quiet=self._quiet)
        except PresenterError as error:
            self._not_reloaded(error)
            return
        if deck is not None:
            self._reloaded(deck)

    def _reloaded(self, deck) -> None:
        self.replace_deck(deck)
        self.notify("Reloaded", timeout=2)

    def _not_reloaded(self, error) -> None:
        """The saved file is broken: say why, and keep the last good deck on screen."""
        self.notify(str(error), title="Not reloaded", severity="error", timeout=6)

    def _quiet(self) -> bool:
        """No key press or click in the last 0.1 s: reading the deck may go on."""
        return perf_counter() - self._input_at > 0.1

    def _may_swap(self) -> bool:
        """Whether to show the slides read so far now: when the presenter has paused for
        :data:`SWAP_PAUSE` seconds, or is within :data:`SWAP_NEAR` slides of the last one read."""
        return perf_counter() - self._input_at > SWAP_PAUSE or len(self.deck.slides) - self.index <= SWAP_NEAR

    # -- sync with another terminal ---------------------------------------------

    async def _start_sync(self) -> None:
        """Join (or host) the channel of the other instances presenting this file."""
        from presenter.tui.sync import SlideSync, SyncError

        assert self.deck.source is not None
        sync = SlideSync(self.deck.source, self._remote_state)
        self._slide_sync = sync
        try:
            await sync.start()
        except (SyncError, OSError) as error:
            self._slide_sync = None
            await sync.close()
            self.notify(f"Not syncing with other terminals: {error}", severity="warning", timeout=6)
            return
        if sync.role == "host":
            sync.send(self.index, self.slide_step)  # a guest that joins later starts here

    def _send_state(self) -> None:
        """Share the slide and step, unless they were just received from a peer."""
        if self._slide_sync is not None and not self._applying_remote:
            self._slide_sync.send(self.index, self.slide_step)

    def _remote_state(self, index: int, step: int) -> None:
        self.call_later(self._apply_remote, index, step)

    def _apply_remote(self, index: int, step: int) -> None:
        """Go where a peer went (the validators clamp to this deck) without echoing it back.

        ``step`` counts the pauses passed on the whole slide, so terminals of different
        sizes (which split a long slide into different pieces) agree on what is revealed.
        """
        if not self.is_running or (index, step) == (self.index, self.slide_step):
            return
        self._applying_remote = True
        try:
            place = self.navigator.locate(self.validate_index(index), step)
            self._go(place.index, part=place.part, step=place.step)
        finally:
            self._applying_remote = False

    async def on_unmount(self) -> None:
        if self._slide_sync is not None:
            sync, self._slide_sync = self._slide_sync, None
            await sync.close()


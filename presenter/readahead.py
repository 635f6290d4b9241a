"""Read the deck in a forked child while the app starts (``presenter DECK``).

Importing Textual and building the app take most of a launch, and the deck can be read on
another core meanwhile (:mod:`presenter.forked`). A small deck is read whole, as
``presenter.present.open_deck`` would. A big one (presenter/tui/loading.py) is read a stage at a
time: the child sends the first deck the parser gives, then the deck read so far each time
the parser gives a newer one at least :data:`~presenter.tui.loading.SHOW_EVERY` seconds
after the last it sent, then the whole deck, all still packed (:mod:`presenter.packed`). The
app only swaps decks; the parsing happens on the other core, so key presses made meanwhile
never wait for it.

Whatever goes wrong with the child, this process reads the deck itself, so the deck, its
errors and its reports are those of a single process: a small deck is read again by the CLI,
a big one from the start by :meth:`ReadAhead.rest`. An error in a big deck comes back from
the child as the same :class:`~presenter.errors.PresenterError`.
"""

from __future__ import annotations

import io
import os
import pickle
import time
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from presenter.errors import PresenterError
from presenter.forked import ChildFailed, Forked, Send, can_fork
from presenter.model import Deck
from presenter.records import replace
from presenter.tui.loading import SHOW_EVERY, SLICE_SECONDS, is_big

if TYPE_CHECKING:
    from presenter.packed import SlideReceiver

#: How long to wait for a sign of life from the child before reading the deck here.
CHILD_TIMEOUT = 10.0
#: How often the app looks for the child's next message.
POLL_SECONDS = 0.01
#: A child reading a big deck says it is alive at least this often.
HEARTBEAT_SECONDS = 1.0

#: The child reading a big deck yields the processor to the app (and the terminal) after it
#: has sent the first slides.
NICENESS = 10

_DECK, _ERROR, _ALIVE = b"D", b"E", b"A"


def read_ahead(path: Path) -> ReadAhead | None:
    """A forked child reading the deck at ``path``; None without a second core or fork, or if
    ``path`` is not a regular file (a pipe can be read once only: this process reads it)."""
    try:
        regular = path.is_file()
    except OSError:
        regular = False
    return ReadAhead(path) if regular and can_fork() else None


class ReadAhead:
    """The deck at ``path`` as a forked child reads it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.big = is_big(path)
        self._received: SlideReceiver | None = None
        """A big deck's packed slides, as the child sends them a part at a time."""
        self._child = Forked(self._work)

    # -- in the child ------------------------------------------------------------------

    def _work(self, send: Send) -> None:
        if not self.big:
            from presenter.sources import load_deck

            send(pickle.dumps(load_deck(self.path), pickle.HIGHEST_PROTOCOL))
            return
        try:
            self._send_stages(send)
        except PresenterError as error:
            send(_ERROR + pickle.dumps(error, pickle.HIGHEST_PROTOCOL))

    def _send_stages(self, send: Send) -> None:
        from presenter.packed import PackedSlides, let_go, packed_update
        from presenter.sources import deck_stages

        newest: Deck | None = None
        sent: Deck | None = None
        known = 0  # packed batches the app has been sent
        sent_at = said_at = time.monotonic()

        def send_deck(deck: Deck) -> None:
            nonlocal known
            if isinstance(deck.slides, PackedSlides):  # only what the app does not have yet
                update = packed_update(deck.slides, known)
                known += len(update[1])
                send(_message(_DECK, (replace(deck, slides=()), update)))
                del update
                let_go(deck.slides, known)  # the app has them now
            else:
                send(_message(_DECK, (deck, None)))

        for stage in deck_stages(self.path, packed=True):
            now = time.monotonic()
            if stage is not None:
                newest = stage
                if sent is None or now - sent_at >= SHOW_EVERY:
                    send_deck(stage)
                    if sent is None:
                        os.nice(NICENESS)  # the app opens on this deck: the rest can wait
                    sent, sent_at, said_at = stage, now, now
            if now - said_at >= HEARTBEAT_SECONDS:
                send(_ALIVE)
                said_at = now
        if newest is not sent:
            send_deck(newest)

    # -- in this process -------------------------------------------------------------------

    def opened(self) -> Deck | None:
        """The deck to open the app on (for a big deck, its first slides; :meth:`rest` reads
        on), or None if the child could not read it (the caller then reads it itself)."""
        if not self.big:
            data = self._child.result(timeout=CHILD_TIMEOUT)
            return None if data is None else pickle.loads(data)
        try:
            while True:
                message = self._child.receive(CHILD_TIMEOUT)
                if message != _ALIVE:
                    break
        except ChildFailed:
            return None
        if not message:  # no answer in time (None), or no deck at all (b"")
            self.close()
            return None
        return self._deck(message)

    def rest(self) -> ChildStages:
        """The stages after :meth:`opened`'s deck, as the parser's would be
        (presenter/tui/loading.py): a newer deck now and then, the whole deck last, and None
        while there is nothing new."""
        return ChildStages(self)

    def _stages(self, stages: ChildStages) -> Iterator[Deck | None]:
        heard = time.monotonic()
        try:
            while True:
                try:
                    message = self._child.receive(0)
                except ChildFailed:
                    break
                if message is None:
                    if time.monotonic() - heard > CHILD_TIMEOUT:
                        break
                    yield None
                    continue
                heard = time.monotonic()
                if message == b"":  # finished: the whole deck was the last one sent
                    return
                if message != _ALIVE:
                    yield self._deck(message)
        finally:
            self.close()
        # The child failed: read the deck here, and show it once it is whole (its first
        # stages hold fewer slides than the child has already shown).
        from presenter.sources import deck_stages

        stages.reading_here = True

        whole = None
        for stage in deck_stages(self.path, packed=True):
            whole = stage if stage is not None else whole
            yield None
        yield whole

    def _deck(self, message: bytes) -> Deck:
        if message[:1] == _ERROR:
            self.close()
            raise pickle.loads(memoryview(message)[1:])
        deck, update = pickle.loads(memoryview(message)[1:])  # a slice of the message would copy it
        if update is None:
            return deck
        if self._received is None:
            from presenter.packed import SlideReceiver

            self._received = SlideReceiver()
        return replace(deck, slides=self._received.apply(update))

    def close(self) -> None:
        """Stop the child (if it is still reading) and reap it."""
        self._child.close()


def _message(kind: bytes, payload: object) -> memoryview:
    """``kind`` then ``payload`` pickled, in one buffer: it is not copied again to put its
    kind in front (the app and the child reading it hold their peak memory together)."""
    buffer = io.BytesIO()
    buffer.write(kind)
    pickle.dump(payload, buffer, pickle.HIGHEST_PROTOCOL)
    return buffer.getbuffer()


class ChildStages(Iterator["Deck | None"]):
    """:meth:`ReadAhead.rest`: stages that each look once for the child's next message, so
    the app takes one step at a time and pauses :data:`POLL_SECONDS` between (see
    :func:`presenter.tui.loading.read_rest`); if the child fails, the deck is parsed here, in
    the parser's usual slices."""

    def __init__(self, reading: ReadAhead) -> None:
        self.reading_here = False
        self._stages = reading._stages(self)

    @property
    def slice_seconds(self) -> float:
        return SLICE_SECONDS if self.reading_here else 0.0

    @property
    def pause_seconds(self) -> float:
        return 0.001 if self.reading_here else POLL_SECONDS

    def __next__(self) -> Deck | None:
        return next(self._stages)

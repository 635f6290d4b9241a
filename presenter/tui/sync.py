"""Keep two terminals presenting the same deck on the same slide (no Textual import).

The first instance to open a deck *hosts* a Unix socket named after the deck's resolved path;
later instances *join* it. Each side sends ``{"index": 3, "step": 1}`` lines whenever its
slide or pause step changes; the host relays what one guest sends to the others and greets a
newcomer with the current state. When the host quits, a guest takes over as host.

The channel is private to the user: the socket lives in ``$XDG_RUNTIME_DIR`` (when it is a
directory of the user's with mode 0700) or in ``<tmp>/presenter-<uid>``, created with mode 0700
and refused if another user owns it or anyone else may read it; the socket file has mode 0600,
and on Linux each connection's peer credentials are checked too. A host holds an ``flock`` on a
lock file beside the socket, so a socket file left by a crashed instance (connection refused,
lock free) is replaced, while a live host's socket is never taken over.

A peer cannot flood the others: of each batch of lines read from a peer only the last valid
state counts, the app's callback gets the latest state at most once per ``DELIVER_INTERVAL``,
and each peer is sent only the latest state, once it has read the ones before (a peer that
reads nothing for ``stall`` seconds is dropped, its connection closed at once). A host keeps
accepting after ``accept()`` fails (out of file descriptors, say), backing off a little; a
guest whose host quits takes over, or keeps trying to. ``on_status`` hears when the channel
is lost after it worked, and when it is back.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import socket
import stat
from collections.abc import Callable
from pathlib import Path

from presenter.tui.syncchannel import (
    LINE_LIMIT,
    MAX_SOCKET_PATH,
    State,
    SyncError,
    host_socket,
    parse_state,
    private_dir,
    release_host,
    runtime_dir,
    same_user,
    socket_path,
)
from presenter.tui.syncpeer import Peer

log = logging.getLogger(__name__)

#: A peer that reads nothing for this long while a state waits for it is dropped (seconds).
STALL_TIMEOUT = 5.0
#: How much is read from a peer at once; only the last valid state in it counts.
READ_SIZE = 64 * 1024
#: The app's callback gets the latest remote state at most this often (seconds).
DELIVER_INTERVAL = 0.02
#: After a failed ``accept()`` (or a failed takeover) the next try waits this long, doubling...
RETRY_FIRST = 0.05
#: ...up to this long.
RETRY_MAX = 2.0
#: Errors of ``accept()`` that pass: out of descriptors or memory, or one connection gone wrong.
TRANSIENT_ACCEPT_ERRORS = frozenset(
    getattr(errno, name)
    for name in ("EMFILE", "ENFILE", "ENOBUFS", "ENOMEM", "ECONNABORTED", "ECONNRESET", "EPROTO", "EPERM", "EINTR", "EAGAIN")
    if hasattr(errno, name)
)
#: After this many transient ``accept()`` failures in a row the channel counts as lost (until one works).
LOST_AFTER_FAILURES = 5

class SlideSync:
    """Hosts or joins the channel for one deck; ``on_state(index, step)`` gets remote states.

    ``send()`` may be called as often as convenient: calls made in one turn of the event loop
    are coalesced, and a state equal to the last one shared (sent or received) is not sent,
    so re-applying a received state never echoes it back. Remote states are coalesced too:
    ``on_state`` gets only the latest, at most once per ``DELIVER_INTERVAL``.

    ``on_status(reason)`` is called with the reason when the channel fails after it worked
    (the host quit and nobody could take over, ``accept()`` keeps failing), and with None
    when it works again; :attr:`lost` holds the reason meanwhile.
    """

    def __init__(
        self,
        deck: Path | str,
        on_state: Callable[[int, int], object],
        *,
        directory: Path | None = None,
        timeout: float = 2.0,
        on_status: Callable[[str | None], object] | None = None,
        stall: float = STALL_TIMEOUT,
    ) -> None:
        self.deck = Path(deck)
        self.on_state = on_state
        self.on_status = on_status
        self.directory = directory
        self.timeout = timeout
        self.stall = stall
        self.role = "alone"
        """``"host"``, ``"guest"`` or ``"alone"`` (not started, failed, lost, or closed)."""
        self.path: Path | None = None
        self.lost: str | None = None
        """Why the channel stopped working after it worked, or None."""
        self._state: State | None = None
        self._pending: State | None = None
        self._flush_scheduled = False
        self._incoming: State | None = None
        self._deliver_handle: asyncio.TimerHandle | None = None
        self._delivered_at = float("-inf")
        self._peers: set[Peer] = set()
        self._tasks: set[asyncio.Task] = set()
        self._listener: socket.socket | None = None
        self._lock_fd: int | None = None
        self._closed = False

    def __repr__(self) -> str:
        return f"SlideSync({str(self.deck)!r}, role={self.role!r}, path={str(self.path)!r})"

    @property
    def peers(self) -> int:
        """How many other instances this one is connected to."""
        return len(self._peers)

    @property
    def latest(self) -> State | None:
        """The newest state: about to be sent, else the last one shared (sent or received).

        A remote state the app gets to after a newer one was shared is stale."""
        return self._pending if self._pending is not None else self._state

    # -- starting -----------------------------------------------------------------

    async def start(self) -> None:
        """Join the instance presenting this deck, or host the channel if there is none."""
        if os.name != "posix" or not hasattr(socket, "AF_UNIX"):
            raise SyncError("syncing terminals needs Unix sockets")
        if self.directory is None:
            directory = runtime_dir()
        elif private_dir(self.directory):
            directory = self.directory
        else:
            raise SyncError(f"{self.directory} is not a directory private to you")
        self.path = socket_path(directory, self.deck)
        if len(os.fsencode(self.path)) > MAX_SOCKET_PATH:
            raise SyncError(f"the socket path {self.path} is too long")
        await self._join_or_host()

    async def _join_or_host(self) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        while not self._closed:
            try:
                if await self._join():
                    return
            except (FileNotFoundError, ConnectionRefusedError):
                # No socket, or one left by a crashed host: host if nobody else is about to.
                if await self._host():
                    return
            if loop.time() > deadline:
                raise SyncError(f"no answer from the instance hosting {self.path}")
            await asyncio.sleep(0.02)

    async def _join(self) -> bool:
        assert self.path is not None
        info = os.lstat(self.path)  # FileNotFoundError: nobody hosts
        if not stat.S_ISSOCK(info.st_mode) or info.st_uid != os.getuid():
            raise SyncError(f"{self.path} is not a socket of yours")
        reader, writer = await asyncio.open_unix_connection(self.path, limit=LINE_LIMIT)
        if not same_user(writer):
            writer.transport.abort()
            raise SyncError(f"{self.path} is served by another user")
        if self._closed:
            writer.transport.abort()
            return True
        self.role = "guest"
        peer = self._add_peer(writer)
        self._spawn(self._guest(reader, peer))
        return True

    async def _host(self) -> bool:
        """Take the host lock and listen; False when another instance holds the lock."""
        assert self.path is not None
        hosted = host_socket(self.path)
        if hosted is None:
            return False
        self._listener, self._lock_fd = hosted
        self.role = "host"
        self._spawn(self._serve(self._listener))
        return True

    # -- connections --------------------------------------------------------------

    def _spawn(self, coroutine) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _set_lost(self, reason: str | None) -> None:
        """Record (and report) that the channel stopped working (``reason``) or works again."""
        if self._closed or reason == self.lost or (reason is not None and self.lost is not None):
            return
        self.lost = reason
        if reason is not None:
            log.info("presenter sync lost: %s", reason)
        if self.on_status is not None:
            try:
                self.on_status(reason)
            except Exception:  # a bad callback must not end the channel
                log.debug("presenter sync: on_status failed", exc_info=True)

    async def _serve(self, listener: socket.socket) -> None:
        """Accept guests (an accept loop of our own, so that close() knows every connection).

        A failed ``accept()`` never ends it: out of file descriptors, say, it waits a little
        (longer each time) and tries again, the connection still waiting in the backlog."""
        loop = asyncio.get_running_loop()
        failures = 0
        while not self._closed:
            try:
                conn, _ = await loop.sock_accept(listener)
            except OSError as error:
                if self._closed or listener.fileno() < 0:  # the listener was closed
                    return
                failures += 1
                log.debug("presenter sync: accept failed: %s", error)
                if error.errno not in TRANSIENT_ACCEPT_ERRORS or failures >= LOST_AFTER_FAILURES:
                    self._set_lost(f"cannot accept connections: {error.strerror or error}")
                await asyncio.sleep(min(RETRY_FIRST * 2 ** (failures - 1), RETRY_MAX))
                continue
            failures = 0
            self._set_lost(None)
            try:
                reader, writer = await asyncio.open_unix_connection(sock=conn, limit=LINE_LIMIT)
            except OSError as error:
                conn.close()
                log.debug("presenter sync: a connection failed: %s", error)
                continue
            except BaseException:
                conn.close()
                raise
            if self._closed or not same_user(writer):
                writer.transport.abort()
                continue
            peer = self._add_peer(writer)
            if self._state is not None:
                peer.queue(self._state)  # a newcomer joins where we are
            self._spawn(self._host_reads(reader, peer))

    def _add_peer(self, writer: asyncio.StreamWriter) -> Peer:
        """Track a connection and start sending it states (one at a time, the latest)."""
        peer = Peer(writer)
        self._peers.add(peer)
        self._spawn(self._pump(peer))
        return peer

    async def _host_reads(self, reader: asyncio.StreamReader, peer: Peer) -> None:
        try:
            await self._read(reader, peer)
        finally:
            self._drop(peer)

    async def _guest(self, reader: asyncio.StreamReader, peer: Peer) -> None:
        try:
            await self._read(reader, peer)
        finally:
            self._drop(peer)
        if self._closed:
            return
        # The host quit: carry on alone, hosting for whoever comes next (or joining a new host).
        self.role = "alone"
        await self._rejoin()

    async def _rejoin(self) -> None:
        """Join or host again, trying until it works (reporting the channel lost meanwhile)."""
        delay = RETRY_FIRST
        while not self._closed:
            try:
                await self._join_or_host()
            except (SyncError, OSError) as error:
                self._set_lost(str(error))
            else:
                if not self._closed:
                    self._set_lost(None)
                return
            await asyncio.sleep(delay)
            delay = min(delay * 2, RETRY_MAX)

    async def _read(self, reader: asyncio.StreamReader, source: Peer) -> None:
        """Take states from a peer: of each batch read, only the last valid one counts."""
        rest = b""
        while not self._closed:
            try:
                data = await reader.read(READ_SIZE)
            except (ConnectionError, OSError):
                return
            if not data:
                return
            *lines, rest = (rest + data).split(b"\n")
            if len(rest) > LINE_LIMIT or max(map(len, lines), default=0) > LINE_LIMIT:
                log.info("presenter sync: dropped a peer sending lines over %d bytes", LINE_LIMIT)
                return
            for line in reversed(lines):
                state = parse_state(line)
                if state is not None:
                    self._receive(state, source)
                    break
            else:
                if lines:
                    log.debug("presenter sync: ignored %r", lines[-1][:80])
            await asyncio.sleep(0)  # a peer that sends without pause must not hold the loop

    def _receive(self, state: State, source: Peer) -> None:
        self._state = state
        if self.role == "host":
            for peer in list(self._peers):
                if peer is not source:
                    peer.queue(state)
        self._incoming = state
        if self._deliver_handle is None:
            loop = asyncio.get_running_loop()
            when = max(loop.time(), self._delivered_at + DELIVER_INTERVAL)
            self._deliver_handle = loop.call_at(when, self._deliver)

    def _deliver(self) -> None:
        """Hand the latest remote state to the app (the ones before it were superseded)."""
        self._deliver_handle = None
        state, self._incoming = self._incoming, None
        if state is None or self._closed:
            return
        self._delivered_at = asyncio.get_running_loop().time()
        try:
            self.on_state(*state)
        except Exception:  # a bad callback must not end the channel
            log.debug("presenter sync: on_state failed", exc_info=True)

    async def _pump(self, peer: Peer) -> None:
        try:
            await peer.pump(self.stall)
        finally:
            self._drop(peer)

    def _drop(self, peer: Peer) -> None:
        """Forget a peer and close its connection now."""
        self._peers.discard(peer)
        peer.drop()

    # -- sending ------------------------------------------------------------------

    def send(self, index: int, step: int) -> None:
        """Share this state with the peers (coalesced; unchanged states are not sent)."""
        if self._closed:
            return
        if (index, step) != self._state:
            self._incoming = None  # a remote state not yet delivered is older than this one
        self._pending = (index, step)
        if not self._flush_scheduled:
            self._flush_scheduled = True
            asyncio.get_running_loop().call_soon(self._flush)

    def _flush(self) -> None:
        self._flush_scheduled = False
        state, self._pending = self._pending, None
        if state is None or state == self._state or self._closed:
            return
        self._state = state
        for peer in list(self._peers):
            peer.queue(state)

    # -- closing ------------------------------------------------------------------

    async def close(self) -> None:
        """Leave the channel; a host removes its socket file so a peer can take over."""
        self._closed = True
        if self._deliver_handle is not None:
            self._deliver_handle.cancel()
            self._deliver_handle = None
        current = asyncio.current_task()
        tasks = [task for task in self._tasks if task is not current]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        for peer in list(self._peers):
            self._drop(peer)
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()  # a guest still in the backlog sees its connection reset
        self._release_host()
        self.role = "alone"

    def _release_host(self) -> None:
        fd, self._lock_fd = self._lock_fd, None
        if fd is not None and self.path is not None:
            release_host(self.path, fd)

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
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import socket
import stat
import struct
import tempfile
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

#: The longest line read from a peer; a longer one drops that peer.
LINE_LIMIT = 4096
#: Largest index or step accepted from a peer (the app clamps to its deck anyway).
MAX_VALUE = 1_000_000
#: Unix socket paths must fit in ``sockaddr_un`` (104 bytes on macOS, 108 on Linux).
MAX_SOCKET_PATH = 103
#: A peer that does not read what it is sent is dropped once this much is queued for it.
MAX_BUFFERED = 64 * 1024

State = tuple[int, int]


class SyncError(Exception):
    """The channel cannot be used safely (or at all); the app presents alone."""


def _private_dir(path: Path) -> bool:
    """Whether ``path`` is a real directory of ours that nobody else can read or enter."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


def runtime_dir() -> Path:
    """The per-user directory for the socket, created if needed; :class:`SyncError` if unsafe."""
    xdg = os.environ.get("XDG_RUNTIME_DIR")
    if xdg and Path(xdg).is_absolute() and _private_dir(Path(xdg)):
        return Path(xdg)
    path = Path(tempfile.gettempdir()) / f"presenter-{os.getuid()}"
    try:
        path.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError as error:
        raise SyncError(f"cannot create {path}: {error.strerror}") from None
    if not _private_dir(path):
        raise SyncError(f"{path} is not a directory private to you")
    return path


def socket_path(directory: Path, deck: Path) -> Path:
    """The socket for ``deck``: one per deck file, named by a hash of its resolved path."""
    digest = hashlib.sha256(os.fsencode(Path(deck).resolve())).hexdigest()[:16]
    return directory / f"presenter-{digest}.sock"


def encode_state(index: int, step: int) -> bytes:
    return json.dumps({"index": index, "step": step}).encode() + b"\n"


def parse_state(line: bytes) -> State | None:
    """``(index, step)`` from one line, or None for anything malformed."""
    try:
        data = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict):
        return None
    index, step = data.get("index"), data.get("step", 0)
    if type(index) is not int or type(step) is not int:  # bool is an int: refuse it
        return None
    if not (0 <= index <= MAX_VALUE and 0 <= step <= MAX_VALUE):
        return None
    return index, step


def _same_user(writer: asyncio.StreamWriter) -> bool:
    """On Linux, whether the process at the other end runs as us (elsewhere file modes suffice)."""
    sock = writer.get_extra_info("socket")
    if sock is None or not hasattr(socket, "SO_PEERCRED"):
        return True
    try:
        _pid, uid, _gid = struct.unpack("3i", sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i")))
    except OSError:
        return False
    return uid == os.getuid()


class SlideSync:
    """Hosts or joins the channel for one deck; ``on_state(index, step)`` gets remote states.

    ``send()`` may be called as often as convenient: calls made in one turn of the event loop
    are coalesced, and a state equal to the last one shared (sent or received) is not sent,
    so re-applying a received state never echoes it back.
    """

    def __init__(
        self,
        deck: Path | str,
        on_state: Callable[[int, int], object],
        *,
        directory: Path | None = None,
        timeout: float = 2.0,
    ) -> None:
        self.deck = Path(deck)
        self.on_state = on_state
        self.directory = directory
        self.timeout = timeout
        self.role = "alone"
        """``"host"``, ``"guest"`` or ``"alone"`` (not started, failed, or closed)."""
        self.path: Path | None = None
        self._state: State | None = None
        self._pending: State | None = None
        self._flush_scheduled = False
        self._peers: set[asyncio.StreamWriter] = set()
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

    # -- starting -----------------------------------------------------------------

    async def start(self) -> None:
        """Join the instance presenting this deck, or host the channel if there is none."""
        if os.name != "posix" or not hasattr(socket, "AF_UNIX"):
            raise SyncError("syncing terminals needs Unix sockets")
        if self.directory is None:
            directory = runtime_dir()
        elif _private_dir(self.directory):
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
        if not _same_user(writer):
            writer.close()
            raise SyncError(f"{self.path} is served by another user")
        if self._closed:
            writer.close()
            return True
        self.role = "guest"
        self._peers.add(writer)
        self._spawn(self._guest(reader, writer))
        return True

    async def _host(self) -> bool:
        """Take the host lock and listen; False when another instance holds the lock."""
        assert self.path is not None
        lock_path = self.path.with_suffix(".lock")
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            # A host that quit may have removed the lock file we opened: lock the current one.
            if os.fstat(fd).st_ino != os.stat(lock_path).st_ino:
                raise BlockingIOError
        except (BlockingIOError, FileNotFoundError):
            os.close(fd)
            return False
        except BaseException:
            os.close(fd)
            raise
        self._lock_fd = fd
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            try:
                os.unlink(self.path)  # stale: its host is gone, since we hold the lock
            except FileNotFoundError:
                pass
            sock.bind(os.fspath(self.path))
            os.chmod(self.path, 0o600)  # before listen(): nobody connects until it is private
            sock.listen(8)
            sock.setblocking(False)
        except BaseException:
            sock.close()
            self._release_host()
            raise
        self._listener = sock
        self.role = "host"
        self._spawn(self._serve(sock))
        return True

    # -- connections --------------------------------------------------------------

    def _spawn(self, coroutine) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _serve(self, listener: socket.socket) -> None:
        """Accept guests (an accept loop of our own, so that close() knows every connection)."""
        loop = asyncio.get_running_loop()
        while not self._closed:
            try:
                conn, _ = await loop.sock_accept(listener)
            except OSError:  # the listener was closed
                return
            try:
                reader, writer = await asyncio.open_unix_connection(sock=conn, limit=LINE_LIMIT)
            except BaseException:
                conn.close()
                raise
            if self._closed or not _same_user(writer):
                writer.close()
                continue
            self._peers.add(writer)
            if self._state is not None:
                self._write(writer, encode_state(*self._state))  # a newcomer joins where we are
            self._spawn(self._host_reads(reader, writer))

    async def _host_reads(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await self._read(reader, writer)
        finally:
            self._drop(writer)

    async def _guest(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await self._read(reader, writer)
        finally:
            self._drop(writer)
        if self._closed:
            return
        # The host quit: carry on alone, hosting for whoever comes next (or joining a new host).
        self.role = "alone"
        try:
            await self._join_or_host()
        except (SyncError, OSError) as error:
            log.info("presenter sync: %s", error)

    async def _read(self, reader: asyncio.StreamReader, source: asyncio.StreamWriter) -> None:
        while not self._closed:
            try:
                line = await reader.readline()
            except (ValueError, ConnectionError, OSError):  # ValueError: a line over the limit
                return
            if not line:
                return
            state = parse_state(line)
            if state is None:
                log.debug("presenter sync: ignored %r", line[:80])
                continue
            self._state = state
            if self.role == "host":
                data = encode_state(*state)
                for peer in list(self._peers):
                    if peer is not source:
                        self._write(peer, data)
            try:
                self.on_state(*state)
            except Exception:  # a bad callback must not end the channel
                log.debug("presenter sync: on_state failed", exc_info=True)

    def _write(self, writer: asyncio.StreamWriter, data: bytes) -> None:
        try:
            if writer.is_closing() or writer.transport.get_write_buffer_size() > MAX_BUFFERED:
                raise ConnectionError
            writer.write(data)
        except (ConnectionError, OSError, RuntimeError):
            self._drop(writer)

    def _drop(self, writer: asyncio.StreamWriter) -> None:
        self._peers.discard(writer)
        writer.close()

    # -- sending ------------------------------------------------------------------

    def send(self, index: int, step: int) -> None:
        """Share this state with the peers (coalesced; unchanged states are not sent)."""
        if self._closed:
            return
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
        data = encode_state(*state)
        for peer in list(self._peers):
            self._write(peer, data)

    # -- closing ------------------------------------------------------------------

    async def close(self) -> None:
        """Leave the channel; a host removes its socket file so a peer can take over."""
        self._closed = True
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
        """Remove the socket and lock files (still holding the lock), then release it."""
        fd, self._lock_fd = self._lock_fd, None
        if fd is None or self.path is None:
            return
        for path in (self.path, self.path.with_suffix(".lock")):
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
        os.close(fd)

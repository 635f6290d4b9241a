"""Where the sync channel of a deck lives, and what goes over it: a directory private to the
user, a socket named after the deck, peers checked to be the same user, and one JSON line per
state (see :mod:`presenter.tui.sync`, which runs the channel)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import socket
import stat
import struct
import tempfile
from pathlib import Path

#: The longest line read from a peer; a longer one drops that peer.
LINE_LIMIT = 4096
#: Largest index or step accepted from a peer (the app clamps to its deck anyway).
MAX_VALUE = 1_000_000
#: Unix socket paths must fit in ``sockaddr_un`` (104 bytes on macOS, 108 on Linux).
MAX_SOCKET_PATH = 103
State = tuple[int, int]


class SyncError(Exception):
    """The channel cannot be used safely (or at all); the app presents alone."""


def private_dir(path: Path) -> bool:
    """Whether ``path`` is a real directory of ours that nobody else can read or enter."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


def runtime_dir() -> Path:
    """The per-user directory for the socket, created if needed; :class:`SyncError` if unsafe."""
    xdg = os.environ.get("XDG_RUNTIME_DIR")
    if xdg and Path(xdg).is_absolute() and private_dir(Path(xdg)):
        return Path(xdg)
    path = Path(tempfile.gettempdir()) / f"presenter-{os.getuid()}"
    try:
        path.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError as error:
        raise SyncError(f"cannot create {path}: {error.strerror}") from None
    if not private_dir(path):
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


def same_user(writer: asyncio.StreamWriter) -> bool:
    """On Linux, whether the process at the other end runs as us (elsewhere file modes suffice)."""
    sock = writer.get_extra_info("socket")
    if sock is None or not hasattr(socket, "SO_PEERCRED"):
        return True
    try:
        _pid, uid, _gid = struct.unpack("3i", sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i")))
    except OSError:
        return False
    return uid == os.getuid()


def host_socket(path: Path) -> tuple[socket.socket, int] | None:
    """Take the host lock beside ``path`` and listen there: the listening socket and the
    lock's descriptor, or None when another instance holds the lock. A socket file left by
    a crashed host is replaced; nobody can connect before the socket is private (0600)."""
    lock_path = path.with_suffix(".lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        # A host that quit may have removed the lock file we opened: lock the current one.
        if os.fstat(fd).st_ino != os.stat(lock_path).st_ino:
            raise BlockingIOError
    except (BlockingIOError, FileNotFoundError):
        os.close(fd)
        return None
    except BaseException:
        os.close(fd)
        raise
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        try:
            os.unlink(path)  # stale: its host is gone, since we hold the lock
        except FileNotFoundError:
            pass
        sock.bind(os.fspath(path))
        os.chmod(path, 0o600)  # before listen(): nobody connects until it is private
        sock.listen(8)
        sock.setblocking(False)
    except BaseException:
        sock.close()
        release_host(path, fd)
        raise
    return sock, fd


def release_host(path: Path, lock_fd: int) -> None:
    """Remove the socket and lock files (still holding the lock), then release it."""
    for file in (path, path.with_suffix(".lock")):
        try:
            os.unlink(file)
        except FileNotFoundError:
            pass
    os.close(lock_fd)

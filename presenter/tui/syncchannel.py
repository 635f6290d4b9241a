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

"""Temporary files an export left behind when it was killed (``kill -9``, a power cut).

:func:`~presenter.export.writing.write_atomic` writes ``.{name}.XXXXXXXX.tmp`` beside the
file ``name`` (:func:`tempfile.mkstemp`'s eight random characters) and holds a lock on it
while it writes. Before the next export to ``name``, :func:`remove_stale` deletes the
temporaries of that name that are plainly abandoned, and nothing else: the name must match
the pattern exactly, and the file must be a regular file (not a link, a device or a pipe)
with no other name (hard link), ours, untouched for :data:`STALE_AFTER` seconds, and not
locked by an export still running.
"""

from __future__ import annotations

import os
import re
import stat
import time
from pathlib import Path

SUFFIX = ".tmp"
#: Seconds a temporary must have been left untouched before it counts as abandoned.
STALE_AFTER = 60.0

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: the age and the owner decide alone
    fcntl = None  # type: ignore[assignment]


def prefix(name: str) -> str:
    """What the temporaries for the file ``name`` start with."""
    return f".{name}."


def lock(fd: int) -> None:
    """Mark the temporary open on ``fd`` as being written (released when it is closed)."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            pass  # a file system without locks: the age alone protects it


def remove_stale(directory: Path, name: str) -> None:
    """Delete the abandoned temporaries of the file ``name`` in ``directory``; never fails."""
    pattern = re.compile(re.escape(prefix(name)) + r"[a-z0-9_]{8}" + re.escape(SUFFIX))
    try:
        with os.scandir(directory) as listing:
            entries = [entry.name for entry in listing if pattern.fullmatch(entry.name)]
    except OSError:
        return
    for entry in entries:
        try:
            _remove_if_abandoned(directory / entry)
        except OSError:
            pass


def _remove_if_abandoned(path: Path) -> None:
    info = os.lstat(path)  # the name itself: a link is not followed, a device never opened
    if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
        return
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return
    if time.time() - info.st_mtime < STALE_AFTER:
        return
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        if not os.path.samestat(os.fstat(fd), info):
            return  # replaced since
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return  # an export is writing it now
        if os.path.samestat(os.lstat(path), info):
            os.unlink(path)
    finally:
        os.close(fd)

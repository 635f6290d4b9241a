"""Atomic writes: a temporary file beside the target, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from presenter.errors import PresenterError


def write_atomic(path: Path, data: str) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one."""
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise PresenterError(path, None, "is a directory; give a file name to write")
    if not directory.is_dir():
        raise PresenterError(path, None, f"cannot write: folder {directory} does not exist")
    if path.exists() and not path.is_file():
        # /dev/null, /dev/stdout, a named pipe: write through it; a rename would replace
        # the device node itself with a regular file (as root, /dev/null for everyone).
        try:
            with path.open("w", encoding="utf-8", newline="\n") as handle:
                handle.write(data)
        except OSError as exc:
            raise PresenterError(path, None, f"cannot write: {exc.strerror or exc}") from None
        return
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise PresenterError(path, None, f"cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o777)
        else:
            os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except OSError as exc:
        _remove(temp)
        raise PresenterError(path, None, f"cannot write: {exc.strerror or exc}") from None
    except BaseException:
        _remove(temp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove(temp: str) -> None:
    try:
        os.unlink(temp)
    except OSError:
        pass

"""Atomic writes of binary files and of whole folders of files.

A folder export (SVG, PNG) is written into a new temporary folder beside the target, then
swapped in: readers see the old folder or the complete new one, never a half-written mix.
An existing target folder is replaced only if it holds nothing but an earlier export's
``slide-NN.*`` files, so a mistyped ``-o`` never deletes someone's other files.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from presenter.errors import PresenterError

_EXPORTED = re.compile(r"slide-\d+(?:-\d+)?\.(svg|png)")


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise PresenterError(path, None, "is a directory; give a file name to write")
    if not directory.is_dir():
        raise PresenterError(path, None, f"cannot write: folder {directory} does not exist")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise PresenterError(path, None, f"cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        os.replace(temp, path)
    except OSError as exc:
        _unlink(temp)
        raise PresenterError(path, None, f"cannot write: {exc.strerror or exc}") from None
    except BaseException:
        _unlink(temp)
        raise


def write_folder_atomic(path: Path, files: Mapping[str, bytes]) -> None:
    """Make ``path`` a folder holding exactly ``files`` (name to contents), all or nothing."""
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise PresenterError(path, None, f"cannot write: folder {parent} does not exist")
    if path.exists() and not path.is_dir():
        raise PresenterError(path, None, "is a file; give a folder name to write the slides into")
    if path.is_dir():
        others = sorted(p.name for p in path.iterdir() if not _EXPORTED.fullmatch(p.name) or not p.is_file())
        if others:
            raise PresenterError(
                path, None, f"folder holds other files ({', '.join(others[:3])}); choose a new or empty folder"
            )
    try:
        temp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        raise PresenterError(path, None, f"cannot write: {exc.strerror or exc}") from None
    old: Path | None = None
    try:
        for name, data in files.items():
            with open(temp / name, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(temp, 0o777 & ~_umask())
        if path.is_dir():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=parent))
            os.replace(path, old / path.name)  # move the old folder aside, into a temporary one
        try:
            os.replace(temp, path)
        except OSError:
            if old is not None:
                os.replace(old / path.name, path)  # put the old export back
            raise
    except OSError as exc:
        shutil.rmtree(temp, ignore_errors=True)
        raise PresenterError(path, None, f"cannot write: {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _unlink(temp: str) -> None:
    try:
        os.unlink(temp)
    except OSError:
        pass

"""Writing an export to a file: the one writer every format uses.

:func:`write_atomic` takes a ``str``, ``bytes``, or an iterable of them (chunks written as
they come, so a long deck is never held whole in memory); text is written as UTF-8.

- A regular file (or a new one) is written to a temporary file beside it, then renamed over
  it: readers see the old file or the whole new one. A symbolic link to a file keeps
  pointing at it (the file it points to is replaced, not the link).
- Anything else that exists (``/dev/null``, ``/dev/stdout``, a named pipe) is written
  through: a rename would replace the device node itself with a regular file.

Temporaries that a killed export left beside the file are removed first
(:mod:`presenter.export.leftovers`). Every failure is a one-line :class:`PresenterError`.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from presenter.errors import PresenterError
from presenter.export import leftovers

Content = str | bytes | Iterable[str | bytes]


def write_atomic(path: Path, content: Content) -> None:
    """Write ``content`` to ``path`` (see the module docstring)."""
    path = Path(path)
    if path.is_dir():
        raise PresenterError(path, None, "is a directory; give a file name to write")
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise PresenterError(path, None, f"cannot write: folder {directory} does not exist")
    target = _replaceable(path)
    if target is None:
        _write_through(path, content)
    else:
        _write_and_rename(target, content)


def write_new(path: Path, content: Content) -> None:
    """Create the file ``path`` (it must not exist) holding ``content``, synced to disk.
    For files inside a temporary folder; failures are left as :class:`OSError`."""
    with open(path, "xb") as handle:
        _write_content(handle, content)
        handle.flush()
        os.fsync(handle.fileno())


def refuse_overwriting_input(output: Path | str, source: Path | str) -> None:
    """A one-line error, naming ``output`` as given, if it is ``source``: the same file by
    any name (``./deck.md``, a symbolic or hard link)."""
    try:
        same = os.path.samefile(output, source)
    except OSError:
        return  # one of them does not exist (yet): they cannot be the same file
    if same:
        raise PresenterError(output, None, "is the deck being exported; give another output file")


def _replaceable(path: Path) -> Path | None:
    """The file to replace by a rename for ``path``; ``None`` to write through ``path``."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return path  # a new file (a dangling link is replaced by it)
    except OSError as exc:
        raise PresenterError(path, None, f"cannot write: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        return None  # a device, a pipe, a socket
    if not path.is_symlink():
        return path
    real = Path(os.path.realpath(path))
    try:
        if os.path.samestat(os.stat(real), info):
            return real
    except OSError:
        pass
    return None  # /dev/stdout to a deleted file: there is no name to rename onto


def _write_through(path: Path, content: Content) -> None:
    try:
        with open(path, "wb") as handle:
            _write_content(handle, content)
    except OSError as exc:
        raise PresenterError(path, None, f"cannot write: {exc.strerror or exc}") from None


def _write_and_rename(path: Path, content: Content) -> None:
    directory = path.parent
    leftovers.remove_stale(directory, path.name)
    try:
        fd, temp = tempfile.mkstemp(prefix=leftovers.prefix(path.name), suffix=leftovers.SUFFIX, dir=directory)
    except OSError as exc:
        raise PresenterError(path, None, f"cannot write: {exc.strerror or exc}") from None
    try:
        leftovers.lock(fd)
        with os.fdopen(fd, "wb") as handle:
            _write_content(handle, content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        os.replace(temp, path)
    except OSError as exc:
        _remove(temp)
        raise PresenterError(path, None, f"cannot write: {exc.strerror or exc}") from None
    except BaseException:
        _remove(temp)
        raise


def _write_content(handle: BinaryIO, content: Content) -> None:
    for chunk in (content,) if isinstance(content, (str, bytes)) else content:  # noqa: FURB122 (a write per piece)
        handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove(temp: str) -> None:
    try:
        os.unlink(temp)
    except OSError:
        pass

"""Read a deck file as text, refusing what is not a text file with a clear error."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO, NamedTuple

from presenter.errors import PresenterError

#: Above this share of undecodable bytes a file is treated as binary, not as damaged text...
MAX_BAD_BYTE_SHARE = 0.10
#: ...once it is this long: a few bad bytes in a short note are damage, not a binary file.
MIN_BINARY_BYTES = 256
#: Larger files are refused: no article is this long, and reading stops here.
MAX_BYTES = 200_000_000
#: Files are read in pieces of this size.
READ_PIECE = 1 << 20
#: How standard input (``-``) is named in messages.
STDIN = "<stdin>"


class SourceText(NamedTuple):
    text: str
    warnings: tuple[str, ...] = ()


def read_source(path: Path) -> SourceText:
    """Return the text of ``path`` (``-``: standard input); raise :class:`PresenterError` for
    unusable files (see :func:`read_bytes`)."""
    if is_stdin(path):
        return _decoded(_read_bounded(sys.stdin.buffer), STDIN)
    return _decoded(read_bytes(path), path)


def read_bytes(path: Path, limit: int | None = None) -> bytearray:
    """Return the bytes of the file ``path``, refusing one larger than ``limit`` bytes
    (default :data:`MAX_BYTES`); raise :class:`PresenterError` for unusable files.

    Only a regular file is read: a FIFO, a device or a socket would block or never end, so
    each is refused before any byte is read (the open itself does not wait for a writer).
    """
    limit = MAX_BYTES if limit is None else limit
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise PresenterError(path, None, "no such file") from None
    except IsADirectoryError:
        raise PresenterError(path, None, "is a directory, not a deck file") from None
    except PermissionError:
        raise PresenterError(path, None, "permission denied") from None
    except OSError as exc:
        raise PresenterError(path, None, f"cannot read: {exc.strerror or exc}") from None
    kind = os.fstat(fd).st_mode
    if not stat.S_ISREG(kind):
        os.close(fd)
        if stat.S_ISDIR(kind):
            raise PresenterError(path, None, "is a directory, not a deck file")
        raise PresenterError(path, None, f"is {_KINDS.get(stat.S_IFMT(kind), 'not a regular file')}, not a deck file (- reads standard input)")
    with os.fdopen(fd, "rb") as handle:
        try:
            data = _read_bounded(handle, limit)
        except OSError as exc:
            raise PresenterError(path, None, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise PresenterError(path, None, f"is larger than {limit // 1_000_000} MB: too big for a deck")
    return data


def is_stdin(path: Path | str) -> bool:
    """Whether ``path`` is ``-``, standard input."""
    return str(path) == "-"


def _decoded(data: bytearray, path: Path | str) -> SourceText:
    if len(data) > MAX_BYTES:
        raise PresenterError(path, None, f"is larger than {MAX_BYTES // 1_000_000} MB: too big for a deck")
    return decode_source(data, path)


#: What a path that is not a regular file is, in an error message.
_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def _read_bounded(handle: BinaryIO, limit: int | None = None) -> bytearray:
    """At most ``limit + 1`` bytes of ``handle`` (default :data:`MAX_BYTES`), read in pieces.

    Bounded, so endless standard input ends; in pieces, because one ``read(MAX_BYTES + 1)``
    allocates a buffer of that size up front, even for a file of a few kilobytes.
    """
    limit = MAX_BYTES if limit is None else limit
    data = bytearray()  # grown in place: no list of pieces and joined copy of a big file at once
    while len(data) <= limit:
        piece = handle.read(min(READ_PIECE, limit + 1 - len(data)))
        if not piece:
            break
        data += piece
    return data


def decode_source(data: bytes | bytearray, path: Path | str | None = None) -> SourceText:
    """Decode ``data`` as UTF-8 text; damaged UTF-8 is repaired with a warning."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # UTF-16 with a byte order mark (what Windows tools often save): text, not binary
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise PresenterError(path, None, "is not valid UTF-16 text") from None
    if b"\x00" in data:
        raise PresenterError(path, None, "is a binary file, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    warnings: list[str] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        if len(data) >= MIN_BINARY_BYTES and bad > len(data) * MAX_BAD_BYTE_SHARE:
            raise PresenterError(path, None, "is not UTF-8 text (is it a binary file?)") from None
        line = data[: exc.start].count(b"\n") + 1
        where = f"{path}:{line}: " if path is not None else ""
        warnings.append(
            f"{where}invalid UTF-8: {bad} undecodable byte sequence(s) shown as \ufffd"
        )
    if not text or text.isspace():  # not strip(): that would copy a big text
        raise PresenterError(path, None, "is empty: nothing to present")
    return SourceText(text, tuple(warnings))

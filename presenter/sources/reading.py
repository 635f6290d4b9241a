"""Read a deck file as text, refusing what is not a text file with a clear error."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from presenter.errors import PresenterError

#: Above this share of undecodable bytes a file is treated as binary, not as damaged text.
MAX_BAD_BYTE_SHARE = 0.01
#: Larger files are refused: no article is this long, and reading stops here.
MAX_BYTES = 200_000_000
#: Files are read in pieces of this size.
READ_PIECE = 1 << 20


@dataclass(frozen=True, slots=True)
class SourceText:
    text: str
    warnings: tuple[str, ...] = ()


def read_source(path: Path) -> SourceText:
    """Return the text of ``path``; raise :class:`PresenterError` for unusable files."""
    try:
        with path.open("rb") as handle:
            data = _read_bounded(handle)
    except FileNotFoundError:
        raise PresenterError(path, None, "no such file") from None
    except IsADirectoryError:
        raise PresenterError(path, None, "is a directory, not a deck file") from None
    except PermissionError:
        raise PresenterError(path, None, "permission denied") from None
    except OSError as exc:
        raise PresenterError(path, None, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise PresenterError(path, None, f"is larger than {MAX_BYTES // 1_000_000} MB: too big for a deck")
    return decode_source(data, path)


def _read_bounded(handle: BinaryIO) -> bytearray:
    """At most ``MAX_BYTES + 1`` bytes of ``handle``, read in pieces.

    Bounded, so a FIFO or /dev/zero cannot hang us; in pieces, because one ``read(MAX_BYTES + 1)``
    allocates a buffer of that size up front, even for a file of a few kilobytes.
    """
    data = bytearray()  # grown in place: no list of pieces and joined copy of a big file at once
    while len(data) <= MAX_BYTES:
        piece = handle.read(min(READ_PIECE, MAX_BYTES + 1 - len(data)))
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
        if bad > max(2, len(data) * MAX_BAD_BYTE_SHARE):
            raise PresenterError(path, None, "is not UTF-8 text (is it a binary file?)") from None
        line = data[: exc.start].count(b"\n") + 1
        where = f"{path}:{line}: " if path is not None else ""
        warnings.append(
            f"{where}invalid UTF-8: {bad} undecodable byte sequence(s) shown as \ufffd"
        )
    if not text or text.isspace():  # not strip(): that would copy a big text
        raise PresenterError(path, None, "is empty: nothing to present")
    return SourceText(text, tuple(warnings))

"""presenterm's ``<!-- include: other.md -->``: another file's lines read in the comment's place.

The path is relative to the file that includes it, and must stay inside the deck's folder
(symbolic links resolved: no ``..`` out of it, no absolute path elsewhere). A file that is
missing, leaves the folder, is not text, or includes itself (directly or through others) is
a one-line :class:`~presenter.errors.PresenterError` naming the including file and line; so
is any include in a deck read from standard input, which has no folder of its own.

Included lines take the line number of the comment that brought them in (a slide's lines
point at the ``include`` in the deck), and are cleaned like the deck's own. Only a comment
alone on a top-level line, outside fenced code, includes; the comment stays in the text
(the parser reads it as a command that does nothing more).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from presenter.errors import PresenterError
from presenter.model import Removed
from presenter.sources.mdchunks import Fences
from presenter.sources.reading import MAX_BYTES, read_source

Numbered = tuple[int, str]
Clean = Callable[[str], tuple[list[Numbered], list[Removed]]]
"""Cleans an included file's text: its (number, line) pairs and what was removed."""


def include_pattern(prefix: str = "") -> re.Pattern[str]:
    """A line that is only ``<!-- PREFIXinclude: PATH -->``."""
    return re.compile(rf"^ {{0,3}}<!--\s*{re.escape(prefix)}include\s*:\s*(.*?)\s*-->\s*$", re.IGNORECASE)


def expand_includes(
    lines: list[Numbered], start: int, deck: Path | None, clean: Clean, *, prefix: str = ""
) -> tuple[list[Numbered], list[Removed]]:
    """``lines`` with each ``include`` comment from index ``start`` on followed by the
    included file's lines (and theirs, in turn); what cleaning removed from them."""
    folder = (deck.parent if deck is not None else Path.cwd()).resolve()
    removed: list[Removed] = []
    total = [sum(len(text) for _, text in lines)]
    chain = [deck.resolve()] if deck is not None else []
    out = lines[:start] + _expanded(lines[start:], deck, deck, folder, clean, include_pattern(prefix), chain, removed, total)
    return out, removed


def _expanded(
    lines: Sequence[Numbered],
    path: Path | None,
    shown: Path | None,
    folder: Path,
    clean: Clean,
    pattern: re.Pattern[str],
    chain: list[Path],
    removed: list[Removed],
    total: list[int],
    at: int | None = None,
) -> list[Numbered]:
    """``lines`` of ``path`` (named ``shown`` in messages: as the user wrote it) with includes
    expanded; ``at`` is the deck line they all take (None: the deck's own lines keep theirs)."""
    out: list[Numbered] = []
    fences = Fences()
    for number, text in lines:
        out.append((number if at is None else at, text))
        if fences.feed(text):
            continue
        match = pattern.match(text)
        if match is None:
            continue
        name = match.group(1).strip().strip("\"'")
        target = _target(name, path, shown, folder, number, chain)
        text = _read(target, name, shown, number)
        total[0] += len(text)
        if total[0] > MAX_BYTES:
            raise PresenterError(_shown(shown), number, f"include: {name} makes the deck larger than {MAX_BYTES // 1_000_000} MB")
        included, dropped = clean(text) if text else ([], [])
        where = number if at is None else at
        removed.extend(Removed(where, item.text, f"{item.reason} (in {name})") for item in dropped)
        named = shown.parent / name if shown is not None else Path(name)
        out.extend(_expanded(included, target, named, folder, clean, pattern, [*chain, target], removed, total, where))
    return out


def _target(name: str, path: Path | None, shown: Path | None, folder: Path, line: int, chain: list[Path]) -> Path:
    """The file an include names, checked: inside ``folder``, existing, not already open."""
    if not name:
        raise PresenterError(_shown(shown), line, "include: no file named")
    if path is None:  # the text came from a pipe: it has no folder of its own to read from
        raise PresenterError(_shown(shown), line, "include: a deck read from standard input cannot include files")
    target = ((path.resolve().parent if path is not None else folder) / name).resolve()
    if not target.is_relative_to(folder):
        raise PresenterError(_shown(shown), line, f"include: {name} is outside the deck's folder")
    if not target.exists():
        raise PresenterError(_shown(shown), line, f"include: {name}: no such file")
    if target in chain:
        raise PresenterError(_shown(shown), line, f"include: {name} leads back to itself (an include loop)")
    return target


def _read(target: Path, name: str, shown: Path | None, line: int) -> str:
    """The text of an included file ("" when it is empty); anything unreadable names the include."""
    try:
        return read_source(target).text
    except PresenterError as error:
        if error.message.startswith("is empty"):
            return ""
        raise PresenterError(_shown(shown), line, f"include: {name} {error.message}") from None


def _shown(path: Path | None) -> Path | str:
    return path if path is not None else "<stdin>"

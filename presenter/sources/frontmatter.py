"""``---`` / ``key: value`` / ``---`` at the top of an article."""

from __future__ import annotations

import re
from itertools import chain
from pathlib import Path
from typing import Iterator

from presenter.errors import PresenterError

_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")

Numbered = tuple[int, str]


def split_front_matter(
    lines: tuple[Numbered, ...], source: Path | None
) -> tuple[tuple[tuple[str, str], ...], tuple[Numbered, ...]]:
    """Return ``(meta, body)``; raise :class:`PresenterError` on unclosed front matter."""
    first = next((i for i, (_, text) in enumerate(lines) if text.strip()), None)
    if first is None or lines[first][1].strip() != "---":
        return (), lines
    opening = next((text.strip() for _, text in lines[first + 1 :] if text.strip()), "")
    if not _KEY.match(opening) and opening != "---":
        return (), lines  # a rule above the text, not front matter
    meta: list[tuple[str, str]] = []
    for index in range(first + 1, len(lines)):
        number, text = lines[index]
        if text.strip() == "---":
            return tuple(meta), lines[index + 1 :]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        match = _KEY.match(text.strip())
        if match is None:
            raise PresenterError(source, number, f"front matter line is not 'key: value': {text.strip()[:40]!r}")
        meta.append((match.group(1).lower(), _unquote(match.group(2).strip())))
    raise PresenterError(source, lines[first][0], "front matter opened with '---' is never closed")


def split_front_matter_lazily(
    lines: Iterator[Numbered], source: Path | None
) -> tuple[tuple[tuple[str, str], ...], Iterator[Numbered]]:
    """:func:`split_front_matter` reading only as far as the front matter goes: the body is
    the rest of ``lines``, not yet read."""
    head: list[Numbered] = []
    for numbered in lines:
        head.append(numbered)
        text = numbered[1].strip()
        if not text:
            continue
        if len(head) == 1 or all(not t.strip() for _, t in head[:-1]):
            if text != "---":
                break  # the text starts with something else: no front matter
            continue
        if text == "---" and len([1 for _, t in head if t.strip()]) > 1:
            break  # the closing line (or, right after the opening one, an empty front matter)
    else:
        meta, body = split_front_matter(tuple(head), source)  # the text ended: it says what is wrong
        return meta, iter(body)
    meta, body = split_front_matter(tuple(head), source)
    return meta, chain(body, lines)


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value

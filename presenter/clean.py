"""Remove what must never reach an audience or a terminal.

Two kinds of thing are removed, and every removal is reported with its line number:

* control characters and terminal escape sequences (anywhere), and bidirectional controls
  left open at a line's end (Trojan Source; balanced ones in Arabic or Hebrew stay);
* injected fragments: a short run of text in a script foreign to the document (for
  example a Chinese spam phrase in an English article) standing alone on a line, or glued
  to the start or end of a line, of a heading, list item or quoted line (after its ``#``,
  ``-``, ``1.`` or ``>``) or of a table cell. Articles (scraped text) always lose them; a
  Markdown deck, written by its author, only when asked (``presenter --clean``).

What is a fragment, and how one is found: :mod:`presenter.fragments`.

Line numbers are preserved: :func:`clean_text` returns the kept lines with their original
numbers, so errors and ``presenter check`` point back into the user's file.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from presenter.fragments import MAX_FOREIGN_SHARE, main_script, script_name, strip_fragments
from presenter.model import Removed

_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[\x20-/]*[@-~]            # CSI ... final byte
  | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?    # OSC ... BEL or ST
  | \x1b[PX^_][^\x1b]*(?:\x1b\\)?         # DCS, SOS, PM, APC ... ST
  | \x1b[\x20-/]*[0-~]                    # two-byte escapes (ESC c, ESC 7, ...)
  | \x1b                                  # a lone ESC
  | \x9b[0-?]*[\x20-/]*[@-~]              # 8-bit CSI
  | \x9d[^\x07\x1b\x9c]*(?:\x07|\x9c|\x1b\\)?   # 8-bit OSC ... BEL or ST
  | [\x90\x98\x9e\x9f][^\x1b\x9c]*(?:\x9c|\x1b\\)?  # 8-bit DCS, SOS, PM, APC ... ST
    """,
    re.VERBOSE,
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class CleanText(NamedTuple):
    """The kept lines of a document, each with its original 1-based line number."""

    lines: tuple[tuple[int, str], ...]
    removed: tuple[Removed, ...]
    main_script: str


#: Bidirectional embeddings and overrides (closed by PDF) and isolates (closed by PDI).
_EMBEDDINGS = "\u202a\u202b\u202d\u202e"
_PDF = "\u202c"
_ISOLATES = "\u2066\u2067\u2068"
_PDI = "\u2069"
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _unbalanced_bidi(line: str) -> list[int]:
    """Positions of the bidi controls in ``line`` that are not closed within it (or close
    nothing): the ones that could reorder text past the line's end (Trojan Source)."""
    stack: list[int] = []
    unbalanced: list[int] = []
    for position, char in enumerate(line):
        if char in _EMBEDDINGS or char in _ISOLATES:
            stack.append(position)
        elif char == _PDF:
            if stack and line[stack[-1]] in _EMBEDDINGS:
                stack.pop()
            else:
                unbalanced.append(position)
        elif char == _PDI:
            isolates = [i for i, opened in enumerate(stack) if line[opened] in _ISOLATES]
            if isolates:  # a PDI also closes the embeddings opened inside its isolate
                unbalanced.extend(stack[isolates[-1] + 1 :])
                del stack[isolates[-1] :]
            else:
                unbalanced.append(position)
    return sorted(unbalanced + stack)


def strip_controls(line: str) -> str:
    """``line`` without escape sequences, control characters (tabs are kept) and bidi
    controls left open at its end; balanced bidi controls (Arabic, Hebrew) stay."""
    if _CONTROLS.search(line):  # every escape sequence starts with a control character
        line = _CONTROLS.sub("", _ESCAPES.sub("", line))
    if _BIDI.search(line):
        drop = set(_unbalanced_bidi(line))
        line = "".join(char for position, char in enumerate(line) if position not in drop)
    return line


def removed_controls(line: str) -> list[str]:
    """The escape sequences, control characters and bidi controls :func:`strip_controls` drops
    from ``line``."""
    found = [match.group(0) for match in _ESCAPES.finditer(line)]
    unescaped = _ESCAPES.sub("", line)
    found.extend(_CONTROLS.findall(unescaped))
    rest = _CONTROLS.sub("", unescaped)
    found.extend(rest[position] for position in _unbalanced_bidi(rest))
    return found


def has_controls(text: str) -> bool:
    """Whether :func:`strip_controls` might change a line of ``text``."""
    return bool(_CONTROLS.search(text) or _BIDI.search(text))


def describe_controls(sequences: list[str], limit: int = 60) -> str:
    """``sequences`` escaped so the report is safe to print: ``\\x1b[31m \\x07``."""
    shown = " ".join(seq.encode("unicode_escape").decode("ascii") for seq in sequences)
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return shown


def clean_text(text: str, *, fragments: bool = True) -> CleanText:
    """Split ``text`` into numbered lines with controls and injected fragments removed.

    The document's main script is decided from the whole text (controls removed first), so
    a line is cleaned the same way wherever it stands. With ``fragments=False`` only controls
    and escape sequences go: a Markdown deck's author wrote every other character on purpose.
    """
    removed: list[Removed] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if has_controls(text):
        for index, raw in enumerate(lines):
            line = strip_controls(raw)
            if line != raw:
                removed.append(Removed(index + 1, describe_controls(removed_controls(raw)), "control characters"))
                lines[index] = line
    script, foreign_share = main_script("\n".join(lines))
    may_remove = fragments and foreign_share <= MAX_FOREIGN_SHARE
    kept: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        if may_remove and not (script == "Latin" and line.isascii()):
            line, fragments = strip_fragments(line, script, lines[number] if number < len(lines) else None)
            for fragment in fragments:
                removed.append(Removed(number, fragment, f"injected {script_name(fragment)} fragment"))
            if fragments and not line.strip():
                continue
        kept.append((number, line))
    return CleanText(tuple(kept), tuple(sorted(removed, key=lambda r: r.line)), script)

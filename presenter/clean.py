"""Remove what must never reach an audience or a terminal.

Two kinds of thing are removed, and every removal is reported with its line number:

* control characters and terminal escape sequences (anywhere), and bidirectional controls
  left open at a line's end (Trojan Source; balanced ones in Arabic or Hebrew stay);
* injected fragments: a short run of text in a script foreign to the document (for
  example a Chinese spam phrase in an English article) standing alone on a line, or glued
  to the start or end of a line. Words in a foreign script inside a sentence, in quotes or
  in brackets are kept, and a document whose own main script is, say, Chinese keeps every
  character. Articles (scraped text) always lose them; a Markdown deck, written by its
  author, only when asked (``presenter --clean``).

Line numbers are preserved: :func:`clean_text` returns the kept lines with their original
numbers, so errors and ``presenter check`` point back into the user's file.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from presenter.model import Removed

#: Longest run of foreign letters that still counts as an injected fragment.
MAX_FRAGMENT_LETTERS = 24
#: A document whose foreign letters exceed this share is multilingual: nothing is removed.
MAX_FOREIGN_SHARE = 0.10

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
_OPENERS = "\"'“‘«„‹「『（([{【〈《"
_SENTENCE_END = ".!?:;\"'”’)»]。！？"


@dataclass(frozen=True, slots=True)
class CleanText:
    """The kept lines of a document, each with its original 1-based line number."""

    lines: tuple[tuple[int, str], ...]
    removed: tuple[Removed, ...]
    main_script: str


@lru_cache(maxsize=4096)
def script_of(char: str) -> str | None:
    """The script of a letter (``Latin``, ``CJK``, ``Cyrillic``, ...), None for non-letters."""
    category = unicodedata.category(char)
    if not category.startswith("L"):
        return None
    name = unicodedata.name(char, "")
    word = name.split(" ", 1)[0]
    if word in {"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO", "FULLWIDTH", "HALFWIDTH", "IDEOGRAPHIC"}:
        return "CJK"
    if word in {"LATIN", "MODIFIER"}:
        return "Latin"
    return word.title() if word else "Other"


def _is_foreign_punct(char: str) -> bool:
    """CJK punctuation and spaces that travel with a CJK fragment."""
    code = ord(char)
    return 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFF65


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


def is_foreign(script: str, main: str) -> bool:
    """Whether letters of ``script`` are foreign in a document written in ``main``.

    Latin letters are never foreign in a document in another script: acronyms, brand
    names and code appear in Latin letters in Chinese, Russian or Arabic text alike.
    """
    return script != main and not (script == "Latin" and main != "Latin")


def main_script(text: str) -> tuple[str, float]:
    """The script most letters of ``text`` are in, and the share of letters that are not."""
    if text.isascii():
        return "Latin", 0.0  # the only ASCII letters are A-Z and a-z
    counts: Counter[str] = Counter()
    for char, n in Counter(text).items():
        script = script_of(char)
        if script is not None:
            counts[script] += n
    if not counts:
        return "Latin", 0.0
    script, n = counts.most_common(1)[0]
    total = sum(counts.values())
    return script, (total - n) / total


def _foreign_run(chars: str, main: str) -> int:
    """Length of the run of foreign-script text at the start of ``chars``; 0 if none."""
    letters = 0
    end = 0
    for i, char in enumerate(chars):
        script = script_of(char)
        if script is not None and is_foreign(script, main):
            letters += 1
            end = i + 1
        elif script is None and (_is_foreign_punct(char) or char == " ") and letters:
            continue
        else:
            break
    if letters == 0 or letters > MAX_FRAGMENT_LETTERS:
        return 0
    return end


def _title_like(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 12:
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    return capitalised * 2 > len(words)


def split_fragment(line: str, main: str) -> tuple[str, str] | None:
    """Return ``(kept, fragment)`` if ``line`` carries an injected fragment, else None."""
    stripped = line.strip()
    if not stripped or stripped[0] in _OPENERS:
        return None
    # Alone on the line.
    run = _foreign_run(stripped, main)
    if run and not stripped[run:].strip():
        return "", stripped
    # Glued to the front: what follows must start a heading, list item or sentence.
    if run:
        rest = stripped[run:].lstrip()
        first = rest[:1]
        if first and (first.isupper() or first.isdigit() or first in "-*•#>" or first in _OPENERS):
            indent = line[: len(line) - len(line.lstrip())]
            return indent + rest, stripped[:run].strip()
        return None
    # Glued to the end: what precedes must end a sentence or be a heading.
    reversed_run = _foreign_run(stripped[::-1], main)
    if reversed_run:
        head = stripped[: len(stripped) - reversed_run].rstrip()
        if head and (head[-1] in _SENTENCE_END or _title_like(head)):
            indent = line[: len(line) - len(line.lstrip())]
            return indent + head, stripped[len(head):].strip()
    return None


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
            split = split_fragment(line, script)
            if split is not None:
                line, fragment = split
                removed.append(Removed(number, fragment, f"injected {script_name(fragment)} fragment"))
                if not line.strip():
                    continue
        kept.append((number, line))
    return CleanText(tuple(kept), tuple(sorted(removed, key=lambda r: r.line)), script)


def script_name(fragment: str) -> str:
    for char in fragment:
        script = script_of(char)
        if script:
            return script
    return "foreign"

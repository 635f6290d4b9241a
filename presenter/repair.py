"""Repair text that was decoded with the wrong encoding, before anything is removed.

Two kinds of damage are repaired, with ftfy, line by line:

* mojibake: UTF-8 read as cp1252 or Latin-1 (``donâ€™t`` for ``don’t``);
* cp1252 characters read as Latin-1, which turns them into C1 control characters
  (U+0092 for ``’``): removed as controls they would turn ``don’t`` into ``dont``.

Nothing else is changed: quotes stay curly, HTML entities, line breaks, ligatures,
full-width characters and Unicode normalization stay as the author wrote them. ftfy is
imported only for a line that could need it (:func:`could_need_repair`). Terminal escape
sequences that are never text are left for :mod:`presenter.clean` to remove, and in a
Markdown deck fenced code and code spans are left as written.

Every repair is reported in :attr:`Deck.removed <presenter.model.Deck.removed>` with its
line number, a reason starting with :data:`REPAIRED` (:func:`is_repair`), and what was
changed into what: ``'donâ€™t' → 'don’t'``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

from presenter.clean import CleanText, clean_text
from presenter.model import Removed

#: The reason of every repair starts with this word.
REPAIRED = "repaired"
MOJIBAKE = f"{REPAIRED} mojibake: UTF-8 read as cp1252"
C1_CHARACTERS = f"{REPAIRED} cp1252 characters read as C1 controls"

#: What bytes 0x80-0x9F are in cp1252: how UTF-8 continuation bytes look in mojibake.
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
#: A C1 control, a UTF-8 lead byte read as Latin-1 (Â to ô) followed by what a continuation
#: byte reads as, or Â/Ã followed by a space (a no-break space that became a space).
_SUSPECT = re.compile(f"[\x80-\x9f]|[\u00c2-\u00f4][\u00a0-\u00bf{_CP1252_HIGH}]|[ÂÃ] ")
#: Terminal escape sequences that are never text: left as they are, for presenter.clean to remove.
_ESCAPE = re.compile(
    r"""
    \x1b(?:\[[0-?]*[\x20-/]*[@-~] | \][^\x07\x1b]*(?:\x07|\x1b\\)? | [PX^_][^\x1b]*(?:\x1b\\)? | [\x20-/]*[0-~])?
  | \x9b[0-?]+[\x20-/]*[@-~]                         # 8-bit CSI with parameters; a bare 0x9B is cp1252's ›
  | [\x90\x9d][^\x07\x1b\x9c]*(?:\x07|\x9c|\x1b\\)?  # 8-bit DCS and OSC: 0x90 and 0x9D are no cp1252 character
    """,
    re.VERBOSE,
)
#: ftfy's steps that undo UTF-8 read in a one-byte encoding.
_MOJIBAKE_STEPS = {("decode", "utf-8"), ("apply", "decode_inconsistent_utf8")}
#: A Markdown code span on one line.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")
#: Words and the spaces between them (only spaces and tabs: str.split would also split
#: at C1 controls such as U+0085, which a repair may turn into a character).
_WORDS = re.compile(r"[^ \t]+|[ \t]+")
#: Changes shown per line in a report; the rest are counted.
SHOWN_CHANGES = 3
#: Longest text shown for one side of a change.
SHOWN_CHARS = 40
#: Lines longer than this (in words and spaces) are compared as one change.
MAX_DIFF_TOKENS = 2000


class RepairedText(NamedTuple):
    """A text with its damaged lines repaired, and a report of each repaired line."""

    text: str
    repairs: tuple[Removed, ...]


def could_need_repair(text: str) -> bool:
    """Whether ``text`` holds a C1 control or what looks like the start of mojibake: a
    cheap test that keeps ftfy out of text it has nothing to do for."""
    return _SUSPECT.search(text) is not None


def is_repair(entry: Removed) -> bool:
    """Whether ``entry`` of :attr:`Deck.removed <presenter.model.Deck.removed>` reports a
    repair rather than a removal."""
    return entry.reason.startswith(REPAIRED)


def repair_text(text: str, *, markdown: bool = False) -> RepairedText:
    """``text`` with mojibake and cp1252 characters read as C1 controls repaired, line by
    line (lines split as :func:`presenter.clean.clean_text` splits them, so the numbers
    match). With ``markdown``, fenced code and code spans are left as written."""
    if not could_need_repair(text):
        return RepairedText(text, ())
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    fences = _fences() if markdown else None
    repairs: list[Removed] = []
    for index, line in enumerate(lines):
        if fences is not None and fences.feed(line):
            continue
        if not could_need_repair(line):
            continue
        fixed, reason = repair_line(line, code_spans=markdown)
        if fixed != line:
            lines[index] = fixed
            repairs.append(Removed(index + 1, describe_changes(line, fixed), reason))
    if not repairs:
        return RepairedText(text, ())
    return RepairedText("\n".join(lines), tuple(repairs))


def repair_and_clean(text: str, *, fragments: bool = True, markdown: bool = False) -> CleanText:
    """:func:`repair_text`, then :func:`presenter.clean.clean_text` on the result: the
    repairs and removals are reported together, in line order."""
    repaired = repair_text(text, markdown=markdown)
    cleaned = clean_text(repaired.text, fragments=fragments)
    if not repaired.repairs:
        return cleaned
    return cleaned._replace(removed=tuple(sorted((*repaired.repairs, *cleaned.removed), key=lambda r: r.line)))


def repair_line(line: str, *, code_spans: bool = False) -> tuple[str, str]:
    """``line`` repaired (escape sequences, and code spans with ``code_spans``, left as
    they are), and the reason to report if it changed."""
    kept = [match.span() for match in _ESCAPE.finditer(line)]
    if code_spans:
        kept += [match.span() for match in _CODE_SPAN.finditer(line) if not _overlaps(match.span(), kept)]
    pieces: list[str] = []
    mojibake = False
    start = 0
    for begin, end in sorted(kept):
        fixed, was_mojibake = _fixed(line[start:begin])
        pieces += [fixed, line[begin:end]]
        mojibake = mojibake or was_mojibake
        start = end
    fixed, was_mojibake = _fixed(line[start:])
    pieces.append(fixed)
    return "".join(pieces), MOJIBAKE if mojibake or was_mojibake else C1_CHARACTERS


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and begin < span[1] for begin, end in spans)


def _fixed(text: str) -> tuple[str, bool]:
    """``text`` as ftfy repairs it, and whether it was mojibake (UTF-8 decoded wrongly)."""
    if not could_need_repair(text):
        return text, False
    from ftfy import fix_and_explain

    result = fix_and_explain(text, _config())
    steps = result.explanation or []
    return result.text, any(tuple(step) in _MOJIBAKE_STEPS for step in steps)


@lru_cache(maxsize=1)
def _config() -> Any:
    """ftfy's fixes for text decoded wrongly, and none of those that change sound text."""
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,  # presenter.clean removes them, and reports it
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=False,  # presenter.clean removes them, and reports it
        normalization=None,
        explain=True,
    )


def _fences() -> Any:
    from presenter.sources.mdchunks import Fences

    return Fences()


def describe_changes(before: str, after: str) -> str:
    """What changed from ``before`` to ``after``, word by word, safe to print:
    ``'I\\x92m' → 'I’m', 'doesn\\x92t' → 'doesn’t'``."""
    changes = _changed_words(before, after)
    shown = ", ".join(f"{_shown(old)} → {_shown(new)}" for old, new in changes[:SHOWN_CHANGES])
    if len(changes) > SHOWN_CHANGES:
        shown += f" and {len(changes) - SHOWN_CHANGES} more"
    return shown


def _changed_words(before: str, after: str) -> list[tuple[str, str]]:
    old, new = _WORDS.findall(before), _WORDS.findall(after)
    if len(old) > MAX_DIFF_TOKENS or len(new) > MAX_DIFF_TOKENS:
        head = 0
        while head < min(len(old), len(new)) and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        return [(_trimmed(old[head : len(old) - tail]), _trimmed(new[head : len(new) - tail]))]
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(None, old, new, autojunk=False)
    return [
        (_trimmed(old[i1:i2]), _trimmed(new[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _trimmed(tokens: list[str]) -> str:
    return "".join(tokens).strip(" \t")


def _shown(text: str) -> str:
    """``text`` quoted, with control characters escaped, shortened if long."""
    if len(text) > SHOWN_CHARS:
        text = text[: SHOWN_CHARS - 1] + "…"
    return repr(text)

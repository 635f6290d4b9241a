"""Injected fragments: finding short runs of text in a script foreign to the document.

:func:`main_script` tells the document's own script; :func:`strip_fragments` takes the
fragments off a line's edges, for :func:`presenter.clean.clean_text` to report.

What is a fragment (:func:`strip_fragments`):

* a run is foreign letters (at least two, at most :data:`MAX_FRAGMENT_LETTERS`), with the
  spaces and CJK punctuation between them and digits or Latin letters glued inside
  (``上海419论坛``); Latin letters are never foreign in a document in another script, and
  letter-like symbols (``ª``, ``µ``, ``ℓ``) are not a script of their own;
* alone on a line, it goes;
* at the start of a line, item or cell, it goes when what follows starts a heading, list
  item or sentence (a capital, a digit, a list marker, an opening quote or bracket); text
  that goes on in lowercase is a sentence wrapped after a foreign word, and stays;
* at the end of a line, item or cell it goes when what precedes ends a sentence, reads
  like a heading, or ends in a word or a number (``... 6928 夜上海论坛``), unless the next
  line may go on with the sentence (starts in lowercase, or in the document's own script
  when it has no capitals). It stays inside an open bracket
  or quotation (``Shanghai (上海)``, or a bracket left open to the next line), after a
  comma, dash or other mark (``Shanghai – 上海``, ``x = 1  # 注释``), and on a line that
  opens with a quotation mark or bracket unless a sentence ends before it;
* a list item, heading or table cell holding nothing but foreign words stays: there is
  no text of the document's own for it to be glued to (a column of names);
* words in a foreign script inside a sentence stay (``the 上海 office opened``), and a
  document whose own main script is, say, Chinese keeps every character, as does one
  with more than :data:`MAX_FOREIGN_SHARE` of its letters in other scripts.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

#: Longest run of foreign letters that still counts as an injected fragment.
MAX_FRAGMENT_LETTERS = 24
#: Shortest: one foreign letter is a symbol (``λ``, ``π``), never a spam phrase.
MIN_FRAGMENT_LETTERS = 2
#: A document whose foreign letters exceed this share is multilingual: nothing is removed.
MAX_FOREIGN_SHARE = 0.10

_OPENERS = "\"'“‘«„‹「『（([{【〈《"
_SENTENCE_END = ".!?:;\"'”’)»]。！？"
#: Marks that end a sentence, whatever quotation a line opens with.
_FULL_STOP = ".!?…。！？"
#: Pairs of brackets and quotation marks: a run inside an open one is quoted, not injected.
_PAIRS = ("()", "[]", "{}", "（）", "【】", "「」", "『』", "《》", "〈〉", "“”", "«»")
#: What a line holds before its text: a heading's ``#``, a list marker, a quote's ``>``.
_MARKER = re.compile(r"(?:#{1,6}|[-*+•‣◦▪]|\d{1,9}[.)]|>)(?:\s+|$)")
#: A table cell boundary: ``|`` not escaped.
_CELL = re.compile(r"(?<!\\)\|")
#: Letter-like symbols: Latin-1's ``ª º µ``, the Letterlike Symbols (``ℓ Ω K``), super- and
#: subscript letters and the mathematical alphabets. Symbols, not a script.
_SYMBOL_LETTERS = ((0x00A0, 0x00FF), (0x2070, 0x209F), (0x2100, 0x214F), (0x1D400, 0x1D7FF))


@lru_cache(maxsize=4096)
def script_of(char: str) -> str | None:
    """The script of a letter (``Latin``, ``CJK``, ``Cyrillic``, ...), None for non-letters."""
    category = unicodedata.category(char)
    if not category.startswith("L"):
        return None
    code = ord(char)
    if any(low <= code <= high for low, high in _SYMBOL_LETTERS):
        return "Latin"
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


def _is_foreign_letter(char: str, main: str) -> bool:
    script = script_of(char)
    return script is not None and is_foreign(script, main)


def _is_mark(char: str) -> bool:
    return unicodedata.category(char).startswith("M")


def _is_glue(char: str) -> bool:
    """A letter, digit or combining mark: what may be glued inside a run."""
    return char.isalnum() or _is_mark(char)


def _foreign_run(chars: str, main: str) -> int:
    """Length of the run of foreign-script text at the start of ``chars``; 0 if none.

    The run is foreign letters and the spaces and CJK punctuation between them; digits,
    Latin letters and combining marks glued between foreign letters belong to it
    (``上海419论坛``), so it ends with a foreign letter (or a mark on one). ``chars`` may
    be reversed: the run at the end of a text, read backwards, is the same run."""
    letters = 0
    end = 0
    i = 0
    while i < len(chars):
        char = chars[i]
        if _is_foreign_letter(char, main):
            letters += 1
            i += 1
            end = i
        elif not letters and not _is_mark(char):
            break  # a run starts with a foreign letter (or, read backwards, a mark on one)
        elif _is_glue(char):
            # glued to foreign letters on both sides (a mark: on either side), or the run ends
            j = i
            while j < len(chars) and _is_glue(chars[j]) and not _is_foreign_letter(chars[j], main):
                j += 1
            marks = all(_is_mark(c) for c in chars[i:j])
            before = i == end and letters > 0
            after = j < len(chars) and _is_foreign_letter(chars[j], main)
            if before and after or marks and (after or before):
                i = j
                if before and not after:
                    end = j
            else:
                break
        elif letters and (char == " " or _is_foreign_punct(char)):
            i += 1
        else:
            break
    if not MIN_FRAGMENT_LETTERS <= letters <= MAX_FRAGMENT_LETTERS:
        return 0
    return end


def _title_like(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 12:
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    return capitalised * 2 > len(words)


def _starts_unit(text: str) -> bool:
    """Whether ``text`` starts a heading, list item, sentence or table row."""
    first = text[:1]
    return bool(first) and (first.isupper() or first.isdigit() or first in "-*•#>|" or first in _OPENERS)


def _has_own_text(text: str, main: str) -> bool:
    """Whether ``text`` holds a digit or a letter of the document's own (or Latin)."""
    return any(char.isalnum() and not _is_foreign_letter(char, main) for char in text)


def _left_open(text: str) -> bool:
    """Whether a bracket or quotation mark opened in ``text`` is still open at its end."""
    if text.count('"') % 2:
        return True
    return any(text.count(opener) > text.count(closer) for opener, closer in _PAIRS)


def _continues(following: str | None, main: str) -> bool:
    """Whether the line ``following`` may go on with a sentence (a wrapped line): it starts
    in lowercase, or with a letter of the document's own script when that script has no
    capitals (a wrapped Chinese or Arabic sentence shows no sign of going on)."""
    first = following.lstrip()[:1] if following is not None else ""
    if first.islower():
        return True
    return first.isalpha() and not first.isupper() and not _is_foreign_letter(first, main)


def _front(text: str, main: str) -> tuple[str, str] | None:
    """``(rest, fragment)`` if a fragment is glued to the front of ``text`` (a line, an
    item's text or a cell), before text of the document's own that starts a unit."""
    run = _foreign_run(text, main)
    if not run:
        return None
    rest = text[run:].lstrip()
    if _starts_unit(rest) and _has_own_text(rest, main):
        return rest, text[:run].strip()
    return None


def _back(text: str, main: str, following: str | None, *, quoted: bool = False, cell: bool = False) -> tuple[str, str] | None:
    """``(head, fragment)`` if a fragment is glued to the end of ``text`` (see the module
    docstring for when). ``following`` is the next line; ``quoted``: the line opens with
    a quotation mark or bracket; ``cell``: ``text`` is a table cell, which no line continues."""
    run = _foreign_run(text[::-1], main)
    if not run:
        return None
    head = text[: len(text) - run].rstrip()
    if not _has_own_text(head, main) or _left_open(head):
        return None
    last = head[-1]
    if quoted:
        glued = last in _FULL_STOP
    elif last in _SENTENCE_END or _title_like(head):
        glued = True
    else:
        glued = last.isalnum() and (cell or not _continues(following, main))
    return (head, text[len(head) :].strip()) if glued else None


def _is_table_row(text: str) -> bool:
    return len(_CELL.findall(text)) >= 2 and (text[0] == "|" or text[-1] == "|")


def _clean_cell(cell: str, main: str, fragments: list[str]) -> str:
    """A table cell without the fragments glued to its text's edges."""
    text = cell.strip()
    if not text:
        return cell
    lead, trail = cell[: len(cell) - len(cell.lstrip())], cell[len(cell.rstrip()) :]
    if (found := _front(text, main)) is not None:
        text = found[0]
        fragments.append(found[1])
    if (found := _back(text, main, None, cell=True)) is not None:
        text = found[0]
        fragments.append(found[1])
    return lead + text + trail


def strip_fragments(line: str, main: str, following: str | None = None) -> tuple[str, tuple[str, ...]]:
    """``line`` without the injected fragments at its edges, and the fragments (in the
    order they stood). A line that was only a fragment comes back empty.

    The edges are the line's own, its text's after a heading, list or quote marker, and
    each table cell's. ``following`` is the next line: a sentence that goes on there
    keeps a foreign word at the end of this one.
    """
    stripped = line.strip()
    if not stripped:
        return line, ()
    run = _foreign_run(stripped, main)
    if run and not stripped[run:].strip():  # alone on the line
        return "", (stripped,)
    indent = line[: len(line) - len(line.lstrip())]
    fragments: list[str] = []
    if (found := _front(stripped, main)) is not None:  # glued to the front of the line
        stripped = found[0]
        fragments.append(found[1])
    if _is_table_row(stripped):
        cells = _CELL.split(stripped)
        stripped = "|".join(_clean_cell(cell, main, fragments) for cell in cells)
        return indent + stripped, tuple(fragments)
    marker = _MARKER.match(stripped)
    prefix, text = (stripped[: marker.end()], stripped[marker.end() :]) if marker else ("", stripped)
    if prefix and not fragments and (found := _front(text, main)) is not None:  # "- 上海千花网 1 cup"
        text = found[0]
        fragments.append(found[1])
    quoted = stripped[0] in _OPENERS
    if (found := _back(text, main, following, quoted=quoted)) is not None:
        text = found[0]
        fragments.append(found[1])
    if not fragments:
        return line, ()
    return indent + prefix + text, tuple(fragments)


def script_name(fragment: str) -> str:
    """The script of the first letter in ``fragment`` (``CJK``, ``Cyrillic``, ...); ``foreign``
    if it holds no letter."""
    for char in fragment:
        script = script_of(char)
        if script:
            return script
    return "foreign"

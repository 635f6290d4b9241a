"""Find key figures in running text: percentages, money and counts.

Pure functions on strings. :func:`find_figures` locates every figure (for highlighting);
:func:`find_stats` turns the notable ones into :class:`~presenter.model.Stat` cards with a
short label taken from their clause (:func:`iter_stats` yields them one at a time).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from presenter.model import Stat

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:trillion|billion|million|thousand|bn|mn|[kKmMbB](?![\w]))"
_CURRENCY_WORD = r"(?:dollars|euros|pounds|yuan|yen|rupees|francs|USD|EUR|GBP|RMB|CNY|JPY)"
#: The lookahead lists every character a figure can start with (a currency prefix or sign, or
#: a digit): the engine skips other positions at once, and no match changes.
_FIGURE = re.compile(
    rf"""
    (?=[\dUHACNS$€£¥])
    (?:
        (?P<money>(?:US|HK|A|C|NZ|S)?[$€£¥]\s?(?:{_NUMBER})(?:\s?{_SCALE})?
           | (?:{_NUMBER})\s?(?:{_SCALE}\s)?{_CURRENCY_WORD}\b)
      | (?P<percent>(?:{_NUMBER})\s?(?:%|percent\b|per\scent\b))
      | (?P<count>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?:\s{_SCALE})?
           | \d+(?:\.\d+)?\s(?:trillion|billion|million|thousand)\b
           | \d{{4,}}(?:\.\d+)?)
    )
    """,
    re.VERBOSE,
)
_QUALIFIERS = (
    "more than|less than|fewer than|at least|up to|over|nearly|almost|about|around|roughly|some|approximately|just|only"
).split("|")
_QUALIFIER = re.compile(rf"(?:{'|'.join(_QUALIFIERS)})\s+$", re.IGNORECASE)
#: A qualifier ends where the spaces at the end of the text begin, so it starts at most this
#: many characters before them.
_QUALIFIER_REACH = max(map(len, _QUALIFIERS))
#: The lookahead lists the characters a change can start with (see ``_FIGURE``).
_CHANGE = re.compile(
    rf"(?=[,\sudrfig]),?\s*(?P<dir>up|down|rising|falling|increasing|decreasing|growing|dropping)\s+from\s+"
    rf"(?:just\s+|only\s+|about\s+|around\s+|nearly\s+|some\s+)?"
    rf"(?P<prev>[$€£¥]?(?:{_NUMBER})\s?(?:%|percent\b|{_SCALE})?)",
    re.IGNORECASE,
)
_STOP_WORDS = frozenset(
    """a an the in since from by with and or but for to at on that which who whose as
    including includes include is are was were has have had will would can could
    reached reaching reach accounts account accounted than per across into over under
    between during after before while""".split()
)
_SENTENCE_START = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'A-Z0-9$€£¥])")
_CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d{3}(?!\d))|[;:()\"“”—–]")  # not the comma in 2,000
_WORD = re.compile(r"[\w'’&-]+")
_DOWN = {"down", "falling", "decreasing", "dropping"}


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure's place in a string."""

    start: int
    end: int
    value: str
    kind: str


def _is_year(value: str) -> bool:
    return value.isdigit() and len(value) == 4 and 1000 <= int(value) <= 2199


_DIGIT = re.compile(r"\d")


def find_figures(text: str) -> list[Figure]:
    """Every percentage, amount of money and count in ``text``, in order."""
    if not _DIGIT.search(text):
        return []  # every figure has a digit: most text is done here, without the big pattern
    figures = []
    for match in _FIGURE.finditer(text):
        kind = match.lastgroup or "count"
        value = match.group(0).strip()
        if kind == "count" and _is_year(value):
            continue
        if match.start() > 0 and (text[match.start() - 1].isalnum() or text[match.start() - 1] in ".,"):
            continue  # part of a larger token (a version number, an identifier)
        figures.append(Figure(match.start(), match.start() + len(value), value, kind))
    return figures


class _Sentences:
    """Where the sentences of a text begin and end, found once for all its figures."""

    def __init__(self, text: str) -> None:
        gaps = [match.span() for match in _SENTENCE_START.finditer(text)]
        self.gap_starts = [start for start, _ in gaps]
        self.gap_ends = [end for _, end in gaps]
        self.length = len(text)

    def around(self, index: int) -> tuple[int, int]:
        """The sentence holding ``index``: from the last gap ending at or before it to the
        first gap starting at or after it (a bisection, so a long text is not rescanned)."""
        before = bisect_right(self.gap_ends, index)
        after = bisect_left(self.gap_starts, index)
        start = self.gap_ends[before - 1] if before else 0
        end = self.gap_starts[after] if after < len(self.gap_starts) else self.length
        return start, end


def _label_after(text: str) -> str:
    clause = _CLAUSE_BREAK.split(text, 1)[0]
    words = []
    found = _WORD.findall(clause)
    if len(found) > 1 and found[0].lower() in {"in", "on", "for"} and not found[1][:1].isdigit():
        found = found[1:]  # "$2bn in revenue" -> "revenue"
    for word in found:
        lower = word.lower()
        if any(map(str.isdigit, word)):
            break  # another figure: "40 percent of 2,000 firms" is not "of 2"
        if lower in _STOP_WORDS and not (lower == "of" and not words):
            break
        if lower == "of" and words:
            break
        words.append(word)
        if len(words) == 4:
            break
    if words and words[0].lower() == "of" and len(words) == 1:
        return ""
    return " ".join(words)


def _label_before(text: str) -> str:
    clause = _CLAUSE_BREAK.split(text)[-1]
    words = []
    for word in _WORD.findall(clause):
        if word.lower() in _STOP_WORDS or any(map(str.isdigit, word)):
            if words:
                break
            continue
        words.append(word)
        if len(words) == 4:
            break
    return " ".join(words)


def _qualifier_before(text: str) -> re.Match[str] | None:
    """``more than``, ``nearly`` ... at the end of ``text``, looked for only near its end."""
    return _QUALIFIER.search(text, max(0, len(text.rstrip()) - _QUALIFIER_REACH))


def find_stats(text: str, *, line: int | None = None) -> list[Stat]:
    """The key figures of ``text`` as stat cards (years and earlier values are not cards)."""
    return list(iter_stats(text, line=line))


def iter_stats(text: str, *, line: int | None = None) -> Iterator[Stat]:
    """The cards of :func:`find_stats` one at a time, so a caller that shows only the first
    few stops early: each card costs a pass over its sentence, which may be the whole text."""
    figures = find_figures(text)
    if not figures:
        return
    sentences = _Sentences(text)
    skip_until = -1
    for figure in figures:
        if figure.start < skip_until:
            continue
        s_start, s_end = sentences.around(figure.start)
        before = text[s_start : figure.start]
        after = text[figure.end : s_end]
        qualifier_match = _qualifier_before(before)
        qualifier = qualifier_match.group(0).strip().lower() if qualifier_match else None
        if qualifier in {"just", "only"}:
            qualifier = None
        if qualifier_match:
            before = before[: qualifier_match.start()]
        previous = direction = None
        change = _CHANGE.search(after)
        if change and not any(f.kind for f in find_figures(after[: change.start()])):
            previous = change.group("prev").strip()
            direction = "down" if change.group("dir").lower() in _DOWN else "up"
            skip_until = figure.end + change.end()
            after = after[: change.start()]
        label = _label_after(after.lstrip()) or _label_before(before)
        yield Stat(
            value=figure.value,
            kind=figure.kind,
            label=label,
            context=text[s_start:s_end].strip(),
            qualifier=qualifier,
            previous=previous,
            direction=direction,
            line=line,
        )

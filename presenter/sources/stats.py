"""Find key figures in running text: percentages, money and counts.

Pure functions on strings. :func:`find_figures` locates every figure (for highlighting);
:func:`find_stats` turns the notable ones into :class:`~presenter.model.Stat` cards with a
short label taken from their clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from presenter.model import Stat

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:trillion|billion|million|thousand|bn|mn|[kKmMbB](?![\w]))"
_CURRENCY_WORD = r"(?:dollars|euros|pounds|yuan|yen|rupees|francs|USD|EUR|GBP|RMB|CNY|JPY)"
_FIGURE = re.compile(
    rf"""
    (?P<money>(?:US|HK|A|C|NZ|S)?[$€£¥]\s?(?:{_NUMBER})(?:\s?{_SCALE})?
       | (?:{_NUMBER})\s?(?:{_SCALE}\s)?{_CURRENCY_WORD}\b)
  | (?P<percent>(?:{_NUMBER})\s?(?:%|percent\b|per\scent\b))
  | (?P<count>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?:\s{_SCALE})?
       | \d+(?:\.\d+)?\s(?:trillion|billion|million|thousand)\b
       | \d{{4,}}(?:\.\d+)?)
    """,
    re.VERBOSE,
)
_QUALIFIER = re.compile(
    r"(?:more than|less than|fewer than|at least|up to|over|nearly|almost|about|around|roughly|some|approximately|just|only)\s+$",
    re.IGNORECASE,
)
_CHANGE = re.compile(
    rf",?\s*(?P<dir>up|down|rising|falling|increasing|decreasing|growing|dropping)\s+from\s+"
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


def _sentence_bounds(text: str, index: int) -> tuple[int, int]:
    start = 0
    end = len(text)
    for match in _SENTENCE_START.finditer(text):
        if match.end() <= index:
            start = match.end()
        elif match.start() >= index:
            end = match.start()
            break
    return start, end


def _label_after(text: str) -> str:
    clause = _CLAUSE_BREAK.split(text, 1)[0]
    words = []
    found = _WORD.findall(clause)
    if len(found) > 1 and found[0].lower() in {"in", "on", "for"} and not found[1][:1].isdigit():
        found = found[1:]  # "$2bn in revenue" -> "revenue"
    for word in found:
        lower = word.lower()
        if any(c.isdigit() for c in word):
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
        if word.lower() in _STOP_WORDS or any(c.isdigit() for c in word):
            if words:
                break
            continue
        words.append(word)
        if len(words) == 4:
            break
    return " ".join(words)


def find_stats(text: str, *, line: int | None = None) -> list[Stat]:
    """The key figures of ``text`` as stat cards (years and earlier values are not cards)."""
    stats = []
    skip_until = -1
    for figure in find_figures(text):
        if figure.start < skip_until:
            continue
        s_start, s_end = _sentence_bounds(text, figure.start)
        before = text[s_start : figure.start]
        after = text[figure.end : s_end]
        qualifier_match = _QUALIFIER.search(before)
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
        stats.append(
            Stat(
                value=figure.value,
                kind=figure.kind,
                label=label,
                context=text[s_start:s_end].strip(),
                qualifier=qualifier,
                previous=previous,
                direction=direction,
                line=line,
            )
        )
    return stats

"""Find key figures in running text: percentages, money and counts.

Pure functions on strings. :func:`find_figures` locates every figure (for highlighting);
:func:`find_stats` turns the notable ones into :class:`~presenter.model.Stat` cards with a
short label taken from their clause (:func:`iter_stats` yields them one at a time).

A number that names something rather than measures it is not a figure: a year (``in
2024``), a version (``v1.2.3``, ``version 10``), a port (``port 8080``, ``:8080``), a
standard or identifier (``RFC 7231``, ``ISO 8601``, ``CVE-2021-44228``: any ALLCAPS word
before the number), a phone number (``(212) 560 – 6928``) or part of a URL.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
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
#: A count written as bare digits (no thousands commas, no scale word): the only kind of
#: figure a version, port, standard or phone number can be mistaken for.
_BARE = re.compile(r"\d+(?:\.\d+)?")
#: What names the bare number after it: ``version 10``, ``port 8080``, ``port: 8080``,
#: ``:8080``, ``#1234``, and an ALLCAPS word (``RFC 7231``, ``ISO 8601``, ``MIL-STD-1553``).
_NAMED_BY_WORD = re.compile(r"(?:\b(?:v|ver|version|release|build|port|ports)\b\.?\s*(?:number\s*)?[:=#]?\s*|[:#])$", re.IGNORECASE)
_NAMED_BY_CODE = re.compile(r"\b[A-Z]{2,}(?:\s{1,2}|-)$")
#: How far before a bare number the words that name it can start.
_NAME_REACH = 24
#: A digit after a dot or colon goes on: ``1000.2.3`` (a version), ``8080:80`` (ports).
_GOES_ON = re.compile(r"[.:]\d")
_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"'“”‘’]*", re.IGNORECASE)
#: A phone number: an optional country code, then three or more groups of digits.
_PHONE = re.compile(
    r"(?<![\w+.,])(?=[+(\d])(?:\+\d{1,3}(?:\s{1,2}|[.\-])?)?(?:\(\d{2,4}\)|\d{2,4})"
    r"(?:(?:\s{0,2}[.\-–—]\s{0,2}|\s{1,2})\d{2,4}){2,}(?!\w|[.,]\d)"
)


def _is_name(text: str, start: int, end: int) -> bool:
    """Whether the bare number ``text[start:end]`` names something (see the module docstring)."""
    if _GOES_ON.match(text, end):
        return True
    before = text[max(0, start - _NAME_REACH) : start]
    if before.endswith("-") and len(before) > 1 and before[-2].isalnum():
        return True  # the end of an identifier: CVE-2021-44228, ABC-1234
    return bool(_NAMED_BY_WORD.search(before) or _NAMED_BY_CODE.search(before))


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


def _within(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps one of ``spans`` (in order, not overlapping)."""
    before = bisect_left(spans, end, key=_first)  # the spans starting before ``end``
    return before > 0 and spans[before - 1][1] > start


def _first(span: tuple[int, int]) -> int:
    return span[0]


def find_figures(text: str) -> list[Figure]:
    """Every percentage, amount of money and count in ``text``, in order; never a year, a
    version, a port, an identifier, a phone number or part of a URL."""
    if not _DIGIT.search(text):
        return []  # every figure has a digit: most text is done here, without the big pattern
    figures = []
    urls = _spans(_URL, text) if "://" in text or "www." in text.lower() else []
    phones: list[tuple[int, int]] | None = None  # found when first needed
    for match in _FIGURE.finditer(text):
        kind = match.lastgroup or "count"
        value = match.group(0).strip()
        if kind == "count" and _is_year(value):
            continue
        start, end = match.start(), match.start() + len(value)
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in ".,"):
            continue  # part of a larger token (a version number, an identifier)
        if urls and _within(urls, start, end):
            continue
        if kind == "count" and _BARE.fullmatch(value):
            if _is_name(text, start, end):
                continue
            if phones is None:
                phones = _spans(_PHONE, text)
            if _within(phones, start, end):
                continue
        figures.append(Figure(start, end, value, kind))
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


def iter_stats(text: str, *, line: int | None = None, skip: Sequence[tuple[int, int]] = ()) -> Iterator[Stat]:
    """The cards of :func:`find_stats` one at a time, so a caller that shows only the first
    few stops early: each card costs a pass over its sentence, which may be the whole text.

    No card comes from a figure touching a ``skip`` range (``(start, end)`` in ``text``: code
    or a link's text), but a card's context is its sentence as written, ranges and all."""
    figures = find_figures(text)
    if skip:
        figures = [f for f in figures if not _within(skip, f.start, f.end)]
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

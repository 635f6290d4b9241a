"""Find figures in running text: percentages, money and counts, and a measurement's extent.

Pure functions on strings. :func:`find_figures` locates every figure (for highlighting and
stat cards); :func:`measure_of` widens one to the measurement it belongs to: a range, a
unit and a conversion in brackets (``1,800 and 2,400 miles (3,000 and 4,000 km)``).

A number that names something rather than measures it is not a figure: a year (``in
2024``), a version (``v1.2.3``, ``version 10``), a port (``port 8080``, ``:8080``), a
standard or identifier (``RFC 7231``, ``ISO 8601``, ``CVE-2021-44228``: any ALLCAPS word
before the number; ``Flight 1549``, ``order 48213``, ``PO Box 1250``), a rank (``10,000th``),
a setting in code (``timeout_ms = 30000``, ``ulimit -n 65536``, ``chmod 0755``), a time
(``2330 GMT``), a phone number (``(212) 560 – 6928``, ``884 2210``) or part of a URL.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import NamedTuple

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
SCALE = r"(?:trillion|billion|million|thousand|bn|mn|[kKmMbB](?![\w]))"
#: A scale written out, which may also be joined to its number by a hyphen: ``US$171-million``.
_SCALE_WORD = "(?:trillion|billion|million|thousand)"
_CURRENCY_WORD = r"(?:dollars|euros|pounds|yuan|yen|rupees|francs|USD|EUR|GBP|RMB|CNY|JPY)"
#: A scale or currency joined to what comes before by a hyphen: shown with a space on a card.
_HYPHENATED_SCALE = re.compile(rf"-({_SCALE_WORD}|{_CURRENCY_WORD})\b")
#: The lookahead lists every character a figure can start with (a currency prefix or sign, or
#: a digit): the engine skips other positions at once, and no match changes.
_FIGURE = re.compile(
    rf"""
    (?=[\dUHACNS$€£¥])
    (?:
        (?P<money>(?:US|HK|A|C|NZ|S)?[$€£¥]\s?(?:{NUMBER})(?:\s?{SCALE}|-{_SCALE_WORD}\b)?
           | (?:{NUMBER})[\s-]?(?:{SCALE}[\s-])?{_CURRENCY_WORD}\b)
      | (?P<percent>(?:{NUMBER})\s?(?:%|percent\b|per\scent\b))
      | (?P<count>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?:\s{SCALE})?
           | \d+(?:\.\d+)?[\s-]{_SCALE_WORD}\b
           | \d{{4,}}(?:\.\d+)?)
    )
    """,
    re.VERBOSE,
)


class Figure(NamedTuple):
    """A figure's place in a string."""

    start: int
    end: int
    value: str
    kind: str


def _is_date(value: str) -> bool:
    """A year (``2024``) or a date written as digits (``20240312``)."""
    if not value.isdigit():
        return False
    if len(value) == 8:
        return value[:2] in {"19", "20"} and 1 <= int(value[4:6]) <= 12 and 1 <= int(value[6:]) <= 31
    return len(value) == 4 and 1000 <= int(value) <= 2199


_DIGIT = re.compile(r"\d")
#: A count written as bare digits (no thousands commas, no scale word): the only kind of
#: figure a version, port, standard, code or phone number can be mistaken for.
_BARE = re.compile(r"\d+(?:\.\d+)?")
#: What names the bare number after it: ``version 10``, ``port 8080``, ``port: 8080``,
#: ``:8080``, ``#1234``, ``Flight 1549``, ``ext. 2207``; an ALLCAPS word (``RFC 7231``, ``ISO
#: 8601``, ``MIL-STD-1553``); a setting or a command-line option (``= 30000``, ``-n 65536``).
_NAMED_BY_WORD = re.compile(
    r"(?:\b(?:v|ver|version|release|build|revision|rev|port|ports|no|number|id|ext|extension|code|pin|zip"
    r"|flight|route|room|suite|box|order|invoice|ticket|case|serial|model|document|page|chapter|section"
    r"|step|item|line|error|status|rank|ranked)\b\.?\s*(?:number\s*)?[:=#]?\s*|[:#]|=\s*|(?:^|\s)--?[a-z][\w-]*[ =])$",
    re.IGNORECASE,
)
_NAMED_BY_CODE = re.compile(r"\b[A-Z]{2,}(?:\s{1,2}|-)$")
#: A capitalised word in mid-sentence names the number after it: ``write to Recipe 4471``.
_NAMED_BY_NAME = re.compile(r"[\w,;)]\s+[A-Z][a-z]+\s$")
#: How far before a bare number the words that name it can start.
_NAME_REACH = 24
#: A digit after a dot or colon goes on: ``1000.2.3`` (a version), ``8080:80`` (ports); a
#: group of digits after a space, ``884 2210`` (a code or phone number).
_GOES_ON = re.compile(r"[.:]\d| \d")
#: An ordinal ending after a number: a rank (``10,000th``).
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b")
#: A time zone after bare digits: a time (``2330 GMT``).
_TIME_ZONE = re.compile(r"\s?(?:GMT|UTC|[ECMP][SD]?T)\b")
#: Characters glued to a number's start that make it part of a larger token: a version
#: (``1.2.3``), an identifier (``max_connections=10000``, ``a/12345``), a URL or a path.
_GLUED = ".,_=/\\@"
_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"'“”‘’]*", re.IGNORECASE)
#: A phone number: an optional country code, then three or more groups of digits.
_PHONE = re.compile(
    r"(?<![\w+.,])(?=[+(\d])(?:\+\d{1,3}(?:\s{1,2}|[.\-])?)?(?:\(\d{2,4}\)|\d{2,4})"
    r"(?:(?:\s{0,2}[.\-–—]\s{0,2}|\s{1,2})\d{2,4}){2,}(?!\w|[.,]\d)"
)


def _is_name(text: str, start: int, end: int) -> bool:
    """Whether the bare number ``text[start:end]`` names something (see the module docstring)."""
    if _GOES_ON.match(text, end) or (text[start] == "0" and text[start : start + 2] != "0."):
        return True  # ``0755``, ``007``: a mode or a code, not an amount
    before = text[max(0, start - _NAME_REACH) : start]
    if before.endswith("-") and len(before) > 1 and before[-2].isalnum():
        return True  # the end of an identifier: CVE-2021-44228, ABC-1234
    if before[-2:-1].isdigit() and before.endswith(" "):
        return True  # the second group of digits of a code: 884 2210
    return bool(_NAMED_BY_WORD.search(before) or _NAMED_BY_CODE.search(before) or _NAMED_BY_NAME.search(before))


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


def overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps one of ``spans`` (in order, not overlapping)."""
    before = bisect_left(spans, end, key=_first)  # the spans starting before ``end``
    return before > 0 and spans[before - 1][1] > start


def _first(span: tuple[int, int]) -> int:
    return span[0]


def find_figures(text: str) -> list[Figure]:
    """Every percentage, amount of money and count in ``text``, in order; never a year, a
    version, a port, an identifier, a rank, code, a time, a phone number or part of a URL."""
    if not _DIGIT.search(text):
        return []  # every figure has a digit: most text is done here, without the big pattern
    figures = []
    urls = _spans(_URL, text) if "://" in text or "www." in text.lower() else []
    phones: list[tuple[int, int]] | None = None  # found when first needed
    for match in _FIGURE.finditer(text):
        kind = match.lastgroup or "count"
        value = match.group(0).strip()
        if kind == "count" and _is_date(value):
            continue
        start, end = match.start(), match.start() + len(value)
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in _GLUED):
            continue  # part of a larger token (a version number, an identifier, code)
        if urls and overlaps(urls, start, end):
            continue
        if kind == "count" and _ORDINAL.match(text, end):
            continue
        if kind == "count" and _BARE.fullmatch(value):
            if _is_name(text, start, end) or _TIME_ZONE.match(text, end):
                continue
            if phones is None:
                phones = _spans(_PHONE, text)
            if overlaps(phones, start, end):
                continue
        figures.append(Figure(start, end, _HYPHENATED_SCALE.sub(r" \1", value), kind))  # a card shows "US$171 million"
    return figures


# -- measurements: a range, a unit and a conversion -------------------------------------------------

_UNIT = (
    r"(?:(?:square|sq\.?|cubic)\s)?(?:miles?|mi|kilomet(?:er|re)s?|km|met(?:er|re)s?|feet|foot|ft|inch(?:es)?|yards?"
    r"|light[- ]years?|astronomical\sunits?|AU|acres?|hectares?|km²|mi²|tons?|tonnes?|kilograms?|kg|grams?|lbs?"
    r"|ounces?|oz|lit(?:er|re)s?|gallons?|barrels?|ml|mph|km/h|kph|knots|degrees(?:\s(?:Fahrenheit|Celsius|F|C))?"
    r"|°[FC]?|[kMGT]Wh|(?:kilo|mega|giga)?watts|[kMG]W|calories|kcal|[KMGTP]B|(?:milli)?seconds?|ms|minutes?"
    r"|hours?|(?:Earth\s)?days?|weeks?|months?|years?)(?![\w²])"
)
_QUANTITY = rf"(?:{NUMBER})(?:\s(?:trillion|billion|million|thousand))?"
#: A range's first quantity and the word or dash after it: ``1,800 and ``, ``770 to ``, ``3–``.
_RANGE_START = rf"-?{_QUANTITY}(?:\s(?:and|to)\s|\s?[-–—]\s?)"
#: One quantity or a range: ``1,800 and 2,400``, ``770 to 1,170``, ``3–4 million``.
_AMOUNT = rf"(?:{_RANGE_START})?-?{_QUANTITY}"
_MONEY = rf"(?:(?:US|HK|A|C|NZ|S)?[$€£¥]\s?(?:{NUMBER})(?:\s?{SCALE}|-{_SCALE_WORD}\b)?|(?:{NUMBER})[\s-]?(?:{SCALE}[\s-])?{_CURRENCY_WORD}\b)"
_ABOUT = r"(?:(?:about|around|roughly|approximately|nearly|some|~)\s?)?"
#: A few words between a measurement and its conversion: ``in diameter``, ``a year per node``.
_GAP = r"(?P<gap>(?:\s[a-z]+){0,4}?)\s?"
#: A measurement: an amount with a unit, or an amount of money, then perhaps a few words and
#: a conversion in brackets (into another unit, or another currency).
_UNIT_MEASURE = re.compile(rf"(?P<main>{_AMOUNT}\s?{_UNIT})(?:{_GAP}(?P<conversion>\({_ABOUT}{_AMOUNT}\s?{_UNIT}\)))?")
_MONEY_MEASURE = re.compile(rf"(?P<main>{_MONEY})(?:{_GAP}(?P<conversion>\({_ABOUT}{_MONEY}\)))?")
#: How far before a figure the measurement holding it can start (``770 to 1,170 miles``,
#: ``13.6 miles (21,900 meters)``), and how far after it the measurement can end.
_MEASURE_REACH = 60
_MEASURE_LENGTH = 200


class Measure(NamedTuple):
    """A figure with its range, unit and conversion: what a stat card shows."""

    start: int
    end: int
    """Where the measurement ends in the text: after its conversion, if any."""
    value: str
    """As written, except that words between a unit and its conversion (``in diameter``)
    move out: ``1,800 and 2,400 miles (3,000 and 4,000 km)``."""
    words: str = ""
    """Those words, which say what the figure measures."""


def measure_of(text: str, figure: Figure) -> Measure:
    """The measurement ``figure`` belongs to: the figure itself, or the range, unit and
    conversion around it (a range's second number or a conversion starts before it)."""
    pattern = {"count": _UNIT_MEASURE, "money": _MONEY_MEASURE}.get(figure.kind)
    window = max(0, figure.start - _MEASURE_REACH)
    while window > max(0, figure.start - 2 * _MEASURE_REACH) and (text[window - 1].isdigit() or text[window - 1] in ".,"):
        window -= 1  # not from the middle of a number
    for match in pattern.finditer(text, window, figure.end + _MEASURE_LENGTH) if pattern else ():
        start = match.start()
        if start > figure.start:
            break
        if match.end() < figure.end or (start > 0 and (text[start - 1].isalnum() or text[start - 1] in _GLUED)):
            continue
        inside = match.group("conversion") and match.start("conversion") < figure.start
        if start < figure.start and not inside and not re.fullmatch(_RANGE_START, text[start : figure.start]):
            continue
        if not match.group("conversion") and _HYPHENATED_SCALE.sub(r" \1", match.group("main")) == figure.value:
            break  # the figure alone
        gap = (match.group("gap") or "").strip()
        value = f"{match.group('main')} {match.group('conversion')}" if gap else match.group(0)
        return Measure(start, match.end(), _HYPHENATED_SCALE.sub(r" \1", value), gap)
    return Measure(figure.start, figure.end, figure.value)


def is_unit(words: str) -> bool:
    """Whether ``words`` are only a unit (``miles``, ``km``, ``square miles``)."""
    return bool(re.fullmatch(_UNIT, words.strip()))

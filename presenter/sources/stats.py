"""Stat cards: the key figures of a slide, each with a label saying what it measures.

Pure functions on strings. :func:`find_stats` (one at a time: :func:`iter_stats`) turns the
figures of a text (:mod:`presenter.sources.figures`) into :class:`~presenter.model.Stat`
cards; :func:`choose_cards` picks the few an editor would show on a slide.

A card's value is the figure with its range, unit and conversion (``141,633,260 miles
(227,936,640 km)``); a change after it (``up from 18%``) is its previous value. Its label
is the words of its sentence that say what the figure measures, tried in this order:

- the key before a colon: ``Equatorial diameter: 4,220 miles``;
- the words after the figure, in its clause: ``8,000 tech companies``, ``34% of its GDP``; a
  dimension joins the thing measured (``the core is 1,800 miles in diameter``: ``core
  diameter``), and so does a comparative (``indexes are 30% smaller``: ``smaller indexes``);
- the phrase before ``of`` or ``is``: ``an average distance from the sun of``, ``the core is``
  (a word such as ``average`` takes the words before it: ``Members spend an average of``);
- else the first words of a short clause: ``Venture capital investment in ... reached``.

A label is never only a unit or a word such as ``more``, ``away`` or ``last year``; a figure
with no label is no card. :func:`choose_cards` shows changes first, then money and
percentages, then counts and measurements, three at most.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence

from presenter.model import Stat
from presenter.plaintext import SENTENCE_BREAK
from presenter.sources.figures import NUMBER, SCALE, Figure, Measure, find_figures, is_unit, measure_of, overlaps

__all__ = ["Figure", "find_figures", "find_stats", "iter_stats", "choose_cards", "MAX_CARDS", "MAX_CANDIDATES"]

#: Cards on a slide, at most.
MAX_CARDS = 3
#: Figures a slide's cards are chosen from: its first ones (later ones are not looked at).
MAX_CANDIDATES = 24

_QUALIFIERS = (
    "more than|less than|fewer than|at least|up to|over|nearly|almost|about|around|roughly|some|approximately|just|only"
).split("|")
_QUALIFIER = re.compile(rf"(?:{'|'.join(_QUALIFIERS)})\s+$", re.IGNORECASE)
#: A qualifier ends where the spaces at the end of the text begin, so it starts at most this
#: many characters before them.
_QUALIFIER_REACH = max(map(len, _QUALIFIERS))
#: The lookahead lists the characters a change can start with.
_CHANGE = re.compile(
    rf"(?=[,\sudrfig]),?\s*(?P<dir>up|down|rising|falling|increasing|decreasing|growing|dropping)\s+from\s+"
    rf"(?:just\s+|only\s+|about\s+|around\s+|nearly\s+|some\s+)?"
    rf"(?P<prev>[$€£¥]?(?:{NUMBER})\s?(?:%|percent\b|{SCALE})?)",
    re.IGNORECASE,
)
_STOP_WORDS = frozenset(
    """a an the in since from by with and or but for to at on that which who whose as
    including includes include is are was were has have had will would can could
    reached reaching reach accounts account accounted than per across into over under
    between during after before while within through until against among via despite above below
    once when whenever if unless because although though whereas""".split()
)
#: Words that start a noun phrase but never make a label: ``its average distance``.
_DETERMINERS = frozenset("the a an its their our his her this these those it they we".split())
#: Words a label never ends with: ``upgrading its`` is ``upgrading``.
_DANGLING = frozenset("the a an its their our his her this these those than per".split())
#: Verbs that end the phrase naming what a figure measures: ``net income climbed 18%``.
_VERBS = frozenset(
    """rose rises fell falls grew grows climbed jumped dropped declined increased decreased gained lost hit
    totaled totalled reported reports said says spent spend spends gave raised earned posted generated
    employs employed surged soared slipped doubled tripled sold bought think thinks weighs""".split()
)
#: Verbs of change: the phrase before one names what changed (``net income climbed 18%``).
_CHANGE_VERBS = frozenset(
    "rose rises risen fell falls fallen grew grows grown climbed jumped dropped declined increased decreased gained surged soared slipped slid plunged".split()
)
#: Verbs of spending: ``spent $120 million on new track`` is money "spent on new track".
_SPENDING = frozenset("spent spend spends invested invest invests poured pour pours paid pay pays allocated earmarked committed pledged".split())
#: What money is spent on comes after one of these.
_TOWARDS = frozenset("on in into for to".split())
#: The word before a figure that makes the phrase before it name what it measures.
_LINKS = frozenset("of is are was were measures measured spans totals stands by".split())
#: Prepositions that join two nouns in a label: ``distance from the sun``.
_JOINS = frozenset("of from to".split())
#: A single word of these before ``of`` takes the words before it: ``Members spend an average of``.
_GENERIC = frozenset("average total median maximum minimum peak record sum".split())
#: Words that say nothing about what a figure measures, alone.
_COMPARATIVES = frozenset("more less fewer higher lower larger smaller bigger faster slower cheaper".split())
_EMPTY = _COMPARATIVES | frozenset(
    "above below away ago times double half than last next this year years month months week weeks day days".split()
)
#: Words that stand for something named elsewhere: a label of these alone (``She``, ``it``) says nothing.
_PRONOUNS = frozenset("i you he she it we they me him her us them this that these those one".split())
_SAYS_NOTHING = _EMPTY | _PRONOUNS
#: A dimension after a measurement (``miles in diameter``, ``thick``) and what it measures.
_DIMENSIONS = {
    "diameter": "diameter", "radius": "radius", "wide": "width", "long": "length",
    "tall": "height", "high": "height", "deep": "depth", "thick": "thickness",
}  # fmt: skip
_CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d{3}(?!\d))|[;:()\"“”—–]")  # not the comma in 2,000
_WORD = re.compile(r"[\w'’&-]+")
_DOWN = {"down", "falling", "decreasing", "dropping"}
#: Label length, in words.
_LABEL_WORDS = 4
_KEY_WORDS = 6
#: How far before and after a figure its label and change are looked for.
_REACH = 300
#: A clause's first words name what a figure measures only when it comes soon after them.
_FIRST_PHRASE_REACH = 8


class _Sentences:
    """Where the sentences of a text begin and end, found once for all its figures."""

    def __init__(self, text: str) -> None:
        gaps = [match.span() for match in SENTENCE_BREAK.finditer(text)]
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


# -- labels -------------------------------------------------------------------------------------------


def _has_digit(word: str) -> bool:
    return any(map(str.isdigit, word))


def _label_after(text: str) -> str:
    """The words after a figure, in its clause and before any other figure: ``tech
    companies``, ``of its GDP``, ``upgrading its distribution centers`` (a small number in
    between, as in ``its 14 distribution centers``, is left out)."""
    clause = _CLAUSE_BREAK.split(text, 1)[0]
    figures = find_figures(clause)
    if figures:
        clause = clause[: figures[0].start]
    words: list[str] = []
    found = _WORD.findall(clause)
    if len(found) > 1 and found[0].lower() in {"in", "on", "for"} and not found[1][:1].isdigit():
        found = found[1:]  # "$2bn in revenue" -> "revenue"
    for index, word in enumerate(found):
        lower = word.lower()
        if word.isdigit():
            continue  # a small number: "its 14 distribution centers"
        if _has_digit(word):
            break  # a code or a date
        if lower in {"the", "a", "an"} and words and index + 1 < len(found):
            words.append(word)  # "preferred the overnight loaf", "of the economy"
            continue
        if lower == "per" and words and index + 1 < len(found):
            words.append(word)  # "queries per second"
            continue
        if lower == "than" and len(words) == 1 and words[0].lower() in _COMPARATIVES:
            words.append(word)  # "40% more than other customers"
            continue
        if (lower in _STOP_WORDS and not (lower == "of" and not words)) or (lower in _VERBS and words):
            break  # "of speakers said they" is "of speakers"
        if lower == "of" and words:
            break
        words.append(word)
        if len(words) == _LABEL_WORDS:
            break
    while words and words[-1].lower() in _DANGLING:
        words.pop()  # "upgrading its" -> "upgrading"
    if len(words) == 1 and words[0].lower() == "of":
        return ""
    if words and words[0].lower() == "of" and words[-1].lower() in _GENERIC | {"the"}:
        return ""  # "31% of the total" says no more than the figure
    return " ".join(words)


def _first_phrase(words: Sequence[str]) -> str:
    """The first words of a clause, before any stop word or verb: ``Venture capital investment``."""
    phrase: list[str] = []
    for word in words:
        lower = word.lower()
        if lower in _STOP_WORDS or lower in _DETERMINERS or _has_digit(word):
            if phrase:
                break
            continue
        if lower in _VERBS:
            break
        phrase.append(word)
        if len(phrase) == _LABEL_WORDS:
            break
    return " ".join(phrase)


def _last_phrase(words: Sequence[str]) -> str:
    """The noun phrase ending ``words``: ``an average distance from the sun`` is ``average
    distance from the sun`` (a preposition and a determiner may join two nouns)."""
    phrase: list[str] = []
    index = len(words) - 1
    while index >= 0 and len(phrase) < _KEY_WORDS:
        word, lower = words[index], words[index].lower()
        if _has_digit(word) or lower in _VERBS:
            break
        if lower in _STOP_WORDS or lower in _DETERMINERS or lower == "of":
            join = index - 1 if lower in {"the", "a", "an"} else index
            if phrase and join >= 1 and words[join].lower() in _JOINS and _is_content(words[join - 1]):
                phrase[:0] = words[join : index + 1]
                index = join - 1
                continue
            break
        phrase.insert(0, word)
        index -= 1
    return " ".join(phrase)


def _is_content(word: str) -> bool:
    lower = word.lower()
    return not (lower in _STOP_WORDS or lower in _DETERMINERS or lower in _VERBS or lower == "of" or _has_digit(word))


def _label_before(text: str) -> str:
    """The phrase before ``of`` or ``is`` right before a figure (``a radius of``, ``the core
    is``), else the first words of its clause."""
    words = _WORD.findall(_CLAUSE_BREAK.split(text)[-1])
    if words and words[-1].lower() in _LINKS:
        phrase = _last_phrase(words[:-1])
        if phrase.lower() in _GENERIC:
            lead = words[-1 - _LABEL_WORDS : -1]  # "Members spend an average"
            while not _is_content(lead[0]):
                lead = lead[1:]
            return " ".join(lead)
        if phrase:
            return phrase
    return _first_phrase(words) if len(words) <= _FIRST_PHRASE_REACH else ""


def _key_label(text: str) -> str:
    """The key before a colon right before a figure: ``Equatorial diameter: 4,220 miles``."""
    head, colon, tail = text.rpartition(":")
    if not colon or tail.strip():
        return ""
    words = _WORD.findall(_CLAUSE_BREAK.split(head)[-1])
    while words and (words[0].lower() in _STOP_WORDS or words[0].lower() in _DETERMINERS):
        words = words[1:]
    if not words or len(words) > _KEY_WORDS or any(map(_has_digit, words)):
        return ""
    return " ".join(words)


def _subject_label(text: str) -> str:
    """What rose or fell when a change verb comes right before a figure, or before the ``by``
    before it (``told analysts that revenue rose 58%`` is about revenue, as is ``revenue
    increased by 7%``), or before the ``to`` that leads to it
    (``revenue rose 58% in the third quarter, to €1.3 billion``)."""
    words = _WORD.findall(_CLAUSE_BREAK.split(text)[-1])
    if len(words) >= 3 and words[-1].lower() == "by" and words[-2].lower() in _CHANGE_VERBS:
        words = words[:-1]  # "exports increased by 7%"
    if len(words) >= 2 and words[-1].lower() in _CHANGE_VERBS:
        return _last_phrase(words[:-1])
    if words == ["to"] or (words and words[-1].lower() == "to" and words[0].lower() in _CHANGE_VERBS):
        sentence = _WORD.findall(SENTENCE_BREAK.split(text)[-1])
        verbs = [index for index, word in enumerate(sentence) if word.lower() in _CHANGE_VERBS]
        if verbs:
            return _last_phrase(sentence[: verbs[-1]])
    return ""


def _spent_on(before: str, after: str) -> str:
    """What money was spent on, when a verb of spending comes right before the figure and
    ``on``, ``into`` ... right after it: ``spent on 14 kilometres of track``."""
    words = _WORD.findall(_CLAUSE_BREAK.split(before)[-1])
    found = _WORD.findall(_CLAUSE_BREAK.split(after, 1)[0])
    if not words or words[-1].lower() not in _SPENDING or len(found) < 2 or found[0].lower() not in _TOWARDS:
        return ""
    phrase = [words[-1], found[0]]
    for word in found[1:]:
        lower = word.lower()
        if len(phrase) == _KEY_WORDS or lower in _VERBS or (lower in _STOP_WORDS and lower not in _DETERMINERS and lower != "of"):
            break
        phrase.append(word)
    while phrase[-1].lower() in _DANGLING or phrase[-1].lower() == "of":
        phrase.pop()
    return " ".join(phrase) if len(phrase) > 2 else ""


def _label(before: str, after: str) -> str:
    """What a figure measures, from the words around it (see the module docstring)."""
    label = _key_label(before) or _subject_label(before) or _label_after(after.lstrip())
    dimension = _DIMENSIONS.get(label.lower())
    if dimension:
        words = _WORD.findall(_CLAUSE_BREAK.split(before)[-1])
        thing = _last_phrase(words[:-1] if words and words[-1].lower() in _LINKS else words)
        return f"{thing} {dimension}" if thing else dimension
    if label.lower() in _COMPARATIVES:
        thing = _label_before(before)
        return f"{label} {thing}" if thing else ""  # "indexes are 30% smaller": "smaller indexes"
    if not label or is_unit(label) or all(word.lower() in _SAYS_NOTHING for word in label.split()):
        label = _spent_on(before, after) or _label_before(before)
    names_nothing = label.lower().rpartition(" ")[2] in _PRONOUNS  # "She", "spent on it"
    return "" if is_unit(label) or label.lower() in _EMPTY or names_nothing else label


# -- cards ----------------------------------------------------------------------------------------------


def _qualifier_before(text: str) -> re.Match[str] | None:
    """``more than``, ``nearly`` ... at the end of ``text``, looked for only near its end."""
    return _QUALIFIER.search(text, max(0, len(text.rstrip()) - _QUALIFIER_REACH))


def find_stats(text: str, *, line: int | None = None) -> list[Stat]:
    """The key figures of ``text`` as stat cards (years and earlier values are not cards)."""
    return list(iter_stats(text, line=line))


def iter_stats(text: str, *, line: int | None = None, skip: Sequence[tuple[int, int]] = ()) -> Iterator[Stat]:
    """The cards of :func:`find_stats` one at a time, so a caller that looks at only the
    first few stops early.

    No card comes from a figure touching a ``skip`` range (``(start, end)`` in ``text``: code
    or a link's text), but a card's context is its sentence as written, ranges and all. A
    figure inside another's measurement (a range, a conversion) is part of that card."""
    figures = find_figures(text)
    if skip:
        figures = [f for f in figures if not overlaps(skip, f.start, f.end)]
    if not figures:
        return
    sentences = _Sentences(text)
    skip_until = -1
    for figure in figures:
        if figure.start < skip_until:
            continue
        measure = measure_of(text, figure)
        if measure.start < skip_until or (skip and overlaps(skip, measure.start, measure.end)):
            measure = Measure(figure.start, figure.end, figure.value)
        skip_until = measure.end
        s_start, s_end = sentences.around(measure.start)
        before = text[max(s_start, measure.start - _REACH) : measure.start]
        after = text[measure.end : min(s_end, measure.end + _REACH)]
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
            skip_until = measure.end + change.end()
            after = after[: change.start()]
        yield Stat(
            value=measure.value,
            kind=figure.kind,
            label=_label(before, f"{measure.words} {after}" if measure.words else after),
            context=text[s_start:s_end].strip(),
            qualifier=qualifier,
            previous=previous,
            direction=direction,
            line=line,
        )


def _rank(stat: Stat) -> int:
    """Changes first, then money and percentages, then counts and measurements."""
    if stat.previous:
        return 0
    return 1 if stat.kind in {"money", "percent"} else 2


def choose_cards(stats: Iterable[Stat]) -> tuple[Stat, ...]:
    """The cards an editor would show from a slide's ``stats`` (in text order): at most
    :data:`MAX_CARDS`, the most telling first (in text order among equals), each with a
    label and a value of its own."""
    chosen: list[Stat] = []
    seen: set[str] = set()
    for stat in stats:
        if stat.label and stat.value not in seen:
            seen.add(stat.value)
            chosen.append(stat)
    chosen.sort(key=_rank)
    return tuple(chosen[:MAX_CARDS])

"""Recognise a quotation paragraph and who said it.

``"Shanghai offers ...," says Dr. Li Wei, director of the Institute. "Our research ..."``
becomes the quoted words, the speaker ``Dr. Li Wei`` and the role ``director of the
Institute``; the attribution clause is kept as written so no word is lost.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from presenter.model import Lines, Quote
from presenter.sources.inline import highlight_figures

_QUOTED = re.compile(r"[\"“„«]([^\"“”„«»]+)[\"”»]")
_VERBS = (
    "says|said|say|explains|explained|notes|noted|adds|added|argues|argued|observes|"
    "observed|remarks|remarked|told|tells|writes|wrote|according to|asks|asked|warns|warned|"
    "believes|insists|insisted|recalls|recalled|continues|continued"
)
_VERB_FIRST = re.compile(rf"^[\s,.]*(?P<verb>{_VERBS})\s+(?P<who>.+?)[\s.,]*$", re.IGNORECASE)
_VERB_LAST = re.compile(rf"^[\s,.]*(?P<who>.+?),?\s+(?P<verb>{_VERBS})[\s.,]*$", re.IGNORECASE)
_DASH = re.compile(r"^\s*[—–]+\s*(?P<who>.+?)[\s.]*$|^\s+-{1,2}\s*(?P<who2>.+?)[\s.]*$")
_HONORIFIC = r"(?:Dr|Mr|Mrs|Ms|Prof|Sir|Dame|Rev|Sen|Rep|Gov|Gen|Capt)\.?"
_NAME = re.compile(rf"(?:{_HONORIFIC}\s+)?(?:[A-Z][\w'’.-]*)(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|da|bin|al))*$")


class QuoteParts(NamedTuple):
    text: str
    speaker: str
    role: str | None
    attribution: str


def _split_who(who: str) -> tuple[str, str | None] | None:
    """``Dr. Li Wei, director of X`` or ``tech analyst Mark Johnson`` -> (speaker, role)."""
    who = who.strip()
    if "," in who:
        name, role = (part.strip() for part in who.split(",", 1))
        if _NAME.fullmatch(name):
            return name, role or None
        if _NAME.fullmatch(role):  # "a director of X, Jane Doe"
            return role, name
        return None
    match = _NAME.search(who)
    if not match:
        return None
    name = match.group(0).strip()
    role = who[: match.start()].strip() or None
    if role and role[0].isupper() and role.split()[0] not in {"The", "A", "An"}:
        return None  # a capitalised run that is not a role: not a byline we understand
    return name, role


def parse_attribution(clause: str) -> tuple[str, str | None] | None:
    """``says tech analyst Mark Johnson`` -> ``("Mark Johnson", "tech analyst")``, or None.

    Only a clause with a speech verb (``says``, ``said``, ``according to`` ...) before or
    after the speaker counts; a Markdown quote's ``— says Dr. Li Wei, director of X`` byline
    keeps its clause as written this way.
    """
    for pattern in (_VERB_FIRST, _VERB_LAST):
        match = pattern.match(clause)
        if match:
            split = _split_who(match.group("who"))
            if split is not None:
                return split
    return None


def _trim_comma(piece: str) -> str:
    """A quoted piece without the comma that led into its attribution."""
    piece = piece.strip()
    return piece[:-1].rstrip() if piece.endswith(",") else piece


def parse_quote(text: str) -> QuoteParts | None:
    """Split a paragraph into quoted words and attribution, or None if it is not a quote."""
    stripped = text.strip()
    if not stripped or stripped[0] not in "\"“„«":
        return None
    pieces = list(_QUOTED.finditer(stripped))
    if not pieces or pieces[0].start() != 0:
        return None
    gaps = []
    position = 0
    for piece in pieces:
        gaps.append(stripped[position : piece.start()])
        position = piece.end()
    gaps.append(stripped[position:])
    between = [gap for gap in gaps[1:] if gap.strip(" ,.")]
    if len(between) != 1:
        return None
    attribution = between[0]
    for pattern in (_VERB_FIRST, _VERB_LAST, _DASH):
        match = pattern.match(attribution)
        if match:
            who = match.groupdict().get("who") or match.groupdict().get("who2") or ""
            split = _split_who(who)
            if split is None:
                continue
            quoted = " … ".join(_trim_comma(piece.group(1)) for piece in pieces)
            clause = attribution.strip(" ,")
            clause = clause[:-1] if clause.endswith(".") else clause
            return QuoteParts(quoted, split[0], split[1], clause.strip())
    return None


def quote_block(text: str, lines: Lines | None) -> Quote | None:
    """``text`` as a :class:`Quote` with its speaker (figures highlighted), or None if it is
    not a quote (:func:`parse_quote`)."""
    parts = parse_quote(text)
    if parts is None:
        return None
    return Quote(highlight_figures(parts.text), speaker=parts.speaker, role=parts.role, attribution=parts.attribution, lines=lines)

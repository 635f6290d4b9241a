"""A fenced code block's info string and hidden lines, as presenterm and ``slides`` decks write them.

Part of the Markdown deck parser (:mod:`presenter.sources.mdblocks`), and read back by the
Markdown export (:func:`info_string`), so both sides of the round trip live here. Pure
functions, no Rich, no Textual.

- presenterm's info string: ```` ```rust {1-4|6-10|all} +line_numbers +exec ````: the
  language, then highlight groups between braces (one group per step, ``|`` between
  groups; ``all`` is every line), then ``+attributes``.
- Hidden lines: rustdoc's ``# `` lines in Rust (presenterm hides them too) and ``/// `` lines
  in any block (``slides``, maaslalani/slides). They are kept in the code (to run it, and to
  write it back) but never shown.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from presenter.model import HighlightGroup

#: The ``+attributes`` presenter acts on; the others are kept and reported by ``check``.
SUPPORTED_ATTRIBUTES = frozenset({"line_numbers", "exec", "exec_replace"})

_TOKEN = re.compile(r"\{[^}]*\}|\S+")
_RANGE = re.compile(r"^\s*([0-9]{1,9})\s*(?:-\s*([0-9]{1,9})\s*)?$")


class CodeInfo(NamedTuple):
    """What a fenced block's info string says."""

    language: str | None = None
    attributes: tuple[str, ...] = ()
    """``+attributes`` without the ``+``, in the order written."""
    highlight_groups: tuple[HighlightGroup, ...] = ()
    problems: tuple[str, ...] = ()
    """Parts not understood, for the deck's warnings (without the line number)."""


#: A Pandoc attribute block naming the language as its first class: ``{.haskell .numberLines}``.
_PANDOC_CLASS = re.compile(r"\{\s*\.([\w+#-]+)[^}]*\}")


def parse_info(info: str) -> CodeInfo:
    """The language, ``+attributes`` and ``{highlight|groups}`` of an info string.

    The first word is the language unless it is a ``+attribute`` or a valid highlight
    (``{python}``, as Quarto writes it, stays a language). Other words (``startline=3``) are
    ignored, as they always were.
    """
    tokens = _TOKEN.findall(info)
    language: str | None = None
    attributes: list[str] = []
    groups: tuple[HighlightGroup, ...] | None = None
    problems: list[str] = []
    for index, token in enumerate(tokens):
        if token.startswith("+") and len(token) > 1:
            attributes.append(token[1:])
        elif token.startswith("{"):
            parsed = parse_highlight(token)
            if parsed is None and index == 0:
                pandoc = _PANDOC_CLASS.match(token)  # patat's ~~~{.haskell}
                language = pandoc.group(1) if pandoc else token
            elif parsed is None:
                problems.append(f"code highlight {token} is not understood")
            elif groups is not None:
                problems.append(f"code highlight {token} is a second one; the first is used")
            else:
                groups = parsed
        elif index == 0:
            language = token
    return CodeInfo(language, tuple(attributes), groups or (), tuple(problems))


def parse_highlight(token: str) -> tuple[HighlightGroup, ...] | None:
    """``{1-4,6|all}`` as groups of inclusive line ranges (``()`` for ``all``); None if it is
    not a highlight. ``{}`` is no highlight at all."""
    if not (token.startswith("{") and token.endswith("}")):
        return None
    body = token[1:-1].strip()
    if not body:
        return ()
    groups: list[HighlightGroup] = []
    for text in body.split("|"):
        ranges: list[tuple[int, int]] = []
        every = False
        for piece in text.split(","):
            if piece.strip() == "all":
                every = True
                continue
            match = _RANGE.match(piece)
            if match is None:
                return None
            first = int(match.group(1))
            last = int(match.group(2) or first)
            if last < first:
                return None
            ranges.append((first, last))
        groups.append(() if every else tuple(ranges))
    return tuple(groups)


def highlight_text(groups: tuple[HighlightGroup, ...]) -> str:
    """The ``{...}`` that :func:`parse_highlight` reads back to ``groups`` ("" for none)."""
    if not groups:
        return ""

    def one(group: HighlightGroup) -> str:
        if not group:
            return "all"
        return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in group)

    return "{" + "|".join(one(group) for group in groups) + "}"


def info_string(language: str | None, attributes: tuple[str, ...], groups: tuple[HighlightGroup, ...]) -> str:
    """The info string that :func:`parse_info` reads back to the same language, groups and attributes."""
    parts = [language or "", highlight_text(groups), *(f"+{name}" for name in attributes)]
    return " ".join(part for part in parts if part)


def hiding_prefixes(language: str | None) -> tuple[str, ...]:
    """How lines of a block in ``language`` are hidden: each prefix hides a line starting with
    it, or made of it alone (trailing space dropped).

    ``# `` hides in Rust (rustdoc's and presenterm's rule); ``/// `` in every other block
    (``slides``' and presenterm's), except in languages where ``///`` starts a doc comment,
    which is the author's text.
    """
    name = (language or "").lower()
    if name == "rust":
        return ("# ",)
    return () if name in DOC_COMMENT_LANGUAGES else ("/// ",)


#: Languages whose ``///`` lines are documentation comments: never hidden.
DOC_COMMENT_LANGUAGES = frozenset({"c", "cpp", "c++", "csharp", "cs", "c#", "swift", "zig", "dart", "fsharp", "f#", "objc", "objective-c"})


def hidden_lines(code: str, language: str | None) -> tuple[int, ...]:
    """The 0-based indexes of the lines of ``code`` that are not shown (:func:`hiding_prefixes`)."""
    prefixes = hiding_prefixes(language)
    whole = tuple(prefix.rstrip() for prefix in prefixes)
    return tuple(
        index
        for index, line in enumerate(code.split("\n"))
        if line.startswith(prefixes) or line.rstrip() in whole
    )

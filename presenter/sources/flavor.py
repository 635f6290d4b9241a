"""Which tool a Markdown deck was written for, and the rules that tool reads it by.

People bring decks written for presenterm, ``slides`` (maaslalani/slides), lookatme and
patat. Each splits a deck into slides its own way; :func:`detect_flavor` tells them apart
from the front matter and the text, and :func:`deck_rules` turns the flavor and its options
into the :class:`Rules` the Markdown parser (:mod:`presenter.sources.markdown`) follows.

Detection, first match wins:

1. front matter ``patat:`` → patat; ``styles:`` or ``extensions:`` → lookatme; presenterm's
   keys (``options:``, ``sub_title``, ``authors``, ``theme:`` with ``name``/``override``/``path``)
   → presenterm; ``paging:`` → slides; front matter closed with ``...`` (pandoc's) → patat;
2. a presenterm comment command (``<!-- end_slide -->``, ``<!-- pause -->``, ...) → presenterm;
3. a line of patat's (pandoc's) pause, ``. . .`` → patat; lookatme's ``<!-- stop -->`` → lookatme;
4. a code block with ``///`` lines (slides' hidden lines; not in Rust, where they are doc
   comments), or any top-level ``---`` break → slides;
5. else commonmark (presenter's own reading: ``---`` breaks, else headings split).

Pure: no parsing beyond a line scan that skips fenced code (:class:`~presenter.sources.mdchunks.Fences`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from presenter.sources.mdchunks import Fences

FLAVORS = ("presenterm", "slides", "lookatme", "patat", "commonmark")

#: Commands presenter reads in every flavor (its own comment language).
COMMON_COMMANDS = frozenset({"end_slide", "pause", "stop", "speaker_note", "notes", "/notes", "incremental_lists"})
#: presenterm's commands that presenter reads when a deck is read as presenterm.
PRESENTERM_READ = frozenset(
    {"skip_slide", "include", "new_lines", "newlines", "new_line", "newline", "list_item_newlines",
     "alignment", "jump_to_middle", "no_footer", "column_layout", "column", "reset_layout"}
)
#: presenterm's commands presenter does not do yet: named in ``check`` ("not supported yet").
PRESENTERM_UNSUPPORTED = frozenset({"font_size", "snippet_output"})
PRESENTERM_COMMANDS = COMMON_COMMANDS - {"stop", "notes", "/notes"} | PRESENTERM_READ | PRESENTERM_UNSUPPORTED

#: presenterm ``options:`` presenter follows; the others are named in ``check``.
PRESENTERM_OPTIONS = frozenset(
    {"implicit_slide_ends", "end_slide_shorthand", "command_prefix", "incremental_lists", "list_item_newlines",
     "h1_slide_titles", "strict_front_matter_parsing"}
)
#: patat settings presenter follows; the others are named in ``check``.
PATAT_SETTINGS = frozenset({"slideLevel", "incrementalLists"})

_COMMENT = re.compile(r"^ {0,3}<!--")
_NAME = re.compile(r"^(/?[A-Za-z_][\w-]*)\s*(?::|-->|$)")
_DASHES = re.compile(r"^ {0,3}-{3,}[ \t]*$")
_HIDDEN_CODE = re.compile(r"^\s*///")


def detect_flavor(meta: Mapping[str, Any], lines: Sequence[str], *, pandoc: bool = False) -> str:
    """The tool the deck (its front matter ``meta`` and the body ``lines`` after it) was
    written for: one of :data:`FLAVORS`. ``pandoc``: the front matter closed with ``...``,
    as pandoc's (and so patat's) does."""
    if "patat" in meta:
        return "patat"
    if "styles" in meta or "extensions" in meta:
        return "lookatme"
    theme = meta.get("theme")
    if any(key in meta for key in ("options", "sub_title", "authors")) or (
        isinstance(theme, Mapping) and any(key in theme for key in ("name", "override", "path"))
    ):
        return "presenterm"
    if "paging" in meta:
        return "slides"
    if pandoc:
        return "patat"
    names = set()
    hidden_code = breaks = dots = False
    for kind, text in _scan(lines):
        if kind == "comment":
            names.add(command_name(text))
        elif kind == "code":
            hidden_code = hidden_code or bool(_HIDDEN_CODE.match(text))
        elif kind == "break":
            breaks = True
        elif kind == "dots":
            dots = True
    if names & PRESENTERM_COMMANDS:
        return "presenterm"
    if dots:
        return "patat"
    if "stop" in names:
        return "lookatme"
    if hidden_code or breaks:
        return "slides"
    return "commonmark"


def uses_command(lines: Sequence[str], name: str, prefix: str = "") -> bool:
    """Whether a top-level comment (outside fenced code) in ``lines`` is the command ``name``
    (written after ``prefix``, presenterm's ``command_prefix``)."""
    if name not in "\n".join(lines).lower():  # most decks never name it: no need to read them line by line
        return False
    return any(kind == "comment" and command_name(text, prefix) == name for kind, text in _scan(lines))


def command_name(body: str, prefix: str = "") -> str:
    """The command a comment's text (after ``<!--``) names, lower case; ``""`` for none."""
    body = body.strip()
    if prefix:
        if not body.startswith(prefix):
            return ""
        body = body[len(prefix) :]
    match = _NAME.match(body)
    return match.group(1).lower() if match else ""


def _scan(lines: Sequence[str]) -> Iterator[tuple[str, str]]:
    """``("comment", text after <!--)`` for each line opening with a comment, ``("code", line)``
    for each line of fenced code (``("rust", line)`` in Rust), ``("break", "")`` for each
    ``---`` line after a blank one, ``("dots", "")`` for each ``. . .`` paragraph."""
    fences = Fences()
    previous_blank = True
    for line in lines:
        if fences.feed(line):
            # Rust's `///` lines are doc comments, not slides' hidden lines
            yield ("rust" if fences.info.lower().startswith("rust") else "code"), line
            previous_blank = False
            continue
        if _DASHES.match(line) and previous_blank:
            yield "break", ""
        elif _COMMENT.match(line):
            yield "comment", line.lstrip()[4:]
        elif line.strip() == ". . ." and previous_blank:
            yield "dots", ""
        previous_blank = not line.strip()


class Rules(NamedTuple):
    """How a flavor cuts a deck into slides and reads its commands."""

    flavor: str = "commonmark"
    rule_breaks: bool = True
    """A top-level ``---`` ends the slide; otherwise it is drawn as a rule inside the slide."""
    heading_split: str = "repeated"
    """Where a deck with no breaks splits: ``repeated`` (the highest heading level that occurs
    more than once: presenter's own rule), ``lookatme``, ``patat``, ``titles`` (presenterm's
    slide titles, with ``implicit_slide_ends``) or ``none``."""
    slide_level: int | None = None
    """patat's ``slideLevel``, when the front matter sets it (0: headings never split)."""
    h1_slide_titles: bool = False
    """presenterm: ``#`` headings are slide titles too (setext headings always are)."""
    command_prefix: str = ""
    """presenterm: only comments starting with this prefix are commands."""
    incremental_lists: bool = False
    """Every list is revealed an item at a time (until a comment says otherwise)."""
    list_item_newlines: int = 1
    """presenterm: new lines between list items (1: none blank)."""
    dot_pauses: bool = False
    """patat: a paragraph of ``. . .`` alone is a pause."""
    comments_are_notes: bool = False
    """patat: every HTML comment (not a command) is a speaker note."""
    presenterm_commands: bool = False
    """``skip_slide``, ``include``, ``new_lines``, ``list_item_newlines``, ``alignment``,
    ``jump_to_middle``, ``no_footer`` and the column layout commands are read."""
    exact_breaks: bool = False
    """slides (its ``paging:`` front matter, or ``--flavor slides``): only a line of exactly
    ``---`` breaks a slide (slides splits the file at
    ``"\n---\n"`` before reading it): ``***`` or ``- - -`` is a rule, and ``---`` under a
    line of text ends the slide after that text rather than underlining a heading."""


def deck_rules(flavor: str, meta: Mapping[str, Any], lines: Sequence[str]) -> Rules:
    """The rules for a deck of ``flavor`` with front matter ``meta`` and body ``lines``."""
    if flavor == "presenterm":
        options = meta.get("options")
        options = options if isinstance(options, Mapping) else {}
        prefix = str(options.get("command_prefix") or "")
        shorthand = _true(options.get("end_slide_shorthand"))
        ends = uses_command(lines, "end_slide", prefix)
        implicit = _true(options.get("implicit_slide_ends"))
        return Rules(
            flavor,
            # presenterm ends slides only at end_slide; a deck without any keeps presenter's `---` breaks
            rule_breaks=shorthand or not ends,
            heading_split="titles" if implicit else ("none" if ends else "repeated"),
            h1_slide_titles=_true(options.get("h1_slide_titles")),
            command_prefix=prefix,
            incremental_lists=_true(options.get("incremental_lists")),
            list_item_newlines=_count(options.get("list_item_newlines"), 1),
            presenterm_commands=True,
        )
    if flavor == "patat":
        settings = meta.get("patat")
        settings = settings if isinstance(settings, Mapping) else {}
        level = _count(settings.get("slideLevel"), -1)
        return Rules(
            flavor,
            heading_split="patat",
            slide_level=min(level, 6) if level >= 0 else None,
            incremental_lists=_true(settings.get("incrementalLists")),
            dot_pauses=True,
            comments_are_notes=True,
        )
    if flavor == "lookatme":
        return Rules(flavor, heading_split="lookatme")
    if flavor == "slides":
        return Rules(flavor, heading_split="none", exact_breaks=True)
    return Rules()


def unsupported_settings(flavor: str, meta: Mapping[str, Any]) -> list[tuple[tuple[str, ...], str]]:
    """Front matter settings of ``flavor`` that presenter does not follow yet: each as its
    key path (to find its line) and the name ``check`` gives it."""
    found: list[tuple[tuple[str, ...], str]] = []
    if flavor == "presenterm":
        options = meta.get("options")
        if isinstance(options, Mapping):
            found += [(("options", str(key)), f"options.{key}") for key in options if key not in PRESENTERM_OPTIONS]
        theme = meta.get("theme")
        if isinstance(theme, Mapping):
            found += [(("theme", key), f"theme.{key}") for key in ("override", "path") if key in theme]
    elif flavor == "patat":
        settings = meta.get("patat")
        if isinstance(settings, Mapping):
            found += [(("patat", str(key)), f"patat.{key}") for key in settings if key not in PATAT_SETTINGS]
    elif flavor == "lookatme":
        found += [((key,), key) for key in ("styles", "extensions") if key in meta]
    elif flavor == "slides":
        if "paging" in meta:
            found.append((("paging",), "paging"))
    return found


def _true(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"true", "yes", "on", "1"}


def _count(value: Any, default: int) -> int:
    """A small non-negative whole number from the front matter, else ``default``."""
    if isinstance(value, bool):
        return default
    try:
        number = int(str(value).strip())
    except ValueError:
        return default
    return number if number >= 0 else default

"""Front matter: ``---`` / YAML / ``---`` at the top of a deck or an article.

Read with PyYAML's safe loader, so the nested front matter presenterm decks carry
(``options:``, ``theme: override:``, ``authors:`` lists) parses as written. Anchors and
aliases are refused: a "billion laughs" front matter is a one-line error, not a hang.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

from presenter.clean import describe_controls, has_controls, removed_controls, strip_controls
from presenter.errors import PresenterError
from presenter.model import Lines, Removed, meta_text

Numbered = tuple[int, str]
"""A line of the cleaned text and its 1-based number in the file."""

_OPENING = re.compile(r"-{3,}\s*")
_CLOSING = re.compile(r"(?:-{3,}|\.{3})\s*")
#: What the first line inside front matter looks like: ``key:``.
_KEY_LINE = re.compile(r"[\"']?[\w-]+[\"']?\s*:(?:\s|$)")


def split_front_matter(lines: Sequence[Numbered], source: Path | None) -> tuple[Mapping[str, Any], Lines | None, int, tuple[Removed, ...]]:
    """``(meta, front matter lines, index of the first line after it, what was removed)``.

    Front matter opens with ``---`` as the first line that is not blank, followed by a
    ``key:`` line, and closes with ``---`` or ``...``; anything else (no ``key:`` line, no
    closing line) makes that ``---`` a rule above the text, as CommonMark reads it. Raises
    :class:`PresenterError` naming the line for front matter that is not a YAML mapping.
    """
    first = next((i for i, (_, text) in enumerate(lines) if text.strip()), None)
    if first is None or not _OPENING.fullmatch(lines[first][1]):
        return MappingProxyType({}), None, 0, ()
    inside = next((text.strip() for _, text in lines[first + 1 :] if text.strip()), "")
    if not (_KEY_LINE.match(inside) or _CLOSING.fullmatch(inside)):
        return MappingProxyType({}), None, 0, ()  # a rule above the text, not front matter
    end = next((i for i in range(first + 1, len(lines)) if _CLOSING.fullmatch(lines[i][1])), None)
    if end is None:
        return MappingProxyType({}), None, 0, ()  # never closed: a rule above the text, as CommonMark reads it
    body = lines[first + 1 : end]
    removed: list[Removed] = []
    meta = parse_yaml("\n".join(text for _, text in body), source, [number for number, _ in body] or [lines[first][0]], removed)
    return meta, Lines(lines[first][0], lines[end][0]), end + 1, tuple(removed)


def parse_yaml(text: str, source: Path | None, numbers: Sequence[int], removed: list[Removed] | None = None) -> Mapping[str, Any]:
    """The YAML mapping ``text`` (``numbers`` are its lines' numbers in the file), read-only.

    An empty text is an empty mapping; a YAML error, an anchor or alias, or a value that is
    not a mapping is a :class:`PresenterError` naming the line. Control characters that a
    quoted string spells as escapes (``"\\e]0;..."``) are removed like those in the text,
    and added to ``removed``.
    """
    import yaml

    def where(mark: Any) -> int:
        return numbers[max(0, min(mark.line, len(numbers) - 1))] if mark is not None else numbers[0]

    class Loader(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.peek_event()
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                raise yaml.composer.ComposerError(
                    None, None, "anchors and aliases (& and *) are not allowed", event.start_mark
                )
            return super().compose_node(parent, index)

        def construct_scalar(self, node: Any) -> Any:
            value = super().construct_scalar(node)
            if isinstance(value, str) and has_controls(value):
                lines = value.split("\n")
                found = [sequence for line in lines for sequence in removed_controls(line)]
                value = "\n".join(strip_controls(line) for line in lines)
                if found and removed is not None:
                    removed.append(Removed(where(node.start_mark), describe_controls(found), "control characters"))
            return value

    try:
        meta = yaml.load(text, Loader=Loader)  # noqa: S506 - a SafeLoader
    except yaml.MarkedYAMLError as error:
        problem = error.problem or error.context or "not valid YAML"
        raise PresenterError(source, where(error.problem_mark), f"front matter: {problem}") from None
    except yaml.YAMLError as error:
        raise PresenterError(source, numbers[0], f"front matter: {error}") from None
    except RecursionError:
        raise PresenterError(source, numbers[0], "front matter is nested too deeply") from None
    if meta is None:
        return MappingProxyType({})
    if not isinstance(meta, dict):
        raise PresenterError(source, numbers[0], "front matter is not a list of 'key: value' lines")
    return MappingProxyType({str(key): value for key, value in meta.items()})


def title_fields(meta: Mapping[str, Any]) -> dict[str, str]:
    """The title slide's fields as text: ``title``, ``subtitle`` (or presenterm's
    ``sub_title``), ``author`` (or an ``authors`` list), ``date``, and presenterm's
    ``event`` and ``location``."""
    def first(*keys: str) -> str:
        return next((text for text in (meta_text(meta.get(key)).strip() for key in keys) if text), "")

    return {
        "title": " ".join(first("title").split()),
        "subtitle": first("subtitle", "sub_title"),
        "author": first("author", "authors"),
        "date": first("date"),
        "event": first("event"),
        "location": first("location"),
    }


def key_line(lines: Sequence[tuple[int, str]], path: tuple[str, ...]) -> int | None:
    """The file line of the front matter key ``path`` (``("options", "command_prefix")``),
    found by a scan of the front matter ``lines`` (number, text): each key after its parent."""
    position, number = 0, None
    for key in path:
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*:")
        for index in range(position, len(lines)):
            if pattern.match(lines[index][1]):
                position, number = index + 1, lines[index][0]
                break
        else:
            return number
    return number


#: The front matter keys a title slide shows (:func:`title_fields`).
TITLE_KEYS = ("title", "subtitle", "sub_title", "author", "authors", "date", "event", "location")


#: Front matter keys that hold settings as nested ``name: value`` keys (presenterm's, patat's).
SETTINGS_KEYS = ("options", "patat")


def title_field_warnings(meta: Mapping[str, Any], front: Sequence[Numbered]) -> list[str]:
    """A warning for each title slide key of ``meta`` whose value is a mapping, or a list
    holding one (written with nested ``key:`` lines), which a title slide cannot show as
    text, and for each settings key whose value is not a mapping: named with its line among
    the ``front`` matter lines."""
    warnings = []

    def warn(key: str, problem: str) -> None:
        warnings.append(f"line {key_line(front, (key,)) or (front[0][0] if front else 1)}: front matter {key}: {problem}")

    for key in TITLE_KEYS:
        value = meta.get(key)
        if isinstance(value, Mapping) or (isinstance(value, list) and any(isinstance(item, Mapping) for item in value)):
            warn(key, "nested keys are not text; the title slide leaves them out")
    for key in SETTINGS_KEYS:
        if key in meta and not isinstance(meta[key], Mapping):
            warn(key, "not a list of `name: value` settings; ignored")
    return warnings


def title_subtitle(fields: Mapping[str, str]) -> str:
    """What a title slide shows under its title (:func:`title_fields`), a line each: the
    subtitle, ``event · location``, ``author · date``."""
    place = " · ".join(value for value in (fields.get("event", ""), fields.get("location", "")) if value)
    byline = " · ".join(value for value in (fields.get("author", ""), fields.get("date", "")) if value)
    return "\n".join(part for part in (fields.get("subtitle", ""), place, byline) if part)

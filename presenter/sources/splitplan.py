"""Where a deck with no slide breaks splits into slides: each flavor's heading rule.

Part of the Markdown deck parser (:mod:`presenter.sources.markdown`). Only a deck with no
top-level ``---`` and no ``<!-- end_slide -->`` splits at headings; which ones depends on
the tool it was written for (:attr:`presenter.sources.flavor.Rules.heading_split`):

- ``repeated`` (presenter's own rule): the highest heading level that occurs more than once
  (else the highest level); a single top-level heading that opens the deck, above the
  others, titles the deck. When every heading of that level is followed straight by a
  subheading (sections with nothing of their own), the deck reads as patat reads it.
- ``lookatme`` (its "smart slide splitting"): when the first heading's level occurs only
  once, that heading titles the deck; slides split at the highest level of the others.
- ``patat``: at ``slideLevel`` (front matter), else at the highest heading level that is
  followed by content rather than by another heading (patat's ``detectSlideLevel``; 6 when
  none is). A heading above that level becomes a title slide, the heading alone.
- ``titles`` and ``none``: no heading split here (presenterm's slide titles are cut by the
  builder as it meets them; ``slides`` only ever splits at ``---``).
"""

from __future__ import annotations

from typing import NamedTuple

from presenter.sources.flavor import Rules
from presenter.sources.mdsyntax import COMMENT, Node


class Plan(NamedTuple):
    """How the builder cuts a deck without breaks at headings."""

    level: int | None = None
    """The heading level that starts a new slide."""
    deck_heading: Node | None = None
    """The heading that titles the deck (shown as its title slide)."""
    title_slides: bool = False
    """Headings above ``level`` are title slides of their own (patat)."""


def split_plan(nodes: list[Node], rules: Rules, has_title: bool) -> Plan:
    """The plan for the top-level ``nodes`` of a deck with no breaks (``has_title``: the
    front matter names the deck's title)."""
    headings = [node for node in nodes if node.type == "heading"]
    if not headings or rules.heading_split in ("none", "titles"):
        return Plan()
    if rules.heading_split == "patat":
        if rules.slide_level == 0:
            return Plan()
        return Plan(rules.slide_level or patat_level(nodes), None, title_slides=True)
    if rules.heading_split == "lookatme":
        return _lookatme(nodes, headings, has_title)
    return _repeated(nodes, headings, has_title)


def _level(node: Node) -> int:
    return int(node.tag[1:])


def _repeated(nodes: list[Node], headings: list[Node], has_title: bool) -> Plan:
    levels = [_level(node) for node in headings]
    top = min(levels)
    content = [node for node in nodes if node.type != "html_block"]
    deck_heading = None
    if not has_title and len(levels) > 1 and levels.count(top) == 1 and content and content[0] is headings[0] and levels[0] == top:
        deck_heading = headings[0]
        levels = levels[1:]
    repeated = [level for level in set(levels) if levels.count(level) > 1]
    split = min(repeated) if repeated else (min(levels) if levels else None)
    if repeated and _only_sections(nodes, split, deck_heading):
        return Plan(patat_level(nodes), deck_heading, title_slides=True)
    return Plan(split, deck_heading)


def _only_sections(nodes: list[Node], level: int, deck_heading: Node | None) -> bool:
    """Whether every heading of ``level`` (the deck's own title heading aside) is followed
    straight by a deeper heading: sections with nothing of their own but subsections, which
    read as pandoc and patat read them (a title slide each, the subsections slides)."""
    shown = [node for node in nodes if not _only_comments(node)]
    found = False
    for node, following in zip(shown, [*shown[1:], None]):
        if node.type == "heading" and node is not deck_heading and _level(node) == level:
            if following is None or following.type != "heading" or _level(following) <= level:
                return False
            found = True
    return found


def _lookatme(nodes: list[Node], headings: list[Node], has_title: bool) -> Plan:
    levels = [_level(node) for node in headings]
    first = levels[0]
    content = [node for node in nodes if node.type != "html_block"]
    rest = levels
    deck_heading = None
    if levels.count(first) == 1 and len(levels) > 1:
        rest = [level for level in levels if level != first]
        if not has_title and content and content[0] is headings[0]:
            deck_heading = headings[0]
    return Plan(min(rest) if rest else None, deck_heading)


def patat_level(nodes: list[Node]) -> int:
    """patat's slide level: the highest heading level followed by something other than a
    heading (comments, its speaker notes, do not count); 6 when no heading is."""
    shown = [node for node in nodes if not _only_comments(node)]
    level = 6
    for node, following in zip(shown, shown[1:]):
        if node.type == "heading" and following.type != "heading":
            level = min(level, _level(node))
    return level


def _only_comments(node: Node) -> bool:
    return node.type == "html_block" and not COMMENT.sub("", node.content).strip()

"""The syntax tree of a simple piece of a Markdown deck, built without markdown-it.

Part of the Markdown deck parser (:mod:`presenter.sources.markdown`). Most slides of a deck
are a heading, paragraphs of plain words and a bullet list: for such a piece markdown-it's
rules, tokens and tree took twice as long as everything else presenter does with it.
:func:`simple_nodes` reads a piece made only of these lines, and gives up (``None``: the
piece goes to markdown-it) at anything else:

- blank lines (spaces only);
- ``---`` (dashes only) after a blank line: a thematic break;
- ``# Title`` to ``###### Title``: an ATX heading;
- ``- item``: a bullet list item (only ``-`` bullets);
- ``<!-- ... -->`` on one line: an HTML block, a comment command;
- any other line of plain words: a paragraph line, or the lazy continuation of a list item.

Every non-blank line is flush left without trailing spaces, and "plain words" hold none of
the characters that open inline syntax (``\\ ` * _ ~ [ ] < &``), no tab or other
white space but the space, and no ``|``. A paragraph line does not start with anything that
opens a block (``#``, ``>``, ``-``, ``+``, ``=``, ``1.`` ...). Within these lines every
choice markdown-it makes is fixed, and :func:`simple_nodes` makes the same: the nodes it
gives have the type, tag, map, content, markup, info, attributes and children of the
``SyntaxTreeNode`` markdown-it would build (``tests/test_markdown_simple.py`` compares them
on generated pieces, and whole decks both ways).
"""

from __future__ import annotations

import re
from types import MappingProxyType

from presenter.sources.mdchunks import opens_piece
from presenter.sources.mdsyntax import Node

_NO_ATTRS: MappingProxyType = MappingProxyType({})


def _node(type: str, tag: str, map: tuple[int, int] | None, children: list[Node], content: str = "", markup: str = "") -> Node:
    """A node as markdown-it would make it (``info`` and ``attrs`` are always empty here)."""
    return Node(type, tag, map, content, markup, "", _NO_ATTRS, children)


_BLANK, _HR, _HEADING, _ITEM, _TEXT, _COMMENT = range(6)

#: White space other than the space, NUL (markdown-it replaces it) and ``|`` (tables).
_UNSAFE = re.compile(r"[^\S ]|[\x00|]")
#: The above, and characters that may open inline syntax: what no line but a comment may hold.
_UNSAFE_OR_INLINE = re.compile(r"[^\S ]|[\x00|\\`*_~\[\]<&]")
#: What may open a block at the start of a line (or make it a continuation or code).
_BLOCK_START = re.compile(r"[ #>\-+*=_~`<|\[&\\]|\d+[.)]")
_HEADING_LINE = re.compile(r"(#{1,6}) (.*)")
_RULE = re.compile(r"-{3,}")


def _kind(line: str) -> tuple[int, str] | None:
    """What ``line`` is, and its inline content; None when the piece must go to markdown-it."""
    if not line.strip(" "):
        return _BLANK, ""
    if line[-1] == " ":
        return None
    first = line[0]
    if first == "<":
        if line.startswith("<!--") and "-->" in line and not _UNSAFE.search(line):
            return _COMMENT, line
        return None
    if _UNSAFE_OR_INLINE.search(line):
        return None
    if first == "-":
        if _RULE.fullmatch(line):
            return _HR, line
        if line[1:2] == " " and line[2:] and not _BLOCK_START.match(line, 2):
            return _ITEM, line[2:]
        return None
    if first == "#":
        heading = _HEADING_LINE.fullmatch(line)
        if heading is None:
            return None
        content = heading.group(2)
        if not content or content[0] == " " or content[-1] == "#":
            return None
        return _HEADING, line
    if not _BLOCK_START.match(line):
        return _TEXT, line
    return None


def _inline(content: str, map: tuple[int, int]) -> Node:
    """The inline node of plain lines: their text, with a soft break between lines."""
    children = []
    for line in content.split("\n"):
        if children:
            children.append(_node("softbreak", "br", None, []))
        children.append(_node("text", "", None, [], line))
    return _node("inline", "", map, children, content)


def _paragraph(lines: list[str], first: int, end: int) -> Node:
    span = (first, end)
    return _node("paragraph", "p", span, [_inline("\n".join(lines), span)])


def simple_nodes(texts: list[str], start: int, end: int) -> list[Node] | None:
    """The top-level nodes of rebuilt lines ``start`` to ``end`` (maps in whole-text line
    numbers), as ``markdown._parse_piece`` gives them; None unless every line is simple.

    ``start`` must be past the front matter; when ``end`` is not the end of the text, line
    ``end`` opens the next piece (a slide break after a blank line) and is not part of this one.
    """
    kinds = []
    for line in texts[start:end]:
        kind = _kind(line)
        if kind is None:
            return None
        kinds.append(kind)
    count = len(kinds)
    if end < len(texts):
        # The break that opens the next piece: markdown-it reads it as a block of its own
        # (a list's map runs up to it); a blank line before it ends any paragraph.
        if not (count and kinds[-1][0] == _BLANK and opens_piece(texts[end])):
            return None
        line_max = count + 1
    else:
        # markdown-it does not count a last line of only spaces (the text's final newline).
        line_max = count - 1 if count and kinds[-1][0] == _BLANK else count
    nodes: list[Node] = []
    i = 0
    while i < count:
        kind, content = kinds[i]
        at = start + i
        if kind == _BLANK:
            i += 1
        elif kind == _HR:
            if i and kinds[i - 1][0] != _BLANK:
                return None  # under a paragraph it is a setext underline
            nodes.append(_node("hr", "hr", (at, at + 1), [], "", "-" * (len(content) + 1)))
            i += 1
        elif kind == _HEADING:
            hashes, _, title = content.partition(" ")
            span = (at, at + 1)
            nodes.append(_node("heading", f"h{len(hashes)}", span, [_inline(title, span)], "", hashes))
            i += 1
        elif kind == _COMMENT:
            # Its content keeps the line's newline; the text's last line has none.
            newline = "\n" if at + 1 < len(texts) else ""
            nodes.append(_node("html_block", "", (at, at + 1), [], content + newline))
            i += 1
        elif kind == _TEXT:
            j = i + 1
            while j < count and kinds[j][0] == _TEXT:
                j += 1
            if j < count and kinds[j][0] == _HR:
                return None
            nodes.append(_paragraph([c for _, c in kinds[i:j]], at, start + j))
            i = j
        else:  # _ITEM: a bullet list, item after item
            items = []
            first = i
            while i < count and kinds[i][0] == _ITEM:
                j = i + 1
                while j < count and kinds[j][0] == _TEXT:  # lazy continuation lines
                    j += 1
                if j < count and kinds[j][0] == _HR:
                    return None
                paragraph = _paragraph([c for _, c in kinds[i:j]], start + i, start + j)
                after = j
                while after < count and kinds[after][0] == _BLANK:
                    after += 1
                after = min(after, line_max)  # blank lines after the item are its own
                items.append(_node("list_item", "li", (start + i, start + after), [paragraph], "", "-"))
                i = after
            nodes.append(_node("bullet_list", "ul", (start + first, start + i), items, "", "-"))
    return nodes

"""The syntax tree of a simple piece of a Markdown deck, built without markdown-it.

Part of the Markdown deck parser (:mod:`presenter.sources.markdown`). Most slides of a deck
are a heading, paragraphs, lists and a quote, with bold, italic, code and links in their
text: for such a piece markdown-it's rules, tokens and tree took twice as long as everything
else presenter does with it. :func:`simple_nodes` reads a piece made only of these lines, and
gives up (``None``: the piece goes to markdown-it) at anything else:

- blank lines (spaces only);
- ``---`` (dashes only) after a blank line: a thematic break;
- ``# Title`` to ``###### Title``: an ATX heading;
- ``- item`` and ``1. item``: list items (only ``-`` bullets and ``.`` numbers), and
  ``- item`` indented to the text of the item above: a list nested one level;
- ``> words``: a block quote, after a blank line, a heading or a comment;
- ``<!-- ... -->`` on one line: an HTML block, a comment command;
- any other line of words: a paragraph line, or the lazy continuation of a list item.

Every non-blank line is flush left (but a nested item) without trailing spaces. Its words
hold no tab or other white space but the space, no ``|``, and none of ``\\ _ ~ < &``; ``*``,
backticks and ``[ ]`` only in ``**strong**``, ``*emphasis*``, a code span and ``[text](url)``,
each in the one form that CommonMark reads only one way (:func:`_inline_line`). A
paragraph line does not start with anything that opens a block (``#``, ``>``, ``-``, ``+``,
``=``, ``1.`` ...). Within these lines every choice markdown-it makes is fixed, and
:func:`simple_nodes` makes the same: the nodes it gives have the type, tag, map, content,
markup, info, attributes and children of the ``SyntaxTreeNode`` markdown-it would build
(``tests/test_markdown_simple.py`` compares them on generated pieces, and whole decks both
ways).
"""

from __future__ import annotations

import re
from types import MappingProxyType

from presenter.sources.mdchunks import opens_piece
from presenter.sources.mdsyntax import BODY_PARSER, Node

_NO_ATTRS: MappingProxyType = MappingProxyType({})


def _node(type: str, tag: str, map: tuple[int, int] | None, children: list[Node], content: str = "", markup: str = "",
          info: str = "", attrs: MappingProxyType = _NO_ATTRS) -> Node:
    """A node as markdown-it would make it."""
    return Node(type, tag, map, content, markup, info, attrs, children)


_BLANK, _HR, _HEADING, _ITEM, _NUMBERED, _NESTED, _QUOTE, _TEXT, _COMMENT = range(9)
_ITEMS = (_ITEM, _NUMBERED)

#: White space other than the space, NUL (markdown-it replaces it) and ``|`` (tables).
_UNSAFE = re.compile(r"[^\S ]|[\x00|]")
#: The above, and characters that open inline syntax this module does not read.
_UNREAD = re.compile(r"[^\S ]|[\x00|\\_~<&]")
#: The above, and the characters of the inline syntax it reads: not in a line of plain words.
_NOT_PLAIN = re.compile(r"[^\S ]|[\x00|\\_~<&*`\[\]]")
#: What may open a block at the start of a line (or make it a continuation or code); a
#: ``*`` or ``**`` before a letter opens emphasis, and one backtick a code span.
_BLOCK_START = re.compile(r"[ #>\-+=_~<|\[&\\]|\*(?!\*?[^\W_])|`(?=`)|\d+[.)]")
_HEADING_LINE = re.compile(r"(#{1,6}) (.*)")
_RULE = re.compile(r"-{3,}")
_NUMBERED_LINE = re.compile(r"([1-9][0-9]{0,2})\. (.*)")
_NESTED_LINE = re.compile(r"( {2,5})- (.*)")
#: Inline markup read here: ``**strong**``, ``*emphasis*``, ```code``` and ``[text](url)``,
#: their text free of anything that could open more markup (checked again in _inline_line).
_MARKUP = re.compile(
    r"\*\*(?P<strong>[^*`\[\]]+)\*\*|\*(?P<em>[^*`\[\]]+)\*|`(?P<code>[^`]+)`"
    r"|\[(?P<label>[^*`\[\]()]+)\]\((?P<url>[^\s*`\[\]()]+)\)"
)
#: What may follow closing emphasis: it then only closes.
_AFTER_CLOSE = frozenset(" .,;:!?")
_MARKUP_CHARS = re.compile(r"[*`\[\]]")


def _inline_line(line: str) -> list[tuple[str, str, str]] | None:
    """The inline tokens of one line, as ``(type, content, href)``, or None unless every piece
    of markup in it is one markdown-it reads only one way.

    Emphasis opens after a space (or at the start) before a letter or digit, and closes after
    one, before a space, the end or ``.,;:!?``: such a run can only open, or only close, so
    it pairs with the next one as CommonMark's delimiter rules would. A link's destination
    has no space, bracket or parenthesis, and is kept only if markdown-it would keep it.
    """
    tokens: list[tuple[str, str, str]] = []
    at = 0
    if _MARKUP_CHARS.search(line) is None:
        return [("text", line, "")]
    for match in _MARKUP.finditer(line):
        begin, end = match.span()
        before = line[at:begin]
        if _MARKUP_CHARS.search(before):
            return None
        if before:
            tokens.append(("text", before, ""))
        kind = match.lastgroup
        if kind in ("strong", "em"):
            inner = match.group(kind)
            if not (inner[0].isalnum() and inner[-1].isalnum()):
                return None
            if begin and line[begin - 1] != " ":
                return None
            if end < len(line) and line[end] not in _AFTER_CLOSE:
                return None
            tokens.append((kind, inner, ""))
        elif kind == "code":
            code = match.group("code")
            if code[0] == " " or code[-1] == " ":
                return None
            tokens.append(("code", code, ""))
        else:
            label = match.group("label")
            if not label.strip(" ") or (begin and line[begin - 1] == "!"):
                return None
            href = BODY_PARSER.normalizeLink(match.group("url"))
            if not BODY_PARSER.validateLink(href):
                return None
            tokens.append(("link", label, href))
        at = end
    rest = line[at:]
    if _MARKUP_CHARS.search(rest):
        return None
    if rest:
        tokens.append(("text", rest, ""))
    return tokens


def _inline_children(lines: list[list[tuple[str, str, str]]]) -> list[Node]:
    """The children markdown-it gives an inline token of these lines' tokens.

    Strong emphasis leaves an empty text before and after it (its inner delimiters), joined
    to the text next to it, if any: ``**a**`` alone is three nodes.
    """
    children: list[Node] = []
    for number, tokens in enumerate(lines):
        if number:
            children.append(_node("softbreak", "br", None, []))
        if len(tokens) == 1 and tokens[0][0] == "text":  # a line of plain words
            children.append(_node("text", "", None, [], tokens[0][1]))
            continue
        text: str | None = None  # the text node being gathered
        for kind, content, href in tokens:
            if kind == "text":
                text = content if text is None else text + content
                continue
            if kind == "strong" and text is None:
                text = ""
            if text is not None:
                children.append(_node("text", "", None, [], text))
                text = None
            if kind == "strong":
                children.append(_node("strong", "strong", None, [_node("text", "", None, [], content)], "", "**"))
                text = ""
            elif kind == "em":
                children.append(_node("em", "em", None, [_node("text", "", None, [], content)], "", "*"))
            elif kind == "code":
                children.append(_node("code_inline", "code", None, [], content, "`"))
            else:
                children.append(_node("link", "a", None, [_node("text", "", None, [], content)], attrs=MappingProxyType({"href": href})))
        if text is not None:
            children.append(_node("text", "", None, [], text))
    return children


def _kind(line: str) -> tuple | None:
    """``(kind, inline content, its tokens, number, indent or heading level)`` of ``line``;
    None when the piece must go to markdown-it."""
    if not line.strip(" "):
        return _BLANK, "", None, 0
    if line[-1] == " ":
        return None
    first = line[0]
    if first == "<":
        if line.startswith("<!--") and "-->" in line and not _UNSAFE.search(line):
            return _COMMENT, line, None, 0
        return None
    plain = _NOT_PLAIN.search(line) is None
    if not plain and _UNREAD.search(line):
        return None
    if first == "-":
        if _RULE.fullmatch(line):
            return _HR, line, None, 0
        if line[1:2] == " " and line[2:] and not _BLOCK_START.match(line, 2):
            return _with_inline(_ITEM, line[2:], 2, plain)
        return None
    if first == "#":
        heading = _HEADING_LINE.fullmatch(line)
        if heading is None:
            return None
        content = heading.group(2)
        if not content or content[0] == " " or content[-1] == "#":
            return None
        return _with_inline(_HEADING, content, len(heading.group(1)), plain)
    if first == ">":
        if line[1:2] == " " and line[2:] and not _BLOCK_START.match(line, 2):
            return _with_inline(_QUOTE, line[2:], 0, plain)
        return None
    if first == " ":
        nested = _NESTED_LINE.fullmatch(line)
        if nested is None or not nested.group(2) or _BLOCK_START.match(nested.group(2)):
            return None
        return _with_inline(_NESTED, nested.group(2), len(nested.group(1)), plain)
    if "0" <= first <= "9":
        numbered = _NUMBERED_LINE.fullmatch(line)
        if numbered is None or not numbered.group(2) or _BLOCK_START.match(numbered.group(2)):
            return None
        return _with_inline(_NUMBERED, numbered.group(2), int(numbered.group(1)), plain)
    if not _BLOCK_START.match(line):
        return _with_inline(_TEXT, line, 0, plain)
    return None


def _with_inline(kind: int, content: str, extra: int, plain: bool) -> tuple | None:
    """``(kind, content, inline tokens, extra)``, or None if the inline markup is not simple."""
    tokens = [("text", content, "")] if plain else _inline_line(content)
    return None if tokens is None else (kind, content, tokens, extra)


def _inline(kinds: list[tuple], map: tuple[int, int]) -> Node:
    """The inline node of lines read as ``kinds``: their text, a soft break between lines."""
    if len(kinds) == 1:  # most are: a heading, an item, a paragraph of one line
        _, content, tokens, _ = kinds[0]
        if len(tokens) == 1 and tokens[0][0] == "text":
            return _node("inline", "", map, [_node("text", "", None, [], content)], content)
        return _node("inline", "", map, _inline_children([tokens]), content)
    return _node("inline", "", map, _inline_children([kind[2] for kind in kinds]), "\n".join([kind[1] for kind in kinds]))


def _paragraph(kinds: list[tuple], first: int, end: int) -> Node:
    span = (first, end)
    return _node("paragraph", "p", span, [_inline(kinds, span)])


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
        kind = kinds[i][0]
        at = start + i
        above = kinds[i - 1][0] if i else _BLANK  # the line right above
        if kind == _BLANK:
            i += 1
            continue
        if kind == _NESTED:
            return None  # not under an item: indented text
        if kind == _HR:
            if above != _BLANK:
                return None  # under a paragraph it is a setext underline
            nodes.append(_node("hr", "hr", (at, at + 1), [], "", "-" * (len(kinds[i][1]) + 1)))
            i += 1
        elif kind == _HEADING:
            level = kinds[i][3]
            span = (at, at + 1)
            nodes.append(_node("heading", f"h{level}", span, [_inline(kinds[i:i + 1], span)], "", "#" * level))
            i += 1
        elif kind == _COMMENT:
            # Its content keeps the line's newline; the text's last line has none.
            newline = "\n" if at + 1 < len(texts) else ""
            nodes.append(_node("html_block", "", (at, at + 1), [], kinds[i][1] + newline))
            i += 1
        elif kind == _TEXT:
            j = i + 1
            while j < count and kinds[j][0] == _TEXT:
                j += 1
            if j < count and kinds[j][0] in (_HR, _NUMBERED, _QUOTE):
                return None  # a setext underline, or a block that may or may not interrupt it
            nodes.append(_paragraph(kinds[i:j], at, start + j))
            i = j
        elif kind == _QUOTE:
            if above not in (_BLANK, _HEADING, _HR, _COMMENT):
                return None  # it may or may not interrupt what is above
            j = i + 1
            while j < count and kinds[j][0] == _QUOTE:
                j += 1
            if j < count and kinds[j][0] != _BLANK:
                return None  # a lazy continuation line, or a block that ends the quote
            span = (at, start + j)
            nodes.append(_node("blockquote", "blockquote", span, [_paragraph(kinds[i:j], at, start + j)], "", ">"))
            i = j
        else:  # an item: a list, item after item
            if kind == _NUMBERED and above == _TEXT:
                return None  # a numbered item under a paragraph (it may or may not interrupt it)
            built = _list(kinds, i, count, start, line_max)
            if built is None:
                return None
            node, i = built
            nodes.append(node)
    return nodes


def _list(kinds: list[tuple], i: int, count: int, start: int, line_max: int) -> tuple[Node, int] | None:
    """The list that opens at ``kinds[i]`` and the index after it, or None if it is not simple.

    Its items are all of one kind (``- item`` or ``1. item``); each may continue on lazy
    lines of text, and hold a list of ``- item`` lines indented to its text (one level).
    """
    kind = kinds[i][0]
    numbered = kind == _NUMBERED
    marker = "." if numbered else "-"
    items = []
    first = i
    while i < count and kinds[i][0] == kind:
        offset = len(str(kinds[i][3])) + 2 if numbered else 2
        j = i + 1
        while j < count and kinds[j][0] == _TEXT:  # lazy continuation lines
            j += 1
        if j < count and kinds[j][0] in (_HR, _QUOTE):
            return None
        children = [_paragraph(kinds[i:j], start + i, start + j)]
        after = j
        while after < count and kinds[after][0] == _BLANK:
            after += 1
        if after < count and kinds[after][0] == _NESTED:
            inner = _nested(kinds, after, count, start, line_max, offset)
            if inner is None:
                return None
            nested, after = inner
            children.append(nested)
        after = min(after, line_max)  # blank lines after the item are its own
        info = str(kinds[i][3]) if numbered else ""
        items.append(_node("list_item", "li", (start + i, start + after), children, "", marker, info))
        i = after
    if i < count and kinds[i][0] in _ITEMS:
        return None  # a list of the other kind follows
    attrs = MappingProxyType({"start": kinds[first][3]}) if numbered and kinds[first][3] != 1 else _NO_ATTRS
    tag, type = ("ol", "ordered_list") if numbered else ("ul", "bullet_list")
    return _node(type, tag, (start + first, start + i), items, "", marker, attrs=attrs), i


def _nested(kinds: list[tuple], i: int, count: int, start: int, line_max: int, indent: int) -> tuple[Node, int] | None:
    """The ``- item`` list indented by ``indent`` that opens at ``kinds[i]``, and the index
    after it (and after the blank lines that follow it)."""
    items = []
    first = i
    while i < count and kinds[i][0] == _NESTED:
        if kinds[i][3] != indent:
            return None
        after = i + 1
        while after < count and kinds[after][0] == _BLANK:
            after += 1
        if after < count and kinds[after][0] not in (_NESTED, *_ITEMS) and after == i + 1:
            return None  # a lazy continuation line, or a block right under the item
        after = min(after, line_max)
        items.append(_node("list_item", "li", (start + i, start + after), [_paragraph(kinds[i:i + 1], start + i, start + i + 1)], "", "-"))
        i = after
    return _node("bullet_list", "ul", (start + first, start + i), items, "", "-"), i

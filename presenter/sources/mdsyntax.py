"""markdown-it set up for decks: the parsers, syntax nodes, source lines and inline spans.

Part of the Markdown deck parser (:mod:`presenter.sources.markdown`). The text is cleaned
line by line and rebuilt from the kept lines; :class:`Source` maps each rebuilt line back
to the user's file, so every block's :class:`~presenter.model.Lines` points there.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, MutableSequence, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from presenter.errors import PresenterError
from presenter.model import Inline, Lines, Removed, Span
from presenter.sources.inline import highlight_figures

#: markdown-it stops parsing blocks nested this deep and drops what is inside, without a
#: word; presenter refuses such a deck instead (``markdown._parse_piece``). 100 is 49 levels of
#: list or 99 of block quote.
MAX_NESTING = 100
PARSER = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(["table", "strikethrough"]).use(front_matter_plugin)
#: For pieces after the first: front matter can only open the text.
BODY_PARSER = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])

_INLINE_STYLES = {"em": "italic", "strong": "bold", "s": "strike"}
COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
COMMAND = re.compile(r"^(/?[A-Za-z_][\w-]*)\s*(?::\s*(.*?))?\s*$", re.DOTALL)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


class Node:
    """A syntax tree node: what markdown-it-py's ``SyntaxTreeNode`` gives the deck parser, as
    plain attributes copied from the tokens (:func:`token_nodes` builds them).

    ``SyntaxTreeNode`` reads every attribute through a property from its token, and points
    at its parent as well as its children, so every tree was a reference cycle that only the
    cyclic garbage collector freed (its collections over a growing deck paused a progressive
    load for up to 150 ms). These nodes hold no cycle, and a tree is built in one pass over
    the token list: in a tenth of the time.
    """

    __slots__ = ("type", "tag", "map", "content", "markup", "info", "attrs", "children")

    def __init__(self, type: str, tag: str, map: tuple[int, int] | None, content: str, markup: str, info: str, attrs: dict, children: list[Node]) -> None:
        self.type = type
        self.tag = tag
        self.map = map
        self.content = content
        self.markup = markup
        self.info = info
        self.attrs = attrs
        self.children = children

    def __repr__(self) -> str:
        return f"Node({self.type!r}, {self.map!r})"


def token_nodes(tokens: Sequence[Token], offset: int = 0) -> list[Node]:
    """The top-level nodes of markdown-it's ``tokens``, as ``SyntaxTreeNode(tokens).children``
    gives them: an ``_open``/``_close`` pair becomes one node (its type without ``_open``, its
    other attributes the opening token's) holding the nodes between; any other token one node,
    holding the nodes of its own children (an inline token's). ``offset`` is added to the
    line numbers of the maps of ``tokens`` (not of their children, which have none)."""
    top: list[Node] = []
    children = top
    outer: list[list[Node]] = []
    for token in tokens:
        nesting = token.nesting
        if nesting < 0:
            children = outer.pop()
            continue
        map_ = token.map
        if map_:
            map_ = (map_[0] + offset, map_[1] + offset)
        kind = token.type
        if nesting:
            node = Node(kind[:-5] if kind.endswith("_open") else kind, token.tag, map_ or None,
                        token.content, token.markup, token.info, token.attrs, [])
            children.append(node)
            outer.append(children)
            children = node.children
        else:
            inner = token.children
            children.append(Node(kind, token.tag, map_ or None, token.content, token.markup,
                                 token.info, token.attrs, token_nodes(inner) if inner else []))
    if outer:
        raise ValueError("unclosed tokens")
    return top


class ForgettingLines:
    """A list of lines that lets go of its first ones (:meth:`forget`), which then read as
    empty. A big deck read for the app keeps only the lines of the pieces still being parsed
    (presenter/readahead.py): a plain list kept a slot for each line read, 8 bytes a line."""

    __slots__ = ("_lines", "_gone")

    def __init__(self) -> None:
        self._lines: list[str] = []
        self._gone = 0

    def __len__(self) -> int:
        return self._gone + len(self._lines)

    def append(self, line: str) -> None:
        self._lines.append(line)

    def __getitem__(self, index: int | slice):
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1 or start < self._gone:
                return [self[i] for i in range(start, stop, step)]
            return self._lines[start - self._gone : max(start, stop) - self._gone]
        if index < 0:
            index += len(self)
        if index < self._gone:
            if index < 0:
                raise IndexError("line index out of range")
            return ""
        return self._lines[index - self._gone]

    def forget(self, before: int) -> None:
        """Let go of the lines before ``before``."""
        before = min(before, len(self))
        if before > self._gone:
            del self._lines[: before - self._gone]
            self._gone = before


@dataclass
class Source:
    """The rebuilt text's lines, their original numbers, and what was removed."""

    texts: list[str] | ForgettingLines
    numbers: MutableSequence[int]
    path: Path | None
    removed: list[Removed]
    warnings: list[str] = field(default_factory=list)
    forgotten: int = 0
    """Lines before this one have been parsed and dropped (read as empty)."""

    def forget(self, before: int) -> None:
        """Drop the text of the lines before ``before``, which the parse is done with; their
        numbers stay. A big deck then never holds all of its lines at once."""
        texts = self.texts
        if isinstance(texts, ForgettingLines):
            texts.forget(before)
        else:
            for index in range(self.forgotten, before):
                texts[index] = ""
        self.forgotten = max(self.forgotten, before)

    def number(self, index: int) -> int:
        """The original 1-based line number of rebuilt line ``index`` (0-based)."""
        if not self.numbers:
            return 1
        return self.numbers[max(0, min(index, len(self.numbers) - 1))]

    def lines(self, node: Node) -> Lines | None:
        if node.map is None:
            return None
        start, end = node.map
        while end - 1 > start and not self.texts[end - 1].strip():
            end -= 1  # markdown-it counts the blank lines after a list
        return Lines(self.number(start), self.number(max(start, end - 1)))

    def ignore(self, index: int, text: str, reason: str) -> None:
        snippet = " ".join(text.split())
        if len(snippet) > 60:
            snippet = snippet[:59] + "…"
        self.removed.append(Removed(self.number(index), snippet, reason))

    def error(self, index: int, message: str) -> PresenterError:
        return PresenterError(self.path, self.number(index), message)


# --------------------------------------------------------------------------- inline


class _InlineBuilder:
    """Collects text runs by style; figures in each run get the ``stat`` style."""

    def __init__(self) -> None:
        self.spans: list[Span] = []
        self._buffer: list[str] = []
        self._key: tuple[tuple[str, ...], str | None] = ((), None)

    def text(self, text: str, styles: tuple[str, ...], link: str | None) -> None:
        if (styles, link) != self._key:
            self.flush()
            self._key = (styles, link)
        self._buffer.append(text)

    def code(self, text: str, styles: tuple[str, ...], link: str | None) -> None:
        self.flush()
        self.spans.append(Span(text, styles + ("code",), link))

    def flush(self) -> None:
        text = "".join(self._buffer)
        self._buffer = []
        if not text:
            return
        styles, link = self._key
        if link is None:  # the spans as highlight_figures makes them
            self.spans.extend(highlight_figures(text, styles))
        else:
            self.spans.extend(Span(s.text, s.styles, link) for s in highlight_figures(text, styles))

    def build(self) -> Inline:
        self.flush()
        return tuple(self.spans)


def plain_text(node: Node) -> str:
    """The characters of an inline subtree (image alt text, titles)."""
    if node.type in ("text", "code_inline"):
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return " "
    return "".join(plain_text(child) for child in node.children)


def _walk_inline(nodes: Iterable[Node], out: _InlineBuilder, src: Source, line: int,
                 styles: tuple[str, ...] = (), link: str | None = None) -> None:
    for node in nodes:
        kind = node.type
        if kind == "text":
            out.text(node.content, styles, link)
        elif kind == "softbreak":
            out.text(" ", styles, link)
        elif kind == "hardbreak":
            out.text("\n", styles, link)
        elif kind == "code_inline":
            out.code(node.content, styles, link)
        elif kind in _INLINE_STYLES:
            style = _INLINE_STYLES[kind]
            _walk_inline(node.children, out, src, line, styles if style in styles else styles + (style,), link)
        elif kind == "link":
            _walk_inline(node.children, out, src, line, styles, str(node.attrs.get("href", "")) or link)
        elif kind == "image":
            out.text(plain_text(node), styles, link)
        elif kind == "html_inline" and _BR.fullmatch(node.content):
            out.text("\n", styles, link)
        elif kind == "html_inline":
            ignore_html(node.content, line, src)
        elif node.children:
            _walk_inline(node.children, out, src, line, styles, link)
        elif node.content:
            out.text(node.content, styles, link)


def inline_spans(nodes: Iterable[Node], src: Source, line: int) -> Inline:
    out = _InlineBuilder()
    _walk_inline(nodes, out, src, line)
    return out.build()


def parse_inline(text: str) -> Inline:
    """One line of Markdown inline syntax as spans (the exporter checks what it writes with this)."""
    src = Source([text], [1], None, [])
    return inline_spans(token_nodes(PARSER.parseInline(text))[0].children, src, 0)


def inline_of(node: Node, src: Source) -> Inline:
    """The inline content of a paragraph, heading or table cell."""
    line = node.map[0] if node.map else 0
    children = [child for child in node.children if child.type == "inline"]
    return inline_spans(children[0].children if children else (), src, line)


# --------------------------------------------------------------------------- comments


@dataclass(frozen=True)
class Command:
    name: str
    value: str
    raw: str
    index: int
    """Rebuilt line index the comment starts on."""


def commands(html: str, index: int, src: Source) -> Iterator[Command]:
    """The comments in an HTML block; anything else in it is ignored and reported."""
    html_stripped = html.strip()
    if html_stripped.startswith("<!--") and "-->" not in html_stripped:
        raise src.error(index, "unclosed HTML comment '<!--'")
    position = 0
    for match in COMMENT.finditer(html):
        _ignore_stray(html[position : match.start()], index + html.count("\n", 0, position), src)
        position = match.end()
        line = index + html.count("\n", 0, match.start())
        body = match.group(1).strip()
        command = COMMAND.match(body)
        if command is None:
            yield Command("", body, match.group(0), line)
        else:
            yield Command(command.group(1).lower(), command.group(2) or "", match.group(0), line)
    _ignore_stray(html[position:], index + html.count("\n", 0, position), src)


def _ignore_stray(html: str, index: int, src: Source) -> None:
    if html.strip():
        leading = html[: len(html) - len(html.lstrip())].count("\n")
        src.ignore(index + leading, html.strip(), "ignored HTML")


def ignore_html(html: str, index: int, src: Source) -> None:
    """Inline HTML, or a comment where it cannot act: reported, not shown."""
    for command in commands(html, index, src):
        ignore_command(command, src)


def ignore_command(command: Command, src: Source) -> None:
    reason = f"ignored comment command: {command.name}" if command.name else "ignored comment"
    src.ignore(command.index, command.raw, reason)


def note_text(value: str) -> str:
    """A ``speaker_note`` value: one line, or a YAML-style ``|`` block of lines."""
    value = unquote(value.strip())
    if value[:1] in "|>" and value[:1]:
        head, _, rest = value.partition("\n")
        value = textwrap.dedent(rest) if head.strip() in ("|", ">", "|-", ">-") else value
    value = _NOTE_ESCAPE.sub(lambda m: m.group(0)[:-2] + ">", value)
    return "\n".join(line.rstrip() for line in value.strip().split("\n"))


#: ``--\>`` in a speaker note stands for ``-->``, which would end the comment (and ``--\\>``
#: for ``--\>``): one backslash is removed from every ``--`` backslashes ``>`` run.
_NOTE_ESCAPE = re.compile(r"--\\+>")


def unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value

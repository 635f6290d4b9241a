"""markdown-it set up for decks: the parser, source lines, inline spans and comments.

Part of the Markdown deck parser (:mod:`presenter.sources.markdown`). The text is cleaned
line by line and rebuilt from the kept lines; :class:`Source` maps each rebuilt line back
to the user's file, so every block's :class:`~presenter.model.Lines` points there. Blocks
are read from markdown-it-py's own syntax tree (:class:`~markdown_it.tree.SyntaxTreeNode`).
"""

from __future__ import annotations

import re
import textwrap
from html import unescape
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode as Node
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from presenter.errors import PresenterError
from presenter.model import Inline, Lines, Paragraph, Removed, Span, plain
from presenter.sources.inline import highlight_figures

#: markdown-it stops parsing blocks nested this deep and drops what is inside, without a
#: word; presenter refuses such a deck instead (:func:`parse_nodes`). 100 is 49 levels of
#: list or 99 of block quote.
MAX_NESTING = 100
PARSER = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING, "strikethrough_single_tilde": True}).enable(["table", "strikethrough"]).use(tasklists_plugin).use(footnote_plugin, inline=False)

_INLINE_STYLES = {"em": "italic", "strong": "bold", "s": "strike"}
COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
COMMAND = re.compile(r"^(/?[A-Za-z_][\w-]*)\s*(?::\s*(.*?))?\s*$", re.DOTALL)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SPAN_STYLE = re.compile(r"""<span\s+style\s*=\s*(["'])([^"']*)\1\s*>""", re.IGNORECASE)
_SPAN_CLOSE = re.compile(r"</span\s*>", re.IGNORECASE)
_COLOUR_PROPERTIES = {"color": "color:", "background-color": "bgcolor:"}


def span_styles(html: str) -> tuple[str, ...] | None:
    """The styles of ``<span style="color: red; background-color: #000">`` (presenterm's way of
    colouring text): ``("color:red", "bgcolor:#000")``; None for any other tag, or a colour
    Rich does not know."""
    match = _SPAN_STYLE.fullmatch(html.strip())
    if match is None:
        return None
    from rich.color import Color, ColorParseError

    styles = []
    for declaration in filter(str.strip, match.group(2).split(";")):
        name, _, value = (part.strip().lower() for part in declaration.partition(":"))
        if name not in _COLOUR_PROPERTIES:
            return None
        try:
            Color.parse(value)
        except ColorParseError:
            return None
        styles.append(_COLOUR_PROPERTIES[name] + value)
    return tuple(styles) or None


@dataclass
class Source:
    """The rebuilt text's lines, their original numbers, and what was removed."""

    texts: list[str]
    numbers: list[int]
    path: Path | None
    removed: list[Removed]
    warnings: list[str] = field(default_factory=list)
    unsupported: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    """What the deck asks for that presenter does not do yet: name -> its uses (line, text)."""

    def number(self, index: int) -> int:
        """The original 1-based line number of rebuilt line ``index`` (0-based)."""
        if not self.numbers:
            return 1
        return self.numbers[max(0, min(index, len(self.numbers) - 1))]

    def last(self, node: Node) -> int:
        """The rebuilt index of ``node``'s last line that is not blank (markdown-it counts
        the blank lines after a list as the list's)."""
        start, end = node.map
        while end - 1 > start and not self.texts[end - 1].strip():
            end -= 1
        return max(start, end - 1)

    def lines(self, node: Node) -> Lines | None:
        if node.map is None:
            return None
        return Lines(self.number(node.map[0]), self.number(self.last(node)))

    def ignore(self, index: int, text: str, reason: str) -> None:
        snippet = " ".join(text.split())
        if len(snippet) > 60:
            snippet = snippet[:59] + "…"
        self.removed.append(Removed(self.number(index), snippet, reason))

    def not_supported(self, name: str, line: int, text: str) -> None:
        """Note something the deck asks for that presenter does not do yet, at file line
        ``line`` (``check`` names it once, with every line it is used on)."""
        self.unsupported.setdefault(name, []).append((line, text))

    def error(self, index: int, message: str) -> PresenterError:
        return PresenterError(self.path, self.number(index), message)


# --------------------------------------------------------------------------- inline


class _InlineBuilder:
    """Collects text runs by style; figures in each run get the ``stat`` style."""

    def __init__(self) -> None:
        self.spans: list[Span] = []
        self._buffer: list[str] = []
        self._key: tuple[tuple[str, ...], str | None] = ((), None)
        self._line_start = False

    def text(self, text: str, styles: tuple[str, ...], link: str | None) -> None:
        if self._line_start:  # after a <br>, as after a hard break: the line starts at its first word
            text = text.lstrip(" \t")
            if not text:
                return
        self._line_start = text.endswith("\n")
        if (styles, link) != self._key:
            self.flush()
            self._key = (styles, link)
        self._buffer.append(text)

    def code(self, text: str, styles: tuple[str, ...], link: str | None) -> None:
        self.flush()
        self._line_start = False
        self.spans.append(Span(text, styles + ("code",), link))

    def footnote(self, label: str, styles: tuple[str, ...]) -> None:
        self.flush()
        self._line_start = False
        self.spans.append(Span(f"[{label}]", styles + ("footnote",)))

    def flush(self) -> None:
        text = "".join(self._buffer)
        self._buffer = []
        if not text:
            return
        styles, link = self._key
        if link is None:  # the spans as highlight_figures makes them
            self.spans.extend(highlight_figures(text, styles))
        else:  # a link's text names a page: its numbers are no key figures (nor stat cards)
            self.spans.append(Span(text, styles, link))

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
                 outer: tuple[str, ...] = (), link: str | None = None) -> None:
    spans: list[tuple[str, ...]] = []  # the styles of <span style="color: ...">s open among these nodes
    for node in nodes:
        kind = node.type
        styles = outer + tuple(style for span in spans for style in span if style not in outer)
        if kind == "text":
            out.text(node.content, styles, link)
        elif kind == "softbreak":
            out.text(" ", styles, link)
        elif kind == "hardbreak":
            out.text("\n", styles, link)
        elif kind == "code_inline":
            out.code(node.content, styles, link)
        elif kind == "footnote_ref":
            out.footnote(str(node.meta.get("label", "")), styles)
        elif kind in _INLINE_STYLES:
            style = _INLINE_STYLES[kind]
            _walk_inline(node.children, out, src, line, styles if style in styles else styles + (style,), link)
        elif kind == "link":
            href = str(node.attrs.get("href", ""))
            if node.children or not href:
                _walk_inline(node.children, out, src, line, styles, href or link)
            else:  # [](https://...): the address is all there is to show
                out.text(href, styles, href)
        elif kind == "image":
            out.text(plain_text(node), styles, link)
        elif kind == "html_inline" and _BR.fullmatch(node.content):
            out.text("\n", styles, link)
        elif kind == "html_inline" and (coloured := span_styles(node.content)):
            spans.append(coloured)  # presenterm colours text this way
        elif kind == "html_inline" and spans and _SPAN_CLOSE.fullmatch(node.content):
            spans.pop()
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


def parse_nodes(src: Source, start: int, end: int) -> list[Node]:
    """The top-level syntax nodes of rebuilt lines ``start`` to ``end``, their maps counted
    in rebuilt lines of the whole text."""
    tokens = PARSER.parse("\n".join(src.texts[start:end]))
    deepest = max((token.level for token in tokens), default=0)
    if deepest >= MAX_NESTING - 1:  # markdown-it dropped what was nested deeper
        where = next((t.map[0] for t in tokens if t.map is not None and t.level >= deepest - 2), 0)
        raise src.error(start + where, f"lists or quotes nested more than {MAX_NESTING // 2 - 2} levels deep: presenter cannot show them whole")
    for token in tokens:
        if token.map:
            token.map = [token.map[0] + start, token.map[1] + start]
        if token.children:
            token.children = _bounded_inline(token.children)
    return Node(tokens).children


#: Emphasis, links and strikethrough nested deeper than this inside one another show with
#: the styles of this depth (deeper, nothing would look different; the tree is built by recursion).
MAX_INLINE_NESTING = 24


def _bounded_inline(children: list) -> list:
    """Inline tokens with the opening and closing tokens nested deeper than
    :data:`MAX_INLINE_NESTING` left out; every character of text stays."""
    if all(child.nesting == 0 for child in children):
        return children
    kept, opened = [], []
    for child in children:
        if child.nesting == 1:
            opened.append(len(opened) < MAX_INLINE_NESTING)
            keep = opened[-1]
        elif child.nesting == -1:
            keep = opened.pop() if opened else True
        else:
            keep = True
        if keep:
            kept.append(child)
    return kept


def parse_inline(text: str) -> Inline:
    """One line of Markdown inline syntax as spans (the exporter checks what it writes with this)."""
    src = Source([text], [1], None, [])
    tokens = PARSER.parseInline(text)
    tokens[0].children = _bounded_inline(tokens[0].children or [])
    return inline_spans(Node(tokens).children[0].children, src, 0)


def markdown_title(raw: str) -> str:
    """A front-matter title written in Markdown (``Introducing _presenterm_``), as the plain
    text a slide title shows."""
    return plain(parse_inline(raw)).strip() if raw else ""


def inline_of(node: Node, src: Source) -> Inline:
    """The inline content of a paragraph, heading or table cell."""
    line = node.map[0] if node.map else 0
    children = [child for child in node.children if child.type == "inline"]
    return inline_spans(children[0].children if children else (), src, line)


# --------------------------------------------------------------------------- comments


class Command(NamedTuple):
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
    for match, command in zip(COMMENT.finditer(html), comment_commands(html, index)):
        _ignore_stray(html[position : match.start()], index + html.count("\n", 0, position), src)
        position = match.end()
        yield command
    _ignore_stray(html[position:], index + html.count("\n", 0, position), src)


def comment_commands(html: str, index: int = 0) -> Iterator[Command]:
    """The comments in ``html`` (an HTML block starting on rebuilt line ``index``) as
    commands, reporting nothing: ``<!-- pause -->`` is ``pause``, other text a nameless one."""
    for match in COMMENT.finditer(html):
        line = index + html.count("\n", 0, match.start())
        body = match.group(1).strip()
        command = COMMAND.match(body)
        if command is None:
            yield Command("", body, match.group(0), line)
        else:
            yield Command(command.group(1).lower(), command.group(2) or "", match.group(0), line)


def _ignore_stray(html: str, index: int, src: Source) -> None:
    if html.strip():
        leading = html[: len(html) - len(html.lstrip())].count("\n")
        reason = "HTML tags left out, their text shown" if html_text(html) else "ignored HTML"
        src.ignore(index + leading, html.strip(), reason)


#: What a browser shows nothing of: comments, scripts, styles and tags.
_HIDDEN_HTML = re.compile(r"<!--.*?(?:-->|$)|<(script|style)\b.*?(?:</\1\s*>|$)|<[^>]*>?", re.DOTALL | re.IGNORECASE)


def html_text(html: str) -> str:
    """The text of raw HTML, as plain text: tags, comments, scripts and styles left out,
    entities decoded, each line trimmed and blank lines dropped. Tags are never interpreted."""
    text = unescape(_HIDDEN_HTML.sub("", html))
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def html_paragraph(node: Node, src: Source) -> Paragraph | None:
    """An HTML block's text as a paragraph of plain text (None if it shows none)."""
    text = html_text(node.content)
    return Paragraph((Span(text),), lines=src.lines(node)) if text else None


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

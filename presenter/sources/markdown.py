"""Markdown decks (presenterm, ``slides`` and lookatme style) to a :class:`~presenter.model.Deck`.

The text is cleaned line by line (:class:`presenter.clean.LineCleaner`) and rebuilt from the kept
lines; a map from rebuilt line to original line makes every block's :class:`Lines` point
at the user's file. markdown-it-py parses it into a syntax tree, and each node type maps
to a block through :data:`_BLOCKS`, the way ``rich/markdown.py`` maps token types to
elements.

Slides break at a top-level ``---`` (any thematic break) and at ``<!-- end_slide -->``.
A deck with neither splits at the highest heading level that occurs more than once, and a
single top-level heading above them becomes the deck title. HTML comments carry commands:
``speaker_note``, ``notes`` ... ``/notes``, ``pause`` (lookatme's ``stop``), ``end_slide``
and ``incremental_lists``. Every other comment is ignored and reported in
:attr:`Deck.removed <presenter.model.Deck.removed>` with the reason
``ignored comment command: NAME``, so ``presenter check`` lists it.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.front_matter import front_matter_plugin

from presenter.clean import LineCleaner
from presenter.errors import PresenterError
from presenter.model import (
    Block,
    BulletList,
    Code,
    Deck,
    Heading,
    Image,
    Inline,
    Lines,
    ListItem,
    NumberedList,
    Paragraph,
    Pause,
    Quote,
    Removed,
    Slide,
    Span,
    Table,
    plain,
)
from presenter.plaintext import block_text
from presenter.sources.article import section_slides, title_from_filename, title_from_text
from presenter.sources.inline import highlight_figures
from presenter.sources.mdchunks import CutScanner, may_cut
from presenter.sources.nesting import DEEP_LIST_WARNING, clamp_lists
from presenter.sources.quotes import parse_attribution

#: markdown-it stops parsing blocks nested this deep and drops what is inside, without a
#: word; presenter refuses such a deck instead (see ``_parse_piece``). 100 is 49 levels of
#: list or 99 of block quote.
MAX_NESTING = 100
_PARSER = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(["table", "strikethrough"]).use(front_matter_plugin)
#: For pieces after the first: front matter can only open the text.
_BODY_PARSER = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])

_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_COMMAND = re.compile(r"^(/?[A-Za-z_][\w-]*)\s*(?::\s*(.*?))?\s*$", re.DOTALL)
_FM_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")
_FM_ITEM = re.compile(r"^-\s+(.*)$")
_FM_ALIASES = {"sub_title": "subtitle", "authors": "author"}
_FENCE_CLOSE = re.compile(r"^[\s>]*(`{3,}|~{3,})\s*$")
_BYLINE = re.compile(r"^\s*(?:—|–|--)\s*(\S.*)$", re.DOTALL)
_INLINE_STYLES = {"em": "italic", "strong": "bold", "s": "strike"}
_TRUE = {"true", "yes", "on", "1"}
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


class _Node(SyntaxTreeNode):
    """A syntax tree node that does not point back at its parent (nothing here asks for it).

    markdown-it-py's nodes point at their parent and their children, so every tree is a
    reference cycle that only the cyclic garbage collector frees; with one tree per piece,
    those collections (over the whole growing deck) paused a progressive load for up to
    150 ms. Without the cycle a piece's tree is freed the moment it has been converted.
    """

    def _add_child(self, tokens: Sequence[Token]) -> None:
        self._children.append(type(self)(tokens, create_root=False))


@dataclass
class _Source:
    """The rebuilt text's lines, their original numbers, and what was removed."""

    texts: list[str]
    numbers: list[int]
    path: Path | None
    removed: list[Removed]
    warnings: list[str] = field(default_factory=list)

    def number(self, index: int) -> int:
        """The original 1-based line number of rebuilt line ``index`` (0-based)."""
        if not self.numbers:
            return 1
        return self.numbers[max(0, min(index, len(self.numbers) - 1))]

    def lines(self, node: SyntaxTreeNode) -> Lines | None:
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
        self.spans.extend(Span(s.text, s.styles, link) for s in highlight_figures(text, styles))

    def build(self) -> Inline:
        self.flush()
        return tuple(self.spans)


def _plain_text(node: SyntaxTreeNode) -> str:
    """The characters of an inline subtree (image alt text, titles)."""
    if node.type in ("text", "code_inline"):
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return " "
    return "".join(_plain_text(child) for child in node.children)


def _walk_inline(nodes: Iterable[SyntaxTreeNode], out: _InlineBuilder, src: _Source, line: int,
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
            out.text(_plain_text(node), styles, link)
        elif kind == "html_inline" and _BR.fullmatch(node.content):
            out.text("\n", styles, link)
        elif kind == "html_inline":
            _ignore_html(node.content, line, src)
        elif node.children:
            _walk_inline(node.children, out, src, line, styles, link)
        elif node.content:
            out.text(node.content, styles, link)


def _inline(nodes: Iterable[SyntaxTreeNode], src: _Source, line: int) -> Inline:
    out = _InlineBuilder()
    _walk_inline(nodes, out, src, line)
    return out.build()


def parse_inline(text: str) -> Inline:
    """One line of Markdown inline syntax as spans (the exporter checks what it writes with this)."""
    src = _Source([text], [1], None, [])
    return _inline(_Node(_PARSER.parseInline(text)).children[0].children, src, 0)


def _inline_of(node: SyntaxTreeNode, src: _Source) -> Inline:
    """The inline content of a paragraph, heading or table cell."""
    line = node.map[0] if node.map else 0
    children = [child for child in node.children if child.type == "inline"]
    return _inline(children[0].children if children else (), src, line)


# --------------------------------------------------------------------------- comments


@dataclass(frozen=True)
class _Command:
    name: str
    value: str
    raw: str
    index: int
    """Rebuilt line index the comment starts on."""


def _commands(html: str, index: int, src: _Source) -> Iterator[_Command]:
    """The comments in an HTML block; anything else in it is ignored and reported."""
    html_stripped = html.strip()
    if html_stripped.startswith("<!--") and "-->" not in html_stripped:
        raise src.error(index, "unclosed HTML comment '<!--'")
    position = 0
    for match in _COMMENT.finditer(html):
        _ignore_stray(html[position : match.start()], index + html.count("\n", 0, position), src)
        position = match.end()
        line = index + html.count("\n", 0, match.start())
        body = match.group(1).strip()
        command = _COMMAND.match(body)
        if command is None:
            yield _Command("", body, match.group(0), line)
        else:
            yield _Command(command.group(1).lower(), command.group(2) or "", match.group(0), line)
    _ignore_stray(html[position:], index + html.count("\n", 0, position), src)


def _ignore_stray(html: str, index: int, src: _Source) -> None:
    if html.strip():
        leading = html[: len(html) - len(html.lstrip())].count("\n")
        src.ignore(index + leading, html.strip(), "ignored HTML")


def _ignore_html(html: str, index: int, src: _Source) -> None:
    """Inline HTML, or a comment where it cannot act: reported, not shown."""
    for command in _commands(html, index, src):
        _ignore_command(command, src)


def _ignore_command(command: _Command, src: _Source) -> None:
    reason = f"ignored comment command: {command.name}" if command.name else "ignored comment"
    src.ignore(command.index, command.raw, reason)


def _note_text(value: str) -> str:
    """A ``speaker_note`` value: one line, or a YAML-style ``|`` block of lines."""
    value = _unquote(value.strip())
    if value[:1] in "|>" and value[:1]:
        head, _, rest = value.partition("\n")
        value = textwrap.dedent(rest) if head.strip() in ("|", ">", "|-", ">-") else value
    value = _NOTE_ESCAPE.sub(lambda m: m.group(0)[:-2] + ">", value)
    return "\n".join(line.rstrip() for line in value.strip().split("\n"))


#: ``--\>`` in a speaker note stands for ``-->``, which would end the comment (and ``--\\>``
#: for ``--\>``): one backslash is removed from every ``--`` backslashes ``>`` run.
_NOTE_ESCAPE = re.compile(r"--\\+>")


# --------------------------------------------------------------------------- blocks


def _fence(node: SyntaxTreeNode, src: _Source) -> list[Block]:
    assert node.map is not None
    start, end = node.map
    closer = _FENCE_CLOSE.match(src.texts[end - 1]) if end - 1 > start else None
    marker = node.markup
    if closer is None or closer.group(1)[0] != marker[0] or len(closer.group(1)) < len(marker):
        raise src.error(start, "unclosed code fence")
    language = node.info.split()[0] if node.info.split() else None
    return [Code(_drop_newline(node.content), language, lines=src.lines(node))]


def _code_block(node: SyntaxTreeNode, src: _Source) -> list[Block]:
    return [Code(_drop_newline(node.content), None, lines=src.lines(node))]


def _drop_newline(code: str) -> str:
    return code[:-1] if code.endswith("\n") else code


def _paragraph(node: SyntaxTreeNode, src: _Source) -> list[Block]:
    inline = next((child for child in node.children if child.type == "inline"), None)
    parts = inline.children if inline is not None else []
    images = [part for part in parts if part.type == "image"]
    rest = [part for part in parts if part.type != "image"]
    if images and all(part.type in ("softbreak", "hardbreak") or (part.type == "text" and not part.content.strip()) for part in rest):
        return [Image(_plain_text(image), str(image.attrs.get("src", "")), lines=src.lines(node)) for image in images]
    content = _inline_of(node, src)
    if not plain(content).strip():
        return []
    return [Paragraph(content, lines=src.lines(node))]


def _heading(node: SyntaxTreeNode, src: _Source) -> list[Block]:
    return [Heading(_inline_of(node, src), level=int(node.tag[1:]), lines=src.lines(node))]


def _list(node: SyntaxTreeNode, src: _Source) -> list[Block]:
    numbered = node.type == "ordered_list"
    start = int(node.attrs.get("start", 1)) if numbered else None
    items = []
    for offset, item in enumerate(node.children):
        children = list(item.children)
        content: Inline = ()
        if children and children[0].type == "paragraph":
            content = _inline_of(children.pop(0), src)
        nested: list[Block] = []
        for child in children:
            nested.extend(_convert(child, src))
        number = None
        if numbered:
            number = int(item.info) if item.info.isdigit() else (start or 1) + offset
        items.append(ListItem(content, number, tuple(nested), lines=src.lines(item)))
    if numbered:
        return [NumberedList(tuple(items), lines=src.lines(node))]
    return [BulletList(tuple(items), lines=src.lines(node))]


def _quote(node: SyntaxTreeNode, src: _Source) -> list[Block]:
    """A block quote; a last line starting with ``—`` or ``--`` names the speaker."""
    pieces: list[list[SyntaxTreeNode] | Inline] = []
    for child in node.children:
        if child.type in ("paragraph", "heading"):
            inline = next((c for c in child.children if c.type == "inline"), None)
            pieces.append(list(inline.children) if inline is not None else [])
        else:
            text = "\n".join(block_text(b) or _fallback_text(b) for b in _convert(child, src))
            if text.strip():
                pieces.append(highlight_figures(text))
    speaker = role = attribution = None
    if pieces and isinstance(pieces[-1], list):
        last = pieces[-1]
        breaks = [i for i, part in enumerate(last) if part.type in ("softbreak", "hardbreak")]
        cut = breaks[-1] + 1 if breaks else 0
        byline = _BYLINE.match("".join(_plain_text(part) for part in last[cut:]))
        if byline and (cut or len(pieces) > 1):
            clause = byline.group(1).strip()
            said = parse_attribution(clause)
            if said is not None:  # "— says tech analyst Mark Johnson": the clause as written
                (speaker, role), attribution = said, clause
            else:
                speaker, _, role = (part.strip() for part in clause.partition(","))
                role = role or None
            pieces[-1] = last[: breaks[-1]] if breaks else []
    line = node.map[0] if node.map else 0
    spans: list[Span] = []
    for piece in pieces:
        inline = _inline(piece, src, line) if isinstance(piece, list) else piece
        if inline:
            if spans:
                spans.append(Span("\n"))
            spans.extend(inline)
    if not spans and speaker is None:
        return []
    return [Quote(tuple(spans), speaker=speaker or None, role=role, attribution=attribution, lines=src.lines(node))]


def _table(node: SyntaxTreeNode, src: _Source) -> list[Block]:
    header: tuple[Inline, ...] = ()
    align: tuple[str, ...] = ()
    rows: list[tuple[Inline, ...]] = []
    for section in node.children:
        for row in section.children:
            cells = tuple(_inline_of(cell, src) for cell in row.children)
            if section.type == "thead":
                header = cells
                align = tuple(_alignment(cell) for cell in row.children)
            else:
                rows.append(cells)
    return [Table(header, tuple(rows), align, lines=src.lines(node))]


def _alignment(cell: SyntaxTreeNode) -> str:
    style = str(cell.attrs.get("style", ""))
    for value in ("center", "right", "left"):
        if value in style:
            return value
    return "left"


def _html_block(node: SyntaxTreeNode, src: _Source) -> list[Block]:
    _ignore_html(node.content, node.map[0] if node.map else 0, src)
    return []


def _nothing(node: SyntaxTreeNode, src: _Source) -> list[Block]:
    return []


_BLOCKS: dict[str, Callable[[SyntaxTreeNode, _Source], list[Block]]] = {
    "paragraph": _paragraph,
    "heading": _heading,
    "bullet_list": _list,
    "ordered_list": _list,
    "blockquote": _quote,
    "fence": _fence,
    "code_block": _code_block,
    "table": _table,
    "html_block": _html_block,
    "hr": _nothing,
    "front_matter": _nothing,
}


def _convert(node: SyntaxTreeNode, src: _Source) -> list[Block]:
    return _BLOCKS.get(node.type, _nothing)(node, src)


def _fallback_text(block: Block) -> str:
    if isinstance(block, Heading):
        return plain(block.content)
    if isinstance(block, Code):
        return block.code
    if isinstance(block, Image):
        return block.alt
    if isinstance(block, Table):
        return " ".join(plain(cell) for cell in block.header)
    return ""


def _incremental(block: Block) -> list[Block]:
    """A list revealed one item at a time: one list per item with pauses between."""
    if not isinstance(block, (BulletList, NumberedList)) or len(block.items) < 2:
        return [block]
    out: list[Block] = []
    for item in block.items:
        if out:
            out.append(Pause(lines=item.lines))
        out.append(replace(block, items=(item,), lines=item.lines))
    return out


# --------------------------------------------------------------------------- front matter


def _front_matter(node: SyntaxTreeNode, src: _Source) -> tuple[tuple[str, str], ...]:
    """Simple ``key: value`` lines (no YAML dependency); indented ``- item`` lists join with commas."""
    assert node.map is not None
    start = node.map[0]
    opening = src.texts[start].strip()
    if opening.strip("-"):
        raise src.error(start, f"front matter must open with a line of '---' alone, not {opening[:40]!r}")
    meta: list[list[str]] = []
    parent: str | None = None  # a key written with no value, for indented lines below it
    for index in range(start + 1, node.map[1] - 1):
        text = src.texts[index]
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indented = text[:1].isspace()
        key = _FM_KEY.match(stripped)
        item = _FM_ITEM.match(stripped)
        if indented and parent is not None and item and meta[-1][0] == parent:
            meta[-1][1] = ", ".join(filter(None, (meta[-1][1], _unquote(item.group(1).strip()))))
        elif indented and parent is not None and key:
            meta.append([f"{parent}.{key.group(1).lower()}", _unquote(key.group(2).strip())])
        elif key and not indented:
            name = key.group(1).lower()
            name = _FM_ALIASES.get(name, name)
            value = _unquote(key.group(2).strip())
            parent = name if not value else None
            meta.append([name, value])
        else:
            raise src.error(index, f"front matter line is not 'key: value': {stripped[:40]!r}")
    return tuple((key, value) for key, value in meta)


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


# --------------------------------------------------------------------------- slides


@dataclass
class _Draft:
    """The slide being collected."""

    start: int
    title: str | None = None
    title_line: int | None = None
    blocks: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    notes_from: int | None = None
    incremental: bool = False
    last: int | None = None

    def empty(self) -> bool:
        shown = any(not isinstance(block, Pause) for block in self.blocks)
        return self.title is None and not shown and not self.notes and self.notes_from is None


class _Builder:
    """Walks the top-level nodes once, cutting slides at breaks (or split headings)."""

    def __init__(self, src: _Source, split_level: int | None) -> None:
        self.src = src
        self.split_level = split_level
        self.slides: list[Slide] = []
        self.leading_notes: list[str] = []
        """Notes written before the first slide's content: the title slide's."""
        self.draft = _Draft(start=0)

    def node(self, node: SyntaxTreeNode) -> None:
        start = node.map[0] if node.map else self.draft.start
        if node.type == "hr":
            self.finish(start)
            self.draft = _Draft(start=node.map[1] if node.map else start)
            return
        if node.type == "html_block":
            for command in _commands(node.content, start, self.src):
                self.command(command, node)
            return
        if node.type == "heading" and self.split_level is not None and int(node.tag[1:]) == self.split_level:
            self.finish(start)  # also ends an unclosed <!-- notes --> region
            self.draft = _Draft(start=start)
        if self.draft.notes_from is not None:
            return  # inside <!-- notes --> ... <!-- /notes -->
        self.touch(node)
        if node.type == "heading" and self.draft.title is None and not any(not isinstance(b, Pause) for b in self.draft.blocks):
            inline = next((c for c in node.children if c.type == "inline"), None)
            self.draft.title = plain(_inline(inline.children if inline else (), self.src, start)).strip() or None
            self.draft.title_line = self.src.number(start)
            return
        blocks = [self.clamped(block) for block in _convert(node, self.src)]
        if self.draft.incremental:
            blocks = [piece for block in blocks for piece in _incremental(block)]
        self.draft.blocks.extend(blocks)

    def clamped(self, block: Block) -> Block:
        """``block`` with lists nested too deep for a slide flattened (and said so)."""
        block, flattened = clamp_lists(block)
        if flattened:
            where = f"line {block.lines.first}: " if block.lines else ""
            self.src.warnings.append(f"{where}{DEEP_LIST_WARNING}")
        return block

    def touch(self, node: SyntaxTreeNode) -> None:
        if node.map:
            self.draft.last = node.map[1] - 1

    def command(self, command: _Command, node: SyntaxTreeNode) -> None:
        draft, name = self.draft, command.name
        in_notes = draft.notes_from is not None
        if name == "/notes" and in_notes:
            self.close_notes(command.index)
        elif name == "end_slide":
            self.finish(command.index)
            self.draft = _Draft(start=node.map[1] if node.map else command.index)
        elif in_notes:
            return
        elif name == "speaker_note":
            note = _note_text(command.value)
            if note:
                draft.notes.append(note)
        elif name == "notes" and not command.value:
            draft.notes_from = command.index + command.raw.count("\n") + 1
        elif name == "notes":
            draft.notes.append(_note_text(command.value))
        elif name in ("pause", "stop"):
            draft.blocks.append(Pause(lines=Lines(self.src.number(command.index), self.src.number(command.index))))
        elif name == "incremental_lists":
            draft.incremental = command.value.strip().lower() in _TRUE
        else:
            _ignore_command(command, self.src)
        if node.map:
            draft.last = max(draft.last or 0, node.map[1] - 1)

    def close_notes(self, end: int) -> None:
        draft = self.draft
        if draft.notes_from is None:
            return
        text = textwrap.dedent("\n".join(self.src.texts[draft.notes_from : end])).strip()
        if text:
            draft.notes.append(text)
        draft.notes_from = None

    def finish(self, end: int) -> None:
        """Turn the draft into one slide (or continuation slides if it is long)."""
        self.close_notes(end)
        draft = self.draft
        if draft.empty():
            return
        if draft.title is None and all(isinstance(block, Pause) for block in draft.blocks):
            # Only notes (say, after the front matter): they belong to the slide before.
            if self.slides:
                notes = "\n\n".join(filter(None, (self.slides[-1].notes, *draft.notes)))
                self.slides[-1] = replace(self.slides[-1], notes=notes)
            else:
                self.leading_notes.extend(draft.notes)
            return
        title = draft.title or _title_from_blocks(draft.blocks) or f"Slide {len(self.slides) + 1}"
        made = section_slides(title, tuple(draft.blocks), draft.title_line)
        notes = "\n\n".join(draft.notes)
        made[0] = replace(made[0], notes=notes)
        if len(made) == 1:
            last = draft.last if draft.last is not None else draft.start
            made[0] = replace(made[0], source_lines=Lines(self.src.number(draft.start), self.src.number(max(last, draft.start))))
        self.slides.extend(made)


def _title_from_blocks(blocks: list[Block]) -> str:
    for block in blocks:
        text = (block_text(block) or _fallback_text(block)).strip()
        if text:
            return title_from_text(text)
    return ""


def _split_plan(nodes: list[SyntaxTreeNode], src: _Source, has_title: bool) -> tuple[int | None, SyntaxTreeNode | None]:
    """For a deck without breaks: the heading level to split at, and the deck-title heading."""
    headings = [node for node in nodes if node.type == "heading"]
    if not headings:
        return None, None
    levels = [int(node.tag[1:]) for node in headings]
    top = min(levels)
    content = [node for node in nodes if node.type not in ("html_block", "front_matter")]
    deck_heading = None
    if not has_title and len(levels) > 1 and levels.count(top) == 1 and content and content[0] is headings[0] and levels[0] == top:
        deck_heading = headings[0]
        levels = levels[1:]
    repeated = [level for level in set(levels) if levels.count(level) > 1]
    split = min(repeated) if repeated else (min(levels) if levels else None)
    return split, deck_heading


def _is_break(node: SyntaxTreeNode) -> bool:
    if node.type == "hr":
        return True
    if node.type == "html_block":
        return any(_COMMAND.match(m.group(1).strip()) and m.group(1).strip().lower() == "end_slide" for m in _COMMENT.finditer(node.content))
    return False


def _title_slide(meta: dict[str, str], title: str, lines: Lines | None) -> Slide:
    byline = " · ".join(value for value in (meta.get("author", ""), meta.get("date", "")) if value)
    subtitle = "\n".join(part for part in (meta.get("subtitle", ""), byline) if part)
    return Slide(title=title, subtitle=subtitle, is_title=True, source_lines=lines)


def parse_markdown(text: str, *, source: Path | None = None) -> Deck:
    """Turn a Markdown deck into a :class:`Deck` (a pure function of its arguments)."""
    deck = None
    for stage in markdown_stages(text, source=source):
        if stage is not None:
            deck = stage
    assert deck is not None
    return deck


def markdown_stages(text: str, *, source: Path | None = None, first: int = 2) -> Iterator[Deck | None]:
    """Parse a Markdown deck a piece at a time, showing the way for a progressive load.

    The text is cut at top-level slide breaks (:mod:`presenter.sources.mdchunks`) and each
    piece parsed on its own, so only one piece's markdown-it tokens are alive at once; the
    result is the same as parsing the whole text. Yields ``None`` after each piece (a point to
    pause at), a partial deck whenever the slides built so far reach ``first``, twice
    ``first``, four times ... (its last slide may still gain notes), and the complete deck
    last. A :class:`PresenterError` is raised where the text is found to be broken.
    """
    cleaner = LineCleaner(text)  # cleans each line as it is read
    lines = iter(cleaner)
    src = _Source([], [], source, cleaner.removed)

    def pull(count: int = 1) -> bool:
        """Read ``count`` more cleaned lines into ``src``; False once there are none left."""
        for _ in range(count):
            line = next(lines, None)
            if line is None:
                return False
            src.numbers.append(line[0])
            src.texts.append(line[1])
        return True

    body_start = _front_matter_end(src, pull)
    scanner = CutScanner(body_start) if body_start is not None and may_cut(text, has_controls=cleaner.has_controls) else None
    if scanner is None:
        while pull(4096):
            pass

    def next_piece(start: int) -> tuple[int, int] | None:
        """The next piece from line ``start``: up to the next cut, or the end of the text."""
        assert scanner is not None
        if start >= len(src.texts) and not pull():
            return None
        if start == 0:
            scanner.is_cut(0, src.texts[0])  # later pieces open on a line the scanner has seen
        index = start + 1
        while (index < len(src.texts) or pull()) and not scanner.is_cut(index, src.texts[index]):
            index += 1
        return start, index

    piece = next_piece(0) if scanner is not None else ((0, len(src.texts)) if src.texts else None)
    nodes = _parse_piece(src, *piece) if piece else []

    meta: tuple[tuple[str, str], ...] = ()
    fm_lines = None
    if nodes and nodes[0].type == "front_matter":
        meta = _front_matter(nodes[0], src)
        fm_lines = src.lines(nodes[0])
        nodes = nodes[1:]
    elif src.texts and re.fullmatch(r"-{3,}\s*", src.texts[0]):
        raise src.error(0, "front matter opened with '---' is never closed")
    info = dict(meta)

    following = next_piece(piece[1]) if scanner is not None and piece else None
    split_level, deck_heading = None, None
    if following is None and not any(_is_break(node) for node in nodes):
        split_level, deck_heading = _split_plan(nodes, src, bool(info.get("title")))

    builder = _Builder(src, split_level)
    if nodes:
        builder.draft = _Draft(start=nodes[0].map[0] if nodes[0].map else 0)
    elif following is not None:
        builder.draft = _Draft(start=following[0])
    first_h1 = ""
    shown = first
    while True:
        for node in nodes:
            if not first_h1 and node.type == "heading" and node.tag == "h1":
                first_h1 = _plain_text(node).strip()
            if node is deck_heading:
                builder.finish(node.map[0] if node.map else 0)
                builder.draft = _Draft(start=node.map[1] if node.map else 0)
                continue
            builder.node(node)
        if following is None:
            break
        if len(builder.slides) >= shown:
            shown *= 2
            yield _deck(src, meta, fm_lines, builder.slides, builder.leading_notes, first_h1, None)
        else:
            yield None
        nodes = _parse_piece(src, *following)
        following = next_piece(following[1])
    builder.finish(len(src.texts))
    src.removed.sort(key=lambda r: r.line)
    yield _deck(src, meta, fm_lines, builder.slides, builder.leading_notes, first_h1, deck_heading)


def _deck(
    src: _Source,
    meta: tuple[tuple[str, str], ...],
    fm_lines: Lines | None,
    built: list[Slide],
    leading_notes: list[str],
    first_h1: str,
    deck_heading: SyntaxTreeNode | None,
) -> Deck:
    """The deck of the slides ``built`` so far, with its title slide."""
    source, info = src.path, dict(meta)
    deck_title = info.get("title", "")
    if not deck_title and deck_heading is not None:
        deck_title = _plain_text(deck_heading).strip()
    slides = list(built)
    if any(info.get(key) for key in ("title", "subtitle", "author", "date")) or deck_title:
        title = deck_title or first_h1 or title_from_filename(source)
        lines = fm_lines if deck_heading is None else src.lines(deck_heading)
        title_slide = replace(_title_slide(info, title, lines), notes="\n\n".join(leading_notes))
        slides = [title_slide, *slides]
        deck_title = title
    if not slides:
        raise PresenterError(source, None, "has no text to present")
    return Deck(
        title=deck_title or first_h1 or title_from_filename(source),
        subtitle=info.get("subtitle", ""),
        meta=meta,
        slides=tuple(slides),
        source=source,
        removed=tuple(sorted(src.removed, key=lambda r: r.line)),
        warnings=tuple(src.warnings),
    )


def _front_matter_end(src: _Source, pull: Callable[..., bool]) -> int | None:
    """The first line after any front matter (0 if none); None if the text must be parsed whole."""
    if not pull():
        return 0
    if not re.fullmatch(r"-{3,}\s*", src.texts[0]):
        return 0
    while pull():
        end = len(src.texts) - 1
        if re.fullmatch(r"(?:-{3,}|\.\.\.)\s*", src.texts[end]):
            tokens = _PARSER.parse("\n".join(src.texts[: end + 1]))
            if tokens and tokens[0].type == "front_matter" and tokens[0].map == [0, end + 1]:
                return end + 1
            return None  # not front matter as markdown-it reads it: parse the text whole
    return None


def _parse_piece(src: _Source, start: int, end: int) -> list[SyntaxTreeNode]:
    """The top-level nodes of rebuilt lines ``start`` to ``end``, mapped to whole-text lines."""
    parser = _PARSER if start == 0 else _BODY_PARSER
    # The break line that follows the piece is parsed with it, so blocks end exactly as they
    # do in the whole text (a list counts the blank lines before the next block), and then
    # dropped: it opens the next piece.
    stop = min(end + 1, len(src.texts))
    tokens = parser.parse("\n".join(src.texts[start:stop]))
    deepest = max((token.level for token in tokens), default=0)
    if deepest >= MAX_NESTING - 1:  # markdown-it dropped what was nested deeper
        where = next((t.map[0] for t in tokens if t.map is not None and t.level >= deepest - 2), 0)
        raise src.error(start + where, f"lists or quotes nested more than {MAX_NESTING // 2 - 2} levels deep: presenter cannot show them whole")
    if start:
        for token in tokens:
            if token.map is not None:
                token.map = [token.map[0] + start, token.map[1] + start]
    root = _Node(tokens)
    return [node for node in root.children if node.map is None or node.map[0] < end]

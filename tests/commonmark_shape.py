"""The *shape* of a document, for checking presenter's Markdown reader against CommonMark.

The CommonMark specification gives, for each example, the HTML a conforming parser writes.
presenter writes no HTML: it builds a :class:`~presenter.model.Deck`. So both are reduced to
the same plain structure and compared:

* :func:`html_shape` reads the expected HTML with the standard library's ``html.parser``;
* :func:`deck_shape` walks the deck that ``parse_text(markdown, markdown=True)`` returns.

A shape is a list of block nodes ``(kind, text, children)``:

=========  ==========================================  ====================================
kind       HTML                                        deck
=========  ==========================================  ====================================
``p``      ``<p>``                                     Paragraph; Image (its alt text)
``h``      ``<h1>`` ... ``<h6>``                       Heading; a slide title taken from a
                                                       heading (see "Slide titles")
``ul``     ``<ul>``                                    BulletList
``ol``     ``<ol>`` (text: its start number)           NumberedList (text: the first number)
``li``     ``<li>``                                    ListItem
``quote``  ``<blockquote>``                            Quote
``code``   ``<pre><code>`` (text: the code)            Code
``table``  ``<table>``, only with ``gfm=True``         Table (children: a ``tr`` a row)
``html``   raw HTML's text outside any paragraph       (see "Raw HTML")
=========  ==========================================  ====================================

What is compared, and why:

* **Text** is what a reader sees: whitespace runs collapsed to one space and stripped,
  entities decoded, inline markup (emphasis, links, code spans) not compared, an image as
  its alt text, a hard line break (``<br />``) as a space. Code keeps its text exactly
  (only the final newline is dropped): whitespace matters there.
* **List items**: a tight item's text (not in ``<p>``) and a loose item's first paragraph
  are the same thing: an item's text is its leading paragraph and its children the blocks
  after it, as in presenter's ``ListItem(content, number, children)`` (an item that opens
  with another block has no text). Of an ordered list only the start number is compared:
  HTML keeps no other number.
* **Block quotes** have children only: the blocks in the ``<blockquote>``; presenter's first
  paragraph (``Quote.content``) then ``Quote.children``. A byline presenter took off the
  last paragraph (``— Name``: ``speaker``, ``role``, ``attribution``) goes back at its end.
* **Thematic breaks** (``<hr />``) are dropped: in a deck ``---`` breaks slides and shows
  nothing (a documented difference).
* **Nothing to show**: a paragraph or heading whose text is only whitespace (a no-break
  space included) and a block quote with nothing in it are dropped on both sides. An
  example whose output is then empty (or only ``<hr />``) has an empty shape, and so has
  an input presenter refuses with "has no text to present" (:data:`NO_TEXT`); any other
  refusal is a failure.
* **Slide titles**: a slide's first heading becomes its title rather than a block, and a
  single top heading becomes the title slide; :func:`deck_shape` puts such a title back as
  an ``h`` node at the head of its slide. presenter also *makes up* titles for slides with
  no heading (the first words of the first block, or ``Slide N``), marked
  :attr:`~presenter.model.Slide.untitled`: those are not headings. A deck with front matter has its title slide left out:
  CommonMark has no front matter (no spec example has it either).
* **Raw HTML** (the "HTML blocks" and "Raw HTML" sections, and any example whose expected
  HTML holds HTML passed through from the Markdown: see :func:`has_raw_html`): presenter
  never interprets HTML. It shows an HTML block's *text* as plain text and drops tags
  inside a paragraph; how it lays that text out (paragraphs, lines) is its choice. So for
  these examples only the words are compared, in reading order, with tags stripped on
  both sides as a browser would show them (:func:`flat_text`: comments, declarations,
  ``<script>`` and ``<style>`` contents and an unterminated tag show nothing); neither the
  blocks' kinds nor their nesting are.
"""

from __future__ import annotations

import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator, Union

from presenter.errors import PresenterError
from presenter.model import BulletList, Code, Deck, Heading, Image, Inline, NumberedList, Paragraph, Pause, Quote, Table
from presenter.sources import parse_text

Node = tuple[str, str, tuple[Any, ...]]
"""``(kind, text, children)``; the children are nodes too."""
Shape = list[Node]

SPEC = Path(__file__).parent / "fixtures" / "commonmark" / "spec.json"
#: The one refusal that is no difference: a text with nothing to show.
NO_TEXT = "has no text to present"


@cache
def load_examples() -> tuple[dict[str, Any], ...]:
    """The specification's examples, in order."""
    return tuple(json.loads(SPEC.read_text(encoding="utf-8")))


def example_id(example: dict[str, Any]) -> str:
    """``ex123-block-quotes``."""
    slug = re.sub(r"[^a-z0-9]+", "-", example["section"].lower()).strip("-")
    return f"ex{example['example']}-{slug}"


_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML's whitespace: a no-break space is a character


def collapse(text: str) -> str:
    """``text`` with each whitespace run as one space, stripped."""
    return _SPACE.sub(" ", text).strip(" ")


# --------------------------------------------------------------------------- HTML

#: The blocks CommonMark writes, by tag: the kind of node each makes.
_BLOCK_TAGS = {"p": "p", "ul": "ul", "ol": "ol", "li": "li", "blockquote": "quote", "pre": "code", **{f"h{n}": "h" for n in range(1, 7)}}
_INLINE_TAGS = {"em", "strong", "a", "code", "img", "br"}
_GFM_TAGS = {"table", "thead", "tbody", "tr", "th", "td", "del", "s"}
#: The attributes CommonMark (and GFM) write on each tag; any other was written by the author.
_ATTRIBUTES = {
    "ol": {"start"},
    "code": {"class"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"align", "style"},
    "td": {"align", "style"},
}
_CONTAINERS = {"root", "ul", "ol", "quote", "table"}
"""Blocks that hold only blocks: text or inline tags in them are raw HTML."""
_LEAVES = {"p", "h", "code", "tr"}
"""Blocks that hold only text."""
#: ``<!-->`` and ``<!--->`` are whole (empty) comments in CommonMark 0.31 and in browsers;
#: ``html.parser`` before Python 3.13 runs them on to the next ``-->``.
_ABRUPT_COMMENT = re.compile(r"<!---?>")
#: A tag or comment still open at the end: a browser shows none of it; ``html.parser``
#: would give it back as text.
_UNTERMINATED = re.compile(r"<!--(?:(?!-->).)*\Z|<[A-Za-z/?!][^>]*\Z", re.DOTALL)


class _VisibleText(HTMLParser):
    """Reads HTML as a browser shows it: entities decoded; comments, declarations,
    processing instructions, tags, and what ``<script>`` and ``<style>`` hold, left out; an
    image as its alt text, ``<br>`` as a space. Subclasses get the text in :meth:`text`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._hidden = False  # inside <script> or <style>

    def read(self, html: str) -> None:
        self.feed(_UNTERMINATED.sub("", _ABRUPT_COMMENT.sub("<!---->", html)))
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden = True
        elif tag == "img":
            self.text(dict(attrs).get("alt") or "")
        elif tag == "br":
            self.text(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden = False

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text(data)

    def text(self, text: str) -> None:
        raise NotImplementedError


class _TextReader(_VisibleText):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def text(self, text: str) -> None:
        self.parts.append(text)


def strip_tags(text: str) -> str:
    """``text`` read as HTML (:class:`_VisibleText`), whitespace collapsed."""
    reader = _TextReader()
    reader.read(text)
    return collapse("".join(reader.parts))


class _Frame:
    """A block of the HTML still open."""

    def __init__(self, kind: str, text: str = "") -> None:
        self.kind = kind
        self.text = text
        """An ordered list's start; an item's leading text, once known."""
        self.parts: list[str] = []
        """Text not yet in a node."""
        self.children: list[Node] = []
        self.cells: list[list[str]] = []
        """A table row's cells."""


class _ShapeReader(_VisibleText):
    """Builds the shape of CommonMark's HTML, and notices HTML passed through from the
    Markdown rather than written by CommonMark (:attr:`raw`)."""

    def __init__(self, gfm: bool = False) -> None:
        super().__init__()
        self.gfm = gfm
        self.stack = [_Frame("root")]
        self.raw = False
        self._after_pre = False  # CommonMark writes <code> right after <pre>

    def read(self, html: str) -> None:
        if _UNTERMINATED.search(html):
            self.raw = True  # CommonMark never leaves a tag open
        super().read(html)

    @property
    def top(self) -> _Frame:
        return self.stack[-1]

    def _kind(self, tag: str) -> str | None:
        """The block a tag opens or closes."""
        if self.gfm and tag in ("table", "tr"):
            return tag
        return _BLOCK_TAGS.get(tag)

    def _known(self, tag: str) -> bool:
        return tag in _BLOCK_TAGS or tag in _INLINE_TAGS or tag == "hr" or (self.gfm and tag in _GFM_TAGS)

    def _not_code(self) -> None:
        if self._after_pre:
            self.raw = True  # <pre> without <code>: the author's
        self._after_pre = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "code":
            self._after_pre = False
        self._not_code()
        if not self._known(tag) or any(name not in _ATTRIBUTES.get(tag, ()) for name, _ in attrs):
            self.raw = True
        kind = self._kind(tag)
        if kind is not None:
            self._open(kind, (dict(attrs).get("start") or "1") if tag == "ol" else "")
            self._after_pre = tag == "pre"
        elif tag in ("th", "td") and self.top.kind == "tr":
            self.top.cells.append([])
        elif self.top.kind in _CONTAINERS and tag not in ("hr", "thead", "tbody"):
            self.raw = True  # inline markup outside any paragraph
        super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self._not_code()
        super().handle_endtag(tag)
        if not self._known(tag):
            self.raw = True
        kind = self._kind(tag)
        if kind is None:
            return
        if self.top.kind != kind:
            self.raw = True  # an end tag CommonMark did not write
            return
        self._close()

    def handle_comment(self, data: str) -> None:
        self.raw = True

    def handle_decl(self, decl: str) -> None:
        self.raw = True

    def handle_pi(self, data: str) -> None:
        self.raw = True

    def unknown_decl(self, data: str) -> None:
        self.raw = True

    def handle_data(self, data: str) -> None:
        self._not_code()
        super().handle_data(data)

    def text(self, text: str) -> None:
        frame = self.top
        if text.strip() and frame.kind in _CONTAINERS:
            self.raw = True  # text outside any block
        if frame.kind == "tr":
            if frame.cells:
                frame.cells[-1].append(text)
        else:
            frame.parts.append(text)

    def _open(self, kind: str, text: str = "") -> None:
        if self.top.kind in _LEAVES:  # a block inside a paragraph: only raw HTML does that
            self.raw = True
            self._close()
        self._flush(self.top)
        self.stack.append(_Frame(kind, text))

    def _flush(self, frame: _Frame) -> None:
        """Text gathered outside a child block: an item's leading (tight) text, a later
        paragraph of a tight item, or raw HTML's text."""
        text = collapse("".join(frame.parts))
        frame.parts = []
        if not text:
            return
        if frame.kind == "li" and not frame.children and not frame.text:
            frame.text = text
        elif frame.kind == "li":
            frame.children.append(("p", text, ()))
        else:
            frame.children.append(("html", text, ()))

    def _close(self) -> None:
        frame = self.stack.pop()
        kind = frame.kind
        if kind == "code":
            code = "".join(frame.parts)
            node: Node = ("code", code[:-1] if code.endswith("\n") else code, ())
        elif kind in ("p", "h"):
            node = (kind, collapse("".join(frame.parts)), ())
        elif kind == "tr":
            node = ("tr", " | ".join(collapse("".join(cell)) for cell in frame.cells), ())
        else:
            self._flush(frame)
            children = tuple(frame.children)
            if kind == "li" and not frame.text and children and children[0][0] == "p":
                frame.text, children = children[0][1], children[1:]  # a loose item
            node = (kind, frame.text, children)
        self.top.children.append(node)

    def shape(self) -> Shape:
        while len(self.stack) > 1:  # blocks left open by raw HTML
            self.raw = True
            self._close()
        self._flush(self.top)
        return _tidy(self.top.children)


def _read_html(html: str, gfm: bool) -> tuple[Shape, bool]:
    reader = _ShapeReader(gfm)
    reader.read(html)
    return reader.shape(), reader.raw


def html_shape(html: str, *, gfm: bool = False) -> Shape:
    """The shape of CommonMark's ``html`` (see the module docstring). With ``gfm``, tables
    and strikethrough (``<del>``, ``<s>``) are GitHub Flavored Markdown's output, not raw HTML."""
    return _read_html(html, gfm)[0]


def has_raw_html(html: str, *, gfm: bool = False) -> bool:
    """Whether ``html`` holds HTML passed through from the Markdown: tags or attributes
    CommonMark never writes, comments, declarations, processing instructions, ``<pre>``
    without ``<code>``, text or inline tags outside any block, end tags it did not open,
    a tag left open at the end."""
    return _read_html(html, gfm)[1]


def _tidy(nodes: list[Node] | tuple[Node, ...]) -> Shape:
    """``nodes`` without what shows nothing: paragraphs, headings and raw HTML without
    text, and block quotes with nothing in them."""
    out: Shape = []
    for kind, text, children in nodes:
        children = tuple(_tidy(children))
        if (kind in ("p", "h", "html") and not text.strip()) or (kind == "quote" and not children):
            continue
        out.append((kind, text, children))
    return out


def flat_text(shape: Shape) -> str:
    """Every word of ``shape`` in reading order, tags stripped: what the examples with raw
    HTML compare."""

    def texts(nodes: Shape | tuple[Node, ...]) -> Iterator[str]:
        for _, text, children in nodes:
            yield text
            yield from texts(children)

    return strip_tags(" ".join(texts(shape)))


# --------------------------------------------------------------------------- deck


def deck_shape(deck: Deck) -> Shape:
    """The shape of a deck (see the module docstring): each slide's title, when it came
    from a heading, as an ``h`` node, then the slide's blocks."""
    nodes: list[Node] = []
    for slide in deck.slides:
        if slide.is_title:
            if not deck.meta:  # titled by the deck's top heading, not by front matter
                nodes.append(("h", collapse(slide.title), ()))
            continue
        blocks = tuple(block for block in slide.blocks if not isinstance(block, Pause))
        if not slide.untitled:
            nodes.append(("h", collapse(slide.title), ()))
        nodes.extend(_blocks_shape(blocks))
    return _tidy(nodes)


def _inline_text(inline: Inline) -> str:
    return collapse("".join(span.text for span in inline))


def _blocks_shape(blocks: Any) -> Shape:
    out: Shape = []
    previous: Any = None
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(("p", _inline_text(block.content), ()))
        elif isinstance(block, Image):
            # presenter makes one Image of each image of a paragraph of images: HTML one <p>
            if isinstance(previous, Image) and previous.lines == block.lines:
                out[-1] = ("p", collapse(f"{out[-1][1]} {block.alt}"), ())
            else:
                out.append(("p", collapse(block.alt), ()))
        elif isinstance(block, Heading):
            out.append(("h", _inline_text(block.content), ()))
        elif isinstance(block, (BulletList, NumberedList)):
            items = tuple(("li", _inline_text(item.content), tuple(_blocks_shape(item.children))) for item in block.items)
            if isinstance(block, NumberedList):
                start = block.items[0].number if block.items and block.items[0].number is not None else 1
                out.append(("ol", str(start), items))
            else:
                out.append(("ul", "", items))
        elif isinstance(block, Quote):
            out.append(("quote", "", tuple(_quote_blocks(block))))
        elif isinstance(block, Code):
            out.append(("code", block.code, ()))
        elif isinstance(block, Table):
            rows = (block.header, *block.rows)
            out.append(("table", "", tuple(("tr", " | ".join(_inline_text(cell) for cell in row), ()) for row in rows)))
        elif not isinstance(block, Pause):
            raise TypeError(f"no shape for {type(block).__name__}")
        previous = block
    return out


def _quote_blocks(quote: Quote) -> Shape:
    """A quote's blocks: its first paragraph (``content``, empty when the quote opens with
    another block), then its ``children``; a byline presenter took off the last paragraph
    (``— Name``) goes back at its end."""
    nodes = [("p", _inline_text(quote.content), ())] if quote.content else []
    nodes += _blocks_shape(getattr(quote, "children", ()))
    byline = quote.attribution or ", ".join(filter(None, (quote.speaker, quote.role)))
    if byline:
        if nodes and nodes[-1][0] == "p":
            nodes[-1] = ("p", collapse(f"{nodes[-1][1]} — {byline}"), ())
        else:
            nodes.append(("p", f"— {byline}", ()))
    return nodes


# --------------------------------------------------------------------------- comparing


def presenter_shape(markdown: str) -> Shape:
    """The shape of the deck presenter reads from ``markdown``; an empty shape when it
    refuses the text for having nothing to show. Any other refusal is raised."""
    try:
        deck = parse_text(markdown, markdown=True)
    except PresenterError as error:
        if error.message == NO_TEXT:
            return []
        raise
    return deck_shape(deck)


def compared(example: dict[str, Any]) -> tuple[Union[Shape, str], Union[Shape, str]]:
    """``(expected, actual)`` for a spec example, as the test compares them: the shapes,
    or for an example with raw HTML their :func:`flat_text`. Raises presenter's
    :class:`~presenter.errors.PresenterError` if it refuses the example."""
    expected = html_shape(example["html"])
    actual = presenter_shape(example["markdown"])
    if has_raw_html(example["html"]):
        return flat_text(expected), flat_text(actual)
    return expected, actual

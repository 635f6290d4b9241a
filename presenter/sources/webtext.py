"""The article a web page holds, as a Markdown deck text.

trafilatura (the ``web`` extra) finds the article in the page, leaving out navigation,
ads, cookie banners and comments, and reads its title, author, date and description.
They are written as a Markdown text, every character of the page's escaped so none acts
as Markdown or a command, the metadata as front matter, which the Markdown reader reads
with an article's cleaning (injected fragments dropped): the page then becomes slides as a
text article does, with a title slide and stat cards.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from presenter.errors import PresenterError
from presenter.sources.quotes import parse_quote
from presenter.sources.web import Page, is_url, one_line

INSTALL = "pip install 'presenter[web]'"
#: A date only from the page's markup (its metadata, a ``<time>``): none rather than a guess from a copyright line.
_DATES = {"original_date": True, "extensive_search": False}


def page_markdown(page: Page, where: Path | str) -> str:
    """The article in ``page`` as a Markdown deck text: front matter with its title, author,
    date and description, then its text. ``where`` names the page in errors and, for a file
    whose page has no title, gives the title."""
    trafilatura = trafilatura_or_error(where)
    try:
        found = trafilatura.bare_extraction(
            _shown_part(page.text),
            url=page.url,
            favor_precision=True,  # a slide shows less text rather than a menu or a form
            include_comments=False,
            include_tables=True,
            include_formatting=True,
            include_images=False,
            include_links=False,
            with_metadata=True,
            date_extraction_params=_DATES,
        )
    except Exception as error:  # noqa: BLE001 - a page the extractor cannot read is the page's problem
        raise PresenterError(where, None, f"cannot read the page: {one_line(error)}") from None
    body = getattr(found, "body", None) if found is not None else None
    title = _text(getattr(found, "title", None))
    blocks = _Writer(title).blocks(body) if body is not None else []
    if not blocks:
        raise PresenterError(where, None, "has no article text to present")
    description = _text(getattr(found, "description", None))
    meta = {
        "title": title or _fallback_title(where),
        "subtitle": description if description and not _repeats(description, blocks) else "",
        "author": _text(getattr(found, "author", None)),
        "date": _text(getattr(found, "date", None)),
    }
    return _front_matter(meta) + _slides_text(blocks) + "\n"


#: Classes that hide an element from a reader of the page (Bootstrap, WordPress, ...).
_HIDDEN_CLASSES = frozenset({"d-none", "hidden", "sr-only", "visually-hidden", "screen-reader-text", "print-only"})
#: Bootstrap's classes that show an element on wider screens again.
_SCREEN_DISPLAY = ("d-sm-", "d-md-", "d-lg-", "d-xl-", "d-xxl-")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _shown_part(html: str) -> Any:
    """The page without what its reader never sees: elements ``hidden``, styled
    ``display: none`` or given a class that hides them (a print-only citation block)."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):  # empty or not HTML: the extractor says so
        return html
    for element in tree.xpath("//*[@hidden or @style or @class]"):
        classes = set((element.get("class") or "").split())
        shown_on_screens = any(name.startswith(_SCREEN_DISPLAY) and not name.endswith("-none") for name in classes)  # d-none d-md-block
        if element.get("hidden") is not None or (classes & _HIDDEN_CLASSES and not shown_on_screens) or _HIDDEN_STYLE.search(element.get("style") or ""):
            element.drop_tree()
    return tree


def trafilatura_or_error(where: Path | str) -> Any:
    """trafilatura, imported only when a web page is read (it takes a while to import)."""
    try:
        import trafilatura
    except ImportError as error:
        if error.name == "trafilatura":
            raise PresenterError(where, None, f"reading a web page needs trafilatura: {INSTALL}") from None
        raise PresenterError(where, None, f"reading a web page needs trafilatura, which failed to import ({one_line(error)}): {INSTALL}") from None
    import logging

    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logger = logging.getLogger(name)
        if not logger.handlers:  # its warnings are not the user's: not printed unless logging is set up
            logger.addHandler(logging.NullHandler())
    return trafilatura


def _slides_text(blocks: list[str]) -> str:
    """The blocks as a deck's text: a page with headings splits at them; one without, as an
    article without headings does, into slides of a few blocks each."""
    if any(block.startswith("#") for block in blocks):
        return "\n\n".join(blocks)
    from presenter.sources.article import PARAGRAPHS_PER_SLIDE

    slides = (blocks[start : start + PARAGRAPHS_PER_SLIDE] for start in range(0, len(blocks), PARAGRAPHS_PER_SLIDE))
    return "\n\n---\n\n".join("\n\n".join(slide) for slide in slides)


def _fallback_title(where: Path | str) -> str:
    """A title for a page with none: its file's name, or its address's last part or host."""
    from presenter.sources.article import title_from_filename

    if not is_url(where):
        return title_from_filename(Path(where))
    import urllib.parse

    parts = urllib.parse.urlsplit(str(where))
    name = parts.path.rstrip("/").rsplit("/", 1)[-1]
    return title_from_filename(Path(urllib.parse.unquote(name))) if name else parts.hostname or "Untitled"


def _repeats(description: str, blocks: list[str]) -> bool:
    """Whether the page's description only repeats the start of its first paragraph."""
    first = next((block for block in blocks if not block.startswith("#")), "")
    words = lambda text: re.sub(r"[\W_]+", " ", text).split()  # noqa: E731
    head = words(description)[:12]
    return head == words(first)[: len(head)]


def _front_matter(meta: dict[str, str]) -> str:
    import yaml

    kept = {key: value for key, value in meta.items() if value}
    return "---\n" + yaml.safe_dump(kept, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n"


def _text(value: object) -> str:
    return " ".join(str(value).split()) if value else ""


# -- the article as Markdown ----------------------------------------------------------

#: Characters escaped wherever they are in the page's text: Markdown's inline syntax.
_INLINE = re.compile(r"([\\`*_\[\]<>~&|#])")
_SPACES = re.compile(r"\s+")
#: What a line cannot start with and stay a paragraph's text: a list, rule or underline marker.
_LINE_START = re.compile(r"^(?:([+=-])|(\d{1,9})([.)]))")
_BLOCK_TAGS = frozenset({"p", "head", "list", "quote", "table", "code", "div", "ab", "note", "figure"})
#: What holds words of its own: inside a line of text, its words are set apart by spaces.
_SPACED_TAGS = _BLOCK_TAGS | {"item", "row", "cell"}
_EMPHASIS = {"#b": "**", "#i": "*"}


class _Writer:
    """trafilatura's tree of the article (``p``, ``head``, ``list``/``item``, ``quote``,
    ``table``/``row``/``cell``, ``code``, ``hi``, ``lb``, ...) as Markdown blocks.

    The page's text is escaped, so nothing in it reads as Markdown syntax, a comment
    command or a code block's ``+exec``: the deck holds only what this writer marks up.
    """

    def __init__(self, title: str) -> None:
        self.title = title

    def blocks(self, element: Any) -> list[str]:
        """The Markdown blocks of the children of ``element`` (and of text between them)."""
        out: list[str] = []
        self._loose(element.text, out)
        for child in element:
            self._block(child, out)
            self._loose(child.tail, out)
        return out

    def _loose(self, text: str | None, out: list[str]) -> None:
        if text and text.strip():
            out.append(_lines(_escape(text)))

    def _block(self, element: Any, out: list[str]) -> None:
        tag = element.tag
        if tag == "head":
            text = _words(self._inline(element))
            rend = element.get("rend", "")
            level = int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
            if text and not (level == 1 and not out and text == _words(_escape(self.title))):  # the title slide shows it
                out.append(f"{'#' * level} {text}")
        elif tag == "p":
            text = _lines(self._inline(element))
            said = parse_quote(text) if "\n" not in text else None
            # '"…," says Maura McLaughlin, a radioastronomer': a quote with its speaker, as in a text article
            out.append(f"> “{said.text}”\n>\n> — {said.attribution}" if said is not None else text)
        elif tag == "list":
            out.append(self._list(element))
        elif tag == "quote":
            out.append(self._quote(element))
        elif tag == "table":
            out.append(self._table(element))
        elif tag == "code":
            code = "".join(element.itertext()).strip("\n")
            if code.strip():
                fence = "`" * max(3, _longest_run(code, "`") + 1)
                out.append(f"{fence}\n{code}\n{fence}")
        elif tag not in ("graphic", "lb"):  # div, ab, note, figure and anything new: what they hold
            out.extend(self.blocks(element))
        if out and not out[-1]:
            out.pop()  # a block with no words

    def _inline(self, element: Any, *, lists_apart: bool = False) -> str:
        """The text of ``element`` with its emphasis and code, line breaks as newlines; the
        words of blocks inside it (a cell's paragraphs) set apart by spaces, except lists
        when ``lists_apart`` (a list item's own lists, written under it)."""
        parts = [_escape(element.text or "")]
        for child in element:
            if child.tag == "lb":
                parts.append("\n")
            elif child.tag == "code" or (child.tag == "hi" and child.get("rend") == "#t"):
                parts.append(_code_span("".join(child.itertext())))
            elif child.tag in ("hi", "del"):
                marker = "~~" if child.tag == "del" else _EMPHASIS.get(child.get("rend", ""), "")
                wrapped = _wrap(self._inline(child), marker)
                if wrapped.endswith(marker) and _glued(wrapped[: -len(marker)], child.tail):
                    wrapped += " "  # "**More information:**Marcel" would not read as bold
                parts.append(wrapped)
            elif child.tag in _SPACED_TAGS and not (child.tag == "list" and lists_apart):
                parts.append(f" {self._inline(child)} ")
            elif child.tag not in ("graphic", "list"):
                parts.append(self._inline(child))
            parts.append(_escape(child.tail or ""))
        return "".join(parts)

    def _list(self, element: Any) -> str:
        """A list, its items' own lists nested under them (an item with no words of its own
        gives its place to them)."""
        lines = []
        numbered = element.get("rend") == "ol"
        for number, item in enumerate((child for child in element if child.tag == "item"), start=1):
            marker = f"{number}. " if numbered else "- "
            pad = " " * len(marker)
            text = _lines(self._inline(item, lists_apart=True))
            if text:
                lines.append(marker + text.replace("\n", "\n" + pad))
            for child in item:
                nested = self._list(child) if child.tag == "list" else ""
                if nested:
                    lines.append(_indent(nested, pad) if text else nested)
        return "\n".join(lines)

    def _quote(self, element: Any) -> str:
        """A block quote; text after its paragraphs (a ``<cite>``) is its ``— speaker`` line."""
        if not any(child.tag in _BLOCK_TAGS for child in element):
            held = [_lines(self._inline(element))]
        else:
            held = []
            self._loose(element.text, held)
            for child in element:
                self._block(child, held)
                tail = _lines(_escape(child.tail or ""))
                if tail:
                    held.append(tail if tail.lstrip("\\")[:1] in "—–-" else f"— {tail}")
        return "\n>\n".join("\n".join(f"> {line}" for line in block.split("\n")) for block in held if block)

    def _table(self, element: Any) -> str:
        """A table, its first row the head (Markdown has no table without one)."""
        rows = [[_words(self._inline(cell)) for cell in row if cell.tag == "cell"] for row in element if row.tag == "row"]
        rows = [row for row in rows if any(row)]
        if not rows:
            return ""
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        lines = [f"| {' | '.join(rows[0])} |", "|" + "---|" * width]
        lines.extend(f"| {' | '.join(row)} |" for row in rows[1:])
        return "\n".join(lines)


def _escape(text: str) -> str:
    """``text`` on one line (each run of white space a space), Markdown's syntax characters escaped."""
    return _INLINE.sub(r"\\\1", _SPACES.sub(" ", text))


def _lines(text: str) -> str:
    """Inline Markdown as the lines of a paragraph, each ending in a hard break (the page's
    ``<br>``): none blank, none starting as a block."""
    lines = (_words(line) for line in text.split("\n"))
    return "\\\n".join(_LINE_START.sub(_escape_start, line) for line in lines if line)


def _escape_start(match: re.Match[str]) -> str:
    return f"\\{match.group(1)}" if match.group(1) else f"{match.group(2)}\\{match.group(3)}"


def _words(text: str) -> str:
    return " ".join(text.split())


def _wrap(text: str, marker: str) -> str:
    """``text`` between emphasis markers, its outer spaces outside them."""
    inner = text.strip()
    if not inner or not marker:
        return text
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    return f"{lead}{marker}{inner}{marker}{trail}"


def _glued(inner: str, tail: str | None) -> bool:
    """Whether emphasis ending ``inner`` (in punctuation) is glued to a word after it, which
    CommonMark would not read as its end: the page's own space, lost by the extractor."""
    return bool(inner) and not inner[-1].isalnum() and not inner[-1].isspace() and bool(tail) and tail[0].isalnum()


def _code_span(code: str) -> str:
    code = " ".join(code.split())
    if not code:
        return ""
    fence = "`" * (_longest_run(code, "`") + 1)
    pad = " " if code.startswith("`") or code.endswith("`") else ""
    return f"{fence}{pad}{code}{pad}{fence}"


def _longest_run(text: str, char: str) -> int:
    return max((len(run) for run in re.findall(f"{re.escape(char)}+", text)), default=0)


def _indent(block: str, pad: str) -> str:
    return "\n".join(pad + line if line else line for line in block.split("\n"))

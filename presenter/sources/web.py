"""Web articles: a saved page (``page.html``) or an address (``https://...``) as an article.

trafilatura (the ``web`` extra) finds the article in the page, leaving out navigation,
ads, cookie banners and comments, and reads its title, author, date and description.
They are written as a Markdown text, the metadata as front matter, which the Markdown
reader reads with an article's cleaning (injected fragments dropped): the page then
becomes slides as a text article does, with a title slide and stat cards.

An address is fetched once, before anything is shown: ``http`` and ``https`` only, with a
timeout, a size limit and a limit on redirects, and only an HTML page is read. Nothing
the page refers to (images, styles, scripts) is fetched. Every failure is a one-line
:class:`~presenter.errors.PresenterError`.
"""

from __future__ import annotations

import codecs
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from presenter.errors import PresenterError

#: File suffixes read as saved web pages.
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
#: Content types read as web pages.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: Larger pages (files or downloads) are refused.
MAX_PAGE_BYTES = 10_000_000
#: Seconds a download may take, from the request to its last byte.
TIMEOUT = 15.0
#: Redirects followed before giving up.
MAX_REDIRECTS = 10
INSTALL = "pip install 'presenter[web]'"
USER_AGENT = "presenter (terminal slideshow; reads one article)"
#: What the Markdown reader is told the text is: its rules, not a guess from the page's words.
FLAVOR = "commonmark"

#: A date only from the page's markup (its metadata, a ``<time>``): none rather than a guess from a copyright line.
_DATES = {"original_date": True, "extensive_search": False}
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
#: Charsets a page names that browsers read as another (the WHATWG encoding standard).
_BROWSER_CHARSET = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "utf-16": "utf-8"}


def is_url(deck: object) -> bool:
    """Whether ``deck`` (as given on the command line) is an address, not a file name."""
    return isinstance(deck, str) and _SCHEME.match(deck) is not None


def is_web_page(path: Path) -> bool:
    """Whether the file ``path`` is a saved web page (by its suffix)."""
    return path.suffix.lower() in HTML_SUFFIXES


@dataclass(frozen=True, slots=True)
class Page:
    """A web page's bytes, with what its server said about them."""

    data: bytes
    charset: str | None = None
    """The charset the response's Content-Type names, if any."""
    url: str | None = None
    """The address the page came from, after redirects."""


def read_page(path: Path) -> Page:
    """The saved web page ``path``, refused beyond :data:`MAX_PAGE_BYTES`."""
    from presenter.sources.reading import read_bytes

    return Page(bytes(read_bytes(path, MAX_PAGE_BYTES)))


def fetch(url: str) -> Page:
    """Download the web page at ``url``, following redirects (see the module docstring)."""
    import urllib.error
    import urllib.parse

    _check_address(url, url)
    opener = _opener()
    deadline = time.monotonic() + TIMEOUT
    address, seen = url, {url}
    for _ in range(MAX_REDIRECTS + 1):
        try:
            response = opener.open(_request(address), timeout=TIMEOUT)
        except urllib.error.HTTPError as error:
            location = error.headers.get("Location") if error.code in _REDIRECTS else None
            error.close()
            if location is None:
                raise PresenterError(url, None, f"the server answered HTTP {error.code} {error.reason}".rstrip()) from None
            address = urllib.parse.urljoin(address, location.strip())
            _check_address(address, url, redirect=True)
            if address in seen:
                raise PresenterError(url, None, "redirects in a loop") from None
            seen.add(address)
            continue
        except Exception as error:  # noqa: BLE001 - every network failure is a one-line error
            raise PresenterError(url, None, _network_error(error)) from None
        with response:
            return _page(url, response, deadline)
    raise PresenterError(url, None, f"redirects more than {MAX_REDIRECTS} times")


def page_markdown(page: Page, where: Path | str) -> str:
    """The article in ``page`` as a Markdown deck text: front matter with its title, author,
    date and description, then its text. ``where`` names the page in errors and, for a file
    whose page has no title, gives the title."""
    trafilatura = _trafilatura(where)
    html = _decode(page.data, page.charset)
    try:
        found = trafilatura.bare_extraction(
            html,
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
        raise PresenterError(where, None, f"cannot read the page: {_one_line(error)}") from None
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


def web_text(deck: Path | str) -> str:
    """The Markdown deck text of the web page at ``deck``: an address or a saved page."""
    if is_url(deck):
        _trafilatura(str(deck))  # without it, nothing is downloaded
        return page_markdown(fetch(str(deck)), str(deck))
    return page_markdown(read_page(Path(deck)), deck)


# -- fetching -------------------------------------------------------------------------


def _check_address(address: str, url: str, *, redirect: bool = False) -> None:
    import urllib.parse

    try:
        parts = urllib.parse.urlsplit(address)
        parts.port  # noqa: B018 - raises for a port that is not a number
    except ValueError as error:
        raise PresenterError(url, None, f"is not a valid address: {error}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        what = f"redirects to a {scheme}: address" if redirect else f"is a {scheme}: address"
        raise PresenterError(url, None, f"{what}; only http and https pages are read")
    if not parts.hostname:
        raise PresenterError(url, None, "has no host name")


def _opener() -> Any:
    """An opener for http and https only, with redirects left to :func:`fetch`."""
    import urllib.request

    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
        urllib.request.UnknownHandler(),
    ):
        opener.add_handler(handler)
    return opener


def _request(address: str) -> Any:
    import urllib.parse
    import urllib.request

    parts = urllib.parse.urlsplit(address)
    # a space or a non-ASCII letter in the path is sent percent-encoded, as a browser sends it
    path = urllib.parse.quote(parts.path, safe="/%:@!$&'()*+,;=~")
    query = urllib.parse.quote(parts.query, safe="/%:@!$&'()*+,;=~?")
    address = urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, query, ""))
    return urllib.request.Request(address, headers={"User-Agent": USER_AGENT, "Accept": "text/html, application/xhtml+xml;q=0.9"})


def _page(url: str, response: Any, deadline: float) -> Page:
    """The body of ``response``, if it is a web page of at most :data:`MAX_PAGE_BYTES`."""
    headers = response.headers
    kind = headers.get_content_type() if headers.get("Content-Type") else "no content type"
    if kind not in HTML_TYPES:
        raise PresenterError(url, None, f"is not a web page ({kind}); only HTML pages are read")
    length = headers.get("Content-Length", "")
    if length.strip().isdigit() and int(length) > MAX_PAGE_BYTES:
        raise PresenterError(url, None, f"is larger than {MAX_PAGE_BYTES // 1_000_000} MB: too big for a web page")
    data = bytearray()
    try:
        while piece := response.read(1 << 16):
            data += piece
            if len(data) > MAX_PAGE_BYTES:
                raise PresenterError(url, None, f"is larger than {MAX_PAGE_BYTES // 1_000_000} MB: too big for a web page")
            if time.monotonic() > deadline:
                raise PresenterError(url, None, f"took longer than {TIMEOUT:g} s to download")
    except PresenterError:
        raise
    except Exception as error:  # noqa: BLE001 - a connection that breaks half-way
        raise PresenterError(url, None, _network_error(error)) from None
    return Page(bytes(data), headers.get_content_charset(), response.geturl())


def _network_error(error: BaseException) -> str:
    """What went wrong with a download, in a few words."""
    import socket
    import ssl
    import urllib.error

    reason: Any = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"timed out after {TIMEOUT:g} s"
    if isinstance(reason, socket.gaierror):
        return "cannot find the server (no such host, or no network)"
    if isinstance(reason, ssl.SSLError):
        return f"secure connection failed: {_one_line(getattr(reason, 'reason', None) or reason)}"
    if isinstance(reason, ConnectionRefusedError):
        return "cannot connect: connection refused"
    if isinstance(reason, OSError) and reason.strerror:
        return f"cannot fetch: {reason.strerror}"
    return f"cannot fetch: {_one_line(reason)}"


# -- extracting -----------------------------------------------------------------------


def _trafilatura(where: Path | str) -> Any:
    """trafilatura, imported only when a web page is read (it takes a while to import)."""
    try:
        import trafilatura
    except ImportError as error:
        if error.name == "trafilatura":
            raise PresenterError(where, None, f"reading a web page needs trafilatura: {INSTALL}") from None
        raise PresenterError(where, None, f"reading a web page needs trafilatura, which failed to import ({_one_line(error)}): {INSTALL}") from None
    import logging

    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logger = logging.getLogger(name)
        if not logger.handlers:  # its warnings are not the user's: not printed unless logging is set up
            logger.addHandler(logging.NullHandler())
    return trafilatura


def _decode(data: bytes, charset: str | None) -> str:
    """The page's text, by its byte order mark, else the server's charset, else its own
    ``<meta charset>``, else UTF-8 (or, failing that, Windows-1252, as browsers read it)."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name, errors="replace")
    meta = _META_CHARSET.search(data[:4096])
    for name in (charset, meta.group(1).decode("ascii") if meta else None):
        if name:
            name = _BROWSER_CHARSET.get(name.lower(), name)
            try:
                return data.decode(name, errors="replace")
            except LookupError:
                continue  # an unknown charset: try the next clue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


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


def _one_line(value: object) -> str:
    return " ".join(str(value).split())


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
            out.append(_lines(self._inline(element)))
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
                parts.append(_wrap(self._inline(child), marker))
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

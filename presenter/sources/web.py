"""Web articles: a saved page (``page.html``) or an address (``https://...``), read as bytes.

An address is fetched once, before anything is shown: ``http`` and ``https`` only, with a
timeout, a size limit and a limit on redirects, and only an HTML page is read. Nothing
the page refers to (images, styles, scripts) is fetched. Every failure is a one-line
:class:`~presenter.errors.PresenterError`. What the page says becomes a deck in
:mod:`presenter.sources.webtext`.
"""

from __future__ import annotations

import codecs
import re
import time
from pathlib import Path
from typing import Any, NamedTuple

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
USER_AGENT = "presenter (terminal slideshow; reads one article)"
#: What the Markdown reader is told the text is: its rules, not a guess from the page's words.
FLAVOR = "commonmark"

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


class Page(NamedTuple):
    """A web page's bytes, with what its server said about them."""

    data: bytes
    charset: str | None = None
    """The charset the response's Content-Type names, if any."""
    url: str | None = None
    """The address the page came from, after redirects."""

    @property
    def text(self) -> str:
        """The page's text, by its byte order mark, else the server's charset, else its
        own ``<meta charset>``, else UTF-8 (or, failing that, Windows-1252, as browsers
        read it)."""
        return _decode(self.data, self.charset)


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


def web_text(deck: Path | str) -> str:
    """The Markdown deck text of the web page at ``deck``: an address or a saved page."""
    from presenter.sources.webtext import page_markdown, trafilatura_or_error

    if is_url(deck):
        trafilatura_or_error(str(deck))  # without it, nothing is downloaded
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
        return f"secure connection failed: {one_line(getattr(reason, 'reason', None) or reason)}"
    if isinstance(reason, ConnectionRefusedError):
        return "cannot connect: connection refused"
    if isinstance(reason, OSError) and reason.strerror:
        return f"cannot fetch: {reason.strerror}"
    return f"cannot fetch: {one_line(reason)}"


def _decode(data: bytes, charset: str | None) -> str:
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


def one_line(value: object) -> str:
    return " ".join(str(value).split())

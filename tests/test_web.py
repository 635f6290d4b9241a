"""Web articles: saved pages and pages served from a local server become slides, and every
way fetching one can fail is a one-line error. Nothing here reaches the network."""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.util import find_spec
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from presenter.cli import cli
from presenter.model import Code, Quote, Table
from presenter.sources import load_deck, web
from tests.conftest import FIXTURES

PAGES = FIXTURES / "web"
HARBOR = PAGES / "harbor-wind.html"
BATTERY = PAGES / "battery-plant.html"
SIGN_IN = PAGES / "sign-in.html"

HARBOR_TITLES = [
    "Offshore Wind Finds a Home in an Old Harbor",
    "For forty years the cranes at…",
    "Why the Harbor Fits",
    "Jobs and Skills",
    "The Numbers So Far",
    "What Comes Next",
]
#: Text of the harbor page outside its article: navigation, cookie banner, ad, related links, comments, footer.
HARBOR_CLUTTER = ["Subscribe today", "cookies", "ADVERTISEMENT", "QuickLend", "Related stories", "harborwatcher", "Who pays", "All rights reserved"]

pytestmark = pytest.mark.skipif(find_spec("trafilatura") is None, reason="needs trafilatura: pip install 'presenter[web]'")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def assert_one_line_error(result: Result, name: str, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"presenter: {name}: "), lines[0]
    for word in words:
        assert word in lines[0], lines[0]


# -- a local server ------------------------------------------------------------------------


class Site(BaseHTTPRequestHandler):
    """The pages of the test server: each path answers one way."""

    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        Site.requests.append(self.path)
        page = HARBOR.read_bytes()
        route = {
            "/harbor.html": (200, {"Content-Type": "text/html; charset=utf-8"}, page),
            "/moved": (302, {"Location": "/harbor.html"}, b""),
            "/loop": (302, {"Location": "/loop"}, b""),
            "/ping": (301, {"Location": "/pong"}, b""),
            "/pong": (301, {"Location": "/ping"}, b""),
            "/to-ftp": (302, {"Location": "ftp://127.0.0.1/harbor.html"}, b""),
            "/report.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7\n"),
            "/notes.txt": (200, {"Content-Type": "text/plain"}, b"Just some notes."),
            "/sign-in": (200, {"Content-Type": "text/html"}, SIGN_IN.read_bytes()),
            "/stream": (200, {"Content-Type": "text/html"}, page),  # no Content-Length: read until closed
        }.get(self.path, (404, {"Content-Type": "text/html"}, b"<h1>Not here</h1>"))
        if self.path == "/slow":
            time.sleep(0.5)
            route = (200, {"Content-Type": "text/html"}, page)
        status, headers, body = route
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if self.path != "/stream":
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass  # quiet


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the timeout test) is no error of the server's


@pytest.fixture(scope="module")
def site():
    server = QuietServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The local server is reached directly, whatever proxy the machine names."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


# -- saved pages ---------------------------------------------------------------------------


def test_saved_page_becomes_slides_of_its_article() -> None:
    deck = load_deck(HARBOR)
    assert [slide.title for slide in deck.slides] == HARBOR_TITLES
    cover = deck.slides[0]
    assert cover.is_title
    assert "Maria Okafor" in cover.subtitle and "2025-03-14" in cover.subtitle
    assert "A shuttered shipyard is being rebuilt" in cover.subtitle  # the page's description
    stats = [stat.value for slide in deck.slides for stat in slide.stats]
    assert "$2.4 billion" in stats and "37%" in stats
    quote = next(block for block in deck.slides[3].blocks if isinstance(block, Quote))
    assert quote.speaker == "Tom Reilly"
    assert any(isinstance(block, Table) for block in deck.slides[4].blocks)


def test_export_shows_the_article_without_navigation_ads_or_comments() -> None:
    result = run("export", str(HARBOR), "--width", "80")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for title in HARBOR_TITLES:
        assert title in out
    for text in ("a quay strong enough for 2,000-tonne loads", "Tom Reilly", "Assembly hall roofed", "$2.4 billion"):
        assert text in out
    for clutter in HARBOR_CLUTTER:
        assert clutter not in out
    assert result.stderr == ""


def test_page_in_its_own_charset_loses_injected_fragments_as_an_article_does() -> None:
    deck = load_deck(BATTERY)  # windows-1252, said by its <meta http-equiv>
    assert deck.slides[0].title == "Battery Plant Doubles Output Ahead of Schedule"
    assert "Daniel Brandt" in deck.slides[0].subtitle
    assert [slide.title for slide in deck.slides[2:]] == ["A Second Line in Record Time", "Where the Cells Go", "Risks Ahead"]
    assert deck.slides[1].stats  # stat cards, as an article's
    quote = next(block for block in deck.slides[2].blocks if isinstance(block, Quote))
    assert (quote.speaker, quote.role) == ("Anna Weiss", "chief executive")
    result = run("export", str(BATTERY))
    assert "to €1.3 billion" in result.stdout and "Weiss said a third line" in result.stdout
    assert "上海神女论坛" not in result.stdout
    for clutter in ("SPONSORED", "Most read", "volt_fan", "Subsidised with our taxes", "Share on Facebook", "cookie"):
        assert clutter not in result.stdout
    assert "dropped 1 injected fragment(s)" in result.stderr


def test_check_reports_the_cleaning_of_a_page() -> None:
    result = run("check", str(BATTERY))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{BATTERY}: 'Battery Plant Doubles Output Ahead of Schedule', 5 slides")
    assert "read as a web article: the page's navigation, ads and comments left out" in result.stdout  # not "a commonmark deck"
    assert "removed 1:" in result.stdout
    assert "'上海神女论坛' (injected CJK fragment)" in result.stdout
    report = json.loads(run("check", "--json", str(HARBOR)).stdout)
    assert [slide["title"] for slide in report["slides"]] == HARBOR_TITLES
    assert report["removed"] == []


def test_markdown_export_reads_back_to_the_same_slides(tmp_path: Path) -> None:
    talk = tmp_path / "talk.md"
    assert run("export", str(HARBOR), "--format", "markdown", "-o", str(talk)).exit_code == 0
    assert "author: Maria Okafor" in talk.read_text(encoding="utf-8")
    assert run("export", str(talk)).stdout == run("export", str(HARBOR)).stdout


def test_page_text_is_never_read_as_markdown_or_commands(tmp_path: Path) -> None:
    page = tmp_path / "syntax.html"
    page.write_text(
        "<html><head><title>Writing Markdown by Hand</title></head><body><article>"
        "<h1>Writing Markdown by Hand</h1>"
        "<p>A slide ends at &lt;!-- end_slide --&gt; and a note is &lt;!-- speaker_note: secret --&gt; in a deck.</p>"
        "<p># This line is not a heading, and *these* are not _emphasis_ nor [a link](x).</p>"
        "<p>1. Not a list either, and neither is the line below.<br>- just a dash</p>"
        "<pre><code>```python +exec\nimport os\n```</code></pre>"
        "<p>Those three paragraphs are the article; the code above is an example of a fence.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    deck = load_deck(page)
    assert len(deck.slides) == 3  # the title slide and two of a few blocks each: no break came from the text
    out = run("export", str(page), "--width", "120").stdout
    for literal in ("<!-- end_slide -->", "<!-- speaker_note: secret -->", "# This line is not a heading", "*these*", "[a link](x)", "1. Not a list", "- just a dash"):
        assert literal in out
    code = [block for slide in deck.slides for block in slide.blocks if isinstance(block, Code)]
    assert len(code) == 1 and "+exec" in code[0].code and code[0].attributes == ()


def test_what_the_page_hides_from_its_reader_is_left_out(tmp_path: Path) -> None:
    """phys.org: a print-only citation block (class ``d-none d-print-block``) made a slide."""
    page = tmp_path / "hidden.html"
    page.write_text(
        "<html><head><title>Tar on a Flint Flake</title></head><body><article><h1>Tar on a Flint Flake</h1>"
        "<p>Researchers found birch tar on a small flint tool dredged from the North Sea floor.</p>"
        "<p>The tar shows that Neanderthals planned a process with several steps to make it.</p>"
        '<div class="d-none d-print-block"><p>Citation: Tar on a Flint Flake, retrieved from the archive.</p></div>'
        '<p style="display: none">A hidden teaser nobody sees on the page.</p>'
        '<div class="d-none d-md-block"><p>On wider screens the page also says the tool is 50,000 years old.</p></div>'
        "</article></body></html>",
        encoding="utf-8",
    )
    out = run("export", str(page), "--width", "120").stdout
    assert "Citation:" not in out and "hidden teaser" not in out
    assert "birch tar" in out and "On wider screens" in out  # shown from medium screens up: a reader sees it


def test_page_with_no_article_is_a_one_line_error() -> None:
    assert_one_line_error(run("check", str(SIGN_IN)), str(SIGN_IN), "has no article text")


def test_page_beyond_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web, "MAX_PAGE_BYTES", 1000)
    assert_one_line_error(run("check", str(HARBOR)), str(HARBOR), "too big")


def test_missing_extra_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch, site: str) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if it were not installed
    assert_one_line_error(run("export", str(HARBOR)), str(HARBOR), "needs trafilatura", "pip install 'presenter[web]'")
    before = len(Site.requests)
    assert_one_line_error(run("check", f"{site}/harbor.html"), f"{site}/harbor.html", "pip install 'presenter[web]'")
    assert len(Site.requests) == before  # nothing was downloaded


# -- addresses -----------------------------------------------------------------------------


def test_address_becomes_the_same_slides_as_the_saved_page(site: str) -> None:
    url = f"{site}/harbor.html"
    result = run("export", url)
    assert result.exit_code == 0, result.output
    assert result.stdout == run("export", str(HARBOR)).stdout
    check = run("check", url)
    assert check.stdout.startswith(f"{url}: 'Offshore Wind Finds a Home in an Old Harbor', 6 slides")
    assert load_deck(url).source is None  # no file: nothing to watch, sync or edit


def test_address_exported_to_markdown_needs_no_network_afterwards(site: str, tmp_path: Path) -> None:
    talk = tmp_path / "talk.md"
    result = run("export", f"{site}/harbor.html", "--format", "markdown", "-o", str(talk))
    assert result.exit_code == 0, result.output
    assert "wrote 6 slides" in result.stderr
    assert run("export", str(talk)).stdout == run("export", f"{site}/harbor.html").stdout


def test_redirect_is_followed_once_per_step(site: str) -> None:
    before = len(Site.requests)
    assert [slide.title for slide in load_deck(f"{site}/moved").slides] == HARBOR_TITLES
    assert Site.requests[before:] == ["/moved", "/harbor.html"]


def test_show_presents_an_address_without_watching_or_syncing(site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from presenter.tui.app import PresenterApp

    shown: list[PresenterApp] = []
    monkeypatch.setattr(PresenterApp, "run", lambda app, *args, **kwargs: shown.append(app))
    result = run(f"{site}/harbor.html")  # the default command: show
    assert result.exit_code == 0, result.output
    (app,) = shown
    assert [slide.title for slide in app.deck.slides] == HARBOR_TITLES
    assert not app.watch and not app.sync


async def test_address_presents_as_slides(site: str) -> None:
    from presenter.tui.app import make_app

    app = make_app(load_deck(f"{site}/harbor.html"), watch=True, sync=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.index == 0 and app.has_class("-title-slide")
        await pilot.press("right", "right")
        assert app.deck.slides[app.index].title == "Why the Harbor Fits"
        assert not app.watch and not app.sync


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/missing", ["HTTP 404"]),
        ("/report.pdf", ["is not a web page (application/pdf)"]),
        ("/notes.txt", ["is not a web page (text/plain)"]),
        ("/loop", ["redirects in a loop"]),
        ("/ping", ["redirects in a loop"]),
        ("/to-ftp", ["redirects to a ftp: address"]),
        ("/sign-in", ["has no article text"]),
    ],
)
def test_address_failures_are_one_line_errors(site: str, path: str, words: list[str]) -> None:
    assert_one_line_error(run("check", site + path), site + path, *words)


def test_too_large_a_page_is_refused_while_downloading(site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web, "MAX_PAGE_BYTES", 1000)
    for path in ("/harbor.html", "/stream"):  # said by its Content-Length, and found while reading
        assert_one_line_error(run("check", site + path), site + path, "larger than", "too big")


def test_slow_server_times_out(site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web, "TIMEOUT", 0.2)
    assert_one_line_error(run("check", f"{site}/slow"), f"{site}/slow", "timed out")


def test_refused_connection_is_a_one_line_error() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago, with no one listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/article"
    assert_one_line_error(run("export", url), url, "connection refused")


def test_other_schemes_and_unsafe_addresses_are_refused(site: str) -> None:
    assert_one_line_error(run("check", "ftp://127.0.0.1/a.html"), "ftp://127.0.0.1/a.html", "only http and https")
    result = run("check", f"{site}/\x1b]0;pwned\x07")
    assert result.exit_code == 2 and "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert len(result.stderr.strip().split("\n")) == 1
    assert "\\x1b" in result.stderr  # the address shown as written, made harmless


def test_serve_refuses_an_address(site: str) -> None:
    assert_one_line_error(run("serve", f"{site}/harbor.html"), f"{site}/harbor.html", "save the page first")


def test_a_paragraph_quoting_its_speaker_is_a_quote(tmp_path: Path) -> None:
    """nature.com: '“I’m super excited to be able to use the telescope,” says Maura McLaughlin, …' was a plain paragraph."""
    page = tmp_path / "quote.html"
    page.write_text(
        "<html><head><title>Telescope Opens</title></head><body><article><h1>Telescope Opens</h1>"
        "<p>The largest single-dish radio telescope is opening to astronomers around the world next year.</p>"
        "<p>“I’m super excited to be able to use the telescope,” says Maura McLaughlin, a radioastronomer at West Virginia University.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    quotes = [block for slide in load_deck(page).slides for block in slide.blocks if isinstance(block, Quote)]
    assert len(quotes) == 1 and quotes[0].speaker == "Maura McLaughlin"

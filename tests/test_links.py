"""Links a reader can follow: a hyperlink where the output carries one (the app, ANSI, HTML),
``label (url)`` where it does not (text, SVG, PDF), and never a hyperlink to anything but
http, https or mailto."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from presenter.export.ansi import export_ansi
from presenter.export.html import export_html
from presenter.export.svg import export_svgs
from presenter.export.text import export_text
from presenter.fit import slide_height
from presenter.model import Deck, Paragraph, Slide, Span
from presenter.render.slide import SlideRenderable
from presenter.sources.markdown import parse_markdown
from tests.exporting import cairosvg_or_skip

DOCS = "https://example.com/docs"
DECK = parse_markdown(
    "# Links\n\n"
    f"Read [the docs]({DOCS}) first.\n\n"
    "Also <https://example.org>, [example.net](https://example.net/) and <me@example.com>.\n\n"
    "A [**bold** label](https://b.example/x) too.\n"
)
#: What markdown-it refuses to make a link: built here as the model of any other source could.
EVIL = Deck("Evil", slides=(Slide("Evil", (Paragraph((Span("click", (), "javascript:alert(1)"), Span(" here"))),)),))
#: An OSC 8 hyperlink as the ANSI export writes it, and any OSC 8 sequence.
_OSC8 = re.compile(r"\x1b\]8;[^\x1b]*\x1b\\")
_SGR = re.compile(r"\x1b\[[0-9;]*m")


def _terminal(renderable, width: int = 60) -> str:
    """What a colour terminal receives for ``renderable``, as the app's terminal would."""
    console = Console(file=io.StringIO(), width=width, force_terminal=True, color_system="truecolor", legacy_windows=False)
    console.print(renderable)
    return console.file.getvalue()


def test_the_text_export_writes_the_url_after_the_label() -> None:
    text = export_text(DECK, width=80)
    assert f"Read the docs ({DOCS}) first." in text
    assert "A bold label (https://b.example/x) too." in text  # once, after the whole label


def test_a_link_whose_label_is_its_url_is_written_once() -> None:
    text = export_text(DECK, width=80)
    assert "Also https://example.org, example.net and me@example.com." in text
    assert "(https://example.org)" not in text and "(mailto:" not in text and "(https://example.net/)" not in text


def test_the_ansi_export_makes_a_hyperlink_of_the_label_alone() -> None:
    ansi = export_ansi(DECK, width=80)
    assert f"\x1b]8;;{DOCS}\x1b\\" in ansi
    assert f"({DOCS})" not in ansi
    plain = _SGR.sub("", _OSC8.sub("", ansi))
    assert "Read the docs first." in plain
    assert ansi == export_ansi(DECK, width=80)  # no random link ids: the same file every time


def test_the_app_draws_a_hyperlink_and_fits_the_slide_as_it_draws_it() -> None:
    slide = DECK.slides[0]
    shown = _terminal(SlideRenderable(slide))
    assert f";{DOCS}\x1b\\" in shown and f"({DOCS})" not in shown
    bare = Slide(slide.title, tuple(Paragraph(tuple(Span(s.text, s.styles) for s in b.content)) for b in slide.blocks))
    assert slide_height(slide, 24) == slide_height(bare, 24)  # the URL takes no room on screen


def test_a_search_match_in_a_link_is_marked_and_stays_a_link() -> None:
    console = Console(file=io.StringIO(), width=60, force_terminal=True, color_system="truecolor")
    lines = console.render_lines(SlideRenderable(DECK.slides[0], search="docs"), console.options, pad=False)
    marked = [s for line in lines for s in line if s.text == "docs"]
    assert marked and marked[0].style.link == DOCS and marked[0].style.bgcolor is not None


def test_html_holds_a_real_link_and_still_fetches_nothing() -> None:
    html = export_html(DECK, width=80)
    assert f'<a href="{DOCS}" rel="noopener noreferrer"><span' in html
    assert re.search(rf'<a href="{re.escape(DOCS)}"[^>]*><span[^>]*>the docs</span></a>', html)
    assert f"({DOCS})" not in html
    assert not re.search(r"\bsrc\s*=|url\(|@import", html, re.I)


def test_svg_pictures_show_the_url_and_link_nowhere() -> None:
    svg = next(iter(export_svgs(DECK, width=80).values())).decode("utf-8")
    assert f"({DOCS})" in svg.replace("&#160;", " ")
    assert "href=" not in svg


def test_the_pdf_text_holds_the_url() -> None:
    cairosvg_or_skip()
    pypdf = pytest.importorskip("pypdf", reason="pypdf is not installed (pip install '.[test]')")
    from presenter.export.pdf import export_pdf

    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(export_pdf(DECK, width=80))).pages)
    assert DOCS in text and "https://b.example/x" in text


def test_a_javascript_link_is_shown_as_text_and_never_a_hyperlink() -> None:
    assert "\x1b]8;" not in export_ansi(EVIL, width=60)
    assert "\x1b]8;" not in _terminal(SlideRenderable(EVIL.slides[0]))
    html = export_html(EVIL, width=60)
    assert "href=\"javascript" not in html.lower()
    assert "click (javascript:alert(1)) here" in re.sub(r"<[^>]*>", "", html)
    assert "click (javascript:alert(1)) here" in export_text(EVIL, width=60)


def test_a_url_with_control_characters_is_no_hyperlink_and_shows_none() -> None:
    url = "https://example.com/\x1b]52;c;cHduZWQ=\x07x"
    deck = Deck("Bad", slides=(Slide("Bad", (Paragraph((Span("bad", (), url),)),)),))
    ansi = export_ansi(deck, width=60)
    assert "\x1b]8;" not in ansi and "\x1b]52" not in ansi and "\x07" not in ansi
    assert "bad (https://example.com/]52;c;cHduZWQ=x)" in export_text(deck, width=60)


def test_without_colour_the_app_still_draws_hyperlinks() -> None:
    from presenter.themes import app_palette

    shown = _terminal(SlideRenderable(DECK.slides[0], palette=app_palette("dark", {"NO_COLOR": "1"})))
    assert f";{DOCS}\x1b\\" in shown and f"({DOCS})" not in shown

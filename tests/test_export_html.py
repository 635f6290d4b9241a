"""HTML export: one self-contained page, parsed here; and driven in headless Chromium."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from presenter.cli import cli
from presenter.export import FORMATS
from presenter.export.html import export_html
from presenter.sources import load_deck
from tests.conftest import SLIDES
from tests.exporting import CHROMIUM_FLAGS, chromium_paths

DECK = SLIDES / "shanghai-tech-hub.txt"


class Page(HTMLParser):
    """The parts of the page the tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[dict[str, str | None]] = []
        self.references: list[tuple[str, str, str]] = []
        self.scripts = 0
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append(tag)
        if tag == "section":
            self.sections.append(attributes)
        if tag == "script":
            self.scripts += 1
        for name, value in attrs:
            if name in ("src", "href", "action", "srcset", "poster", "data", "xlink:href"):
                self.references.append((tag, name, value or ""))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def test_every_slide_is_a_section_with_its_title_and_deep_link() -> None:
    deck = load_deck(DECK)
    page = parse(export_html(deck, width=80))
    assert len(page.sections) == len(deck.slides) == 9
    assert [s["id"] for s in page.sections] == [f"slide-{n}" for n in range(1, 10)]
    assert [s["data-title"] for s in page.sections] == [s.display_title for s in deck.slides]
    text = "".join(page.text)
    assert "1 / 9" in text  # the counter, and the first slide's label
    assert "Shanghai" in text and "34%" in text


def test_the_page_fetches_nothing() -> None:
    html = export_html(load_deck(SLIDES / "tour.md"), width=80)  # the tour has Markdown links
    page = parse(html)
    assert page.references, "the slide labels link to #slide-N"
    for tag, name, value in page.references:
        if (tag, name) == ("img", "src"):  # the tour's picture, in the page itself
            assert value.startswith("data:image/png;base64,"), value[:40]
            continue
        assert re.fullmatch(r"#slide-\d+", value), (tag, name, value)
    assert not re.search(r"https?:|url\(|(src|href)\s*=\s*[\"']?//|@import", html, re.I)
    assert "default-src 'none'" in html  # and the browser is told so


def test_deck_text_cannot_inject_html(tmp_path: Path) -> None:
    source = tmp_path / "evil.txt"
    source.write_text(
        "Attack <script>alert(1)</script> here\n\n"
        'Some text with <img src=x onerror="alert(2)"> and [bold red]markup[/] and &amp; in it.\n',
        encoding="utf-8",
    )
    html = export_html(load_deck(source), width=80)
    page = parse(html)
    assert page.scripts == 1  # ours only
    assert "img" not in page.tags
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    text = "".join(page.text)
    assert "<script>alert(1)</script>" in text  # shown literally
    assert '<img src=x onerror="alert(2)">' in text
    assert "[bold red]markup[/]" in text and "&amp;" in text


def test_colours_follow_the_theme() -> None:
    deck = load_deck(DECK)
    dark = export_html(deck, theme="dark")
    light = export_html(deck, theme="light")
    assert "background: #121212" in dark and "background: #f7f7f5" in light
    assert "color: #0b6e99" in light  # the light palette's title rule


def test_cli_writes_the_file_atomically(tmp_path: Path) -> None:
    assert "html" in FORMATS
    target = tmp_path / "talk.html"
    target.write_text("old", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(DECK), "--format", "html", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["talk.html"]  # no temporary left


def test_export_does_not_depend_on_the_terminal() -> None:
    outputs = []
    for columns in ("40", "200"):
        env = {"COLUMNS": columns, "LINES": "20", "TERM": "xterm-256color"}
        result = CliRunner().invoke(cli, ["export", str(DECK), "--format", "html"], env=env)
        assert result.exit_code == 0
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]


# -- a real browser ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    paths = chromium_paths()
    if paths is None:
        pytest.skip("chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    def start(javascript: bool = True):
        options = webdriver.ChromeOptions()
        options.binary_location = paths[0]
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        options.add_argument("--window-size=1100,800")
        options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")  # removed with pytest's tmp
        if not javascript:
            options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
        return webdriver.Chrome(service=Service(executable_path=paths[1]), options=options)

    drivers = []

    def make(javascript: bool = True):
        drivers.append(start(javascript))
        drivers[-1].set_page_load_timeout(30)
        return drivers[-1]

    yield make
    for driver in drivers:
        driver.quit()


@pytest.fixture(scope="module")
def page_url(tmp_path_factory) -> str:
    target = tmp_path_factory.mktemp("html") / "deck.html"
    target.write_text(export_html(load_deck(DECK), width=80), encoding="utf-8")
    return target.as_uri()


def _shown(driver) -> list[str]:
    return [s.get_attribute("id") for s in driver.find_elements("css selector", "section.slide") if s.is_displayed()]


def test_keys_move_through_the_slides_in_chromium(browser, page_url) -> None:
    from selenium.webdriver.common.keys import Keys

    driver = browser()
    driver.get(page_url)
    counter = driver.find_element("id", "counter")
    assert counter.text == "1 / 9"
    assert _shown(driver) == ["slide-1"]
    body = driver.find_element("tag name", "body")
    body.send_keys(Keys.ARROW_RIGHT)
    assert counter.text == "2 / 9"
    assert driver.current_url.endswith("#slide-2")
    assert _shown(driver) == ["slide-2"]
    body.send_keys(Keys.SPACE)
    body.send_keys(Keys.PAGE_DOWN)
    assert counter.text == "4 / 9"
    body.send_keys(Keys.PAGE_UP)
    body.send_keys(Keys.ARROW_LEFT)
    assert counter.text == "2 / 9"
    body.send_keys(Keys.END)
    assert counter.text == "9 / 9"
    body.send_keys(Keys.ARROW_RIGHT)
    assert counter.text == "9 / 9"  # stays on the last slide
    body.send_keys(Keys.HOME)
    assert counter.text == "1 / 9" and driver.current_url.endswith("#slide-1")


def test_a_deep_link_opens_its_slide_in_chromium(browser, page_url) -> None:
    driver = browser()
    driver.get(page_url + "#slide-5")
    assert driver.find_element("id", "counter").text == "5 / 9"
    assert _shown(driver) == ["slide-5"]
    driver.get(page_url + "#slide-99")  # past the end: the last slide
    driver.refresh()
    assert driver.find_element("id", "counter").text == "9 / 9"


def test_without_javascript_every_slide_is_shown_in_chromium(browser, page_url) -> None:
    driver = browser(javascript=False)
    driver.get(page_url)
    assert _shown(driver) == [f"slide-{n}" for n in range(1, 10)]
    assert not driver.find_element("id", "counter").is_displayed()


def test_speaker_notes_only_when_asked() -> None:
    deck = load_deck(SLIDES / "tour.md")
    assert any(slide.notes for slide in deck.slides)
    assert 'class="notes"' not in export_html(deck)
    page = parse(export_html(deck, notes=True))
    assert "aside" in page.tags

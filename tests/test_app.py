"""The app driven by keys and the mouse, as a presenter would, through Pilot."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import SLIDES

from presenter.model import Deck, Lines, Paragraph, Pause, Slide, Span
from presenter.tui.app import PresenterApp, make_app
from presenter.tui.help import HelpScreen
from presenter.tui.search import matching_slides

SIZE = (100, 30)


def seed_app() -> PresenterApp:
    return make_app(SLIDES / "shanghai-tech-hub.txt")


async def seen(pilot) -> str:
    """The characters on the screen once it has caught up with the keys pressed."""
    await pilot.pause()
    return screen_text(pilot.app)


async def until(pilot, condition, seconds: float = 3.0) -> bool:
    """Whether ``condition()`` holds within ``seconds`` (the command palette searches in a
    worker): polled, so a test waits no longer than the app takes."""
    for _ in range(int(seconds / 0.02)):
        if condition():
            return True
        await pilot.pause(0.02)
    return bool(condition())


def screen_text(app: PresenterApp) -> str:
    """The characters on the screen, as a user reads them."""
    svg = app.export_screenshot()
    chunks = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape("".join(chunks)).replace("\xa0", " ")


def position(app: PresenterApp) -> int:
    return app.index + 1


async def test_starts_on_the_title_slide():
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = await seen(pilot)
        assert "Shanghai Tech Hub" in text
        assert "1 / 9" in text
        assert app.has_class("-title-slide")


@pytest.mark.parametrize("key", ["right", "space", "pagedown", "enter", "l", "j"])
async def test_next_keys(key):
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        assert position(app) == 2
        assert "2 / 9" in await seen(pilot)
        assert not app.has_class("-title-slide")


@pytest.mark.parametrize("key", ["left", "backspace", "pageup", "h", "k"])
async def test_previous_keys(key):
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "right", "right", key)
        assert position(app) == 3


async def test_home_end_gg_and_G():
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end")
        assert position(app) == 9
        assert "The Road Ahead" in await seen(pilot)
        await pilot.press("home")
        assert position(app) == 1
        await pilot.press("G")
        assert position(app) == 9
        await pilot.press("g")
        assert position(app) == 9, "a single g does nothing"
        await pilot.press("g")
        assert position(app) == 1


async def test_edges_do_not_wrap():
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("left")
        assert position(app) == 1
        await pilot.press("end", "right", "space")
        assert position(app) == 9


async def test_number_then_enter_jumps():
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        assert "go to 6" in await seen(pilot)
        await pilot.press("enter")
        assert position(app) == 6
        assert "Challenges Ahead" in await seen(pilot)
        await pilot.press("1", "2", "backspace", "enter")
        assert position(app) == 1


async def test_jump_past_the_end_warns_and_stays():
    app = seed_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("right", "4", "2", "enter")
        await pilot.pause()
        assert position(app) == 2
        assert "There is no slide 42" in await seen(pilot)


async def test_escape_clears_a_pending_number():
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "escape", "enter")
        assert position(app) == 2


async def test_help_overlay_lists_every_key_and_closes():
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = await seen(pilot)
        for words in ("next slide", "previous slide", "first slide", "last slide", "go to that slide", "quit"):
            assert words in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark", "question_mark")
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits():
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_click_advances():
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#stage")
        assert position(app) == 2


async def test_tiny_terminal_asks_for_a_larger_window_and_recovers():
    app = seed_app()
    async with app.run_test(size=(30, 10)) as pilot:
        await pilot.pause()
        assert app.has_class("-too-small")
        assert "too small" in await seen(pilot)
        await pilot.press("right")
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not app.has_class("-too-small")
        assert "2 / 9" in await seen(pilot)


async def test_slide_reflows_on_resize():
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "enter")
        wide = await seen(pilot)
        await pilot.resize_terminal(60, 30)
        await pilot.pause()
        narrow = await seen(pilot)
        assert "In the heart of Yangtze River Delta" in wide
        assert narrow != wide
        assert "Valley" in narrow


def paused_deck() -> Deck:
    def para(text: str) -> Paragraph:
        return Paragraph((Span(text),), Lines(1, 1))

    slides = (
        Slide("First", (para("alpha"), Pause(), para("beta"), Pause(), para("gamma"))),
        Slide("Second", (para("delta"),)),
    )
    return Deck("Paused", slides=slides)


async def test_pauses_reveal_step_by_step_and_step_back():
    app = PresenterApp(paused_deck())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = await seen(pilot)
        assert "alpha" in text and "beta" not in text
        assert "step 1/3" in text
        await pilot.press("right")
        text = await seen(pilot)
        assert "beta" in text and "gamma" not in text and "step 2/3" in text
        await pilot.press("right")
        assert "gamma" in await seen(pilot)
        await pilot.press("right")
        assert position(app) == 2
        await pilot.press("left")
        text = await seen(pilot)
        assert position(app) == 1 and "gamma" in text, "stepping back lands on the full slide"
        await pilot.press("left")
        assert "gamma" not in await seen(pilot)


async def test_no_pauses_shows_everything():
    app = PresenterApp(paused_deck(), pauses=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = await seen(pilot)
        assert "alpha" in text and "beta" in text and "gamma" in text
        assert "step" not in text
        await pilot.press("right")
        assert position(app) == 2


async def test_rich_markup_in_text_shows_literally():
    deck = Deck("Markup", slides=(Slide("[bold red]Title[/]", (Paragraph((Span("see [link=http://x]y[/link]"),)),)),))
    app = PresenterApp(deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = await seen(pilot)
        assert "[bold red]Title[/]" in text
        assert "[link=http://x]y[/link]" in text


ARTICLE = """Intro paragraph for the deck.

First Section
Body of the first section.

Second Section
Body of the second section.

Third Section
Body of the third section.
"""


async def test_reload_keeps_the_slide_and_survives_a_broken_save(tmp_path):
    path = tmp_path / "talk.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    app = make_app(path, watch=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("3", "enter")
        assert "Second Section" in await seen(pilot)
        path.write_text(ARTICLE.replace("Body of the second", "Rewritten body of the second"), encoding="utf-8")
        for _ in range(50):
            await pilot.pause(0.1)
            if "Rewritten body" in screen_text(app):
                break
        text = screen_text(app)
        assert "Rewritten body of the second section" in text
        assert position(app) == 3
        path.write_bytes(b"\x00\x01binary")
        for _ in range(50):
            await pilot.pause(0.1)
            if "Not reloaded" in screen_text(app):
                break
        text = screen_text(app)
        assert "Not reloaded" in text
        assert "Rewritten body of the second section" in text, "the last good deck stays"


async def test_reload_of_a_shorter_deck_goes_to_the_nearest_slide(tmp_path):
    path = tmp_path / "talk.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end")
        assert position(app) == 4
        path.write_text("Intro paragraph.\n\nOnly Section\nJust one body.\n", encoding="utf-8")
        app.reload()
        text = await seen(pilot)
        assert position(app) == 2
        assert "Only Section" in text and "2 / 2" in text


async def test_reload_of_a_markdown_deck_keeps_clean(tmp_path):
    path = tmp_path / "talk.md"
    words = "A paragraph long enough that a short run of another script is plainly foreign to it."
    path.write_text(f"# Hello\n\n{words}\n", encoding="utf-8")
    app = make_app(path, clean=True)
    async with app.run_test(size=SIZE) as pilot:
        path.write_text(f"# Hello\n\n{words}\n\n免费下载\n", encoding="utf-8")
        app.reload()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [r.text for r in app.deck.removed] == ["免费下载"]
        assert "免费下载" not in screen_text(app)


async def test_overview_moves_and_opens():
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "right", "o")
        text = await seen(pilot)
        assert "Zhangjiang High-Tech" in text and "The Road Ahead" in text
        await pilot.press("right", "down", "enter")
        await pilot.pause()
        assert position(app) == 7, "3 columns at 100 wide: slide 3, right, down"
        await pilot.press("tab", "left", "escape")
        await pilot.pause()
        assert position(app) == 7, "Escape returns without moving"


async def test_clicking_a_miniature_in_the_overview_opens_that_slide():
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await pilot.click("#tile-5")
        await pilot.pause()
        assert position(app) == 6
        assert "Challenges Ahead" in await seen(pilot)


async def test_search_finds_highlights_and_cycles():
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"patents", "enter")
        text = await seen(pilot)
        assert position(app) == 4
        assert "/patents 1 of 1" in text
        assert "q" not in app.search  # typing went to the search bar, not to key bindings
        await pilot.press("home", "slash", *"billion", "enter")
        assert matching_slides(app.deck.slides, app.search) == [2, 6], "slides 3 and 7 mention billions"
        assert position(app) == 3
        assert "/billion 1 of 2" in await seen(pilot)
        await pilot.press("n")
        assert position(app) == 7
        assert "/billion 2 of 2" in await seen(pilot)
        await pilot.press("n")
        assert position(app) == 3, "wraps around"
        await pilot.press("N")
        assert position(app) == 7
        await pilot.press("escape")
        assert app.search == ""


def unicorn_deck(tmp_path) -> Path:
    """A slide too long for the window, shown in pieces: "The unicorn hides here." ends it."""
    paragraphs = "\n\n".join(f"Paragraph {i} of a long slide, with words enough to fill some rows." for i in range(30))
    deck = tmp_path / "long.md"
    deck.write_text(f"# Long\n\n{paragraphs}\n\nThe unicorn hides here.\n\n---\n\n# Next\n\nText.\n", encoding="utf-8")
    return deck


async def test_search_goes_to_the_piece_of_a_long_slide_that_shows_the_match(tmp_path):
    # before: it went to the slide's first piece, the match three pieces further on and out of sight
    app = make_app(unicorn_deck(tmp_path), watch=False, sync=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"unicorn", "enter")
        text = await seen(pilot)
        assert position(app) == 1 and app.part == len(app.pieces(0)) - 1 > 0
        assert "The unicorn hides here." in text and "/unicorn 1 of 1" in text


async def test_search_with_no_match_says_so():
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"zebra", "enter")
        text = await seen(pilot)
        assert "no match" in text and position(app) == 1


async def test_overview_of_a_big_deck_shows_one_page_and_turns_pages():
    slides = tuple(Slide(title=f"Slide number {n}", blocks=(Paragraph((Span(f"text {n}"),)),)) for n in range(1, 2001))
    app = PresenterApp(Deck(title="Big", slides=slides))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert len(screen.query(".tile")) == 9, "3 columns x 3 rows at 100x30, not 2,000 tiles"
        await pilot.press("pagedown", "right")
        await pilot.pause()
        assert "Slide number 11" in screen_text(app) and "Slide number 1 " not in screen_text(app)
        await pilot.press("end", "up")
        await pilot.pause()
        assert "Slide number 2000" not in screen_text(app), "up from the last tile turns back a page"
        await pilot.press("enter")
        await pilot.pause()
        assert position(app) == 1997

"""The app fits each slide to the window: long slides continue on pieces "(2/3)"."""

from __future__ import annotations

from conftest import SLIDES
from test_app import position, seen

from presenter.model import Deck, Lines, Paragraph, Pause, Slide, Span
from presenter.tui.app import PresenterApp, make_app

SEED = SLIDES / "shanghai-tech-hub.txt"


def long_deck(paragraphs: int = 12, pause_every: int = 0) -> Deck:
    blocks = []
    for n in range(1, paragraphs + 1):
        if pause_every and n > 1 and (n - 1) % pause_every == 0:
            blocks.append(Pause())
        blocks.append(Paragraph((Span(f"Paragraph number {n} says something worth hearing."),), Lines(n, n)))
    return Deck("Long", slides=(Slide("Results", tuple(blocks)), Slide("After")))


async def test_a_slide_too_tall_continues_on_pieces_and_back():
    app = PresenterApp(long_deck())
    async with app.run_test(size=(60, 14)) as pilot:
        text = await seen(pilot)
        pieces = len(app.pieces())
        assert pieces > 1
        assert f"Results (1/{pieces})" in text and "Paragraph number 1 " in text
        assert "Paragraph number 12" not in text
        for _ in range(pieces - 1):
            await pilot.press("right")
        text = await seen(pilot)
        assert f"Results ({pieces}/{pieces})" in text and "Paragraph number 12" in text
        assert position(app) == 1, "still the first slide of the deck"
        await pilot.press("right")
        assert "After" in await seen(pilot)
        await pilot.press("left")
        assert f"Results ({pieces}/{pieces})" in await seen(pilot), "back lands on the last piece"


async def test_every_paragraph_is_shown_exactly_once_across_pieces():
    app = PresenterApp(long_deck(20))
    async with app.run_test(size=(50, 12)) as pilot:
        seen_numbers = []
        for _ in range(len(app.pieces())):
            text = " ".join((await seen(pilot)).split())
            seen_numbers += [n for n in range(1, 21) if f"Paragraph number {n} says" in text]
            await pilot.press("right")
        assert seen_numbers == list(range(1, 21))


async def test_resizing_refits_and_keeps_the_content_on_screen():
    app = PresenterApp(long_deck(16))
    async with app.run_test(size=(60, 14)) as pilot:
        await pilot.pause()
        while "Paragraph number 9 " not in await seen(pilot):
            await pilot.press("right")
        await pilot.resize_terminal(120, 40)
        text = await seen(pilot)
        assert len(app.pieces()) == 1 and "Results" in text and "(1/" not in text
        assert "Paragraph number 9 " in text
        await pilot.resize_terminal(60, 14)
        assert "Paragraph number 9 " in await seen(pilot), "shrinking again stays on that paragraph"


async def test_pauses_carry_across_pieces():
    app = PresenterApp(long_deck(12, pause_every=3))
    async with app.run_test(size=(60, 14)) as pilot:
        await pilot.pause()
        revealed = []
        for _ in range(40):
            text = " ".join((await seen(pilot)).split())
            revealed.append(max((n for n in range(1, 13) if f"number {n} says" in text), default=0))
            if "After" in text:
                break
            await pilot.press("right")
        shown = revealed[:-1]  # the last entry is the next slide, "After"
        assert shown[0] == 3, "the first step shows the paragraphs before the first pause"
        assert shown[-1] == 12
        assert all(b > a for a, b in zip(shown, shown[1:])), f"each press reveals more: {shown}"


async def test_the_bundled_deck_at_80x24_shows_every_slide_whole_or_in_pieces():
    app = make_app(SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        seen_titles = []
        for _ in range(30):
            seen_titles.append(app.current.display_title)
            if position(app) == 9 and app.part == len(app.pieces()) - 1:
                break
            await pilot.press("right")
        bases = [t.split(" (")[0] for t in seen_titles]
        assert bases[-1] == "The Road Ahead"
        assert len(set(bases)) == 9


async def test_slide_4_of_the_bundled_deck_takes_two_pieces_at_64x18():
    app = make_app(SEED)
    async with app.run_test(size=(64, 18)) as pilot:
        await pilot.press("4", "enter", "right")
        text = await seen(pilot)
        assert app.current.display_title == "Zhangjiang High-Tech Park: The Engine of Innovation (2/2)"
        assert "San Francisco" in text and position(app) == 4


async def test_slides_fitted_ahead_are_not_shown_after_the_deck_changes():
    """The app fits the slides either side of the one on screen ahead of the next key
    press; a deck reloaded meanwhile must still be the one shown."""
    before = Deck("Deck", slides=(Slide("First"), Slide("Second", (Paragraph((Span("Old words."),)),))))
    after = Deck("Deck", slides=(Slide("First"), Slide("Second", (Paragraph((Span("New words."),)),))))
    app = PresenterApp(before)
    async with app.run_test(size=(60, 14)) as pilot:
        await pilot.pause()
        assert app.pieces(1)[0].blocks[0].content[0].text == "Old words.", "slide 2 was fitted ahead"
        app.replace_deck(after)
        await pilot.press("right")
        text = await seen(pilot)
        assert "New words." in text and "Old words." not in text


async def test_the_next_slide_drawn_ahead_is_drawn_again_for_a_new_width():
    """The app draws the next slide ahead of the key press, at the slide's width: after a
    resize, Next shows it wrapped to the new width, not the old."""
    words = " ".join(f"word{n}" for n in range(60))
    deck = Deck("Deck", slides=(Slide("First"), Slide("Second", (Paragraph((Span(words),)),))))
    app = PresenterApp(deck)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(60, 30)
        await pilot.pause()
        await pilot.press("right")
        lines = (await seen(pilot)).splitlines()
        shown = [line for line in lines if "word" in line]
        assert " ".join(" ".join(line.split()) for line in shown) == words, "every word, in order"
        assert all(len(line.rstrip()) <= 60 for line in lines)
        assert len(shown) > 1

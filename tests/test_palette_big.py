"""The command palette on a deck of hundreds of slides: it lists at most LISTED of them."""

from __future__ import annotations

from test_app import position, screen_text, until

from presenter.model import Deck, Paragraph, Slide, Span
from presenter.tui.app import PresenterApp
from presenter.tui.commands import LISTED

SIZE = (100, 30)


def big_deck(count: int = 3 * LISTED) -> Deck:
    slides = [Slide(f"Topic {n}", (Paragraph((Span(f"Body of topic {n}."),)),), notes=f"remember item{n}x") for n in range(1, count + 1)]
    return Deck("Big", slides=tuple(slides))


def listed(app: PresenterApp) -> list[str]:
    """The slides the open palette lists, in order (not Textual's own commands)."""
    commands = app.screen.query_one("CommandList")
    prompts = [str(commands.get_option_at_index(i).prompt).split("\n")[0] for i in range(commands.option_count)]
    return [prompt for prompt in prompts if prompt.split(".")[0].isdigit()]


async def test_with_nothing_typed_the_palette_lists_the_slides_from_the_current_one():
    app = PresenterApp(big_deck())
    async with app.run_test(size=SIZE) as pilot:
        app.goto_slide(149)
        await pilot.press("ctrl+p")
        assert await until(pilot, lambda: len(listed(app)) == LISTED)
        shown = listed(app)
        assert len(shown) == LISTED
        assert shown[0] == "150. Topic 150" and shown[-1] == f"{149 + LISTED}. Topic {149 + LISTED}"


async def test_a_search_lists_the_best_matches_and_finds_notes_anywhere_in_the_deck():
    app = PresenterApp(big_deck())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        assert await until(pilot, lambda: len(listed(app)) == LISTED)
        await pilot.press(*"Topic")
        await pilot.pause(0.3)  # the search settles on its matches
        assert len(listed(app)) == LISTED, "every title matches: only the first hundred are listed"
        for _ in "Topic":
            await pilot.press("backspace")
        await pilot.press(*"item277x")
        assert await until(pilot, lambda: listed(app) == ["277. Topic 277"])
        assert "in the notes: remember item277x" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert position(app) == 277

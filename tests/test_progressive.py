"""A long deck opens on its first slides and is read to the end while they are shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from test_app import screen_text, until

from presenter.cli import cli
from presenter.sources import deck_stages, first_deck, load_deck
from presenter.tui.app import PresenterApp, make_app
from presenter.tui.footer import DeckFooter

SIZE = (100, 30)
SLIDES = 2_000


def big_deck(path: Path, *, tail: str = "", slides: int = SLIDES) -> Path:
    """A Markdown deck of ``slides`` slides, with an injected fragment."""
    parts = ["---\ntitle: Big Deck\n---\n"]
    for k in range(1, slides):
        fragment = "爱上海论坛\n" if k == 7 else ""
        parts.append(f"{fragment}# Slide {k}\n\nRevenue grew {k % 90 + 5}% in quarter {k}, said the board.\n\n- first point\n- second point\n\n---\n")
    path.write_text("\n".join(parts).rstrip("-\n") + "\n" + tail, encoding="utf-8")
    return path


def big_article(path: Path) -> Path:
    """A plain-text article of SLIDES slides, with an injected fragment."""
    parts = ["---\ntitle: Big Article\n---\nA long report on the year, section by section.\n"]
    for k in range(1, SLIDES):
        fragment = "爱上海论坛" if k == 7 else ""
        parts.append(f"{fragment}Section {k} Review\nRevenue grew {k % 90 + 5}% in quarter {k}, said the board.\n- first point\n- second point\n")
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def deck_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return big_deck(tmp_path_factory.mktemp("big") / "big.md")


#: Slides of a deck long enough to open on its first slides, and quick to read to the end.
LONG = 150


@pytest.fixture(scope="module")
def long_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return big_deck(tmp_path_factory.mktemp("long") / "long.md", slides=LONG)


@pytest.mark.parametrize("kind", ["markdown", "article"])
def test_stages_grow_to_the_same_deck_as_reading_it_whole(tmp_path: Path, kind: str) -> None:
    deck_file = big_deck(tmp_path / "big.md") if kind == "markdown" else big_article(tmp_path / "big.txt")
    decks = [stage for stage in deck_stages(deck_file, clean=True) if stage is not None]
    whole = load_deck(deck_file, clean=True)  # an article is always cleaned; a Markdown deck when asked
    assert len(whole.slides) == SLIDES and len(whole.removed) == 1
    assert decks[-1] == whole
    assert len(decks) > 3 and len(decks[0].slides) < 40 and all(deck.partial for deck in decks[:-1])
    for partial in decks[:-1]:
        settled = len(partial.slides) - 1  # the last slide read may still gain notes
        assert partial.slides[:settled] == whole.slides[:settled]


async def until_read(app: PresenterApp, pilot) -> None:
    for _ in range(400):
        if not app.query_one(DeckFooter).reading:
            return
        await pilot.pause(0.05)
    raise AssertionError("the deck was never read to the end")


async def test_the_app_opens_on_the_first_slides_and_reads_the_rest(deck_file: Path) -> None:
    stages = deck_stages(deck_file)
    app = make_app(first_deck(stages), rest=stages)
    async with app.run_test(size=SIZE) as pilot:
        footer = app.query_one(DeckFooter)
        assert footer.reading and footer.total < SLIDES
        assert f"1 / {footer.total}+" in screen_text(app)
        await pilot.press("right", "right")
        assert app.index == 2  # keys work while the rest is read
        await until_read(app, pilot)
        assert footer.total == SLIDES and app.index == 2
        assert "Slide 2" in screen_text(app) and f"3 / {SLIDES}" in screen_text(app)
        await pilot.press("end")
        assert app.index == SLIDES - 1


async def test_keys_pressed_without_a_pause_go_on_past_the_slides_read_first(long_deck: Path) -> None:
    """Reading waits while keys are pressed, but not when the presenter nears the last slide
    read (an arrow key held from the start)."""
    stages = deck_stages(long_deck)
    app = make_app(first_deck(stages), rest=stages)
    async with app.run_test(size=SIZE) as pilot:
        target = len(app.deck.slides) + 10
        for _ in range(target):
            await pilot.press("right")
            await pilot.pause(0.02)
        assert app.index == target and f"Slide {target}" in screen_text(app)


async def test_a_slide_number_or_end_beyond_the_slides_read_is_gone_to_once_read(long_deck: Path) -> None:
    stages = deck_stages(long_deck)
    app = make_app(first_deck(stages), rest=stages)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "2", "0", "enter")
        assert await until(pilot, lambda: app.index == 119, seconds=20)
        assert "Slide 119" in screen_text(app)
    stages = deck_stages(long_deck)
    app = make_app(first_deck(stages), rest=stages)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end")
        assert await until(pilot, lambda: app.index == LONG - 1 and not app.deck.partial, seconds=20)


async def test_a_key_pressed_meanwhile_drops_the_slide_asked_for(long_deck: Path) -> None:
    stages = deck_stages(long_deck)
    app = make_app(first_deck(stages), rest=stages)
    async with app.run_test(size=SIZE) as pilot:
        # the keys' actions one after the other, as a quick presenter's keys come (the pilot
        # waits for the app to be idle after each key: here, until the deck is read)
        app.pending = "120"
        app.action_enter()
        footer = app.query_one(DeckFooter)
        assert footer.heading == "120"  # shown as "going to 120 once read"
        app.action_next_slide()
        assert footer.heading == ""
        await until_read(app, pilot)
        assert app.index == 1


async def test_a_search_before_the_deck_is_read_says_so(long_deck: Path) -> None:
    stages = deck_stages(long_deck)
    app = make_app(first_deck(stages), rest=stages)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"quarter 149,", "enter")
        assert "/quarter 149,: no match in the slides read so far" in screen_text(app)
        await until_read(app, pilot)
        await pilot.press("n")
        assert app.index == LONG - 1


def headless_run(pilot_script=None):
    """PresenterApp.run without a terminal (CI has none), driven by ``pilot_script``."""
    original = PresenterApp.run

    def run(self, **kwargs):
        return original(self, headless=True, size=SIZE, auto_pilot=pilot_script)

    return run


def test_a_long_deck_broken_near_its_end_keeps_its_slides_and_reports_the_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = big_deck(tmp_path / "broken.md", tail="\n---\n\n# Bad\n\n<!-- pause\nprint(1)\n")
    error = f"{path}:{len(path.read_text().splitlines()) - 1}: unclosed HTML comment '<!--'"
    shown = []

    async def present(pilot) -> None:
        await until_read(pilot.app, pilot)
        await pilot.press("end")
        shown.append((pilot.app.index, screen_text(pilot.app)))
        await pilot.press("q")

    monkeypatch.setattr(PresenterApp, "run", headless_run(present))
    result = CliRunner().invoke(cli, ["show", str(path)], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == f"presenter: {error}"
    index, text = shown[0]
    assert index == SLIDES - 1 and f"Slide {SLIDES - 1}" in text  # every slide before the error
    notice = " ".join(text.replace("▌", " ").split())  # the notice wraps where the temporary path makes it
    assert "could not be read" in notice and "unclosed HTML comment '<!--'" in notice


def test_what_was_dropped_is_reported_once_the_deck_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = big_deck(tmp_path / "big.md")

    async def present(pilot) -> None:
        await until_read(pilot.app, pilot)
        await pilot.press("q")

    monkeypatch.setattr(PresenterApp, "run", headless_run(present))
    result = CliRunner().invoke(cli, ["show", "--clean", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "dropped 1 injected fragment(s)" in result.output


async def test_a_long_deck_saved_again_is_reread_keeping_the_slide(tmp_path: Path) -> None:
    path = big_deck(tmp_path / "big.md")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "right", "right")
        path.write_text(path.read_text(encoding="utf-8").replace("# Slide 3\n", "# Slide three, renamed\n"), encoding="utf-8")
        app.reload()
        for _ in range(400):
            if app.deck.slides[3].title != "Slide 3":
                break
            await pilot.pause(0.05)
        assert app.deck.slides[3].title == "Slide three, renamed"
        await pilot.pause()
        assert app.index == 3 and "Slide three, renamed" in screen_text(app)
        path.write_text(path.read_text(encoding="utf-8") + "\n---\n\n```python\nprint(1)\n", encoding="utf-8")
        app.reload()
        await app.workers.wait_for_complete()
        assert app.deck.slides[3].title == "Slide three, renamed"  # the last good deck stays

"""The first frame holds only what it shows; what the presenter asks for later is mounted then.

The figures behind this (benchmarks/run.py, launch column): each widget in the first frame is
styled and laid out before it is drawn, and a theme other than the app's first one makes
Textual parse and apply the whole stylesheet a second time.
"""

from __future__ import annotations

from textual.app import App

from presenter.tui.app import PresenterApp, make_app
from presenter.tui.presenter_view import PresenterPanel

from conftest import SLIDES

SIZE = (100, 30)
SEED = SLIDES / "shanghai-tech-hub.txt"
LATER = ("#search", "#presenter-panel", "#too-small")


def ids(app: PresenterApp) -> list[str]:
    return [f"#{widget.id}" for widget in app.screen.query("*") if widget.id]


async def test_the_first_frame_mounts_only_the_slide_and_the_footer():
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert [name for name in LATER if name in ids(app)] == []
        assert "#slide" in ids(app) and "#footer" in ids(app)


async def test_search_bar_is_mounted_on_first_use_above_the_footer():
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        order = ids(app)
        assert order.index("#search") < order.index("#footer")
        assert app.focused is app.query_one("#search")
        await pilot.press("escape", "slash")  # the second time, the same bar
        assert len(app.query("#search")) == 1


async def test_presenter_panel_is_mounted_on_first_use_beside_the_slide():
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        panel = app.query_one(PresenterPanel)
        assert panel.parent is app.screen and panel.display
        await pilot.press("p", "p")
        assert len(app.query(PresenterPanel)) == 1


async def test_presenter_view_from_the_start_is_in_the_first_frame():
    app = make_app(SEED, presenter_view=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "#presenter-panel" in ids(app)


async def test_too_small_message_is_mounted_once_when_needed():
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        for size in ((30, 10), SIZE, (30, 10)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        assert app.has_class("-too-small") and len(app.query("#too-small")) == 1


async def test_the_default_theme_needs_no_second_pass_over_the_stylesheet(monkeypatch):
    passes = []

    def refresh_css(self, animate: bool = True) -> None:
        passes.append(self.theme)
        App.refresh_css(self, animate)

    monkeypatch.setattr(PresenterApp, "refresh_css", refresh_css)
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert passes == []


# -- theme.tcss: the first frame's rules first, the rest when first needed (tui/stylesheet.py) --

THEME = SLIDES.parent / "theme.tcss"


def theme_source(app: PresenterApp) -> str:
    return app.stylesheet.source[(str(app._theme_source[0]), "")].content


def test_the_first_frame_part_of_the_theme_holds_no_rule_for_what_opens_later():
    from presenter.tui.stylesheet import LATER as MARKER, first_frame_part

    whole = THEME.read_text(encoding="utf-8")
    first = first_frame_part(whole)
    assert MARKER in whole and whole.startswith(first) and len(first) < len(whole) / 2
    for selector in (*LATER, "#help", "HelpScreen", "OverviewScreen", ".tile", ".-too-small #", "#clock"):
        assert selector not in first and selector in whole
    assert first_frame_part("Screen { color: red; }") == "Screen { color: red; }"  # no marker: all of it


async def test_the_rest_of_the_theme_is_parsed_when_help_first_opens():
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "HelpScreen" not in theme_source(app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert theme_source(app) == THEME.read_text(encoding="utf-8")
        assert app.screen.query_one("#help").styles.width.value == 88  # theme.tcss's rule applies


async def test_a_user_stylesheet_still_wins_over_the_rules_parsed_later(tmp_path):
    mine = tmp_path / "mine.tcss"
    mine.write_text("#help { width: 60; }\n#presenter-panel { width: 50%; }\n", encoding="utf-8")
    app = make_app(SEED, css=mine)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen.query_one("#help").styles.width.value == 60
        await pilot.press("escape", "p")
        await pilot.pause()
        assert app.query_one(PresenterPanel).region.width == 50


async def test_the_presenter_view_at_launch_and_a_tiny_window_get_their_rules():
    app = make_app(SEED, presenter_view=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.query_one(PresenterPanel).region.width == 40  # 40% of 100 columns
    small = make_app(SEED)
    async with small.run_test(size=(30, 8)) as pilot:
        await pilot.pause()
        assert small.query_one("#too-small").display and not small.query_one("#stage").display

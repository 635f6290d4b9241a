"""Themes: the registry, choosing one (--theme, front matter, default), --css and NO_COLOR."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SLIDES
from rich.console import Console
from textual.color import Color

from presenter.cli import cli
from presenter.errors import PresenterError
from presenter.export.text import export_text
from presenter.render.palette import DEFAULT_PALETTE, PLAIN_PALETTE, STYLE_FIELDS
from presenter.render.slide import SlideRenderable
from presenter.sources import load_deck
from presenter.themes import THEMES, app_palette, choose_theme, get_theme, no_color, user_stylesheet
from presenter.tui.app import make_app

SEED = SLIDES / "shanghai-tech-hub.txt"
TOUR = SLIDES / "tour.md"
SIZE = (100, 30)


@pytest.fixture(autouse=True)
def _colour(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)


def deck_file(tmp_path: Path, front_matter: str) -> Path:
    path = tmp_path / "talk.md"
    path.write_text(f"---\ntitle: Talk\n{front_matter}---\n\n# One\n\nHello.\n", encoding="utf-8")
    return path


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


# -- the registry -------------------------------------------------------------------------------


def test_three_built_in_themes_dark_first() -> None:
    assert list(THEMES) == ["dark", "light", "high-contrast"]
    assert get_theme("dark").palette is DEFAULT_PALETTE
    assert get_theme(" Light ").name == "light"


@pytest.mark.parametrize("name", list(THEMES))
def test_each_theme_has_a_palette_and_a_textual_theme(name: str) -> None:
    theme = THEMES[name]
    for field in STYLE_FIELDS:
        assert getattr(theme.palette, field) is not None
    assert theme.palette.title.color is not None, "every built-in theme colours its titles"
    textual = theme.textual_theme()
    assert textual.name == theme.textual_name == ("textual-dark" if name == "dark" else f"presenter-{name}")
    assert textual.dark is (name != "light")


def test_palettes_differ_where_the_background_does() -> None:
    dark, light, contrast = (THEMES[n].palette for n in THEMES)
    assert dark.title != light.title
    assert light.text.color is not None and light.text.color.triplet.hex == "#1a1a1a"
    assert contrast.text.color.triplet.hex == "#ffffff"
    assert light.code_theme != dark.code_theme


def test_unknown_theme_names_the_choices() -> None:
    with pytest.raises(PresenterError) as error:
        get_theme("solarized")
    assert str(error.value) == "unknown theme 'solarized'; choose one of: dark, light, high-contrast"


# -- choosing a theme ---------------------------------------------------------------------------


def test_choice_flag_then_front_matter_then_dark(tmp_path: Path) -> None:
    light_deck = load_deck(deck_file(tmp_path, "theme: light\n"))
    assert choose_theme(None, light_deck)[0].name == "light"
    assert choose_theme("high-contrast", light_deck)[0].name == "high-contrast"
    assert choose_theme(None, load_deck(SEED))[0].name == "dark"
    assert choose_theme(None, None)[0].name == "dark"


def test_nested_front_matter_theme_name(tmp_path: Path) -> None:
    deck = load_deck(deck_file(tmp_path, "theme:\n  name: high-contrast\n"))
    assert choose_theme(None, deck) == (THEMES["high-contrast"], None)


def test_another_tools_theme_in_front_matter_is_a_warning(tmp_path: Path) -> None:
    deck = load_deck(deck_file(tmp_path, "theme:\n  name: catppuccin-mocha\n"))
    theme, warning = choose_theme(None, deck)
    assert theme.name == "dark"
    assert "catppuccin-mocha" in warning and "dark, light, high-contrast" in warning


async def test_front_matter_theme_is_picked_by_the_app(tmp_path: Path) -> None:
    app = make_app(deck_file(tmp_path, "theme: light\n"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "presenter-light"
        assert app.palette.drawn_inline() == THEMES["light"].palette  # the app draws pictures into the slide widget
        assert app.screen.styles.background == Color.parse("#f7f7f5")


async def test_theme_keyword_overrides_front_matter(tmp_path: Path) -> None:
    app = make_app(deck_file(tmp_path, "theme: light\n"), theme="high-contrast")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "presenter-high-contrast"
        assert app.screen.styles.background == Color.parse("#000000")


# -- the command line ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["show", "export"])
def test_unknown_theme_is_a_one_line_error(command: str) -> None:
    result = run(command, str(SEED), "--theme", "pink")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "presenter: unknown theme 'pink'; choose one of: dark, light, high-contrast\n"


def test_missing_stylesheet_is_a_one_line_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.tcss"
    result = run("show", str(SEED), "--css", str(missing))
    assert result.exit_code == 2
    assert result.stderr == f"presenter: {missing}: no such stylesheet\n"


@pytest.mark.parametrize(
    ("css", "error"),
    [
        ("#slide { color: red; bogus", "1: Expected rule or selector (found 'bogus'). Did you forget a semicolon at the end of a line?"),
        ("#slide {\n  color: nonsense-color;\n}\n", "2: Invalid value ('nonsense-color') for the color property"),
        ("#slide { color: red;\n", "2: Unexpected end of file; did you forget a '}' ?"),
    ],
)
def test_a_stylesheet_with_an_error_is_a_one_line_error_naming_its_line(tmp_path: Path, css: str, error: str) -> None:
    # before: Textual's own report, a framed excerpt over several lines, and exit status 0
    mine = tmp_path / "mine.tcss"
    mine.write_text(css, encoding="utf-8")
    result = run("show", str(SEED), "--css", str(mine))
    assert result.exit_code == 2
    assert result.stderr == f"presenter: {mine}:{error}\n"


def test_a_stylesheet_may_use_the_themes_variables(tmp_path: Path) -> None:
    mine = tmp_path / "mine.tcss"
    mine.write_text("#footer { background: $primary; color: $text-muted; }\n", encoding="utf-8")
    assert user_stylesheet(mine) == mine


def test_export_accepts_a_theme_and_stays_plain() -> None:
    plain = run("export", str(SEED)).stdout
    for name in THEMES:
        result = run("export", str(SEED), "--theme", name)
        assert result.exit_code == 0
        assert result.stdout == plain
        assert "\x1b" not in result.stdout


def test_export_warns_about_another_tools_theme(tmp_path: Path) -> None:
    result = run("export", str(deck_file(tmp_path, "theme: catppuccin-mocha\n")))
    assert result.exit_code == 0
    assert "warning:" in result.stderr and "catppuccin-mocha" in result.stderr
    assert "Hello." in result.stdout


def test_export_api_carries_the_theme() -> None:
    deck = load_deck(SEED)
    assert export_text(deck, theme="light") == export_text(deck, theme=THEMES["high-contrast"]) == export_text(deck)
    with pytest.raises(PresenterError):
        export_text(deck, theme="pink")


# -- --css --------------------------------------------------------------------------------------


async def test_user_stylesheet_applies_on_top_of_the_theme(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "mine.tcss").write_text("#footer { background: #ff0000; }\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # a relative path is relative to where presenter runs
    app = make_app(SEED, css=Path("mine.tcss"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.query_one("#footer").styles.background == Color(255, 0, 0)
    plain = make_app(SEED)
    async with plain.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert plain.query_one("#footer").styles.background != Color(255, 0, 0)


# -- NO_COLOR -----------------------------------------------------------------------------------


def test_no_color_means_a_non_empty_value() -> None:
    assert no_color({"NO_COLOR": "1"})
    assert not no_color({"NO_COLOR": ""})
    assert not no_color({})


def styles_of(renderable) -> list:
    console = Console(file=io.StringIO(), width=100, color_system="truecolor", force_terminal=True, _environ={})
    return [segment.style for segment in console.render(renderable) if segment.style]


@pytest.mark.parametrize("name", list(THEMES))
def test_no_color_app_palette_draws_without_colour(monkeypatch, name: str) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(TOUR, theme=name)
    assert app.no_color, "Textual's own NO_COLOR handling is on too"
    assert app.palette == app_palette(name, {"NO_COLOR": "1"})
    styles = []
    for slide in app.deck.slides:
        styles += styles_of(SlideRenderable(slide, palette=app.palette, big=True, search="the"))
    assert styles, "the slides still have emphasis"
    assert all(style.color is None and style.bgcolor is None for style in styles)
    assert any(style.bold for style in styles) and any(style.italic for style in styles)
    assert any(style.reverse for style in styles), "search matches stand out in reverse video"


def test_without_no_color_the_app_palette_is_the_themes(monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "")
    app = make_app(SEED, theme="light")
    assert app.palette.drawn_inline() == THEMES["light"].palette
    colours = [style.color for style in styles_of(SlideRenderable(app.deck.slides[2], palette=app.palette))]
    assert any(colour is not None for colour in colours)


def test_plain_palette_is_still_plain() -> None:
    assert all(getattr(PLAIN_PALETTE, name).color is None for name in STYLE_FIELDS)
    assert not any(getattr(PLAIN_PALETTE, name).bold for name in STYLE_FIELDS)


# -- big title ----------------------------------------------------------------------------------


async def test_app_draws_the_title_in_block_letters_and_exports_keep_words() -> None:
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = app.export_screenshot()
        assert "▀▀" in text
    assert "Shanghai Tech Hub" in export_text(load_deck(SEED)).split("\n")[2]


def test_a_search_match_in_the_title_shows_in_ordinary_letters() -> None:
    title = load_deck(SEED).slides[0]
    big = "".join(segment.text for segment in Console(width=90, _environ={}).render(SlideRenderable(title, big=True)))
    assert "Shanghai Tech Hub" not in big and "▀" in big
    found = "".join(
        s.text for s in Console(width=90, _environ={}).render(SlideRenderable(title, big=True, search="tech"))
    )
    assert "Shanghai Tech Hub" in found

"""Articles as an editor would put them on slides: a section without text of its own is a
section-title slide listing what it holds, and captions and credits are never headings.

The text exports of the fixtures under ``tests/fixtures/articles`` are pinned by golden
files beside them; regenerate after an intended change with ``PRESENTER_UPDATE_GOLDEN=1
pytest tests/test_article_structure.py`` and read the diff before committing it.
"""

from __future__ import annotations

import html
import os
import re

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from presenter.cli import cli
from presenter.errors import PresenterError
from presenter.export.markdown import export_markdown
from presenter.export.text import export_text
from presenter.fit import fit_slide
from presenter.model import Deck, Paragraph, Slide, plain
from presenter.sources import load_deck
from presenter.sources.article import MAX_HELD_HEADINGS, article_stages, parse_article
from presenter.sources.captions import is_caption
from presenter.tui.app import make_app
from tests.conftest import FIXTURES

ARTICLES = FIXTURES / "articles"
GOLDEN = ARTICLES / "golden"
NAMES = ["mars-fact-sheet", "brown-sugar-cookies", "flooded-basements"]


def cli_run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def screen_text(app) -> str:
    """The characters on the app's screen, as a user reads them."""
    chunks = re.findall(r"<text[^>]*>(.*?)</text>", app.export_screenshot(), flags=re.S)
    return html.unescape("".join(chunks)).replace("\xa0", " ")


def mars() -> Deck:
    return load_deck(ARTICLES / "mars-fact-sheet.txt")


def slide(deck: Deck, title: str) -> Slide:
    return next(s for s in deck.slides if s.title == title)


def texts(slide: Slide) -> list[str]:
    return [plain(b.content) for b in slide.blocks if isinstance(b, Paragraph)]


@pytest.mark.parametrize("name", NAMES)
def test_text_export_matches_the_golden_file(name: str) -> None:
    out = cli_run("export", str(ARTICLES / f"{name}.txt"), "--format", "text")
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("PRESENTER_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(out, encoding="utf-8", newline="\n")
    assert out == golden.read_text(encoding="utf-8")


# -- section-title slides -----------------------------------------------------------------


def test_a_heading_followed_at_once_by_another_is_a_section_title_slide() -> None:
    deck = mars()
    physical = slide(deck, "Physical characteristics")
    assert physical.is_title and physical.blocks == ()
    assert physical.subtitle.split("\n") == ["Regolith", "Surface", "Atmosphere"]
    exploration = slide(deck, "Exploration")
    assert exploration.is_title and exploration.subtitle.split("\n") == ["Orbiters and landers", "Rovers"]
    assert [s.title for s in deck.slides] == [
        "Mars Fact Sheet", "Namesake", "Physical characteristics", "Regolith", "Surface",
        "Atmosphere", "Exploration", "Orbiters and landers", "Rovers",
    ]
    assert all(s.blocks for s in deck.slides if not s.is_title), "no slide is a title with nothing under it"
    assert physical.source_lines is not None and physical.source_lines.first == 8


def test_the_section_title_slide_shows_its_title_large_and_centred_and_what_it_holds() -> None:
    out = cli_run("export", str(ARTICLES / "mars-fact-sheet.txt"), "--format", "text", "--slides", "3")
    lines = out.split("\n")
    assert lines[0].startswith("── 3/9 · Physical characteristics ")
    title = next(line for line in lines[1:] if "Physical characteristics" in line)
    assert title.strip() == "Physical characteristics" and title.startswith(" " * 20)  # centred
    assert [line.strip() for line in lines if line.strip() in ("Regolith", "Surface", "Atmosphere")] == ["Regolith", "Surface", "Atmosphere"]
    assert "─" * 80 not in out, "no title bar of an ordinary slide"
    check = cli_run("check", str(ARTICLES / "mars-fact-sheet.txt"))
    assert "  3  Physical characteristics  title slide" in check


def test_hash_headings_say_which_headings_a_section_holds() -> None:
    deck = parse_article(
        "Lede paragraph.\n\n# Physical characteristics\n\n## Regolith\nDust and rock.\n\n## Surface\nVolcanoes.\n\n"
        "# Exploration\n\n## Rovers\nFive rovers.\n\n# Moons\nPhobos and Deimos.\n"
    )
    assert [(s.title, s.is_title, s.subtitle) for s in deck.slides[1:]] == [
        ("Physical characteristics", True, "Regolith\nSurface"),
        ("Regolith", False, ""),
        ("Surface", False, ""),
        ("Exploration", True, "Rovers"),
        ("Rovers", False, ""),
        ("Moons", False, ""),
    ]


def test_underlined_headings_have_levels_too() -> None:
    deck = parse_article("Lede paragraph.\n\nPart One\n========\n\nFirst\n-----\nText one.\n\nSecond\n------\nText two.\n\nPart Two\n========\nText three.\n")
    assert slide(deck, "Part One").subtitle == "First\nSecond"
    assert not slide(deck, "Part Two").is_title


def test_a_long_list_of_held_headings_is_cut_and_counted() -> None:
    sections = "".join(f"Part {n}\nText of part {n}.\n\n" for n in range(1, 13))
    deck = parse_article(f"Lede paragraph.\n\nContents\n{sections}")
    held = slide(deck, "Contents").subtitle.split("\n")
    assert len(held) == MAX_HELD_HEADINGS
    assert held[:-1] == [f"Part {n}" for n in range(1, MAX_HELD_HEADINGS)]
    assert held[-1] == f"… and {12 - MAX_HELD_HEADINGS + 1} more"


def test_a_heading_at_the_end_with_nothing_after_it_is_a_title_only_slide() -> None:
    deck = parse_article("Lede paragraph.\n\n# Body\nText.\n\n# The End\n")
    end = deck.slides[-1]
    assert (end.title, end.is_title, end.subtitle, end.blocks) == ("The End", True, "", ())


def test_a_deck_read_in_stages_ends_with_the_whole_list_of_held_headings() -> None:
    text = "Lede paragraph.\n\nContents\n" + "".join(f"Part {n}\nText of part {n}.\n\n" for n in range(1, 7))
    stages = [deck for deck in article_stages(text, first=1) if deck is not None]
    assert any(deck.partial for deck in stages)
    final = stages[-1]
    assert not final.partial and final == parse_article(text)
    assert slide(final, "Contents").subtitle == "\n".join(f"Part {n}" for n in range(1, 7))
    for partial in stages[:-1]:  # what the app shows while it reads: never an empty slide
        assert all(s.blocks or s.is_title for s in partial.slides)


def test_a_section_title_slide_is_never_cut_and_exports_in_every_format() -> None:
    deck = mars()
    physical = slide(deck, "Physical characteristics")
    assert fit_slide(physical, 60, 8) == (physical,)
    assert "Physical characteristics" in cli_run("export", str(ARTICLES / "mars-fact-sheet.txt"), "--height", "8")
    markdown = export_markdown(deck)
    assert "## Physical characteristics" in markdown and "## Regolith" in markdown
    html = cli_run("export", str(ARTICLES / "mars-fact-sheet.txt"), "--format", "html")
    assert "Physical characteristics" in html and "Atmosphere" in html


async def test_the_app_shows_a_section_title_slide_as_a_title_slide() -> None:
    app = make_app(ARTICLES / "mars-fact-sheet.txt")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.goto_slide(2)
        await pilot.pause()
        assert app.has_class("-title-slide")
        screen = screen_text(app)
        assert "3 / 9" in screen and all(word in screen for word in ("Regolith", "Surface", "Atmosphere"))
        app.goto_slide(3)
        await pilot.pause()
        assert not app.has_class("-title-slide")


# -- captions and credits -------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Credit: NASA/JPL-Caltech",
        "Credits: ESA/Hubble",
        "Image credit: NASA",
        "Photo: NASA/USGS",
        "Photograph: Aly Song/Reuters",
        "Image: A dust storm seen from orbit",
        "Illustration: Jane Doe",
        "Source: NASA",
        "Photo by Jane Doe",
        "Photo courtesy of the museum",
        "Courtesy of NASA",
        "View full size image",
        "View larger image",
        "Enlarge this image",
        "Click to enlarge",
        "Figure 2: The surface of Mars",
        "(AP Photo/Seth Wenig)",
        "A man walks past a poster in Beijing. (AP Photo/Andy Wong)",
    ],
)
def test_captions_and_credits_are_recognised(line: str) -> None:
    assert is_caption(line)


@pytest.mark.parametrize(
    "line",
    ["Credits", "Credit card fees", "Sources", "Photography Tips", "Photos from the launch", "Image processing",
     "View from the summit", "Zoom in", "credit: the team", "The Numbers Tell the Story", "Videos"],
)
def test_headings_and_text_are_not_captions(line: str) -> None:
    assert not is_caption(line)


def test_captions_are_never_headings_and_stay_where_they_stand() -> None:
    deck = mars()
    titles = [s.title for s in deck.slides]
    assert not [t for t in titles if is_caption(t)]
    regolith = slide(deck, "Regolith")
    assert texts(regolith)[1:] == ["Image: A dust storm seen from orbit", "Credit: NASA/JPL-Caltech/MSSS"]
    assert [b.lines.first for b in regolith.blocks] == [10, 11, 12]
    assert texts(slide(deck, "Surface"))[1:] == ["View full size image", "Photo: NASA/USGS"]
    assert texts(slide(deck, "Rovers"))[-1] == "Credit: NASA/JPL-Caltech"
    # the credits of the article's own picture are shown on its title slide, centred
    title = deck.slides[0]
    assert title.subtitle.startswith("Mars is the fourth planet")
    assert texts(title) == ["View full size image", "Credit: NASA/JPL-Caltech"] and title.align == "center"


def test_a_caption_never_joins_the_text_around_it() -> None:
    deck = parse_article("Lede paragraph.\n\nThe Crater\nThe crater is wide, and its walls are steep and\nPhoto: NASA\nit is very deep.\n")
    assert texts(slide(deck, "The Crater")) == ["The crater is wide, and its walls are steep and", "Photo: NASA", "it is very deep."]


def test_the_recipe_and_news_captions_stay_with_their_text() -> None:
    recipe = load_deck(ARTICLES / "brown-sugar-cookies.txt")
    assert [s.title for s in recipe.slides] == ["Brown Sugar Cookies", "Ingredients", "Method", "Serving"]
    assert texts(slide(recipe, "Method")) == ["Photo by Jane Doe"]
    news = load_deck(ARTICLES / "flooded-basements.txt")
    assert texts(slide(news, "What happened"))[-1] == "(AP Photo/Seth Wenig)"


def test_without_headings_a_caption_goes_with_the_paragraph_before_it() -> None:
    paragraphs = [f"Paragraph number {n} of the story." for n in range(1, 8)]
    text = "\n\n".join([*paragraphs[:4], "Photo: Jane Doe", *paragraphs[4:]]) + "\n"
    deck = parse_article(text)
    assert deck.slides[0].subtitle == paragraphs[0]
    assert [texts(s) for s in deck.slides[1:]] == [[*paragraphs[1:4], "Photo: Jane Doe"], paragraphs[4:7]]
    assert [s.title for s in deck.slides[1:]] == ["Paragraph number 2 of the story", "Paragraph number 5 of the story"]


def test_a_caption_above_the_first_paragraph_does_not_become_the_subtitle() -> None:
    deck = parse_article("Photo: Jane Doe\n\nThe first paragraph of the story.\n\nSection\nText.\n")
    assert deck.slides[0].subtitle == "The first paragraph of the story."
    assert texts(deck.slides[0]) == ["Photo: Jane Doe"]


def test_every_word_of_the_fixtures_is_exported() -> None:
    for name in NAMES:
        deck = load_deck(ARTICLES / f"{name}.txt")
        out = export_text(deck, width=80)
        removed = {r.text for r in deck.removed}
        text = (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")
        words = [w for w in text.split() if w not in removed]
        flat = " ".join(out.split())
        assert [w for w in words if w not in flat] == []


_PIECES = st.sampled_from(
    [
        "Physical characteristics", "Regolith", "Surface", "# Exploration", "## Rovers", "Part One\n========",
        "Credit: NASA/JPL-Caltech", "View full size image", "Photo by Jane Doe", "(AP Photo/Seth Wenig)",
        "Image: A dust storm", "Mars is covered in dust.", "Five rovers have driven on Mars, 95% of them slowly.",
        "- a list item", "1. a numbered item", "", "",
    ]
)


@settings(max_examples=int(os.environ.get("PRESENTER_EXAMPLES", "150")), deadline=None, database=None)
@given(st.lists(_PIECES, min_size=1, max_size=25))
def test_every_word_of_headings_captions_and_text_is_exported(pieces: list[str]) -> None:
    text = "\n".join(pieces)
    try:
        deck = parse_article(text)
    except PresenterError:
        return
    out = " ".join(export_text(deck, width=80).split())
    words = [word.strip("#=-.,") for word in text.split()]
    assert [word for word in words if word and word not in out] == []
    assert all(s.blocks or s.is_title for s in deck.slides), "no slide is a bare title bar"


def test_captions_are_shown_dimmed() -> None:
    """An editor sets a credit line apart from the text: in colour it is muted, as footnotes are."""
    result = CliRunner().invoke(cli, ["export", str(FIXTURES / "articles" / "mars-fact-sheet.txt"), "--format", "ansi"])
    assert re.search(r"\x1b\[[0-9;]*mCredit: NASA", result.stdout)  # styled
    assert re.search(r"^The Romans named", result.stdout, flags=re.M)  # the text around it is not

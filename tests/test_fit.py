"""Fitting slides to a size: pieces measured with Rich, nothing lost or repeated."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from presenter.cli import cli
from presenter.export.text import export_text, fixed_console
from presenter.fit import SlideFit, fit_slide, fitted_slides, measure_fit, slide_area, title_slide_width
from presenter.block_tree import pictures_in
from presenter.model import (
    Alignment,
    Block,
    BulletList,
    Code,
    Heading,
    ListItem,
    NumberedList,
    Paragraph,
    Pause,
    Quote,
    Slide,
    Span,
    Stat,
    plain,
)
from presenter.render.slide import SlideRenderable
from presenter.sources import load_deck
from presenter.sources.article import parse_article
from tests.conftest import SLIDES

TERMINALS = [(60, 15), (80, 24), (100, 30), (200, 60)]
DECKS = ["shanghai-tech-hub.txt", "tour.md"]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def rendered_height(slide: Slide, width: int, height: int | None = None) -> int:
    """Rows the slide really takes, rendered whole as the app renders it (in ``height``
    rows: its pictures grow into the rows the rest leaves)."""
    if slide.is_title:
        width = title_slide_width(width)
    console = fixed_console(width)
    return len(console.render_lines(SlideRenderable(slide, height=height), console.options.update_width(width), pad=False))


# -- checking that nothing is lost -------------------------------------------------------------


def assert_same_content(original: Slide, pieces: list[Slide] | tuple[Slide, ...]) -> None:
    """The pieces hold ``original``'s blocks in order: split paragraphs rejoin to the exact
    text (only whitespace dropped at the cuts), split lists rejoin to the same items."""
    fitted: list[Block] = [block for piece in pieces for block in piece.blocks]
    position = 0
    for block in original.blocks:
        if isinstance(block, Paragraph):
            text, cursor = plain(block.content), 0
            while text[cursor:].strip():
                assert position < len(fitted), f"paragraph lost: {text[cursor:]!r}"
                piece = fitted[position]
                assert isinstance(piece, Paragraph), piece
                part = plain(piece.content)
                rest = text[cursor:]
                skipped = len(rest) - len(rest.lstrip())
                assert part and rest.lstrip().startswith(part), (part, rest)
                cursor += skipped + len(part)
                position += 1
        elif isinstance(block, (BulletList, NumberedList)):
            items: list[ListItem] = []
            while len(items) < len(block.items):
                piece = fitted[position]
                assert type(piece) is type(block), piece
                items.extend(piece.items)
                position += 1
            assert tuple(items) == block.items
        else:
            assert fitted[position] == block
            position += 1
    assert position == len(fitted), f"extra blocks: {fitted[position:]}"
    stats = sorted((repr(s) for piece in pieces for s in piece.stats))
    assert stats == sorted(repr(s) for s in original.stats)


def assert_fits(fit: SlideFit, width: int) -> None:
    for index, slide in enumerate(fit.pieces):
        rows = rendered_height(slide, width, fit.height)
        if any(True for block in slide.blocks for _ in pictures_in(block)):  # fitting counts a picture at its smallest
            assert rows >= fit.heights[index], slide.display_title
        else:
            assert rows == fit.heights[index], slide.display_title
        if index not in fit.too_tall:
            assert rows <= fit.height, (slide.display_title, rows, fit.height)
        else:
            assert rows > fit.height
            # Only a block that cannot be split (with the heading or lead-in before it) is left too tall.
            assert len([b for b in slide.blocks if not isinstance(b, Pause)]) <= 2, slide.display_title
    if len(fit.pieces) > 1:
        assert [s.part for s in fit.pieces] == [(n, len(fit.pieces)) for n in range(1, len(fit.pieces) + 1)]


def assert_fitted(slides: tuple[Slide, ...], width: int, height: int) -> list[SlideFit]:
    fits = fitted_slides(slides, width=width, height=height)
    for original, fit in zip(slides, fits, strict=True):
        assert fit.pieces, "every slide is shown as at least one piece"
        assert all(piece.title == original.title for piece in fit.pieces)
        assert_same_content(original, fit.pieces)
        assert_fits(fit, width)
    return fits


# -- the slide area ----------------------------------------------------------------------------


def test_slide_area_is_the_terminal_less_padding_and_footer() -> None:
    assert slide_area(80, 24) == (72, 22)
    assert slide_area(60, 15) == (52, 13)
    assert slide_area(200, 60) == (192, 58)


async def test_slide_area_matches_the_app() -> None:
    from presenter.tui.app import make_app

    for size in [(80, 24), (60, 15)]:
        app = make_app(SLIDES / "tour.md")
        async with app.run_test(size=size) as pilot:
            await pilot.press("right")
            await pilot.pause()
            scroll = app.query_one("#stage")
            assert (scroll.content_region.width, scroll.content_region.height) == slide_area(*size)


# -- the bundled decks at several sizes --------------------------------------------------------


@pytest.mark.parametrize("name", DECKS)
@pytest.mark.parametrize("terminal", TERMINALS, ids=lambda t: f"{t[0]}x{t[1]}")
def test_bundled_decks_fit(name: str, terminal: tuple[int, int]) -> None:
    deck = load_deck(SLIDES / name)
    fits = assert_fitted(deck.slides, *slide_area(*terminal))
    assert not any(fit.too_tall for fit in fits)
    pieces = [piece for fit in fits for piece in fit.pieces]
    if terminal != (60, 15):  # the bundled decks are written for 80x24 and up
        assert tuple(pieces) == deck.slides
    else:
        assert len(pieces) > len(deck.slides)


def test_small_terminal_shows_a_slide_in_numbered_pieces() -> None:
    deck = load_deck(SLIDES / "shanghai-tech-hub.txt")
    talent = next(s for s in deck.slides if s.title == "The Talent Magnet")
    titles = [piece.display_title for piece in fit_slide(talent, 52, 13)]
    assert titles == ["The Talent Magnet (1/2)", "The Talent Magnet (2/2)"]


def test_lead_in_stays_with_its_list() -> None:
    deck = load_deck(SLIDES / "shanghai-tech-hub.txt")
    for terminal in TERMINALS:
        for fit in fitted_slides(deck.slides, width=slide_area(*terminal)[0], height=slide_area(*terminal)[1]):
            for slide in fit.pieces:
                for block in slide.blocks[-1:]:
                    if isinstance(block, Paragraph):
                        assert not plain(block.content).rstrip().endswith(":"), slide.display_title


def test_pause_at_a_break_opens_the_next_piece() -> None:
    items = tuple(ListItem((Span(f"Point number {n} about the plan."),)) for n in range(8))
    slide = Slide(title="Steps", blocks=(BulletList(items), Pause(), BulletList(items), Pause(), BulletList(items)))
    pieces = fit_slide(slide, 60, 14)
    assert len(pieces) == 3
    assert_same_content(slide, pieces)
    assert [type(b).__name__ for p in pieces for b in p.blocks].count("Pause") == 2
    assert all(not isinstance(p.blocks[-1], Pause) for p in pieces)
    assert isinstance(pieces[1].blocks[0], Pause)


def test_a_piece_opens_aligned_as_its_blocks_were_on_the_slide() -> None:
    items = tuple(ListItem((Span(f"Point number {n} about the plan."),)) for n in range(8))
    slide = Slide(title="Steps", blocks=(BulletList(items), Alignment("center"), BulletList(items), Alignment("right")))
    pieces = fit_slide(slide, 60, 14)
    assert [p.align for p in pieces] == ["left", "center"]  # the first list, then the centred one
    assert_same_content(slide, pieces)
    console = fixed_console(60)
    lines = console.render_lines(SlideRenderable(pieces[1]), console.options.update_width(60), pad=False)
    item = next(text for text in ("".join(s.text for s in line) for line in lines) if "Point number 0" in text)
    assert item.startswith(" " * 10), item


def test_an_unsplittable_block_stays_whole_and_is_reported() -> None:
    code = Code("\n".join(f"print({n})" for n in range(40)), "python")
    slide = Slide(title="Code", blocks=(Paragraph((Span("Before."),)), code, Paragraph((Span("After."),))))
    fit = measure_fit(slide, 72, 22)
    assert len(fit.pieces) == 3
    assert fit.too_tall == (1,)
    assert fit.pieces[1].blocks == (code,)
    assert fit.pieces[1].display_title == "Code (2/3)"


def test_one_long_sentence_is_never_cut() -> None:
    sentence = " ".join(["word"] * 400) + "."
    slide = Slide(title="Long", blocks=(Paragraph((Span(sentence),)),))
    fit = measure_fit(slide, 52, 13)
    assert fit.pieces == (slide,)
    assert fit.too_tall == (0,)


def test_stats_go_with_their_text() -> None:
    first = Paragraph((Span("Revenue grew to 34% of the total. " * 3),))
    second = Paragraph((Span("Later, exports reached $28.7 billion in value. " * 3),))
    stats = (
        Stat("34%", "percent", "of the total", "Revenue grew to 34% of the total."),
        Stat("$28.7 billion", "money", "exports", "exports reached $28.7 billion"),
    )
    slide = Slide(title="Figures", blocks=(first, second), stats=stats)
    pieces = fit_slide(slide, 40, 16)
    assert len(pieces) == 2
    assert [s.value for s in pieces[0].stats] == ["34%"]
    assert [s.value for s in pieces[1].stats] == ["$28.7 billion"]


def test_title_slides_are_never_split() -> None:
    slide = Slide(title="Deck", subtitle="A subtitle " * 80, is_title=True)
    fit = measure_fit(slide, 52, 13)
    assert fit.pieces == (slide,)
    assert fit.too_tall == (0,)


# -- long sections ---------------------------------------------------------------------------


def long_article(sections: int = 3, paragraphs: int = 9) -> str:
    body = ["---", "title: Generated", "---", "", "An opening paragraph for the deck.", ""]
    for number in range(sections):
        body += [f"Section Number {number}", ""]
        for p in range(paragraphs):
            body += [
                f"Paragraph {p} of section {number} says something. It goes on for a while to fill "
                f"the line. Then it ends with a third sentence, number {p}.",
                "",
            ]
        body += ["The plan has these steps:", ""]
        body += [f"- Step {i} of the plan for section {number}" for i in range(12)]
        body += [""]
    return "\n".join(body)


def test_a_long_section_is_one_slide_whatever_the_window() -> None:
    deck = parse_article(long_article())
    assert [s.title for s in deck.slides][1:] == ["Section Number 0", "Section Number 1", "Section Number 2"]
    assert not any(s.part for s in deck.slides)


@pytest.mark.parametrize("terminal", TERMINALS + [(40, 12)], ids=lambda t: f"{t[0]}x{t[1]}")
def test_generated_long_sections(terminal: tuple[int, int]) -> None:
    deck = parse_article(long_article())
    fits = assert_fitted(deck.slides, *slide_area(*terminal))
    assert any(len(fit.pieces) > 1 for fit in fits) == (terminal != (200, 60))


# -- the property: nothing lost or repeated, and everything fits -------------------------------

WORDS = ["city", "growth", "talent", "Shanghai", "research", "investment", "park", "the", "of", "tech"]
word = st.sampled_from(WORDS)
figure = st.sampled_from(["34%", "$28.7 billion", "8,000", "12%"])


@st.composite
def sentences(draw) -> str:
    words = draw(st.lists(st.one_of(word, figure), min_size=1, max_size=30))
    end = draw(st.sampled_from([".", "!", "?", ":"]))
    return " ".join(words).capitalize() + end


@st.composite
def paragraphs(draw) -> Paragraph:
    return Paragraph((Span(" ".join(draw(st.lists(sentences(), min_size=1, max_size=10)))),))


@st.composite
def lists(draw) -> Block:
    items = draw(st.lists(sentences(), min_size=1, max_size=16))
    children = draw(st.booleans())
    made = tuple(
        ListItem(
            (Span(text),),
            number=index * 3 + 1,
            children=(BulletList((ListItem((Span("a nested point"),)),)),) if children and index == 0 else (),
        )
        for index, text in enumerate(items)
    )
    return draw(st.sampled_from([BulletList, NumberedList]))(made)


blocks = st.one_of(
    paragraphs(),
    paragraphs(),
    lists(),
    lists(),
    st.builds(lambda n: Code("\n".join(f"x = {i}" for i in range(n)), "python"), st.integers(1, 25)),
    st.builds(lambda text: Heading((Span(text),)), sentences()),
    st.builds(lambda text: Quote((Span(text),), speaker="Li Wei"), sentences()),
    st.just(Pause()),
)


@st.composite
def slides(draw) -> Slide:
    content = tuple(draw(st.lists(blocks, min_size=1, max_size=10)))
    text = " ".join(plain(b.content) for b in content if isinstance(b, Paragraph))
    values = sorted(set(re.findall(r"\$28\.7 billion|34%|8,000|12%", text)))
    stats = tuple(Stat(v, "count", "label", v) for v in values[:4])
    return Slide(title=draw(st.sampled_from(["Results", "A much longer title for the slide here"])), blocks=content, stats=stats)


@settings(max_examples=100, deadline=None)
@given(slide=slides(), terminal=st.sampled_from(TERMINALS + [(40, 12), (120, 18)]))
def test_property_no_block_lost_or_duplicated_and_all_fit(slide: Slide, terminal: tuple[int, int]) -> None:
    assert_fitted((slide,), *slide_area(*terminal))


# -- the command line --------------------------------------------------------------------------


def test_export_without_height_is_unchanged() -> None:
    deck = load_deck(SLIDES / "tour.md")
    assert run("export", str(SLIDES / "tour.md")).stdout == export_text(deck, width=80)


def test_export_height_fits_every_slide() -> None:
    result = run("export", str(SLIDES / "tour.md"), "--width", "52", "--height", "13")
    assert result.exit_code == 0, result.output
    headers = [line for line in result.stdout.split("\n") if line.startswith("── ")]
    assert len(headers) == 12  # three slides are shown in two pieces, under their numbers
    assert "── 2/9 · Why presenter (1/2) " in result.stdout and "── 2/9 · Why presenter (2/2) " in result.stdout
    assert "── 4/9 · " in result.stdout
    bodies = re.split(r"^── .*$", result.stdout, flags=re.M)[1:]
    for body in bodies:
        assert len(body.strip("\n").split("\n")) <= 13
    assert result.stdout == export_text(load_deck(SLIDES / "tour.md"), width=52, height=13)


def test_export_height_to_a_file_counts_fitted_slides(tmp_path) -> None:
    target = tmp_path / "out.txt"
    result = run("export", str(SLIDES / "tour.md"), "--width", "52", "--height", "13", "-o", str(target))
    assert result.exit_code == 0
    assert "wrote 12 slides" in result.stderr


def test_check_size_reports_splits() -> None:
    result = run("check", str(SLIDES / "tour.md"), "--size", "60x15")
    assert result.exit_code == 0
    assert "at 60x15 (slide area 52x13): 3 of 9 slides are shown in pieces (12 screens in all)" in result.stdout
    assert re.search(r"2  Why presenter\s+shown in 2 pieces", result.stdout)
    fine = run("check", str(SLIDES / "tour.md"), "--size", "80x24")
    assert "at 80x24 (slide area 72x22): every slide fits" in fine.stdout


def test_check_size_json() -> None:
    result = run("check", "--json", str(SLIDES / "tour.md"), "--size", "60x15")
    report = json.loads(result.stdout)
    assert report["fit"] == {
        "size": "60x15",
        "slide_area": [52, 13],
        "fitted_slides": 12,
        "split": [2, 3, 8],  # 8: the picture needs eight rows below its text
        "could_not_fit": [],
    }
    assert report["slides"][1]["fitted_slides"] == 2
    assert report["slides"][1]["could_not_fit"] is False
    assert report["slides"][1]["title"] == "Why presenter"  # the existing fields stay
    plain_report = json.loads(run("check", "--json", str(SLIDES / "tour.md")).stdout)
    assert "fit" not in plain_report and "fitted_slides" not in plain_report["slides"][0]


def test_check_size_reports_what_could_not_fit(tmp_path) -> None:
    deck = tmp_path / "code.md"
    deck.write_text("# Big\n\n```python\n" + "\n".join(f"x = {n}" for n in range(40)) + "\n```\n")
    result = run("check", str(deck), "--size", "80x24")
    assert "could not fit: a block needs" in result.stdout
    report = json.loads(run("check", "--json", str(deck), "--size", "80x24").stdout)
    assert report["fit"]["could_not_fit"] == [1]
    assert report["slides"][0]["rows"] > 22


@pytest.mark.parametrize("size", ["80", "80x", "x24", "80by24", "axb", "10x5", "80x2", "99999x24", ""])
def test_check_bad_size_is_a_one_line_error(size: str) -> None:
    result = run("check", str(SLIDES / "tour.md"), "--size", size)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith("presenter: invalid --size"), result.stderr


def test_fit_does_not_import_textual() -> None:
    import subprocess
    import sys

    code = "import sys, presenter.fit; assert 'textual' not in sys.modules, 'textual imported'"
    subprocess.run([sys.executable, "-c", code], check=True)

"""SVG export: one file per slide, named in slide order, written as a whole folder."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

from click.testing import CliRunner

from presenter.cli import cli
from presenter.export.svg import export_svgs
from presenter.sources import load_deck
from tests.conftest import SLIDES

DECK = SLIDES / "shanghai-tech-hub.txt"
SVG = "{http://www.w3.org/2000/svg}"


def _text(svg: bytes) -> str:
    root = ElementTree.fromstring(svg)
    return "".join(t.text or "" for t in root.iter(f"{SVG}text")).replace("\xa0", " ")


def test_one_svg_per_slide_with_its_title() -> None:
    deck = load_deck(DECK)
    files = export_svgs(deck, width=80)
    assert list(files) == [f"slide-{n:02d}.svg" for n in range(1, 10)]
    for slide, svg in zip(deck.slides, files.values()):
        assert slide.display_title.split()[0] in _text(svg)
    assert "Shanghai" in _text(files["slide-01.svg"])


def test_every_slide_is_the_same_size_and_fetches_nothing() -> None:
    files = export_svgs(load_deck(DECK), width=80)
    sizes = {re.search(rb'width="([\d.]+)" height="([\d.]+)"', svg).groups() for svg in files.values()}
    assert len(sizes) == 1
    for svg in files.values():
        assert not re.search(rb"url\(\"?https?:|@font-face|href=", svg)


def test_names_have_enough_digits_for_big_decks(tmp_path: Path) -> None:
    source = tmp_path / "long.md"
    source.write_text("\n\n---\n\n".join(f"# Slide {n}\n\nText {n}." for n in range(1, 102)), encoding="utf-8")
    names = list(export_svgs(load_deck(source), width=40))
    assert names[0] == "slide-001.svg" and names[-1] == "slide-101.svg"


def test_cli_writes_a_folder_and_replaces_an_earlier_export(tmp_path: Path) -> None:
    out = tmp_path / "slides"
    runner = CliRunner()
    result = runner.invoke(cli, ["export", str(SLIDES / "tour.md"), "--format", "svg", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(list(out.glob("slide-*.svg"))) == 9
    result = runner.invoke(cli, ["export", str(DECK), "--format", "svg", "-o", str(out), "--theme", "light"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [f"slide-{n:02d}.svg" for n in range(1, 10)]
    assert "#f7f7f5" in (out / "slide-01.svg").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slides"]  # no temporary folder left


def test_cli_refuses_a_folder_holding_other_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(DECK), "--format", "svg", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "other files (notes.txt)" in result.output and "Traceback" not in result.output
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_cli_keeps_an_export_of_the_other_format_in_the_folder(tmp_path: Path) -> None:
    # before: the SVG export replaced the folder, and the PNG slides exported there before went with it
    out = tmp_path / "slides"
    assert CliRunner().invoke(cli, ["export", str(DECK), "--format", "png", "-o", str(out)]).exit_code == 0
    result = CliRunner().invoke(cli, ["export", str(DECK), "--format", "svg", "-o", str(out)])
    assert result.exit_code == 2
    assert "other files (slide-01.png, slide-02.png, slide-03.png)" in result.output
    assert sorted(p.name for p in out.iterdir()) == [f"slide-{n:02d}.png" for n in range(1, 10)]
    assert CliRunner().invoke(cli, ["export", str(DECK), "--format", "png", "-o", str(out), "--slides", "1-2"]).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["slide-01.png", "slide-02.png"]  # an export of its own format is replaced


def test_cli_needs_a_folder_for_svg() -> None:
    result = CliRunner().invoke(cli, ["export", str(DECK), "--format", "svg"])
    assert result.exit_code == 2
    assert "give a folder with -o DIR" in result.output


def test_a_slide_fitted_to_height_is_one_file_per_piece_in_slide_order() -> None:
    deck = load_deck(SLIDES / "tour.md")
    files = export_svgs(deck, width=52, height=13)
    names = list(files)
    assert names[:5] == ["slide-01.svg", "slide-02-1.svg", "slide-02-2.svg", "slide-03-1.svg", "slide-03-2.svg"]
    assert names == sorted(names), "the names sort in slide order"
    assert "Why presenter (2/2)" in _text(files["slide-02-2.svg"])


def test_html_pieces_have_their_own_anchor_and_keep_the_slide_number() -> None:
    from presenter.export.html import export_html

    page = export_html(load_deck(SLIDES / "tour.md"), width=52, height=13)
    assert 'id="slide-2" data-number="2"' in page and 'id="slide-2-2" data-number="2"' in page
    ids = re.findall(r'<section class="slide" id="([^"]+)"', page)
    assert len(ids) == len(set(ids)) == 12  # three slides in two pieces


def test_a_title_slide_stands_in_the_middle_of_its_screen_as_in_the_app() -> None:
    """The app centres a title slide on the screen; a picture of the slide (SVG, PNG, PDF,
    HTML) shows it there too, not at the top."""
    from presenter.export.screen import iter_screens
    from presenter.sources.markdown import parse_markdown

    deck = parse_markdown("---\ntitle: The Talk\nsubtitle: Why it matters\n---\n\n# Body\n\nA line.\n")
    title, body = list(iter_screens(deck, width=60, height=20))
    rows = ["".join(segment.text for segment in line).strip() for line in title.lines]
    first, last = next(n for n, row in enumerate(rows) if row), max(n for n, row in enumerate(rows) if row)
    assert rows[first] == "The Talk" and rows[last] == "Why it matters"
    assert abs(first - (len(rows) - 1 - last)) <= 2  # as many blank rows above as below
    body_rows = ["".join(segment.text for segment in line).strip() for line in body.lines]
    assert next(n for n, row in enumerate(body_rows) if row) < 3  # a content slide starts at the top

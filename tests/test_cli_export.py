"""``presenter export``'s shared options (--slides, --notes, --height, --theme) and formats."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from presenter.cli import cli
from presenter.sources import load_deck
from presenter.sources.markdown import parse_markdown
from tests.conftest import SEED, SLIDES, without_pictures

TOUR = SLIDES / "tour.md"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["export", *args], catch_exceptions=False)


def headers(out: str) -> list[str]:
    return [line.split(" · ")[0] for line in out.split("\n") if line.startswith("── ")]


def test_slides_keep_their_numbers() -> None:
    result = run(str(SEED), "--slides", "2-4,8")
    assert result.exit_code == 0
    assert headers(result.stdout) == ["── 2/9", "── 3/9", "── 4/9", "── 8/9"]


@pytest.mark.parametrize("spec, numbers", [("3-", [3, 4, 5, 6, 7, 8, 9]), ("-2", [1, 2]), ("5", [5]), ("4,2,2-3", [2, 3, 4]), (" 1 - 2 ", [1, 2])])
def test_open_ranges_and_overlaps(spec: str, numbers: list[int]) -> None:
    result = run(str(SEED), "--slides", spec)
    assert result.exit_code == 0
    assert headers(result.stdout) == [f"── {n}/9" for n in numbers]


@pytest.mark.parametrize("spec, words", [
    ("0", "numbered from 1"), ("5-2", "runs backwards"), ("x", "is not a slide number"), ("2-5,", "is not"),
    ("", "is not"), ("1-2-3", "is not"), ("10", "out of range: the deck has 9 slides"), ("3-12", "slide 12"),
    ("-99", "out of range"),
])
def test_bad_ranges_are_one_line_errors(spec: str, words: str) -> None:
    result = run(str(SEED), "--slides", spec)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.strip().split("\n") if "injected fragment" not in line]
    assert len(errors) == 1 and errors[0].startswith(f"presenter: --slides {spec}: ")
    assert words in errors[0]


def test_a_bad_range_writes_no_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    assert run(str(SEED), "--slides", "20", "-o", str(target)).exit_code == 2
    assert not target.exists()


def test_slides_keep_their_numbers_when_fitted_with_height() -> None:
    full = headers(run(str(TOUR), "--width", "40", "--height", "8").stdout)
    assert len(full) > 9 and set(full) == {f"── {n}/9" for n in range(1, 10)}
    result = run(str(TOUR), "--width", "40", "--height", "8", "--slides", "3")
    assert headers(result.stdout) == ["── 3/9"] * full.count("── 3/9") and full.count("── 3/9") > 1


def test_notes_are_a_handout_section() -> None:
    plain = run(str(TOUR)).stdout
    result = run(str(TOUR), "--notes")
    assert result.exit_code == 0
    assert "Notes:" not in plain and "Welcome everyone" not in plain
    out = result.stdout
    assert out.count("  Notes:\n") == 9
    assert "    Welcome everyone." in out


def test_ansi_is_the_text_in_colour() -> None:
    ansi = run(str(TOUR), "--format", "ansi", "--theme", "light", "--notes").stdout
    assert "\x1b[38;2;" in ansi  # the light theme's truecolor palette
    assert without_pictures(re.sub(r"\x1b\[[0-9;]*m", "", ansi)) == without_pictures(run(str(TOUR), "--notes").stdout)


def test_theme_changes_ansi_but_not_text() -> None:
    dark = run(str(TOUR), "--format", "ansi", "--theme", "dark").stdout
    light = run(str(TOUR), "--format", "ansi", "--theme", "light").stdout
    assert dark != light
    assert run(str(TOUR), "--theme", "dark").stdout == run(str(TOUR), "--theme", "light").stdout


def test_markdown_to_a_file_reads_back(tmp_path: Path) -> None:
    target = tmp_path / "shanghai.md"
    result = run(str(SEED), "--format", "markdown", "-o", str(target))
    assert result.exit_code == 0
    assert "wrote 9 slides" in result.stderr
    text = target.read_text(encoding="utf-8")
    assert "\x1b" not in text
    back = load_deck(target)
    assert [s.display_title for s in back.slides] == [s.display_title for s in load_deck(SEED).slides]


def test_markdown_with_a_range() -> None:
    out = run(str(TOUR), "--format", "markdown", "--slides", "1,5").stdout
    back = parse_markdown(out)
    assert [s.title for s in back.slides] == ["A Tour of presenter", "What people say"]


def test_unknown_format_is_a_usage_error() -> None:
    result = run(str(SEED), "--format", "docx")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_help_lists_the_shared_options() -> None:
    out = run("--help").stdout
    for option in ("--slides", "--notes", "--height", "--theme", "markdown", "ansi"):
        assert option in out


def test_what_an_export_wrote_is_counted_in_words(tmp_path: Path) -> None:
    deck = tmp_path / "one.md"
    deck.write_text("# Only\n\nOne slide.\n", encoding="utf-8")
    assert "wrote 1 slide to" in run(str(deck), "--format", "text", "-o", str(tmp_path / "one.txt")).stderr
    folder = run(str(deck), "--format", "svg", "-o", str(tmp_path / "pages")).stderr
    assert re.search(r"wrote 1 slide to .*pages/ \([^,]+\.svg\)$", folder.strip()), folder
    assert CliRunner().invoke(cli, ["check", str(deck)]).stdout.startswith(f"{deck}: 'Only', 1 slide\n")

"""The text export of the bundled article, pinned by a golden file.

Regenerate after an intended change with ``PRESENTER_UPDATE_GOLDEN=1 pytest
tests/test_export_golden.py`` and read the diff before committing it.
"""

from __future__ import annotations

import os

from click.testing import CliRunner

from presenter.cli import cli
from presenter.export.text import export_text
from presenter.sources import load_deck
from tests.conftest import SLIDES, TESTS, without_pictures

GOLDEN = TESTS / "golden" / "shanghai-tech-hub.txt"
DECK = SLIDES / "shanghai-tech-hub.txt"


def test_text_export_matches_the_golden_file() -> None:
    out = export_text(load_deck(DECK), width=80)
    if os.environ.get("PRESENTER_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(out, encoding="utf-8", newline="\n")
    assert out == GOLDEN.read_text(encoding="utf-8")


TOUR_GOLDEN = TESTS / "golden" / "tour.txt"


def test_markdown_tour_export_matches_the_golden_file() -> None:
    out = export_text(load_deck(SLIDES / "tour.md"), width=80)
    if os.environ.get("PRESENTER_UPDATE_GOLDEN") == "1":
        TOUR_GOLDEN.write_text(out, encoding="utf-8", newline="\n")
    assert out == TOUR_GOLDEN.read_text(encoding="utf-8")


def test_golden_file_has_every_slide_and_no_spam() -> None:
    golden = GOLDEN.read_text(encoding="utf-8")
    headers = [line for line in golden.split("\n") if line.startswith("── ")]
    assert len(headers) == 9
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in golden)
    for figure in ("34%", "18%", "$28.7", "8,000", "250,000", "$15 billion", "$500 million", "2024", "2030"):
        assert figure in golden


def test_export_does_not_depend_on_the_terminal_size() -> None:
    outputs = []
    for columns, lines in (("40", "10"), ("200", "60")):
        env = {"COLUMNS": columns, "LINES": lines, "TERM": "xterm-256color", "FORCE_COLOR": "1"}
        result = CliRunner().invoke(cli, ["export", str(DECK)], env=env, catch_exceptions=False)
        assert result.exit_code == 0
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] == GOLDEN.read_text(encoding="utf-8")


# -- every format of both bundled decks: text with notes and a range, Markdown, ANSI -----------

import re  # noqa: E402

import pytest  # noqa: E402

from presenter.export import FORMATS  # noqa: E402
from presenter.export.selection import SlideSelection  # noqa: E402

BUNDLED = {"tour": SLIDES / "tour.md", "shanghai-tech-hub": DECK}
CASES = [
    ("text", "notes-2-5.txt", dict(notes=True, slides=SlideSelection.parse("2-5"))),
    ("markdown", "export.md", {}),
    ("ansi", "ansi", dict(theme="dark")),
]
_SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("name", sorted(BUNDLED))
@pytest.mark.parametrize("fmt, suffix, options", CASES, ids=[case[0] for case in CASES])
def test_format_matches_its_golden_file(name: str, fmt: str, suffix: str, options: dict) -> None:
    out = FORMATS[fmt](load_deck(BUNDLED[name]), width=80, **options)
    golden = TESTS / "golden" / f"{name}.{suffix}"
    if os.environ.get("PRESENTER_UPDATE_GOLDEN") == "1":
        golden.write_text(out, encoding="utf-8", newline="\n")
    assert out == golden.read_text(encoding="utf-8")
    if fmt != "ansi":
        assert "\x1b" not in out


@pytest.mark.parametrize("name", sorted(BUNDLED))
@pytest.mark.parametrize("theme", ["dark", "light", "high-contrast"])
def test_ansi_without_its_escape_codes_is_the_text_export(name: str, theme: str) -> None:
    deck = load_deck(BUNDLED[name])
    for options in ({}, dict(notes=True, slides=SlideSelection.parse("3-"), height=12)):
        ansi = FORMATS["ansi"](deck, width=72, theme=theme, **options)
        assert "\x1b[" in ansi
        assert without_pictures(_SGR.sub("", ansi)) == without_pictures(export_text(deck, width=72, **options))


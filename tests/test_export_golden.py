"""The text export of the bundled article, pinned by a golden file.

Regenerate after an intended change with ``PRESENTER_UPDATE_GOLDEN=1 pytest
tests/test_export_golden.py`` and read the diff before committing it.
"""

from __future__ import annotations

import os

from click.testing import CliRunner

from presenter.cli import cli
from presenter.export import export_text
from presenter.sources import load_deck
from tests.conftest import SLIDES, TESTS

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

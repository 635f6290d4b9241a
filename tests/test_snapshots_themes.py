"""SVG snapshots of the title slide and a stats slide in each built-in theme, at 100x30.

Review the report before accepting: ``pytest tests/test_snapshots_themes.py --snapshot-update``."""

from __future__ import annotations

import pytest
from conftest import SLIDES

from presenter.themes import THEMES
from presenter.tui.app import make_app

SIZE = (100, 30)
SEED = SLIDES / "shanghai-tech-hub.txt"


@pytest.fixture(autouse=True)
def _colour(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.mark.parametrize("theme", list(THEMES))
def test_title_slide(snap_compare, theme):
    assert snap_compare(make_app(SEED, theme=theme), terminal_size=SIZE)


@pytest.mark.parametrize("theme", list(THEMES))
def test_stats_slide(snap_compare, theme):
    assert snap_compare(make_app(SEED, theme=theme), press=["3", "enter"], terminal_size=SIZE)

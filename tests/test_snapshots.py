"""SVG snapshots of every visible state at 100x30. Review the report before accepting:
``pytest tests/test_snapshots.py --snapshot-update``."""

from __future__ import annotations

from pathlib import Path

from conftest import SLIDES

from presenter.tui.app import make_app

SIZE = (100, 30)
SEED = SLIDES / "shanghai-tech-hub.txt"


def test_title_slide(snap_compare):
    assert snap_compare(make_app(SEED), terminal_size=SIZE)


def test_stats_slide(snap_compare):
    assert snap_compare(make_app(SEED), press=["3", "enter"], terminal_size=SIZE)


def test_quote_slide(snap_compare):
    assert snap_compare(make_app(SEED), press=["4", "enter"], terminal_size=SIZE)


def test_numbered_list_slide(snap_compare):
    assert snap_compare(make_app(SEED), press=["6", "enter"], terminal_size=SIZE)


def test_bullet_list_slide(snap_compare):
    assert snap_compare(make_app(SEED), press=["8", "enter"], terminal_size=SIZE)


def test_help_overlay(snap_compare):
    assert snap_compare(make_app(SEED), press=["question_mark"], terminal_size=SIZE)


def test_too_small_message(snap_compare):
    assert snap_compare(make_app(SEED), terminal_size=(36, 10))


def test_overview(snap_compare):
    assert snap_compare(make_app(SEED), press=["3", "enter", "o"], terminal_size=SIZE)


def test_search_highlight(snap_compare):
    assert snap_compare(make_app(SEED), press=["slash", *"billion", "enter"], terminal_size=SIZE)


TOUR = SLIDES / "tour.md"


def test_markdown_pause_first_step(snap_compare):
    assert snap_compare(make_app(TOUR), press=["4", "enter"], terminal_size=SIZE)


def test_markdown_quote_slide(snap_compare):
    assert snap_compare(make_app(TOUR), press=["5", "enter"], terminal_size=SIZE)


def test_markdown_code_slide(snap_compare):
    assert snap_compare(make_app(TOUR), press=["6", "enter"], terminal_size=SIZE)


def test_markdown_table_slide(snap_compare):
    assert snap_compare(make_app(TOUR), press=["7", "enter"], terminal_size=SIZE)


def test_presenter_view(snap_compare):
    from datetime import datetime

    app = make_app(TOUR, clock=lambda: 100.0, now=lambda: datetime(2026, 11, 28, 14, 5), duration=600)
    assert snap_compare(app, press=["2", "enter", "p"], terminal_size=(120, 34))


def test_long_slide_continues_on_a_piece(snap_compare):
    # test_app_fitting checks that this is piece 2/2 of slide 4 at this size.
    assert snap_compare(make_app(SEED), press=["4", "enter", "right"], terminal_size=(64, 18))


GFM = Path(__file__).parent / "fixtures" / "gfm.md"


def test_markdown_nested_blocks_and_gfm(snap_compare):
    assert snap_compare(make_app(GFM), press=["2", "enter"], terminal_size=SIZE)


def test_code_highlight_second_step(snap_compare):
    assert snap_compare(make_app(GFM), press=["3", "enter", "right"], terminal_size=SIZE)


def test_markdown_picture_slide(snap_compare):
    assert snap_compare(make_app(TOUR), press=["8", "enter"], terminal_size=SIZE)

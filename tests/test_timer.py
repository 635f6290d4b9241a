"""Timer, pace, rehearsal and editor command: pure functions with an injected clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from presenter.editor import editor_command
from presenter.model import Deck, Slide
from presenter.rehearsal import Rehearsal, report_path, report_text
from presenter.timer import Timer, format_seconds, pace, parse_duration


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    "text, seconds",
    [("20m", 1200), ("20", 1200), ("1h30m", 5400), ("90s", 90), ("20:00", 1200), ("1:00:00", 3600), ("2.5 min", 150)],
)
def test_parse_duration(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "20x", "-5m", "m20"])
def test_parse_duration_refuses_nonsense(text):
    with pytest.raises(ValueError, match="not a duration"):
        parse_duration(text)


def test_format_seconds():
    assert format_seconds(0) == "00:00"
    assert format_seconds(754) == "12:34"
    assert format_seconds(3754) == "1:02:34"
    assert format_seconds(-65) == "-01:05"


def test_timer_starts_pauses_resumes_and_resets():
    clock = FakeClock()
    timer = Timer(clock)
    assert timer.elapsed() == 0 and not timer.started
    timer.toggle()
    clock.now += 10
    assert timer.elapsed() == 10 and timer.running
    timer.toggle()
    clock.now += 100
    assert timer.elapsed() == 10 and not timer.running and timer.started
    timer.toggle()
    clock.now += 5
    assert timer.elapsed() == 15
    timer.reset()
    assert timer.elapsed() == 0 and not timer.started


def test_pace():
    # 10 slides in 900 s: slide 6 is expected at 500 s.
    assert pace(500, 900, 6, 10) == "on pace"
    assert pace(300, 900, 6, 10) == "ahead"
    assert pace(700, 900, 6, 10) == "behind"
    assert pace(901, 900, 10, 10) == "over"


def test_rehearsal_report_counts_each_visit():
    clock = FakeClock()
    rehearsal = Rehearsal(clock)
    rehearsal.show(0)
    clock.now += 12
    rehearsal.show(1)
    clock.now += 30
    rehearsal.show(0)
    clock.now += 3
    rehearsal.stop()
    assert rehearsal.seconds == {0: 15, 1: 30}
    deck = Deck("Talk", slides=(Slide("Hello", is_title=True), Slide("Body")))
    text = report_text(rehearsal, deck)
    assert "   1  Hello" in text and "15.0 s" in text
    assert "   2  Body" in text and "30.0 s" in text
    assert "total 00:45 (45.0 s)" in text
    assert report_path(Path("/x/talk.md")) == Path("/x/talk.rehearsal.txt")


def test_editor_command_styles():
    path = Path("deck.md")
    full = str(Path.cwd() / "deck.md")
    assert editor_command(path, 12, {"EDITOR": "vim"}) == ["vim", "+12", full]
    assert editor_command(path, 12, {"EDITOR": "code --wait"}) == ["code", "--wait", "-g", f"{full}:12"]
    assert editor_command(path, 12, {"VISUAL": "nano", "EDITOR": "vim"})[0] == "nano"
    assert editor_command(path, None, {"EDITOR": "vim"}) == ["vim", full]
    assert editor_command(path, 3, {}) is None

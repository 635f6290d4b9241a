"""A small deck is read by a forked child while the app starts; what the user sees is the same.

``presenter/forked.py`` is only a shortcut: a child that fails, hangs or is unavailable
leaves the work to the parent, so decks, errors and reports are those of one process.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from presenter import cli as cli_module
from presenter import forked
from presenter.cli import cli
from presenter.forked import Forked
from presenter.tui.app import PresenterApp

from conftest import SLIDES

SEED = SLIDES / "shanghai-tech-hub.txt"

pytestmark = pytest.mark.skipif(not forked.can_fork(), reason="needs fork and a second core")


def child_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_child_sends_its_bytes_and_is_reaped() -> None:
    work = Forked(lambda: b"deck" * 100_000)  # more than a pipe holds at once
    pid = work._pid
    assert work.result() == b"deck" * 100_000
    assert not child_alive(pid)


def test_a_failing_child_gives_none() -> None:
    def broken() -> bytes:
        raise ValueError("a bug")

    assert Forked(broken).result() is None


def test_a_child_that_does_not_answer_in_time_is_killed() -> None:
    def slow() -> bytes:
        time.sleep(30)
        return b"late"

    work = Forked(slow)
    pid = work._pid
    started = time.monotonic()
    assert work.result(timeout=0.2) is None
    assert time.monotonic() - started < 5
    assert not child_alive(pid)


def presented(monkeypatch: pytest.MonkeyPatch, *args: str):
    """Run ``presenter ARGS`` with an app that records its deck instead of taking the terminal."""
    shown = {}

    def run(self, **options) -> None:
        shown["deck"] = self.deck

    monkeypatch.setattr(PresenterApp, "run", run)
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result, shown.get("deck")


def in_this_process(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record the decks the parent reads itself."""
    opened: list[Path] = []
    original = cli_module._open

    def spy(path: Path):
        opened.append(path)
        return original(path)

    monkeypatch.setattr(cli_module, "_open", spy)
    return opened


def test_the_child_reads_a_small_deck_and_the_app_gets_the_same_deck(monkeypatch: pytest.MonkeyPatch) -> None:
    opened = in_this_process(monkeypatch)
    result, deck = presented(monkeypatch, str(SEED))
    assert opened == []  # the parent did not read it: the child did
    monkeypatch.setattr(forked, "ENABLED", False)
    serial_result, serial_deck = presented(monkeypatch, str(SEED))
    assert opened == [SEED]
    assert deck == serial_deck and deck.slides
    assert result.exit_code == serial_result.exit_code == 0
    assert result.stderr == serial_result.stderr
    assert "dropped 3 injected fragment(s)" in result.stderr  # the report of what was dropped


def test_a_broken_deck_is_the_same_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "broken.md"
    path.write_text("---\ntitle: Broken\n\n# Never closed\n", encoding="utf-8")
    opened = in_this_process(monkeypatch)
    result, deck = presented(monkeypatch, str(path))
    assert deck is None and opened == [path]  # the child failed: the parent read it to say why
    assert result.exit_code != 0
    assert result.output.strip().splitlines() == [f"presenter: {path}:1: front matter opened with '---' is never closed"]


def test_a_child_that_cannot_answer_leaves_the_reading_to_the_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_module, "CHILD_TIMEOUT", 0.0)
    monkeypatch.setattr(Forked, "__init__", _stalled_init(Forked.__init__))
    opened = in_this_process(monkeypatch)
    result, deck = presented(monkeypatch, str(SEED))
    assert opened == [SEED] and result.exit_code == 0 and deck.slides


def _stalled_init(original):
    def init(self, work) -> None:
        def stalled() -> bytes:
            time.sleep(30)
            return work()

        original(self, stalled)

    return init

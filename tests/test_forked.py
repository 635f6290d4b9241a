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

from presenter import present as present_module
from presenter import forked, readahead
from presenter.cli import cli
from presenter.forked import ChildFailed, Forked, one_result
from presenter.sources import load_deck
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


def test_messages_arrive_in_order_then_the_end() -> None:
    stream = Forked(lambda send: [send(bytes([n]) * 70_000) for n in range(1, 4)])
    assert [stream.receive() for _ in range(4)] == [b"\1" * 70_000, b"\2" * 70_000, b"\3" * 70_000, b""]
    assert stream.finished


def test_the_child_sends_its_bytes_and_is_reaped() -> None:
    work = Forked(one_result(lambda: b"deck" * 100_000))  # more than a pipe holds at once
    pid = work._pid
    assert work.result() == b"deck" * 100_000
    assert not child_alive(pid)


def test_a_failing_child_gives_none() -> None:
    def broken() -> bytes:
        raise ValueError("a bug")

    assert Forked(one_result(broken)).result() is None
    stream = Forked(lambda send: (send(b"one"), broken()))
    assert stream.receive() == b"one"
    with pytest.raises(ChildFailed):
        stream.receive()


def test_a_child_that_does_not_answer_in_time_is_killed() -> None:
    def slow() -> bytes:
        time.sleep(30)
        return b"late"

    work = Forked(one_result(slow))
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
    original = present_module.open_deck

    def spy(path: Path):
        opened.append(path)
        return original(path)

    monkeypatch.setattr(present_module, "open_deck", spy)
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
    monkeypatch.setattr(readahead, "CHILD_TIMEOUT", 0.0)
    monkeypatch.setattr(Forked, "__init__", _stalled_init(Forked.__init__))
    opened = in_this_process(monkeypatch)
    result, deck = presented(monkeypatch, str(SEED))
    assert opened == [SEED] and result.exit_code == 0 and deck.slides


def _stalled_init(original):
    def init(self, work) -> None:
        def stalled(send) -> None:
            time.sleep(30)
            work(send)

        original(self, stalled)

    return init


# -- a big deck: the child sends the deck as it reads it ------------------------------------


def read_big(monkeypatch: pytest.MonkeyPatch, path: Path, *, press: tuple[str, ...] = ()):
    """``presenter PATH`` headless until the deck is read: its deck, output and the first deck."""
    from test_progressive import headless_run, until_read

    seen = {}

    async def present(pilot) -> None:
        seen["first"] = len(pilot.app.deck.slides)
        await pilot.press(*press)
        await until_read(pilot.app, pilot)
        seen["deck"] = pilot.app.deck
        seen["index"] = pilot.app.index
        await pilot.press("q")

    monkeypatch.setattr(PresenterApp, "run", headless_run(present))
    result = CliRunner().invoke(cli, [str(path)], catch_exceptions=False)
    return result, seen


@pytest.mark.parametrize("kind", ["markdown", "article"])
def test_a_big_deck_read_by_the_child_is_the_deck_read_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    from test_progressive import big_article, big_deck

    path = big_deck(tmp_path / "big.md") if kind == "markdown" else big_article(tmp_path / "big.txt")
    opened = in_this_process(monkeypatch)
    result, seen = read_big(monkeypatch, path, press=("right", "right"))
    assert opened == [] and result.exit_code == 0, result.output
    assert seen["first"] < 10 and seen["index"] == 2  # opened on its first slides, then read on
    assert seen["deck"] == load_deck(path) and len(seen["deck"].slides) > 1000
    assert "dropped 1 injected fragment(s)" in result.stderr


def test_when_the_child_dies_while_reading_the_deck_is_read_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from test_progressive import big_deck

    path = big_deck(tmp_path / "big.md")
    original = readahead.ReadAhead._send_stages

    def dies_after_the_first_deck(self, send) -> None:
        def send_one(message: bytes) -> None:
            send(message)
            os._exit(1)  # the child is killed once its first deck is sent

        original(self, send_one)

    monkeypatch.setattr(readahead.ReadAhead, "_send_stages", dies_after_the_first_deck)
    result, seen = read_big(monkeypatch, path)
    assert result.exit_code == 0, result.output
    assert seen["first"] < 10
    assert seen["deck"] == load_deck(path)


def test_a_deck_from_a_pipe_is_read_here_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``presenter <(make-deck)``: a child that read the pipe and failed would leave nothing
    for this process to read again (and a broken deck would not get its own error)."""
    import threading

    fifo = tmp_path / "deck.md"
    os.mkfifo(fifo)
    threading.Thread(target=lambda: fifo.write_text("# One\n\nA pipe can be read once.\n", encoding="utf-8"), daemon=True).start()
    opened = in_this_process(monkeypatch)
    result, deck = presented(monkeypatch, str(fifo))
    assert opened == [fifo] and result.exit_code == 0, result.output
    assert [slide.title for slide in deck.slides] == ["One"]


def test_where_fork_fails_the_work_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert Forked(one_result(lambda: b"never")).result() is None
    opened = in_this_process(monkeypatch)
    result, deck = presented(monkeypatch, str(SEED))
    assert opened == [SEED] and result.exit_code == 0 and deck.slides

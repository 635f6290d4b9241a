"""Big exports and checks on two cores give exactly what one process gives.

The thresholds are lowered so that small generated decks take the parallel path: a forked
child parses the second half of the pieces (and draws the second half of a text export).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presenter import forked
from presenter.cli import cli
from presenter.errors import PresenterError
from presenter.export.ansi import export_ansi
from presenter.export.selection import SlideSelection
from presenter.export.text import export_text
from presenter.sources import load_deck, mdparallel
from presenter.sources.markdown import parse_markdown
from presenter.sources.mdparallel import parse_markdown_parallel

pytestmark = pytest.mark.skipif(not forked.can_fork(), reason="needs fork and two cores")

#: Slide bodies: markup, notes in all their forms, notes standing alone (they join the slide
#: before), slides with nothing to title them (titled by number), deep lists, broken fences.
BODIES = [
    "# Title {k}", "## Part {k}", "Words and **bold** at {k}%.", "- a\n- b\n  - c", "1. one\n2. two",
    "> \"We grew,\" said Ada, engineer.", "<!-- speaker_note: note {k} -->", "<!-- notes -->\nmore notes\n<!-- /notes -->",
    "<!-- notes -->\nopen notes", "<!-- pause -->", "<!-- incremental_lists: true -->", "<!-- other -->",
    "```\ncode {k}\n```", "```\nunclosed", "![](img.png)", "a | b\n--- | ---\nc | d", "<b>html</b> and <!-- c -->",
    "- " * 30 + "deep", "Plain words {k}.", "",
]


def _text(slides: list[list[str]], front: bool) -> str:
    head = ["---", "title: Deck", "---", ""] if front else []
    body = []
    for k, parts in enumerate(slides):
        body += [part.format(k=k) for part in parts] + ["", "---" if k % 3 else "<!-- end_slide -->", ""]
    return "\n".join(head + body)


def _serial(text: str):
    try:
        return parse_markdown(text, source=Path("deck.md"))
    except PresenterError as error:
        return str(error)


def _parallel(text: str):
    try:
        deck = parse_markdown_parallel(text, source=Path("deck.md"))
    except PresenterError as error:
        return str(error)
    return deck if deck is not None else "serial"  # too few pieces: parsed in one process


@pytest.fixture
def small_thresholds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mdparallel, "PARALLEL_CHARS", 0)
    monkeypatch.setattr(mdparallel, "PARALLEL_PIECES", 2)
    monkeypatch.setattr("presenter.export.text.PARALLEL_SLIDES", 2)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])  # it only lowers constants
@given(st.lists(st.lists(st.sampled_from(BODIES), max_size=4), min_size=2, max_size=10), st.booleans())
def test_a_deck_parsed_on_two_cores_is_the_serial_deck(small_thresholds: None, slides: list[list[str]], front: bool) -> None:
    text = _text(slides, front)
    parallel = _parallel(text)
    if parallel != "serial":
        assert parallel == _serial(text)
    assert children() == []


@pytest.mark.parametrize("options", [{}, {"height": 8}, {"notes": True}, {"slides": SlideSelection.parse("2,5-")}, {"width": 41}])
def test_a_text_export_drawn_on_two_cores_is_the_serial_export(small_thresholds: None, options: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _text([["# T {k}", "Words at {k}%.", "- a\n- b", "<!-- speaker_note: n {k} -->"]] * 9, True)
    deck = parse_markdown_parallel(text, source=Path("deck.md"))
    assert deck == parse_markdown(text, source=Path("deck.md"))
    both = export_text(deck, **options), export_ansi(deck, **options)
    monkeypatch.setattr(forked, "ENABLED", False)
    assert (export_text(deck, **options), export_ansi(deck, **options)) == both


def children() -> list[int]:
    """This process's child processes (running or not yet reaped)."""
    return [int(pid) for task in Path("/proc/self/task").iterdir() for pid in (task / "children").read_text().split()]


def _export(deck: Path, *args: str):
    return CliRunner().invoke(cli, ["export", str(deck), *args], catch_exceptions=False)


def test_an_error_in_the_childs_half_is_the_same_one_line_error(small_thresholds: None, tmp_path: Path) -> None:
    slides = [["# T {k}", "Words."]] * 8 + [["# Broken", "```\nunclosed"]] + [["# T {k}"]] * 3
    deck = tmp_path / "deck.md"
    deck.write_text(_text(slides, True), encoding="utf-8")
    line = deck.read_text().split("\n").index("```") + 1
    result = _export(deck, "-o", str(tmp_path / "out.txt"))
    assert result.exit_code == 2
    assert result.output == f"presenter: {deck}:{line}: unclosed code fence\n"
    assert not (tmp_path / "out.txt").exists() and [p.name for p in tmp_path.iterdir()] == ["deck.md"]
    assert children() == []


def test_the_first_error_in_the_file_wins(small_thresholds: None, tmp_path: Path) -> None:
    slides = [["# T {k}"]] * 2 + [["# Early", "```\nunclosed"]] + [["# T {k}"]] * 8 + [["- " * 60 + "too deep"]]
    deck = tmp_path / "deck.md"
    deck.write_text(_text(slides, False), encoding="utf-8")
    result = _export(deck)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "unclosed code fence" in result.output and "Traceback" not in result.output


def test_the_cli_export_and_check_are_the_serial_ones(small_thresholds: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deck = tmp_path / "deck.md"
    deck.write_text(_text([["# T {k}", "Grew 5% <b>x</b>", "<!-- notes -->\nn {k}"], [], ["<!-- speaker_note: alone -->"]] * 5, True), encoding="utf-8")
    runs = [(_export(deck).output, CliRunner().invoke(cli, ["check", str(deck)]).output) for _ in range(2)]
    monkeypatch.setattr(forked, "ENABLED", False)
    assert (_export(deck).output, CliRunner().invoke(cli, ["check", str(deck)]).output) == runs[0] == runs[1]
    assert load_deck(deck, parallel=True) == load_deck(deck)


def test_a_child_is_stopped_and_reaped() -> None:
    child = forked.Forked(forked.one_result(lambda: time.sleep(60) or b""))
    pid = child._pid
    started = time.monotonic()
    child.close()
    assert time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped already


def test_a_failing_child_gives_no_result_and_no_output(capfd: pytest.CaptureFixture[str]) -> None:
    def work() -> bytes:
        raise RuntimeError("boom")

    with forked.Forked(forked.one_result(work)) as child:
        assert child.result() is None
    with forked.Forked(forked.one_result(lambda: b"done")) as child:
        assert child.result() == b"done"
    assert capfd.readouterr() == ("", "")


def test_an_export_where_fork_fails_is_the_serial_one(small_thresholds: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deck = tmp_path / "deck.md"
    deck.write_text(_text([["# T {k}", "Grew 5% <b>x</b>", "- a\n- b"]] * 12, True), encoding="utf-8")
    serial = _export(deck).output

    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    result = _export(deck)
    assert result.exit_code == 0 and result.output == serial

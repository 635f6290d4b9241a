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


# -- the text export of a deck read in halves: the child draws its own slides ------------------

from functools import partial  # noqa: E402

from presenter.export.text import drawn_slides, export_text_halves  # noqa: E402
from presenter.sources import read_in_halves  # noqa: E402


def _halves_export(path: Path, draw=None, **options) -> tuple[str, int, object]:
    halves = read_in_halves(path, draw=draw or partial(drawn_slides, width=options.get("width", 80), notes=options.get("notes", False)))
    try:
        split = halves.split
        text, count = export_text_halves(halves, **options)
        return text, count, (split, halves.deck.warnings, halves.deck.removed)
    finally:
        halves.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.lists(st.sampled_from(BODIES), max_size=4), min_size=2, max_size=10),
    st.booleans(),
    st.sampled_from([{}, {"notes": True}, {"width": 33}, {"slides": SlideSelection.parse("2,4-")}]),
)
def test_a_text_export_read_and_drawn_in_halves_is_the_serial_export(
    small_thresholds: None, tmp_path_factory: pytest.TempPathFactory, slides: list[list[str]], front: bool, options: dict
) -> None:
    path = tmp_path_factory.mktemp("halves") / "deck.md"
    path.write_text(_text(slides, front), encoding="utf-8")
    try:
        deck = load_deck(path)
    except PresenterError as error:
        with pytest.raises(PresenterError) as raised:
            _halves_export(path, **options)
        assert str(raised.value) == str(error)
    else:
        try:
            chosen = len(SlideSelection.numbers(options["slides"], len(deck.slides))) if "slides" in options else len(deck.slides)
        except PresenterError as error:  # a range past the end of a small deck
            with pytest.raises(PresenterError, match="out of range") as raised:
                _halves_export(path, **options)
            assert str(raised.value) == str(error)
        else:
            text, count, (_, warnings, removed) = _halves_export(path, **options)
            assert (text, count, warnings, removed) == (export_text(deck, **options), chosen, deck.warnings, deck.removed)
    assert children() == []


def _big_deck(tmp_path: Path, slides: list[list[str]] | None = None) -> Path:
    path = tmp_path / "deck.md"
    path.write_text(_text(slides or [["# T {k}", "Grew {k}% **fast**.", "- a\n- b", "<!-- speaker_note: n {k} -->"]] * 12, True), encoding="utf-8")
    return path


def test_the_child_draws_its_half_and_keeps_its_slides(small_thresholds: None, tmp_path: Path) -> None:
    path = _big_deck(tmp_path)
    whole = load_deck(path)
    text, count, (split, _, _) = _halves_export(path, notes=True)
    assert split and count == len(whole.slides) == 13
    assert text == export_text(whole, notes=True)
    halves = read_in_halves(path, draw=len)
    assert halves.split and 1 < len(halves.deck.slides) < len(whole.slides)  # the title slide and the first half's
    assert halves.deck.slides == whole.slides[: len(halves.deck.slides)]
    assert halves.drawn() == len(whole.slides) - len(halves.deck.slides)
    assert halves.split and halves.drawn() == len(whole.slides) - len(halves.deck.slides)  # asked again
    assert children() == []


def test_a_child_that_fails_while_drawing_leaves_the_export_to_this_process(small_thresholds: None, tmp_path: Path) -> None:
    path = _big_deck(tmp_path)

    def fails(slides):
        raise RuntimeError("the child fails after it has parsed its half")

    text, count, (split, _, _) = _halves_export(path, draw=fails)
    assert split and (text, count) == (export_text(load_deck(path)), 13)
    halves = read_in_halves(path, draw=fails)
    assert halves.split and halves.drawn() is None
    assert not halves.split and halves.deck == load_deck(path)
    assert children() == []


def test_a_first_half_of_notes_alone_is_read_whole(small_thresholds: None, tmp_path: Path) -> None:
    path = _big_deck(tmp_path, [["<!-- speaker_note: early {k} -->"]] * 8 + [["# T {k}", "Words."]] * 4)
    text, count, (split, _, _) = _halves_export(path)
    assert not split and (text, count) == (export_text(load_deck(path)), 5)


def test_the_cli_text_export_reports_what_the_childs_half_dropped(small_thresholds: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spam = "上海神女论坛"  # one of the forum phrases the cleaner drops (from the bundled article)
    words = "Harbour traffic grew steadily through the year, and the port expects more ships."
    path = _big_deck(tmp_path, [["# T {k}", words]] * 10 + [[spam, "# Late {k}", words]] * 3)
    out = tmp_path / "out.txt"
    split = _export(path, "-o", str(out))
    assert split.exit_code == 0 and "dropped" in split.output and "wrote 14 slides" in split.output
    monkeypatch.setattr(forked, "ENABLED", False)
    serial = _export(path, "-o", str(tmp_path / "serial.txt"))
    assert (split.output, out.read_text()) == (serial.output.replace("serial.txt", "out.txt"), (tmp_path / "serial.txt").read_text())


def test_notes_that_open_the_childs_half_join_the_slide_before(small_thresholds: None, tmp_path: Path) -> None:
    slides = [["# T {k}", "Words."]] * 6 + [["<!-- speaker_note: alone {k} -->"]] * 6 + [["# U {k}", "Words."]] * 6
    path = _big_deck(tmp_path, slides)
    whole = load_deck(path)
    halves = read_in_halves(path, draw=len)
    assert halves.split and halves.drawn() == 6  # the child opens on notes alone, then its six slides
    text, _, (split, _, _) = _halves_export(path, notes=True)
    assert split and text == export_text(whole, notes=True)
    assert "alone 11" in text.split("── 8/13")[0]  # the last note went to the seventh slide, T 5


def test_a_big_article_is_exported_as_an_article(small_thresholds: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = tmp_path / "article.txt"
    article.write_text("\n\n---\n\n".join(f"Section {k}\n\n# not a heading {k}\n\n- grew {k}%" for k in range(40)), encoding="utf-8")
    split = _export(article)
    monkeypatch.setattr(forked, "ENABLED", False)
    assert split.exit_code == 0 and split.output == _export(article).output
    as_markdown = tmp_path / "article.md"
    as_markdown.write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    assert _export(as_markdown).output != split.output  # read as Markdown, the same text gives other slides


def test_a_first_half_of_one_slide_is_split_as_any_other(small_thresholds: None, tmp_path: Path) -> None:
    path = _big_deck(tmp_path, [["# Big", "word " * 3000]] + [["# T {k}", "Words."]] * 6)
    halves = read_in_halves(path, draw=len)
    assert halves.split and [slide.title for slide in halves.deck.slides] == ["Deck", "Big"]
    assert halves.drawn() == 6
    text, count, (split, _, _) = _halves_export(path)
    assert split and (text, count) == (export_text(load_deck(path)), 8)

"""Speaker support in the app: presenter view, timer, rehearsal, editing the slide."""

from __future__ import annotations

import stat
import sys
from datetime import datetime

from click.testing import CliRunner
from conftest import SLIDES
from test_app import position, screen_text, seen, unicorn_deck, until

from presenter.cli import cli
from presenter.present import write_rehearsal
from presenter.sources import load_deck
from presenter.tui.app import make_app

SIZE = (120, 34)
TOUR = SLIDES / "tour.md"


class FakeClock:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


def fixed_now() -> datetime:
    return datetime(2026, 11, 28, 14, 5)


async def test_presenter_view_shows_next_slide_notes_clock_and_pace():
    clock = FakeClock()
    app = make_app(TOUR, clock=clock, now=fixed_now, duration=9 * 60)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "enter", "p")
        text = await seen(pilot)
        deck = app.deck
        assert "14:05" in text and "elapsed 00:00" in text
        assert deck.slides[2].title in text, "the next slide is previewed"
        first_note_words = deck.slides[1].notes.split()[:3]
        assert " ".join(first_note_words) in " ".join(text.split())
        assert "remaining 09:00" in text
        await pilot.press("t")
        clock.now += 200  # 200 s on slide 2 of 9: behind a 9-minute pace
        app._tick()
        text = await seen(pilot)
        assert "elapsed 03:20" in text and "remaining 05:40" in text and "behind" in text
        assert app.query_one("#clock").has_class("-behind")
        await pilot.press("p")
        text = await seen(pilot)
        assert "remaining" not in text
        assert "⏱ 03:20" in text, "the footer keeps showing the timer"


async def test_presenter_views_next_shows_what_the_next_key_press_shows(tmp_path):
    """On a slide with a pause, Next is the slide's next step, not the next slide."""
    deck = tmp_path / "talk.md"
    deck.write_text("# Plan\n\nFirst point.\n\n<!-- pause -->\n\nSecond point.\n\n---\n\n# Results\n\nIt worked.\n", encoding="utf-8")
    app = make_app(deck, clock=FakeClock(), now=fixed_now, presenter_view=True, watch=False, sync=False)
    async with app.run_test(size=SIZE) as pilot:
        assert await until(pilot, lambda: "Next: step 2 of 2" in screen_text(app) and "Second point." in screen_text(app))
        text = screen_text(app)
        assert text.count("Second point.") == 1 and "Results" not in text  # in Next only: the slide is at its first step
        await pilot.press("right")
        assert await until(pilot, lambda: "Next slide" in screen_text(app) and "Results" in screen_text(app))
        assert screen_text(app).count("Second point.") == 1  # on the slide now
        await pilot.press("right")
        assert await until(pilot, lambda: "End of the deck" in screen_text(app))


async def test_presenter_views_next_step_shows_what_the_step_reveals_on_a_long_slide():
    """The tour's third slide is taller than Next's box: its next step is the numbered list at
    its foot, which Next scrolls to (it showed the slide's top, as at the step before)."""
    app = make_app(TOUR, clock=FakeClock(), now=fixed_now, presenter_view=True, watch=False, sync=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter")
        assert await until(pilot, lambda: "Next: step 2 of 2" in screen_text(app))
        assert await until(pilot, lambda: "Present it" in screen_text(app))  # the list's last item
        assert screen_text(app).count("Present it") == 1  # in Next only: the slide is at its first step
        await pilot.press("right")
        assert await until(pilot, lambda: "Next slide" in screen_text(app) and "Pauses reveal" in screen_text(app))


async def test_timer_pauses_and_resets():
    clock = FakeClock()
    app = make_app(TOUR, clock=clock, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        assert "⏱" not in await seen(pilot)
        await pilot.press("t")
        clock.now += 65
        await pilot.press("t")
        clock.now += 100
        app._tick()
        assert "⏱ 01:05" in await seen(pilot)
        await pilot.press("T")
        assert "⏱" not in await seen(pilot)


async def test_duration_from_front_matter(tmp_path):
    deck = tmp_path / "talk.md"
    deck.write_text("---\ntitle: Talk\nduration: 20m\n---\n\n# One\n\ntext\n\n---\n\n# Two\n\nmore\n", encoding="utf-8")
    app = make_app(deck, clock=FakeClock(), now=fixed_now, presenter_view=True)
    async with app.run_test(size=SIZE) as pilot:
        assert app.duration == 1200
        assert "remaining 20:00" in await seen(pilot)


async def test_rehearsal_records_seconds_per_slide(tmp_path):
    clock = FakeClock()
    path = tmp_path / "talk.md"
    path.write_text("# One\n\ntext\n\n---\n\n# Two\n\nmore\n", encoding="utf-8")
    app = make_app(path, clock=clock, rehearse=True)
    async with app.run_test(size=SIZE) as pilot:
        clock.now += 30
        await pilot.press("right")
        clock.now += 12
        await pilot.press("q")
    write_rehearsal(app.rehearsal, app.deck)
    report = (tmp_path / "talk.rehearsal.txt").read_text(encoding="utf-8")
    assert "30.0 s" in report and "12.0 s" in report
    assert "total 00:42" in report


async def test_e_opens_the_editor_at_the_slide_line_and_reloads(tmp_path, monkeypatch):
    path = tmp_path / "talk.md"
    path.write_text("# One\n\ntext\n\n---\n\n# Two\n\nmore\n", encoding="utf-8")
    log = tmp_path / "editor-args.txt"
    editor = tmp_path / "fake-editor"
    editor.write_text(
        f"#!{sys.executable}\nimport sys, pathlib\n"
        f"pathlib.Path({str(log)!r}).write_text(' '.join(sys.argv[1:]))\n"
        "p = pathlib.Path(sys.argv[-1]); p.write_text(p.read_text().replace('more', 'edited'))\n",
        encoding="utf-8",
    )
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.delenv("VISUAL", raising=False)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "e")
        text = await seen(pilot)
        assert log.read_text() == f"+6 {path}", "the first line of slide 2, after its ---"
        assert "edited" in text and position(app) == 2


async def test_e_on_a_later_piece_of_a_long_slide_opens_the_editor_at_that_piece(tmp_path, monkeypatch):
    path = tmp_path / "talk.md"
    path.write_text("# Long\n\n" + "\n\n".join(f"Paragraph {k} of the long slide." for k in range(60)) + "\n", encoding="utf-8")
    log = tmp_path / "editor-args.txt"
    editor = tmp_path / "fake-editor"
    editor.write_text(f"#!{sys.executable}\nimport sys, pathlib\npathlib.Path({str(log)!r}).write_text(' '.join(sys.argv[1:]))\n", encoding="utf-8")
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.delenv("VISUAL", raising=False)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")
        shown = screen_text(app)
        assert "(2/" in shown
        first = min(k for k in range(60) if f"Paragraph {k} of" in shown)  # the first paragraph on screen
        await pilot.press("e")
        await seen(pilot)
        assert log.read_text() == f"+{3 + 2 * first} {path}", "the line of the first paragraph on screen"


async def test_e_without_an_editor_says_what_to_set(monkeypatch):
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    app = make_app(TOUR)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("e")
        assert "Set $EDITOR" in await seen(pilot)


def test_an_editor_that_cannot_start_gives_the_terminal_back_to_the_app(tmp_path, monkeypatch):
    """Textual's ``suspend`` gives the terminal back only when its block ends without an
    error: an editor that cannot start must not leave the app suspended (blank, deaf)."""
    from contextlib import contextmanager

    from presenter.tui.editing import edit_deck

    class Terminal:  # what edit_deck uses of a running app, suspending as Textual's does
        def __init__(self) -> None:
            self.suspended, self.notices = False, []

        @contextmanager
        def suspend(self):
            self.suspended = True
            yield
            self.suspended = False

        def notify(self, message: str, **options) -> None:
            self.notices.append(message)

    monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
    monkeypatch.delenv("VISUAL", raising=False)
    app = Terminal()
    assert edit_deck(app, tmp_path / "talk.md", 1) is False
    assert not app.suspended
    assert app.notices == [f"Could not start {tmp_path / 'no-such-editor'}: No such file or directory"]


def test_bad_duration_is_a_one_line_usage_error():
    result = CliRunner().invoke(cli, ["show", str(TOUR), "--duration", "soon"])
    assert result.exit_code == 2
    assert "not a duration" in result.output
    assert "Traceback" not in result.output


def test_bundled_deck_loads_for_the_presenter_view():
    assert load_deck(TOUR).slides[1].notes


async def test_command_palette_finds_slides_by_title_text_and_notes():
    app = make_app(SLIDES / "shanghai-tech-hub.txt")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.1)
        await pilot.press(*"talentmagnet")
        assert await until(pilot, lambda: "5. The Talent" in screen_text(app) and "Magnet" in screen_text(app))
        await pilot.press("down", "enter")
        await pilot.pause()
        assert position(app) == 5
        await pilot.press("ctrl+p")
        await pilot.pause(0.1)
        await pilot.press(*"SenseTime")
        assert await until(pilot, lambda: "Zhangjiang" in screen_text(app) and "in the text" in screen_text(app))
        await pilot.press("down", "enter")
        await pilot.pause()
        assert position(app) == 4


async def test_command_palette_opens_a_long_slide_at_the_piece_that_shows_the_text(tmp_path):
    # before: it opened the slide's first piece, the text found pieces further on
    app = make_app(unicorn_deck(tmp_path), watch=False, sync=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.1)
        await pilot.press(*"unicorn")
        assert await until(pilot, lambda: "in the text" in screen_text(app))
        await pilot.press("down", "enter")
        assert await until(pilot, lambda: "The unicorn hides here." in screen_text(app))
        assert position(app) == 1 and app.part == len(app.pieces(0)) - 1 > 0


async def test_transition_fades_the_new_slide_in_only_when_asked():
    app = make_app(TOUR, animate=True)
    async with app.run_test(size=SIZE) as pilot:
        app.animation_level = "full"  # Textual's test harness turns animation off
        app.action_next_slide()  # not pilot.press: Pilot waits for animations to finish
        stage = app.query_one("#stage")
        assert stage.styles.opacity < 1.0, "the fade starts"
        assert await until(pilot, lambda: stage.styles.opacity == 1.0)
    still = make_app(TOUR)
    async with still.run_test(size=SIZE) as pilot:
        await pilot.press("right")
        assert still.query_one("#stage").styles.opacity == 1.0

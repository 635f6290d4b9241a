"""Code that runs: only under --exec, its output under the code, stopped at its time limit,
when the slide changes or when presenter quits, leaving no process behind."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from presenter.cli import cli
from presenter.errors import PresenterError
from presenter.serve import serve_command
from presenter.sources import deck_stages, first_deck
from presenter.tui.app import make_app
from tests.test_app import screen_text, until

BASH = "```bash +exec\necho hello from bash\necho to stderr >&2\nexit 3\n```"


def deck_of(tmp_path: Path, body: str, front: str = "") -> Path:
    deck = tmp_path / "deck.md"
    deck.write_text(f"---\ntitle: Runs\n{front}---\n\n# Run\n\n{body}\n\n# After\n\nThe next slide.\n", encoding="utf-8")
    return deck


def export(*args: str):
    return CliRunner().invoke(cli, ["export", *args])


#: A block that starts a child in the background and waits: stopping it must stop both.
RUNAWAY = "```bash +exec\nsleep 60 &\necho $! > child.pid\nsleep 60\n```"


def child_started(folder: Path) -> bool:
    """Whether the runaway block has written its child's process id."""
    pid = folder / "child.pid"
    return pid.exists() and pid.read_text().strip() != ""


def alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie waiting to be reaped does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def test_nothing_runs_without_exec(tmp_path: Path) -> None:
    deck = deck_of(tmp_path, "```bash +exec\ntouch ran\necho hi\n```\n\n```bash +exec_replace\ntouch ran\n```")
    out = export(str(deck)).stdout
    assert "touch ran" in out and "output" not in out and "exit" not in out
    assert not (tmp_path / "ran").exists()


async def test_without_exec_the_app_says_how_to_run_it_and_ctrl_e_runs_nothing(tmp_path: Path) -> None:
    deck = deck_of(tmp_path, "```bash +exec\ntouch ran\n```")
    app = make_app(deck, sync=False, watch=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("right", "ctrl+e")
        assert await until(pilot, lambda: "Start presenter with --exec" in screen_text(app))
        assert "▶ run with --exec to run this" in screen_text(app)
    assert not (tmp_path / "ran").exists()


def test_export_with_exec_shows_each_output_and_how_it_ended(tmp_path: Path) -> None:
    deck = deck_of(tmp_path, f"{BASH}\n\n```python +exec\n/// import math\nprint(round(math.pi, 4))\n```\n\n```bash +exec_replace\necho replaced\n```")
    out = export(str(deck), "--exec").stdout
    assert "hello from bash" in out and "to stderr" in out and "exit 3 ─┘" in out
    assert "3.1416" in out and "import math" not in out  # the hidden line ran, unseen
    assert "replaced" in out and "echo replaced" not in out  # the block became its output
    assert "Ctrl+E" not in out and "--exec" not in out  # hints are for the app
    markdown = export(str(deck), "--exec", "--format", "markdown").stdout
    assert "```text\nhello from bash\nto stderr\n```" in markdown  # the output, as text after its code


def test_a_runaway_block_is_killed_at_its_limit_with_everything_it_started(tmp_path: Path) -> None:
    deck = deck_of(tmp_path, "```bash +exec\nsleep 60 &\necho $! > child.pid\necho started\nsleep 60\n```", front="exec_timeout: 1\n")
    started = time.monotonic()
    out = export(str(deck), "--exec").stdout
    assert time.monotonic() - started < 30
    assert "started" in out and "killed after 1 s (exec_timeout)" in out
    assert not alive(int((tmp_path / "child.pid").read_text()))


def test_front_matter_runners_add_languages(tmp_path: Path) -> None:
    shout = "python3 -c 'import sys; print(open(sys.argv[1]).read().upper())' {file}"
    deck = deck_of(tmp_path, "```shout +exec\nquiet words\n```\n\n```cobol +exec\nDISPLAY 1\n```", front=f"runners:\n  shout: \"{shout}\"\n")
    out = export(str(deck), "--exec").stdout
    assert "QUIET WORDS" in out
    assert "no runner for cobol" in out


def test_a_bad_exec_timeout_is_a_one_line_error(tmp_path: Path) -> None:
    deck = deck_of(tmp_path, BASH, front="exec_timeout: soon\n")
    result = export(str(deck), "--exec")
    assert result.exit_code != 0
    assert "deck.md" in result.output and "exec_timeout" in result.output and "Traceback" not in result.output


def test_a_slides_deck_runs_its_code_blocks_without_exec_marks(tmp_path: Path) -> None:
    deck = tmp_path / "deck.md"
    deck.write_text("---\npaging: \"%d / %d\"\n---\n# One\n\n```bash\necho from slides\n```\n\n---\n\n# Two\n", encoding="utf-8")
    assert "from slides" in export(str(deck), "--exec").stdout


def test_serve_never_runs_code(tmp_path: Path) -> None:
    assert "--exec" not in serve_command(deck_of(tmp_path, BASH)) and " -x" not in serve_command(deck_of(tmp_path, BASH))


async def test_ctrl_e_streams_the_output_then_how_it_ended(tmp_path: Path) -> None:
    deck = deck_of(tmp_path, BASH)
    app = make_app(deck, sync=False, watch=False, run_code=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right")
        assert await until(pilot, lambda: "Ctrl+E runs this" in screen_text(app))
        await pilot.press("ctrl+e")
        assert await until(pilot, lambda: "exit 3" in screen_text(app), seconds=10)
        shown = screen_text(app)
        assert "hello from bash" in shown and "to stderr" in shown


async def test_turning_the_slide_stops_the_run_and_its_processes(tmp_path: Path) -> None:
    app = make_app(deck_of(tmp_path, RUNAWAY), sync=False, watch=False, run_code=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "ctrl+e")
        assert await until(pilot, lambda: child_started(tmp_path))
        await pilot.press("right", "left")
        assert await until(pilot, lambda: "stopped: the slide changed" in screen_text(app), seconds=5)
        assert not alive(int((tmp_path / "child.pid").read_text()))


async def test_quitting_stops_the_run(tmp_path: Path) -> None:
    app = make_app(deck_of(tmp_path, RUNAWAY), sync=False, watch=False, run_code=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "ctrl+e")
        assert await until(pilot, lambda: child_started(tmp_path))
    child = int((tmp_path / "child.pid").read_text())
    for _ in range(50):
        if not alive(child):
            break
        time.sleep(0.05)
    assert not alive(child)


async def test_a_run_goes_on_while_the_rest_of_a_long_deck_is_read(tmp_path: Path) -> None:
    """The slides after the first ones are read while the deck is shown: that is no reload,
    and neither stops a run nor loses its output."""
    later = "".join(f"\n\n---\n\n# Slide {k}\n\nText {k}." for k in range(60))
    stages = deck_stages(deck_of(tmp_path, "```bash +exec\necho started\nsleep 1.5\necho finished\n```" + later))
    app = make_app(first_deck(stages), rest=stages, sync=False, watch=False, run_code=True)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.deck.partial
        await pilot.press("right", "ctrl+e")
        assert await until(pilot, lambda: "finished" in screen_text(app) and "exit 0" in screen_text(app), seconds=10)
        assert not app.deck.partial and "stopped" not in screen_text(app)


def test_a_long_deck_with_a_bad_exec_setting_is_a_one_line_error_before_it_opens(tmp_path: Path) -> None:
    """A long deck opens on its first slides; its front matter comes whole with them. A bad
    exec_timeout was found only once the deck was read whole, and Textual printed a
    traceback; Ctrl+E before that crashed on the setting's text read as markup."""
    later = "".join(f"\n\n---\n\n# Slide {k}\n\nText {k}." for k in range(60))
    deck = deck_of(tmp_path, "```bash +exec\necho hi\n```" + later, front='exec_timeout: "[/bold]x"\n')
    stages = deck_stages(deck)
    opened = first_deck(stages)
    assert opened.partial
    with pytest.raises(PresenterError, match=r"exec_timeout: '\[/bold\]x' is not a number of seconds"):
        make_app(opened, rest=stages, sync=False, watch=False, run_code=True)
    result = CliRunner().invoke(cli, ["show", str(deck), "--exec", "--no-sync"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.output.strip().endswith("exec_timeout: '[/bold]x' is not a number of seconds")

"""Crafted inputs from an attack on presenter: file names, markup, editors, nesting, FIFOs,
bidi controls and damaged bytes. Each test is something a hostile deck or file name did.

Serve, sync and export writing have their own files (test_attacks_serve.py,
test_attacks_sync.py, test_attacks_export.py).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_app import until

from presenter.cli import cli
from presenter.editor import editor_command
from presenter.tui.app import make_app

SIZE = (100, 30)
ESC = "\x1b"
#: Escape sequences that act on a terminal: clipboard (OSC 52), window title, colours.
CLIPBOARD = "\x1b]52;c;cHduZWQK\x07"
WINDOW_TITLE = "\x1b]0;X\x07"


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def screen_text(app) -> str:
    svg = app.export_screenshot()
    chunks = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape("".join(chunks)).replace("\xa0", " ")


async def notice(pilot, title: str) -> str:
    """The screen once a notice titled ``title`` shows (waiting for the worker that raises it)."""
    for _ in range(100):
        await pilot.pause(0.05)
        shown = screen_text(pilot.app)
        if title in shown:
            return shown
    raise AssertionError(f"no notice {title!r} on the screen:\n{shown}")


# -- 1. escape sequences in a file name --------------------------------------------------------


@pytest.mark.parametrize("name", [f"{CLIPBOARD}.txt", f"{WINDOW_TITLE}deck.txt", f"deck{WINDOW_TITLE}.md"])
@pytest.mark.parametrize("command", [("export",), ("check",), ("check", "--json"), ("export", "--format", "html")])
def test_a_file_name_never_sends_escapes_to_the_terminal(tmp_path: Path, name: str, command: tuple[str, ...]) -> None:
    deck = tmp_path / name
    deck.write_text("# Harbour\n\nTraffic grew by 6% this year.\n", encoding="utf-8")
    result = run(*command, str(deck))
    assert result.exit_code == 0, result.output
    assert ESC not in result.stdout and "\x07" not in result.stdout
    assert ESC not in result.stderr and "\x07" not in result.stderr


def test_a_title_made_from_a_file_name_has_no_escapes(tmp_path: Path) -> None:
    deck = tmp_path / f"{WINDOW_TITLE}harbour-report.txt"
    deck.write_text("Traffic grew by 6% this year.\n\nCranes\n\nThe east quay got new cranes.\n", encoding="utf-8")
    result = run("export", str(deck))
    assert "Harbour Report" in result.stdout
    assert ESC not in result.stdout


def test_a_file_name_in_an_error_is_shown_escaped(tmp_path: Path) -> None:
    result = run("export", str(tmp_path / f"{CLIPBOARD}missing.md"))
    assert result.exit_code == 2
    assert ESC not in result.stderr
    assert "\\x1b]52;c;cHduZWQK\\x07missing.md: no such file" in result.stderr


def test_a_file_name_in_the_written_message_is_shown_escaped(tmp_path: Path) -> None:
    deck = tmp_path / "deck.md"
    deck.write_text("# One\n\nText.\n", encoding="utf-8")
    result = run("export", str(deck), "-o", str(tmp_path / f"{WINDOW_TITLE}out.txt"))
    assert result.exit_code == 0
    assert "wrote 1 slide to" in result.stderr and ESC not in result.stderr


def test_front_matter_escapes_are_removed_and_reported(tmp_path: Path) -> None:
    deck = tmp_path / "deck.md"
    deck.write_text('---\ntitle: "Harbour\\e]0;PWNED\\a Report"\nauthor: "Ann\\x07"\n---\n# One\n\nText.\n', encoding="utf-8")
    exported = run("export", str(deck))
    assert "Harbour Report" in exported.stdout
    assert ESC not in exported.stdout and "\x07" not in exported.stdout
    report = run("check", str(deck)).stdout
    assert "line 2:" in report and "line 3:" in report and "control characters" in report


# -- 5. deck text is never Textual markup ------------------------------------------------------

MARKUP = ["with [/bold] inside", "Beta [@click=app.quit]QUIT[/]", "[$accent]x", "[b]bold[/b] [/]", "[link='x']y[/link]"]


def markup_deck(tmp_path: Path, payload: str) -> Path:
    deck = tmp_path / "deck.md"
    deck.write_text(
        f"---\ntitle: {json.dumps('T ' + payload)}\n---\n# Alpha {payload}\n\nBody {payload} here.\n\n<!-- speaker_note: Note {payload} -->\n\n"
        f"---\n\n# Beta {payload}\n\n- item {payload}\n",
        encoding="utf-8",
    )
    return deck


@pytest.mark.parametrize("payload", MARKUP)
async def test_markup_in_a_deck_is_shown_as_written_everywhere(tmp_path: Path, payload: str) -> None:
    app = make_app(markup_deck(tmp_path, payload), presenter_view=True, sync=False, watch=False)
    async with app.run_test(size=(200, 40)) as pilot:  # wide: the next-slide preview shows its title on one line
        await pilot.press("right")
        await pilot.pause()
        shown = screen_text(app)
        assert f"Alpha {payload}" in shown  # slide title
        assert f"Note {payload}" in shown  # presenter view's notes
        assert f"Beta {payload}" in shown  # next-slide preview
        await pilot.press("o")  # overview
        await pilot.pause()
        tiles = screen_text(app)
        assert all(word in tiles for word in payload.split())  # narrow tiles wrap the titles
        await pilot.press("escape", "slash", *"Body", "enter")  # search
        await pilot.pause()
        assert app.is_running
        await pilot.press("ctrl+p", *"Body")  # palette: found in the text, with a snippet
        assert await until(pilot, lambda: f"Body {payload} here" in screen_text(app))
        assert app.is_running
        await pilot.press("escape", "ctrl+p", *"Beta")  # palette: found in a title, highlighted
        assert await until(pilot, lambda: f"Beta {payload}" in screen_text(app))
        await pilot.press("escape")
        assert app.is_running


async def test_a_link_in_a_title_cannot_quit_the_app_from_the_palette(tmp_path: Path) -> None:
    app = make_app(markup_deck(tmp_path, "[@click=app.quit]QUIT[/]"), sync=False, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Beta")
        assert await until(pilot, lambda: "[@click=app.quit]QUIT[/]" in screen_text(app))
        await pilot.click("CommandList", offset=(20, 0))
        await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize("payload", MARKUP)
async def test_markup_in_a_reload_error_is_shown_as_written(tmp_path: Path, payload: str) -> None:
    deck = tmp_path / "deck.md"
    deck.write_text("# One\n\nText.\n", encoding="utf-8")
    app = make_app(deck, sync=False, watch=False)
    async with app.run_test(size=(200, 30), notifications=True) as pilot:
        tag = payload.replace(" ", "%20")  # YAML reads %20 in a tag as a space, and quotes the tag in its error
        deck.write_text(f"---\ntitle: x\nbad: !<tag:{tag}> x\n---\n# One\n", encoding="utf-8")
        app.reload()
        shown = await notice(pilot, "Not reloaded")
        assert app.is_running
        assert all(word in shown for word in f"tag:{payload}".split()), shown  # a toast wraps its lines


# -- 6. the editor never runs a file name ------------------------------------------------------


def test_the_editor_gets_a_file_name_it_cannot_read_as_a_command() -> None:
    for name in ("+!touch pwned", "-c!touch pwned", "--cmd=x"):
        for editor in ("vim", "nano", "code --wait", "emacs -nw"):
            argv = editor_command(Path(name), 3, {"EDITOR": editor})
            assert argv is not None
            named = [arg for arg in argv if name in arg]
            assert len(named) == 1 and named[0].startswith(os.sep), argv


@pytest.mark.skipif(shutil.which("vim") is None, reason="vim is not installed")
def test_vim_does_not_run_a_command_hidden_in_a_file_name(tmp_path: Path) -> None:
    deck = tmp_path / "+!touch pwned"
    deck.write_text("# One\n", encoding="utf-8")
    argv = editor_command(Path(deck.name), 1, {"EDITOR": "vim -es -u NONE -i NONE"})
    assert argv is not None
    subprocess.run([*argv, "+q!"], cwd=tmp_path, stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
    assert not (tmp_path / "pwned").exists()


# -- 7. deeply nested emphasis ------------------------------------------------------------------

DEEP = ["*" * 2000 + "x" + "*" * 2000, "_" * 2000 + "x" + "_" * 2000, "**" * 1500 + "x" + "**" * 1500, "~~" * 1500 + "x" + "~~" * 1500, "[" * 3000 + "x" + "](u)" * 3000]


@pytest.mark.parametrize("body", DEEP, ids=["stars", "underscores", "double-stars", "tildes", "links"])
@pytest.mark.parametrize("command", [("export",), ("export", "--format", "html"), ("export", "--format", "markdown"), ("check",)])
def test_deeply_nested_emphasis_exports_its_text(tmp_path: Path, body: str, command: tuple[str, ...]) -> None:
    deck = tmp_path / "deep.md"
    deck.write_text(f"# Deep\n\nbefore {body} after\n", encoding="utf-8")
    result = run(*command, str(deck))
    assert result.exit_code == 0, result.stderr
    if command == ("export",):
        assert "before" in result.stdout and "after" in result.stdout and "x" in result.stdout


async def test_deeply_nested_emphasis_presents(tmp_path: Path) -> None:
    deck = tmp_path / "deep.md"
    deck.write_text(f"# Deep\n\nbefore {DEEP[0]} after\n", encoding="utf-8")
    app = make_app(deck, sync=False, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")
        await pilot.pause()
        assert "before" in screen_text(app)


# -- 8. FIFOs and devices never hang ------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("command", [("export",), ("check",), ("show",)])
def test_a_fifo_is_refused_at_once(tmp_path: Path, command: tuple[str, ...]) -> None:
    fifo = tmp_path / "f.md"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "presenter", *command, str(fifo)], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert done.stderr.strip() == f"presenter: {fifo}: is a named pipe (FIFO), not a deck file (- reads standard input)"


def test_a_device_is_refused() -> None:
    result = run("check", "/dev/zero")
    assert result.exit_code == 2
    assert "is a character device" in result.stderr


def test_dash_reads_a_markdown_deck_from_standard_input() -> None:
    result = run("export", "-", stdin="# One\n\nText.\n\n---\n\n# Two\n\n- item\n")
    assert result.exit_code == 0, result.stderr
    assert "1/2 · One" in result.stdout and "• item" in result.stdout
    assert run("check", "-", stdin="# One\n").stdout.startswith("<stdin>: 'One', 1 slide")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
async def test_a_deck_replaced_by_a_fifo_while_presenting_keeps_the_app_responsive(tmp_path: Path) -> None:
    deck = tmp_path / "deck.md"
    deck.write_text("# One\n\nText.\n\n---\n\n# Two\n", encoding="utf-8")
    app = make_app(deck, sync=False, watch=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        deck.unlink()
        os.mkfifo(deck)
        reload = threading.Thread(target=app.call_from_thread, args=(app.reload,), daemon=True)
        reload.start()
        await notice(pilot, "Not reloaded")
        await pilot.press("right")
        await pilot.pause()
        assert app.index == 1, "keys still move the slides"


# -- 10. bidi controls and damaged bytes --------------------------------------------------------


def test_bidi_controls_left_open_at_a_line_end_are_removed_and_reported(tmp_path: Path) -> None:
    deck = tmp_path / "deck.md"
    trojan = "access = \u202e } \u2066if (admin)\u2069 \u2066 begin"
    deck.write_text(f"# Code review\n\n{trojan}\n\nNext line.\n", encoding="utf-8")
    exported = run("export", str(deck)).stdout
    assert "\u202e" not in exported and "\u2066 begin" not in exported
    assert "\u2066if (admin)\u2069" in exported, "a balanced isolate stays"
    report = run("check", str(deck)).stdout
    assert "line 3:" in report and "control characters" in report


def test_balanced_bidi_controls_in_hebrew_and_arabic_stay(tmp_path: Path) -> None:
    deck = tmp_path / "deck.md"
    line = "The word \u2067שלום\u2069 means peace; \u202bمرحبا\u202c means hello."
    deck.write_text(f"# Words\n\n{line}\n", encoding="utf-8")
    assert line in run("export", str(deck)).stdout
    assert "removed nothing" in run("check", str(deck)).stdout


def test_a_short_deck_with_a_few_bad_bytes_is_repaired_not_refused(tmp_path: Path) -> None:
    deck = tmp_path / "note.md"
    deck.write_bytes(b"# Caf\xe9\n\nNa\xefve r\xe9sum\xe9 text.\n")  # Latin-1, 30 bytes, 4 bad
    result = run("export", str(deck))
    assert result.exit_code == 0
    assert "Caf\ufffd" in result.stdout
    assert "invalid UTF-8" in result.stderr


def test_a_binary_file_without_nul_bytes_is_still_refused(tmp_path: Path) -> None:
    deck = tmp_path / "image.md"
    deck.write_bytes(bytes(range(0x80, 0x100)) * 8)
    result = run("export", str(deck))
    assert result.exit_code == 2
    assert "is not UTF-8 text" in result.stderr

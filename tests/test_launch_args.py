"""A plain ``presenter DECK`` starts without click, and means what click would read.

presenter/launch.py reads a command line of at most one deck and the ``show`` command's
on/off flags itself; anything else goes to click. These tests hold the two readings side by
side: the same flags, the same call to present(), the same errors on the terminal.
"""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from presenter import cli as cli_module
from presenter import launch
from presenter.present import present
from tests.conftest import ROOT

SHOW = cli_module.cli.commands["show"]


def test_the_flags_read_without_click_are_exactly_shows_flags() -> None:
    flags = {opt: param.name for param in SHOW.params if isinstance(param, click.Option) and param.is_flag for opt in param.opts}
    assert launch.SHOW_FLAGS == flags


def test_the_first_words_left_to_click_are_its_commands_help_and_version() -> None:
    assert launch.CLICK_FIRST == {*cli_module.cli.commands, "-h", "--help", "--version"}


def _click_reading(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> tuple[int, dict | None]:
    """The exit code and present()'s arguments when click reads ``args`` (present not run)."""
    called: dict = {}
    monkeypatch.setattr(cli_module, "present", lambda deck, **options: called.update(deck=deck, **options))
    result = CliRunner().invoke(cli_module.cli, args)
    return result.exit_code, called or None


def _with_defaults(options: dict) -> dict:
    defaults = {name: p.default for name, p in inspect.signature(present).parameters.items() if p.default is not p.empty}
    return {"deck": None, **defaults, **options}


WORDS = st.sampled_from(
    [*launch.SHOW_FLAGS, *launch.CLICK_FIRST, "deck.md", "slides/tour.md", "talk", "-", "--", "", "-x", "--bogus", "--theme", "light", "--duration", "20m", "--no-pauses=1"]
)


@settings(max_examples=150, deadline=None)
@given(args=st.lists(WORDS | st.text(max_size=8), max_size=5))
def test_a_plain_command_line_is_read_as_click_reads_it(args: list[str]) -> None:
    plain = launch.plain_show(args)
    if plain is None:  # click reads it (and may run another command, such as serve): nothing to hold
        return
    with pytest.MonkeyPatch.context() as monkeypatch:
        code, called = _click_reading(monkeypatch, args)
    assert code == 0 and called == _with_defaults(plain)  # click agrees, and calls present() the same


def test_the_common_command_lines_are_read_without_click() -> None:
    assert launch.plain_show([]) == {"deck": None}
    assert launch.plain_show(["talk.md"]) == {"deck": Path("talk.md")}
    assert launch.plain_show(["--no-watch", "talk.md", "--presenter"]) == {"deck": Path("talk.md"), "no_watch": True, "presenter_view": True}
    assert launch.plain_show(["--theme", "light", "talk.md"]) is None  # an option with a value: click
    assert launch.plain_show(["export", "talk.md"]) is None


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "presenter", *args], capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_a_missing_deck_is_the_same_one_line_error_with_or_without_click(tmp_path: Path) -> None:
    missing = tmp_path / "missing.md"
    plain, through_click = _run(str(missing)), _run("show", str(missing))
    assert plain.stderr == through_click.stderr == f"presenter: {missing}: no such file\n"
    assert plain.returncode == through_click.returncode == 2
    assert plain.stdout == through_click.stdout == ""


def test_a_broken_deck_is_the_same_one_line_error_with_or_without_click(tmp_path: Path) -> None:
    broken = tmp_path / "broken.md"
    broken.write_text("---\ntitle: Broken\n\n# Never closed\n", encoding="utf-8")
    plain, through_click = _run("--no-watch", str(broken)), _run("show", "--no-watch", str(broken))
    assert plain.stderr == through_click.stderr == f"presenter: {broken}:1: front matter opened with '---' is never closed\n"
    assert plain.returncode == through_click.returncode == 2


def test_a_mistake_still_gets_clicks_usage_message() -> None:
    result = _run("--bogus")
    assert result.returncode == 2
    assert "No such option '--bogus'" in result.stderr and "Usage: presenter show" in result.stderr

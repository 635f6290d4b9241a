"""Launching to the first slide does only what that slide needs.

Every module imported before the first frame delays it (benchmarks/run.py, launch column):
the exporters, the syntax highlighter, the Markdown parser for an article, the file watcher
and the sync socket, and the screens behind a key press are loaded when they are used. The
garbage collector is held while the deck and the app are built (present.collector_held).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

#: Runs ``presenter DECK`` headless and prints the modules loaded when the first frame has
#: been drawn: the moment the app starts its background work (watching, sync), which is
#: replaced here by the report and an exit.
PROBE = """
import sys
from textual.app import App
from presenter.tui.app import PresenterApp

def at_first_frame(self):
    print("MODULES " + " ".join(sorted(sys.modules)))
    self.exit()

PresenterApp._start_background = at_first_frame
PresenterApp.run = lambda self, **options: App.run(self, headless=True, size=(100, 30))
from presenter.launch import main
sys.argv = ["presenter", sys.argv[1]]
main()
"""

#: Never needed to show a slide of a deck without code blocks.
NOT_AT_LAUNCH = (
    "presenter.export.",  # the exporters (the package itself only names the formats)
    "presenter.check",
    "presenter.rehearsal",
    "presenter.tui.sync",
    "presenter.tui.help",
    "presenter.tui.overview",
    "presenter.tui.commands",
    "presenter.tui.presenter_view",  # mounted when the presenter view is first opened
    "watchfiles",
    "pygments",
    "rich.syntax",
    "click",  # a plain `presenter DECK` is read without it (presenter/launch.py)
)

MARKDOWN_DECK = """\
---
title: Launch
---

# Launch

A deck without code.

---

## Second

- one
- two
"""


def modules_at_first_frame(deck: Path) -> set[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, str(deck)], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("MODULES ")]
    assert lines, f"the first frame was not reached:\n{result.stdout}\n{result.stderr}"
    return set(lines[-1].split()[1:])


def loaded(modules: set[str], name: str) -> list[str]:
    """``name`` and its submodules among ``modules`` (only the submodules for ``"name."``)."""
    if name.endswith("."):
        return sorted(m for m in modules if m.startswith(name))
    return sorted(m for m in modules if m == name or m.startswith(name + "."))


@pytest.mark.parametrize("kind", ["article", "markdown"])
def test_first_frame_imports_only_what_it_shows(kind: str, tmp_path: Path) -> None:
    if kind == "article":
        deck = tmp_path / "article.txt"
        deck.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    else:
        deck = tmp_path / "deck.md"
        deck.write_text(MARKDOWN_DECK, encoding="utf-8")
    modules = modules_at_first_frame(deck)
    assert "presenter.tui.app" in modules
    unwanted = [name for prefix in NOT_AT_LAUNCH for name in loaded(modules, prefix)]
    if kind == "article":
        unwanted += loaded(modules, "markdown_it") + loaded(modules, "presenter.sources.markdown")
    assert unwanted == []


#: Runs ``presenter DECK`` up to the fork of the child that reads the deck
#: (presenter/readahead.py) and prints the modules loaded then.
FORK_PROBE = """
import sys
import presenter.forked as forked

def at_fork(self, work):
    print("MODULES " + " ".join(sorted(sys.modules)))
    raise SystemExit(0)

forked.can_fork = lambda: True
forked.Forked.__init__ = at_fork
from presenter.launch import main
sys.argv = ["presenter", sys.argv[1]]
main()
"""

#: Modules the reading child never uses: imported before the fork, they would be shared
#: with it, and every page of them the app writes to afterwards (a reference count is
#: enough) is copied, so both processes hold one while the child reads a big deck.
NOT_BEFORE_FORK = ("asyncio", "ssl", "rich", "textual", "presenter.themes", "click")


def test_the_reading_child_is_forked_before_the_app_s_libraries_load(tmp_path: Path) -> None:
    deck = tmp_path / "deck.md"
    deck.write_text(MARKDOWN_DECK, encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", FORK_PROBE, str(deck)], capture_output=True, text=True, cwd=ROOT, timeout=60)
    lines = [line for line in result.stdout.splitlines() if line.startswith("MODULES ")]
    assert lines, f"the fork was not reached:\n{result.stdout}\n{result.stderr}"
    modules = set(lines[-1].split()[1:])
    assert "presenter.readahead" in modules
    assert [name for prefix in NOT_BEFORE_FORK for name in loaded(modules, prefix)] == []


def test_exports_still_reach_their_names() -> None:
    """``presenter.export`` loads ``export_text`` and ``write_atomic`` on first use."""
    code = (
        "import sys, presenter.export as e; assert 'presenter.export.text' not in sys.modules; "
        "from presenter.export import export_text, write_atomic; "
        "assert export_text.__module__ == 'presenter.export.text'; "
        "assert write_atomic.__module__ == 'presenter.export.writing'; "
        "assert e.export_text is export_text"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr


def test_show_holds_the_collector_until_the_app_runs(monkeypatch) -> None:
    """The deck and the app are built without collector passes, and frozen while the app runs;
    afterwards the collector is as it was (here, in the test process, too)."""
    import gc

    from click.testing import CliRunner

    import presenter.tui.app as app_module
    from presenter.cli import cli

    seen = {}

    class Stub:
        rehearsal = None
        load_error = None

        def run(self) -> None:
            seen["enabled"], seen["frozen"] = gc.isenabled(), gc.get_freeze_count()

    def fake_make_app(deck, **options):
        seen["building"] = gc.isenabled()
        return Stub()

    monkeypatch.setattr(app_module, "make_app", fake_make_app)
    assert gc.isenabled()
    result = CliRunner().invoke(cli, ["show", str(SEED), "--no-watch", "--no-sync"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert seen["building"] is False
    assert seen["enabled"] is True and seen["frozen"] > 0
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_deck_that_fails_to_open_leaves_the_collector_on(tmp_path: Path) -> None:
    import gc

    from click.testing import CliRunner

    from presenter.cli import cli

    result = CliRunner().invoke(cli, ["show", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert gc.isenabled()

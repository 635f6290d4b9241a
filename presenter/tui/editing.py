"""``e``: open the user's editor at the current slide, the app suspended meanwhile."""

from __future__ import annotations

import subprocess
from pathlib import Path

from textual.app import App, SuspendNotSupported

from presenter.editor import editor_command


def edit_this_slide(app) -> None:
    """Open $VISUAL/$EDITOR at the first source line of what is on screen, then reload the deck."""
    if app.deck.source is None:
        app.notify("This deck has no file to edit.", severity="warning", markup=False)
        return
    lines = app.current.source_lines
    if edit_deck(app, Path(app.deck.source), lines.first if lines else None):
        app.reload()


def edit_deck(app: App, path: Path, line: int | None) -> bool:
    """Run $VISUAL/$EDITOR on ``path`` at ``line`` with the terminal handed over to it;
    whether it ran (the deck is then reloaded). Problems are shown as notices."""
    argv = editor_command(path, line)
    if argv is None:
        app.notify("Set $EDITOR (or $VISUAL) to edit the deck from here.", severity="warning", markup=False)
        return False
    try:
        with app.suspend():  # (Textual resumes the app only when the block ends without an error)
            result = _run(argv)
    except SuspendNotSupported:  # headless (tests) or a web driver: run it without the terminal
        result = _run(argv, stdin=subprocess.DEVNULL)
    if isinstance(result, OSError):
        app.notify(f"Could not start {argv[0]}: {result.strerror or result}", severity="error", markup=False)
        return False
    if result.returncode != 0:
        app.notify(f"{argv[0]} exited with status {result.returncode}", severity="warning", markup=False)
    return True


def _run(argv: list[str], **options) -> subprocess.CompletedProcess | OSError:
    """``argv`` run to its end, or the error that kept it from starting."""
    try:
        return subprocess.run(argv, **options)
    except OSError as error:
        return error

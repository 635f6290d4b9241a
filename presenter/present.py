"""What the ``presenter`` commands do, for the click command line (presenter/cli.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from presenter.errors import PresenterError, printable, shown_path
from presenter.model import Deck


def say(message: str) -> None:
    """Tell the user ``message`` on stderr (a line of its own; file names and deck text in
    it cannot act on the terminal)."""
    sys.stderr.write(f"presenter: {printable(message)}\n")
    sys.stderr.flush()


def report_error(error: PresenterError) -> int:
    """Say what went wrong in one line; the exit code to leave with."""
    say(str(error))
    return error.exit_code


def load(deck: Path, *, report_removed: bool = True, clean: bool = False, flavor: str | None = None) -> Deck:
    """Load ``deck`` (``clean``: drop injected fragments from a Markdown deck too; ``flavor``:
    the tool it was written for, None to detect it), saying on stderr what was repaired or
    dropped."""
    from presenter.sources import load_deck

    return report(load_deck(deck, clean=clean, flavor=flavor), deck, report_removed=report_removed, clean=clean)


def report(loaded: Deck, deck: Path, *, report_removed: bool = True, clean: bool = False) -> Deck:
    """Say on stderr what was repaired or dropped from ``loaded`` (read from ``deck``, with
    ``--clean`` if ``clean``)."""
    from presenter.repair import is_repair

    for warning in loaded.warnings:
        say(f"warning: {_located(deck, warning)}")
    if not report_removed:
        return loaded
    repaired = sorted({r.line for r in loaded.removed if is_repair(r)})
    if repaired:
        say(f"{deck}: repaired {len(repaired)} line(s) decoded with the wrong encoding (line {', '.join(map(str, repaired))}); `presenter check {deck}` shows how")
    fragments = [r for r in loaded.removed if r.reason.startswith("injected")]
    if fragments:
        lines = ", ".join(str(r.line) for r in fragments)
        option = " --clean" if clean else ""
        say(f"{deck}: dropped {len(fragments)} injected fragment(s) (line {lines}); `presenter check{option} {deck}` lists them")
    return loaded


def _located(deck: Path, warning: str) -> str:
    """``line 5: ...`` as ``talk.md:5: ...``, the way errors name their place."""
    line, colon, rest = warning.partition(": ")
    if colon and line.startswith("line ") and line[5:].isdigit():
        return f"{shown_path(deck)}:{line[5:]}: {rest}"
    return f"{shown_path(deck)}: {warning}"


def default_deck() -> Path:
    from presenter.resources import default_deck

    return default_deck()


def choose_look(name: str | None, deck: Deck):
    """The theme to use: ``name`` (--theme; an unknown name is an error), else the deck's
    front matter, else dark."""
    from presenter.themes import choose_theme

    theme, warning = choose_theme(name, deck)
    if warning:
        say(f"warning: {warning}")
    return theme


def present(
    deck: Path | None,
    *,
    no_pauses: bool = False,
    no_watch: bool = False,
    duration: float | None = None,
    rehearse: bool = False,
    theme: str | None = None,
    css: Path | None = None,
    presenter_view: bool = False,
    no_sync: bool = False,
    transitions: bool = False,
    no_animation: bool = False,
    clean: bool = False,
    flavor: str | None = None,
    run_code: bool = False,
    images: str = "auto",
) -> None:
    """Present ``deck`` (default: the bundled one) full screen: the ``show`` command, with
    its options (``duration`` in seconds; ``clean`` drops injected fragments from a Markdown
    deck, on every reload too; ``flavor`` reads it by that tool's rules, None detects it;
    ``run_code`` lets code blocks run, ``--exec``; ``images``: how pictures are drawn,
    ``--images``, presenter/graphics.py).
    Raises :class:`PresenterError` for bad input.

    A long deck opens on its first slides and is read to the end while they show
    (:mod:`presenter.tui.live`); an error further down the file is shown in the app and
    reported here when it ends.
    """
    from presenter.sources import deck_stages, first_deck
    from presenter.sources.reading import is_stdin
    from presenter.themes import get_theme, user_stylesheet

    if theme:
        get_theme(theme)  # an unknown name fails before the deck is read
    stylesheet = user_stylesheet(css) if css is not None else None
    path = deck or default_deck()
    stages = deck_stages(path, clean=clean, flavor=flavor)
    opened = first_deck(stages)
    if not opened.partial:
        report(opened, path, clean=clean)
    if is_stdin(path):
        use_terminal_for_keys()
    from presenter.graphics import choose_graphics
    from presenter.tui.app import make_app

    app = make_app(
        opened,
        rest=stages if opened.partial else None,
        pauses=not no_pauses,
        watch=deck is not None and not no_watch,
        duration=duration,
        rehearse=rehearse,
        theme=choose_look(theme, opened).name,
        css=stylesheet,
        presenter_view=presenter_view,
        sync=not no_sync,
        animate=transitions and not no_animation,
        clean=clean,
        flavor=flavor,
        run_code=run_code,
        images=choose_graphics(images, opened),
    )
    if no_animation:
        app.animation_level = "none"
    app.run()
    if opened.partial and not app.deck.partial:
        report(app.deck, path, clean=clean)  # what was dropped is known once the whole deck is read
    if app.rehearsal is not None:
        write_rehearsal(app.rehearsal, app.deck)
    if app.read_error is not None:
        raise app.read_error
    if app.return_code:  # the app failed: Textual has shown why
        sys.exit(app.return_code)


def use_terminal_for_keys() -> None:
    """After a deck was read from standard input, take the keys from the terminal instead
    (as ``less`` does); without a terminal, say so."""
    import os

    if sys.stdin.isatty():
        return
    try:
        terminal = os.open("/dev/tty", os.O_RDWR)
    except OSError:
        raise PresenterError("-", None, "read the deck; presenting it needs a terminal for the keys (try presenter export -)") from None
    os.dup2(terminal, sys.stdin.fileno())
    os.close(terminal)


def write_rehearsal(rehearsal, deck: Deck) -> None:
    from presenter.export import write_atomic
    from presenter.rehearsal import report_path, report_text

    rehearsal.stop()
    target = report_path(Path(deck.source)) if deck.source else Path("rehearsal.txt")
    write_atomic(target, report_text(rehearsal, deck))
    say(f"rehearsal report ({rehearsal.total:.0f} s in all) written to {target}")

"""Presenting a deck, and reading decks for the commands, without click.

``presenter DECK`` is the command people run most, and what it imports delays the first
slide: click and the command definitions were ~40 million instructions of the launch (a
quarter of all presenter added to a bare Textual app). So the work of each command lives
here, and click only parses the command line (presenter/cli.py); a plain ``presenter DECK``
does not import it at all (presenter/launch.py).
"""

from __future__ import annotations

import gc
import sys
from contextlib import contextmanager
from pathlib import Path

from presenter.errors import PresenterError


def say(message: str) -> None:
    """Tell the user ``message`` on stderr (a line of its own)."""
    sys.stderr.write(f"presenter: {message}\n")
    sys.stderr.flush()


def report_error(error: PresenterError) -> int:
    """Say what went wrong in one line; the exit code to leave with."""
    say(str(error))
    return error.exit_code


def load(deck: Path, *, report_removed: bool = True, parallel: bool = False):
    """Load ``deck``, saying on stderr what was repaired or dropped; ``parallel`` (export and
    check) parses a big deck on two cores."""
    from presenter.sources import load_deck

    return report(load_deck(deck, parallel=parallel), deck, report_removed=report_removed)


def open_deck(path: Path):
    """The deck to open the app on, and the parser's remaining stages for a big deck file.

    A file over ``PROGRESSIVE_BYTES`` opens on its first slides and is read to the end while
    they are shown (presenter/tui/loading.py); any other is read whole first.
    """
    from presenter.tui.loading import is_big

    if not is_big(path):
        return load(path), None
    from presenter.sources import deck_stages, first_deck

    stages = deck_stages(path, packed=True)  # one slide is shown at a time: keep the rest packed
    return first_deck(stages), stages


def report(loaded, deck: Path, *, report_removed: bool = True):
    """Say on stderr what was repaired or dropped from ``loaded`` (read from ``deck``)."""
    for warning in loaded.warnings:
        say(f"warning: {warning}")
    if not report_removed:
        return loaded
    fragments = [r for r in loaded.removed if r.reason.startswith("injected")]
    if fragments:
        lines = ", ".join(str(r.line) for r in fragments)
        say(
            f"{deck}: dropped {len(fragments)} injected fragment(s) "
            f"(line {lines}); `presenter check {deck}` lists them"
        )
    return loaded


def default_deck() -> Path:
    from presenter.resources import default_deck

    return default_deck()


def choose_look(name: str | None, deck):
    """The theme to use: ``name`` (--theme; an unknown name is an error), else the deck's
    front matter, else dark."""
    from presenter.themes import choose_theme

    theme, warning = choose_theme(name, deck)
    if warning:
        say(f"warning: {warning}")
    return theme


@contextmanager
def collector_held():
    """Hold the cyclic garbage collector while the deck is read (and the app is built).

    Importing Textual and reading the deck make a few hundred thousand objects that live as
    long as the app, and the collector's passes over them landed before the first frame (a
    full pass took 20-30 ms). What is built here is frozen (:func:`gc.freeze`) when it is
    done, so the passes made while the app runs only scan what it makes (as
    presenter/tui/loading.py does for the slides of a big deck); :func:`present` unfreezes
    it all when the app ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        if enabled:
            gc.enable()


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
) -> None:
    """Present ``deck`` (default: the bundled one) full screen: the ``show`` command, with
    its options (``duration`` in seconds). Raises :class:`PresenterError` for bad input."""
    if theme:
        from presenter.themes import get_theme

        get_theme(theme)  # an unknown name fails before the deck is read
    stylesheet = None
    if css is not None:
        from presenter.themes import user_stylesheet

        stylesheet = user_stylesheet(css)
    path = deck or default_deck()
    from presenter.readahead import read_ahead

    reading = read_ahead(path)  # a forked child reads the deck while Textual loads
    try:
        with collector_held():
            from presenter.tui.app import make_app

            loaded = reading.opened() if reading is not None else None
            if loaded is None:  # no second core, or the child could not read it
                loaded, rest = open_deck(path)
            elif reading.big:
                rest = reading.rest()
            else:
                rest = None
                report(loaded, path)
            look = choose_look(theme, loaded)
            app = make_app(
                loaded,
                rest=rest,
                pauses=not no_pauses,
                watch=deck is not None and not no_watch,
                duration=duration,
                rehearse=rehearse,
                theme=look.name,
                css=stylesheet,
                presenter_view=presenter_view,
                sync=not no_sync,
                animate=transitions and not no_animation,
            )
        if no_animation:
            app.animation_level = "none"
        try:
            app.run()
        finally:
            gc.unfreeze()  # the app is over: what it kept out of the collector's sight is back in
    finally:
        if reading is not None:
            reading.close()  # if the app ended (or failed to start) before the deck was read
    if app.load_error is not None:
        raise app.load_error
    if rest is not None:
        report(app.deck, path)  # what was dropped is known once the whole deck is read
    if app.rehearsal is not None:
        write_rehearsal(app.rehearsal, app.deck)


def write_rehearsal(rehearsal, deck) -> None:
    from presenter.export import write_atomic
    from presenter.rehearsal import report_path, report_text

    rehearsal.stop()
    target = report_path(Path(deck.source)) if deck.source else Path("rehearsal.txt")
    write_atomic(target, report_text(rehearsal, deck))
    say(f"rehearsal report ({rehearsal.total:.0f} s in all) written to {target}")

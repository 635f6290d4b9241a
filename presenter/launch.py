"""The ``presenter`` command's entry point.

``presenter``, or ``presenter DECK``, with any of the ``show`` command's on/off flags,
presents without importing click (presenter/present.py says why). Any other command line
(another command, an option with a value, ``--help``, a mistake) goes to click
(presenter/cli.py), which reads and reports it as always. tests/test_launch_args.py checks
that both read a plain command line the same way.
"""

from __future__ import annotations

import sys
from pathlib import Path

#: The ``show`` command's on/off flags (presenter/cli.py) and present()'s keyword for each.
SHOW_FLAGS = {
    "--no-pauses": "no_pauses",
    "--no-watch": "no_watch",
    "--rehearse": "rehearse",
    "--presenter": "presenter_view",
    "--no-sync": "no_sync",
    "--transitions": "transitions",
    "--no-animation": "no_animation",
}
#: First words that click reads itself: the commands, help and version.
CLICK_FIRST = frozenset({"show", "export", "check", "serve", "-h", "--help", "--version"})


def plain_show(args: list[str]) -> dict | None:
    """present()'s arguments for ``args`` that name at most one deck and show's flags, else
    None (click reads them)."""
    if args and args[0] in CLICK_FIRST:
        return None
    options: dict = {"deck": None}
    for arg in args:
        if arg in SHOW_FLAGS:
            options[SHOW_FLAGS[arg]] = True
        elif not arg or arg.startswith("-") or options["deck"] is not None or "\0" in arg:
            return None  # an option with a value, "--", a second deck, or a mistake (a NUL
            # cannot come from a real command line, only from a test calling main)
        else:
            options["deck"] = Path(arg)
    return options


def main() -> None:
    options = plain_show(sys.argv[1:])
    if options is None:
        from presenter.cli import main as click_main

        click_main()
        return
    from presenter.errors import PresenterError
    from presenter.present import present, report_error

    try:
        present(**options)
    except PresenterError as error:
        sys.exit(report_error(error))
    except BrokenPipeError:
        sys.exit(1)
    except KeyboardInterrupt:  # as click says it, before the app has the keyboard
        sys.stderr.write("\nAborted!\n")
        sys.exit(1)

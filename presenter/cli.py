"""The ``presenter`` command: present (the default), ``export`` and ``check``."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from presenter import __version__
from presenter.errors import PresenterError, counted, shown_path
from presenter.graphics import IMAGE_MODES
from presenter.present import choose_look, default_deck, load, present, report_error
from presenter.sources.flavor import FLAVORS


class DeckGroup(click.Group):
    """``presenter [DECK]`` presents; a first word that is not a command is a deck."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["show", *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PresenterError as error:
            ctx.exit(report_error(error))


def _export_formats():
    from presenter.export import FORMATS

    return FORMATS


class DeckPath(click.Path):
    """A deck file, or a web page's address (``https://...``), which is kept as written."""

    def convert(self, value, param, ctx):
        from presenter.sources.web import is_url

        if is_url(value):
            return value  # a Path would make the // of https:// one /
        return super().convert(value, param, ctx)


DECK = click.argument("deck", type=DeckPath(path_type=Path, dir_okay=True, exists=False), required=False)
THEME = click.option(
    "--theme",
    metavar="NAME",
    default=None,
    help="dark, light or high-contrast (default: the deck's front matter theme, else dark).",
)
FLAVOR = click.option(
    "--flavor",
    type=click.Choice(FLAVORS),
    default=None,
    help="Read a Markdown deck by the rules of the tool it was written for (default: detected; check says which).",
)
EXEC = click.option("-x", "--exec", "run_code", is_flag=True, help="Let the deck's +exec code blocks run (Ctrl+E; exports run them all). Nothing runs without it.")
CLEAN = click.option(
    "--clean",
    is_flag=True,
    help="Also drop injected fragments (short runs of a foreign script glued to a line) from a Markdown deck, as from an article.",
)


@click.group(cls=DeckGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="presenter")
def cli() -> None:
    """Present an article or Markdown deck as slides in the terminal.

    With no command, presents DECK (the bundled Shanghai article if none is given).

    Control characters and escape sequences are always removed. An article also loses
    injected fragments (short runs of a foreign script glued to a line); a Markdown deck
    keeps what its author wrote unless given --clean.

    DECK may be a web page, a saved .html file or an http(s):// address (fetched once),
    whose article is presented as an article is; this needs pip install 'presenter[web]'.
    """


@cli.command()
@DECK
@click.option("--no-pauses", is_flag=True, help="Show every slide whole, ignoring pauses.")
@click.option("--no-watch", is_flag=True, help="Do not reload the deck when its file changes.")
@click.option("--duration", type=str, default=None, help="Length of the talk (20m, 1h30m, 20:00) for the presenter view; overrides front matter.")
@click.option("--rehearse", is_flag=True, help="Time each slide and write a report beside the deck on quit.")
@THEME
@click.option("--css", type=click.Path(path_type=Path), default=None, help="A stylesheet applied on top of theme.tcss.")
@click.option("--presenter", "presenter_view", is_flag=True, help="Open the presenter view (notes, next slide, clock); run it in a second terminal beside `presenter DECK`.")
@click.option("--no-sync", is_flag=True, help="Do not follow or drive other terminals presenting the same file.")
@click.option("--transitions", is_flag=True, help="Fade each new slide in.")
@click.option("--no-animation", is_flag=True, help="Reduced motion: no transitions and no animated scrolling (as TEXTUAL_ANIMATIONS=none).")
@click.option("--images", type=click.Choice(IMAGE_MODES), default="auto", show_default=True, help="How pictures are drawn: kitty or sixel (the terminal draws them), halfcell (blocks, any terminal), none (a line naming each).")
@EXEC
@CLEAN
@FLAVOR
def show(
    deck: Path | str | None,
    no_pauses: bool,
    no_watch: bool,
    duration: str | None,
    rehearse: bool,
    theme: str | None,
    css: Path | None,
    presenter_view: bool,
    no_sync: bool,
    transitions: bool,
    no_animation: bool,
    run_code: bool,
    clean: bool,
    flavor: str | None,
    images: str,
) -> None:
    """Present DECK full screen (the default command); it reloads when the file is saved."""
    present(
        deck,
        no_pauses=no_pauses,
        no_watch=no_watch,
        duration=_duration(duration),
        rehearse=rehearse,
        theme=theme,
        css=css,
        presenter_view=presenter_view,
        no_sync=no_sync,
        transitions=transitions,
        no_animation=no_animation,
        clean=clean,
        flavor=flavor,
        run_code=run_code,
        images=images,
    )


def _duration(text: str | None) -> float | None:
    from presenter.timer import parse_duration

    if text is None:
        return None
    try:
        return parse_duration(text)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--duration") from None


@cli.command()
@DECK
@click.option("--format", "fmt", type=click.Choice(list(_export_formats())), default="text", show_default=True, help="Output format (svg and png write a folder, one file per slide).")
@click.option("-o", "--output", type=str, default="-", show_default=True, help="File (or folder, for svg and png) to write, or - for stdout.")
@click.option("--width", type=click.IntRange(20, 500), default=80, show_default=True, help="Render width in columns.")
@click.option("--height", type=click.IntRange(5, 1000), default=None, help="Fit each slide in this many rows, continuing long ones on new slides.")
@click.option("--slides", "slide_spec", metavar="RANGES", default=None, help="Only these slides, e.g. 2-5,8 or 3- or -4 (numbers as in a full export).")
@click.option("--notes", is_flag=True, help="Speaker notes under each slide, as a handout (markdown always keeps them).")
@THEME
@EXEC
@CLEAN
@FLAVOR
def export(
    deck: Path | str | None,
    fmt: str,
    output: str,
    width: int,
    theme: str | None,
    height: int | None,
    slide_spec: str | None,
    notes: bool,
    run_code: bool,
    clean: bool,
    flavor: str | None,
) -> None:
    """Export DECK's slides: text, html (one page), pdf, or svg/png (one file per slide)."""
    from presenter.export import FORMATS, write_atomic
    from presenter.export.selection import SlideSelection, numbered_slides
    from presenter.export.writing import refuse_overwriting_input
    from presenter.themes import get_theme

    if theme:
        get_theme(theme)  # an unknown name fails before the deck is read
    selection = SlideSelection.parse(slide_spec) if slide_spec is not None else None  # so does a malformed --slides
    source, kind = deck or default_deck(), FORMATS[fmt].kind
    if output == "-" and kind == "directory":
        raise PresenterError(None, None, f"{fmt} export writes one file per slide: give a folder with -o DIR")
    if output != "-":
        refuse_overwriting_input(output, source)  # -o DECK would replace the deck with its export
    loaded = load(source, clean=clean, flavor=flavor)
    if run_code:
        from presenter.execute import run_all

        loaded = run_all(loaded)  # every block that can run, its output under it
    count = len(numbered_slides(loaded, width=width, height=height, slides=selection)[0])  # a range past the end fails here
    # One slide at a time, written as it is drawn: a long deck is never held whole in memory.
    pieces = FORMATS[fmt].stream(loaded, width=width, height=height, theme=choose_look(theme, loaded), notes=notes, slides=selection)
    if kind == "directory":  # a folder of files, one per slide
        _write_folder(output, pieces, fmt)
    elif output == "-":
        _write_stdout(fmt, kind, pieces)
    else:
        write_atomic(Path(output), pieces)
        click.echo(f"presenter: wrote {counted(count, 'slide')} to {shown_path(output)}", err=True)


def _write_stdout(fmt: str, kind: str, pieces: Iterable[str | bytes]) -> None:
    if kind == "binary":
        stdout = click.get_binary_stream("stdout")
        if stdout.isatty():
            raise PresenterError(None, None, f"{fmt} export is binary: give a file with -o FILE, or redirect stdout")
        for piece in pieces:
            stdout.write(piece)
    else:
        for piece in pieces:
            click.echo(piece, nl=False, color=True)  # ansi keeps its codes even when piped to less -R


def _write_folder(output: str, files: Iterable[tuple[str, bytes]], suffix: str) -> None:
    from presenter.export.folder import write_folder_atomic

    names = write_folder_atomic(Path(output), files, suffix)
    shown = ", ".join([*names[:2], "..."] if len(names) > 2 else names)
    click.echo(f"presenter: wrote {counted(len(names), 'slide')} to {shown_path(output)}/ ({shown})", err=True)


@cli.command()
@DECK
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback unless --public).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--public", is_flag=True, help="Allow a --host that other machines can reach.")
@click.option(
    "--max-viewers",
    type=click.IntRange(min=1),
    default=8,
    show_default=True,
    help="Most browser tabs (presenter processes) at once.",
)
@THEME
def serve(deck: Path | str | None, host: str, port: int, public: bool, max_viewers: int, theme: str | None) -> None:
    """Present DECK in a web browser (textual-serve): each browser tab runs its own presenter.

    Open the printed link: it holds a token, and other sites' pages are refused.
    """
    from presenter.serve import serve_deck

    if isinstance(deck, str):  # every tab would fetch the page again
        raise PresenterError(deck, None, "serve presents a file: save the page first with presenter export URL --format markdown -o talk.md")

    serve_deck(deck or default_deck(), host=host, port=port, public=public, theme=theme, max_viewers=max_viewers)


@cli.command()
@DECK
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--size", default=None, metavar="WxH", help="Also report the slides too tall for a WxH terminal (e.g. 80x24).")
@CLEAN
@FLAVOR
def check(deck: Path | str | None, as_json: bool, size: str | None, clean: bool, flavor: str | None) -> None:
    """Report DECK's slides, blocks and stats, and every fragment removed."""
    from presenter.check import check_report, format_report, parse_size

    terminal = parse_size(size) if size is not None else None
    loaded = load(deck or default_deck(), report_removed=False, clean=clean, flavor=flavor)
    report = check_report(loaded, size=terminal)
    if isinstance(deck, str):  # a web address: named as a file is (the deck has no file)
        report["file"] = deck
    if as_json:
        import json

        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(report))


#: What a write to a full or vanished standard output fails with (a file's own errors name it).
_STDOUT_ERRORS = {errno.ENOSPC, errno.EFBIG, errno.EIO, getattr(errno, "EDQUOT", errno.ENOSPC)}


def main() -> None:
    """Run ``presenter``. A standard output that cannot be written ends every command the
    same way: a closed pipe (``| head -1``) quietly, a full disk (``> /dev/full``) in one line."""
    try:
        try:
            cli(prog_name="presenter")  # always ends in SystemExit
        except SystemExit:
            if sys.stdout is not None:
                sys.stdout.flush()  # output still buffered fails here, not while Python exits
            raise
    except BrokenPipeError:
        _discard_stdout()
        sys.exit(1)
    except OSError as error:
        if error.filename is not None or error.errno not in _STDOUT_ERRORS:
            raise
        _discard_stdout()
        try:
            sys.stderr.write(f"presenter: error: cannot write to standard output: {error.strerror}\n")
            sys.stderr.flush()
        except OSError:
            pass
        sys.exit(PresenterError.exit_code)


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so that Python's last flush cannot fail again (the Python
    documentation's way with a closed pipe)."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""Plain-text export: every slide rendered at a fixed width, without ANSI codes."""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len, set_cell_size
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.segment import Segment
from rich.text import Text

from presenter.export.selection import SlideSelection, numbered_slides
from presenter.render.console import fixed_console
from presenter.model import Deck
from presenter.render.palette import PLAIN_PALETTE, Palette
from presenter.render.slide import SlideRenderable
from presenter.themes import DEFAULT_THEME, PresenterTheme, get_theme

DEFAULT_WIDTH = 80
#: Columns the ``Notes:`` section is indented by.
NOTES_INDENT = 2


def slide_header(number: int, total: int, title: str, width: int) -> str:
    """``── 2/9 · Title ─────``, exactly ``width`` cells wide (a long title is shortened)."""
    prefix = f"── {number}/{total} · "
    title = " ".join(title.split())  # no tabs or newlines in a one-line header
    room = width - cell_len(prefix) - 4  # a space and at least three rule characters
    if cell_len(title) > room:
        title = set_cell_size(title, max(0, room - 1)).rstrip() + "…"
    label = f"{prefix}{title} "
    return label + "─" * max(0, width - cell_len(label))


def export_text(
    deck: Deck,
    *,
    width: int = DEFAULT_WIDTH,
    theme: PresenterTheme | str = DEFAULT_THEME,
    height: int | None = None,
    notes: bool = False,
    slides: SlideSelection | None = None,
) -> str:
    """The whole deck as text, each slide under a header line with its number and title.

    Every exporter takes the ``theme``; text has no colour, so this one draws with the plain
    palette whatever the theme (an unknown name is still an error).

    With ``height``, slides are first fitted to ``width`` x ``height`` (see
    :mod:`presenter.fit`): a slide taller than ``height`` rows (its header line not
    counted) continues on numbered continuation slides, as it would in the app.
    With ``notes``, each slide's speaker notes follow its body, indented under ``Notes:``
    (a handout). ``slides`` picks slides by number; headers keep the deck's numbering.
    """
    if isinstance(theme, str):
        get_theme(theme)
    lines = rendered_lines(deck, width=width, palette=PLAIN_PALETTE, color=False, height=height, notes=notes, slides=slides)
    return "\n".join(["".join([segment.text for segment in line]) for line in lines])


def notes_renderable(notes: str, palette: Palette) -> RenderableType:
    """``Notes:`` and the speaker notes below it, indented: the handout part of a slide."""
    body = Text(notes.strip("\n"), style=palette.muted)
    body.expand_tabs(4)
    return Padding(
        Group(Text("Notes:", style=palette.heading), Padding(body, (0, 0, 0, 2))),
        (1, 0, 0, NOTES_INDENT),
    )


def rendered_lines(
    deck: Deck,
    *,
    width: int,
    palette: Palette,
    color: bool,
    height: int | None = None,
    notes: bool = False,
    slides: SlideSelection | None = None,
) -> Iterator[list[Segment]]:
    """Every exported line as segments: headers, slide bodies, notes and blank separators.

    Trailing white space is trimmed from each line (styled or not), so the coloured and the
    plain export hold exactly the same characters. The lines come slide by slide, for the
    caller to turn into text as they come: holding every segment of a long deck at once
    costs more in garbage collection than drawing them.
    """
    numbered, total = numbered_slides(deck, width=width, height=height, slides=slides)
    console = fixed_console(width, color=color)
    options = console.options.update(width=width, height=None)
    for number, slide in numbered:
        yield [Segment(slide_header(number, total, slide.display_title, width), palette.title_rule)]
        # What console.render_lines(Group(slide, notes), options, pad=False) gives, the slide
        # drawn straight to lines (not drawn, then split into lines again).
        lines = SlideRenderable(slide, palette=palette).lines(console, options)
        if notes and slide.notes.strip():
            lines += console.render_lines(notes_renderable(slide.notes, palette), options, pad=False)
        body = [_trim(line) for line in lines]
        while body and not body[-1]:
            body.pop()
        yield from body
        yield []


def _trim(line: list[Segment]) -> list[Segment]:
    """``line`` without control segments and trailing white space."""
    segments = [segment for segment in line if not segment.control and segment.text]
    while segments:
        last = segments[-1]
        stripped = last.text.rstrip()
        if stripped:
            if len(stripped) < len(last.text):
                segments[-1] = Segment(stripped, last.style)
            break
        segments.pop()
    return segments

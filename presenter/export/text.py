"""Plain-text export: every slide rendered at a fixed width, without ANSI codes."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from rich.cells import cell_len, set_cell_size
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.segment import Segment
from rich.text import Text

from presenter.export.selection import SlideSelection, numbered_slides
from presenter.export.whole import whole
from presenter.model import Deck, Slide
from presenter.render.console import fixed_console
from presenter.render.palette import PLAIN_PALETTE, Palette
from presenter.render.slide import SlideRenderable
from presenter.themes import DEFAULT_THEME, PresenterTheme, get_theme

DEFAULT_WIDTH = 80
#: Columns the ``Notes:`` section is indented by.
NOTES_INDENT = 2


def slide_header(number: int, total: int, title: str, width: int) -> str:
    """``── 2/9 · Title ─────``, exactly ``width`` cells wide (a long title is shortened)."""
    prefix = f"── {number}/{total} · "  # one cell per character
    title = " ".join(title.split())  # no tabs or newlines in a one-line header
    room = width - len(prefix) - 4  # a space and at least three rule characters
    cells = cell_len(title)
    if cells > room:
        title = set_cell_size(title, max(0, room - 1)).rstrip() + "…"
        cells = cell_len(title)
    return f"{prefix}{title} " + "─" * max(0, width - len(prefix) - cells - 1)


def stream_text(
    deck: Deck,
    *,
    width: int = DEFAULT_WIDTH,
    theme: PresenterTheme | str = DEFAULT_THEME,
    height: int | None = None,
    notes: bool = False,
    slides: SlideSelection | None = None,
) -> Iterator[str]:
    """The whole deck as text, each slide under a header line with its number and title.

    Every exporter takes the ``theme``; text has no colour, so this one draws with the plain
    palette whatever the theme (an unknown name is still an error). Text has no hyperlinks
    either: a link is written ``label (url)``.

    With ``height``, slides are first fitted to ``width`` x ``height`` (see
    :mod:`presenter.fit`): a slide taller than ``height`` rows (its header line not
    counted) is written as its pieces, ``Title (1/2)`` and ``(2/2)`` under the same
    number, as the app shows it.
    With ``notes``, each slide's speaker notes follow its body, indented under ``Notes:``
    (a handout). ``slides`` picks slides by number; headers keep the deck's numbering.

    Yielded one slide at a time.
    """
    if isinstance(theme, str):
        get_theme(theme)
    palette = PLAIN_PALETTE.without_links()
    return rendered_chunks(deck, _plain_line, width=width, palette=palette, color=False, height=height, notes=notes, slides=slides)


def _plain_line(line: list[Segment]) -> str:
    return "".join([segment.text for segment in line])


def notes_renderable(notes: str, palette: Palette) -> RenderableType:
    """``Notes:`` and the speaker notes below it, indented: the handout part of a slide."""
    body = Text(notes.strip("\n"), style=palette.muted)
    body.expand_tabs(4)
    return Padding(
        Group(Text("Notes:", style=palette.heading), Padding(body, (0, 0, 0, 2))),
        (1, 0, 0, NOTES_INDENT),
    )


LineText = Callable[[list[Segment]], str]


def rendered_chunks(
    deck: Deck,
    line_text: LineText,
    *,
    width: int,
    palette: Palette,
    color: bool,
    height: int | None = None,
    notes: bool = False,
    slides: SlideSelection | None = None,
) -> Iterator[str]:
    """Every exported line (headers, slide bodies, notes and blank separators), each made a
    string by ``line_text`` and ended by a newline, one slide at a time.

    Trailing white space is trimmed from each line (styled or not), so the coloured and the
    plain export hold exactly the same characters. A bad ``slides`` fails here, before the
    first slide is asked for.
    """
    numbered, total = numbered_slides(deck, width=width, height=height, slides=slides)
    return _slide_chunks(numbered, total, line_text, width=width, palette=palette, color=color, notes=notes)


def _slide_chunks(
    numbered: list[tuple[int, Slide]], total: int, line_text: LineText, *, width: int, palette: Palette, color: bool, notes: bool
) -> Iterator[str]:
    console = fixed_console(width, color=color)
    options = console.options.update(width=width, height=None)
    for index, (number, slide) in enumerate(numbered):
        lines = SlideRenderable(slide, palette=palette).lines(console, options)
        if notes and slide.notes.strip():
            lines = lines + console.render_lines(notes_renderable(slide.notes, palette), options, pad=False)
        body = [_trim(line) for line in lines]
        while body and not body[-1]:
            body.pop()
        header = line_text([Segment(slide_header(number, total, slide.display_title, width), palette.title_rule)])
        text = "\n".join(line_text(line) for line in body)
        separator = "\n" if index else ""  # a blank line between slides
        yield f"{separator}{header}\n{text}\n" if text else f"{separator}{header}\n"


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


export_text = whole(stream_text)

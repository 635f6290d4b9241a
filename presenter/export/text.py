"""Plain-text export: every slide rendered at a fixed width, without ANSI codes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.segment import Segment
from rich.text import Text

from presenter.export.selection import SlideSelection, numbered_slides
from presenter.render.console import fixed_console
from presenter.forked import Forked, can_fork, one_result
from presenter.model import Deck, Slide
from presenter.render.palette import PLAIN_PALETTE, Palette
from presenter.render.slide import SlideRenderable
from presenter.themes import DEFAULT_THEME, PresenterTheme, get_theme

if TYPE_CHECKING:
    from presenter.sources.mdparallel import Halves

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
    return rendered_text(deck, _plain_line, width=width, palette=PLAIN_PALETTE, color=False, height=height, notes=notes, slides=slides)


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


#: Exports of fewer slides than this are drawn in one process (see :func:`rendered_text`).
PARALLEL_SLIDES = 400

LineText = Callable[[list[Segment]], str]


def rendered_text(
    deck: Deck,
    line_text: LineText,
    *,
    width: int,
    palette: Palette,
    color: bool,
    height: int | None = None,
    notes: bool = False,
    slides: SlideSelection | None = None,
) -> str:
    """Every exported line (headers, slide bodies, notes and blank separators), each made a
    string by ``line_text``, joined by newlines. A long deck's second half is drawn by a
    forked child on a second core (:mod:`presenter.forked`) while this process draws the
    first: the same text, sooner (if the child fails, this process draws that half too)."""
    numbered, total = numbered_slides(deck, width=width, height=height, slides=slides)

    def text(part: list[tuple[int, Slide]]) -> str:
        drawn = drawn_slides([slide for _, slide in part], line_text, width=width, palette=palette, color=color, notes=notes)
        return numbered_text(zip([number for number, _ in part], drawn), total, line_text, width=width, palette=palette)

    if len(numbered) < PARALLEL_SLIDES or not can_fork():
        return text(numbered)
    half = len(numbered) // 2
    with Forked(one_result(lambda: text(numbered[half:]).encode("utf-8"))) as child:
        first = text(numbered[:half])
        data = child.result()
    second = data.decode("utf-8") if data is not None else text(numbered[half:])
    return first + "\n" + second


def drawn_slides(
    slides: Sequence[Slide],
    line_text: LineText = _plain_line,
    *,
    width: int,
    palette: Palette = PLAIN_PALETTE,
    color: bool = False,
    notes: bool = False,
) -> list[tuple[str, str]]:
    """Each slide's title, and the lines under its header as text (its body, then its notes
    if ``notes``; no blank line after): what :func:`numbered_text` puts under headers.

    Trailing white space is trimmed from each line (styled or not), so the coloured and the
    plain export hold exactly the same characters. Each slide's segments are made text as
    soon as they are drawn: holding every segment of a long deck at once costs more in
    garbage collection than drawing them.
    """
    console = fixed_console(width, color=color)
    options = console.options.update(width=width, height=None)
    drawn = []
    for slide in slides:
        # What console.render_lines(Group(slide, notes), options, pad=False) gives, the slide
        # drawn straight to lines (not drawn, then split into lines again).
        lines = SlideRenderable(slide, palette=palette).lines(console, options)
        if notes and slide.notes.strip():
            lines = lines + console.render_lines(notes_renderable(slide.notes, palette), options, pad=False)
        body = [_trim(line) for line in lines]
        while body and not body[-1]:
            body.pop()
        drawn.append((slide.display_title, "\n".join([line_text(line) for line in body])))
    return drawn


def numbered_text(
    numbered: Iterable[tuple[int, tuple[str, str]]], total: int, line_text: LineText = _plain_line, *, width: int, palette: Palette = PLAIN_PALETTE
) -> str:
    """The export of slides :func:`drawn_slides` drew, numbered (of ``total``): each under its
    header line, and a blank line after."""
    blocks = []
    for number, (title, body) in numbered:
        header = line_text([Segment(slide_header(number, total, title, width), palette.title_rule)])
        blocks.append(f"{header}\n{body}\n" if body else f"{header}\n")
    return "\n".join(blocks)


def export_text_halves(
    halves: Halves, *, width: int = DEFAULT_WIDTH, notes: bool = False, slides: SlideSelection | None = None
) -> tuple[str, int]:
    """:func:`export_text` of a deck read in halves, the child drawing the second half's
    slides with :func:`drawn_slides` (see :func:`~presenter.sources.read_in_halves`); and the
    number of slides exported."""
    if halves.split:
        own = drawn_slides(halves.deck.slides, width=width, notes=notes)
        later = halves.drawn()
        if later is not None:
            drawn = own + later
            total = len(drawn)
            numbers = slides.numbers(total) if slides is not None else range(1, total + 1)
            return numbered_text([(number, drawn[number - 1]) for number in numbers], total, width=width), len(numbers)
    numbered, _ = numbered_slides(halves.deck, width=width, slides=slides)
    return export_text(halves.deck, width=width, notes=notes, slides=slides), len(numbered)


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

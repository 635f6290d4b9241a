"""Slides as screens of Rich segments at a fixed size, for the HTML, SVG, PDF and PNG exports.

Each slide is rendered by the same :class:`~presenter.render.slide.SlideRenderable` as the
app, in the theme's palette, on a console of a fixed width that ignores the real terminal.
Every screen of one export has the same number of rows (the tallest slide's, or ``height``
when that is larger), so the pages of a PDF and the images of a folder line up: every slide
is drawn once to measure it before the first screen comes out, and again to show it.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from rich.console import Console
from rich.segment import Segment, Segments
from rich.style import Style
from rich.terminal_theme import DEFAULT_TERMINAL_THEME, SVG_EXPORT_THEME, TerminalTheme

from presenter.export.selection import SlideSelection, numbered_slides
from presenter.model import Deck, Slide
from presenter.pictures import Picture, is_photo, read_version
from presenter.render.palette import Palette
from presenter.render.picture import picture_boxes
from presenter.render.slide import SlideRenderable
from presenter.themes import DEFAULT_THEME, PresenterTheme, get_theme

#: Blank cells around a slide, as the app's stage leaves room around it.
MARGIN_X = 2
MARGIN_Y = 1

#: Background and text colour of each theme (the app's ``$background`` and ``$foreground``).
_SCREEN_COLOURS = {
    "dark": ("#121212", "#e0e0e0"),
    "light": ("#f7f7f5", "#1a1a1a"),
    "high-contrast": ("#000000", "#ffffff"),
}


@dataclass(frozen=True, slots=True)
class Screen:
    """One slide, drawn."""

    number: int
    """1-based position in the deck (after fitting), kept when ``--slides`` picks some."""
    total: int
    """Slides in the whole deck."""
    title: str
    """The slide's title as shown (``Results (2/3)`` for a piece of a fitted slide)."""
    lines: list[list[Segment]]
    """Rows of segments, every row exactly the screen width."""
    notes: str = ""
    """The slide's speaker notes."""
    part: tuple[int, int] | None = None
    """``(2, 3)`` for the second of three pieces a slide was fitted into (``--height``)."""

    @property
    def name(self) -> str:
        """``7`` for slide 7 (or its first piece), ``7-2`` for its second piece: unique in
        an export."""
        return str(self.number) if self.part is None or self.part[0] == 1 else f"{self.number}-{self.part[0]}"


def resolve_theme(theme: PresenterTheme | str) -> PresenterTheme:
    return get_theme(theme) if isinstance(theme, str) else theme


def terminal_theme(theme: PresenterTheme | str) -> TerminalTheme:
    """The Rich terminal theme that turns a presenter theme's colours into RGB."""
    theme = resolve_theme(theme)
    background, foreground = _SCREEN_COLOURS.get(theme.name, _SCREEN_COLOURS[DEFAULT_THEME])
    ansi = DEFAULT_TERMINAL_THEME if theme.name == "light" else SVG_EXPORT_THEME
    normal = [tuple(ansi.ansi_colors[i]) for i in range(8)]
    bright = [tuple(ansi.ansi_colors[i]) for i in range(8, 16)]
    if theme.name != "light":
        bright[7] = (255, 255, 255)  # bright_white titles are white, not Rich's cream
    return TerminalTheme(_rgb(background), _rgb(foreground), normal, bright)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def screen_console(width: int, *, record: bool = False) -> Console:
    """A truecolor console ``width`` cells wide that ignores the real terminal."""
    return Console(
        file=io.StringIO(),
        width=width,
        height=10_000,
        color_system="truecolor",
        force_terminal=True,
        no_color=False,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        record=record,
    )


def screen_width(width: int) -> int:
    """Cells across a screen whose slide is ``width`` cells wide."""
    return width + 2 * MARGIN_X


def iter_screens(
    deck: Deck,
    *,
    width: int,
    theme: PresenterTheme | str = DEFAULT_THEME,
    height: int | None = None,
    slides: SlideSelection | None = None,
    hyperlinks: bool = False,
    graphics: str = "halfcell",
) -> Iterator[Screen]:
    """The slides of ``deck`` drawn ``width`` cells wide (plus margins), all the same height,
    one at a time.

    Links are drawn ``label (url)``, for pictures and pages a reader cannot click; with
    ``hyperlinks`` (an output that carries them, HTML) each stays its label, its segments
    holding the URL as their style's ``link``. ``graphics`` is how a picture fills its
    cells: half-cell blocks, or ``reserved`` (blank, the first tagged) for an export that
    lays the picture itself over them.

    With ``height``, slides are first fitted to ``width`` x ``height`` as in the app
    (:mod:`presenter.fit`), and every screen is at least that tall. ``slides`` picks some
    (``--slides 2-5``); each keeps its number in the whole deck. A bad selection fails here,
    before the first screen is asked for.
    """
    palette = resolve_theme(theme).palette._replace(graphics=graphics)
    palette = palette if hyperlinks else palette.without_links()
    numbered, total = numbered_slides(deck, width=width, height=height, slides=slides)
    return _screens(numbered, total, palette, width, height)


def _screens(numbered: list[tuple[int, Slide]], total: int, palette: Palette, width: int, height: int | None) -> Iterator[Screen]:
    console = screen_console(width)
    options = console.options.update_width(width)

    def drawn(slide: Slide) -> list[list[Segment]]:
        lines = console.render_lines(SlideRenderable(slide, palette=palette, height=height), options, pad=True)
        pictures_end = max((y + meta[2] for _x, y, meta in picture_boxes(lines)), default=0)  # reserved cells are blank
        while len(lines) > pictures_end and not "".join(segment.text for segment in lines[-1]).strip():
            lines.pop()
        return lines

    # Every screen is as tall as the tallest slide: each slide is drawn once to measure it
    # and again to show it, so that a long deck is never held in memory whole.
    rows = max([height or 0, *(len(drawn(slide)) for _number, slide in numbered)])
    blank_row = [Segment(" " * width, Style())]
    side = Segment(" " * MARGIN_X, Style())
    full = [Segment(" " * screen_width(width), Style())]
    for number, slide in numbered:
        lines = drawn(slide)
        # a title slide in the middle of the screen, and after presenterm's jump_to_middle, as the app draws them
        above = (rows - len(lines)) // 2 if slide.middle or slide.is_title else 0
        padded = [blank_row] * above + lines + [blank_row] * (rows - len(lines) - above)
        framed = [full] * MARGIN_Y + [[side, *line, side] for line in padded] + [full] * MARGIN_Y
        yield Screen(number, total, slide.display_title, framed, slide.notes, slide.part)


def recorded(screen: Screen, width: int) -> Console:
    """A recording console holding ``screen``, ready for ``export_svg``."""
    console = screen_console(screen_width(width), record=True)
    segments: list[Segment] = []
    for line in screen.lines:
        segments.extend(line)
        segments.append(Segment.line())
    console.print(Segments(segments), end="")
    return console


@lru_cache(maxsize=8)
def picture_data(version: tuple[str, int, int]) -> str | None:
    """The picture read as ``version`` as a ``data:`` URI (None if it cannot be read): a
    photo as a JPEG, a drawing as a PNG (:func:`~presenter.pictures.is_photo`). The picture
    itself, laid over the cells that hold it on a screen."""
    from PIL import Image as PILImage

    picture = read_version(*version)
    if not isinstance(picture, Picture):
        return None
    out = io.BytesIO()
    assert isinstance(picture.pixels, PILImage.Image)
    if is_photo(picture.pixels):
        picture.pixels.save(out, format="JPEG", quality=90)
        kind = "jpeg"
    else:
        picture.pixels.save(out, format="PNG", optimize=True)
        kind = "png"
    return f"data:image/{kind};base64," + base64.b64encode(out.getvalue()).decode("ascii")

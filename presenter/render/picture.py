"""A picture on a slide, drawn in half-cell blocks: each cell shows two pixels, the upper
half in the foreground colour of ``▀`` and the lower half in its background.

That needs no terminal graphics protocol, so it looks the same in every terminal, in tmux,
and in the SVG, PNG, PDF and HTML exports. In the app (``--images``, presenter/graphics.py)
the slide leaves the cells blank for the slide widget to draw the picture into, or, where
the terminal has kitty's graphics protocol, fills them with the protocol's placeholders.
Without colour (the text export) one line names the image and its path; a picture that
cannot be shown is a framed placeholder naming the image, its path and the reason.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from rich import box
from rich.color import Color
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from presenter.model import Image
from presenter.plaintext import block_lines
from presenter.pictures import Picture, read_picture, read_sharp, read_version
from presenter.render.palette import Palette

#: The key in the style meta of a picture's first cell: ``(version, columns, rows, alt)``,
#: ``version`` being the :attr:`~presenter.pictures.Picture.version` it was read as.
PICTURE_META = "presenter.picture"
#: The fewest rows a picture is drawn in when the slide leaves it less (it never grows
#: past its own size): the rows fitting counts for it (presenter/fit.py).
PICTURE_MIN_ROWS = 8


def picture_boxes(lines: list[list[Segment]]) -> list[tuple[int, int, tuple]]:
    """Where drawn ``lines`` hold pictures: ``(x, y, meta)`` of each one's first cell,
    ``meta`` being its ``(file version, columns, rows, alt)``."""
    boxes = []
    for y, line in enumerate(lines):
        x = 0
        for segment in line:
            if segment.style is not None and (meta := segment.style.meta.get(PICTURE_META)):
                boxes.append((x, y, meta))
            x += segment.cell_length
    return boxes


def pictures_at_most(options: ConsoleOptions, rows: int) -> ConsoleOptions:
    """``options`` under which a picture is at most ``rows`` high (``max_height``, which
    the other renderables of a slide do not read)."""
    options = options.copy()
    options.max_height = max(1, rows)
    return options


class PictureBlock:
    """An :class:`~presenter.model.Image` block, centred; never wider than the width it is
    given nor taller than ``options.max_height`` rows (a slide gives its pictures the rows
    its other blocks leave; see :class:`~presenter.render.slide.SlideRenderable`)."""

    def __init__(self, image: Image, palette: Palette) -> None:
        self.image = image
        self.palette = palette

    def _picture(self) -> Picture | str:
        if self.image.file is None:
            return self.image.problem or "no file"
        return read_picture(Path(self.image.file))

    def _size(self, picture: Picture, options: ConsoleOptions) -> tuple[int, int]:
        columns, rows = picture.cells(options.max_width, self.image.share)
        if rows > options.max_height:
            rows = max(1, options.max_height)
            columns = min(columns, picture.columns_for(rows))
        return columns, rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not self.palette.pictures:  # plain text: one line naming it
            yield Text(block_lines(self.image)[0], style=self.palette.muted)
            return
        picture = self._picture()
        if not isinstance(picture, Picture):
            yield self._placeholder(picture)
            return
        columns, rows = self._size(picture, options)
        if self.palette.graphics == "kitty":
            lines = _placeholders(picture.version, columns, rows)  # as wide and tall as its shape fills
            left = Segment(" " * ((options.max_width - (Segment.get_line_length(lines[0]) if lines else 0)) // 2))
            for line in lines:
                yield left
                yield from line
                yield Segment.line()
            yield from [Segment.line()] * (rows - len(lines))  # the box keeps its rows
            return
        left = Segment(" " * ((options.max_width - columns) // 2))
        if self.palette.graphics == "reserved":  # blank: the app draws the picture into them (presenter/tui/pictures.py)
            lines = [[Segment(" " * columns)] for _ in range(rows)]
        else:
            lines = halfcell_lines(picture.version, columns, rows)
        for number, line in enumerate(lines):
            yield left
            if number == 0:  # the first cell says which picture it is: the HTML export and the app draw it there
                first, *line = line
                yield Segment(first.text, (first.style or Style()) + Style.from_meta({PICTURE_META: (picture.version, columns, rows, self.image.alt)}))
            yield from line
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        if not self.palette.pictures:
            return Measurement.get(console, options, Text(block_lines(self.image)[0]))
        picture = self._picture()
        if isinstance(picture, Picture):
            return Measurement(1, self._size(picture, options)[0])
        return Measurement.get(console, options, self._placeholder(picture))

    def _placeholder(self, reason: str | None) -> Panel:
        palette = self.palette
        text = Text(self.image.alt or "image", style=palette.text, justify="center")
        text.append(f"\n{self.image.path}", style=palette.muted)
        if reason:
            text.append(f"\n{reason}", style=palette.muted)
        return Panel(text, box=box.SQUARE, border_style=palette.muted, title="image", expand=False)


@lru_cache(maxsize=32)
def _placeholders(version: tuple[str, int, int], columns: int, rows: int) -> list[list[Segment]]:
    """The picture read as ``version``, sent to the terminal (kitty's graphics protocol, by
    textual-image) to be drawn as large as ``columns`` x ``rows`` cells hold it in its own
    proportions in the terminal's cells (the slide sized the box for cells twice as tall as
    wide; they are often a little taller), and the placeholder cells that show it there: one
    line of them per row."""
    from textual_image.renderable.tgp import Image as TerminalImage

    picture = read_sharp(*version)
    assert isinstance(picture, Picture)
    console = Console(width=columns, height=rows, color_system="truecolor", file=io.StringIO())
    image = TerminalImage(picture.pixels, width="auto", height="auto")  # sent once, on its first drawing
    return console.render_lines(image, console.options.update(width=columns, height=rows), pad=False)


@lru_cache(maxsize=32)  # a dozen slides' pictures, at the sizes they are shown and measured
def halfcell_lines(version: tuple[str, int, int], columns: int, rows: int) -> list[list[Segment]]:
    """The picture read as ``version`` (:attr:`Picture.version`) as ``rows`` lines of
    ``columns`` half-cell blocks."""
    from PIL import Image as PILImage

    picture = read_version(*version)
    assert isinstance(picture, Picture)
    data = picture.pixels.resize((columns, rows * 2), PILImage.Resampling.LANCZOS).tobytes()  # type: ignore[attr-defined]
    stride = 3 * columns
    styles: dict[bytes, Style] = {}
    lines = []
    for row in range(rows):
        line = []
        for start in range(2 * row * stride, (2 * row + 1) * stride, 3):
            key = data[start : start + 3] + data[start + stride : start + stride + 3]  # the upper and lower pixels
            if (style := styles.get(key)) is None:
                style = styles[key] = Style.from_color(Color.from_rgb(*key[:3]), Color.from_rgb(*key[3:]))
            line.append(Segment("▀", style))
        lines.append(list(Segment.simplify(line)))
    return lines

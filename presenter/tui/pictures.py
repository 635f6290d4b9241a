"""The widget a slide is shown in, which draws the slide's pictures into the cells it left.

In the app a slide leaves each picture's cells blank and tags the first one (the palette's
``reserved`` graphics, presenter/render/picture.py). :class:`SlideView` draws the slide as
Textual draws any renderable, then lays each picture over its cells:

- ``halfcell``: half-cell blocks kept as Textual strips, made once for each picture and
  size, so a key press only copies them (rather than Textual styling ~2,000 cells anew);
  in a terminal of 256 colours (tmux, Terminal.app) their colours are those the terminal
  shows, and neighbouring cells that can be drawn in one style are written as one run;
- ``sixel``: textual-image's Sixel rendering of the picture, written after the picture's
  last row, in a terminal that draws Sixel graphics.

Kitty's graphics protocol needs neither: its placeholder cells are part of the slide.
Once a frame is drawn, the app has the piece Next turns to drawn off screen
(:meth:`SlideView.prepare`), pictures included, so a photo shows at once.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from rich.color import Color, ColorSystem
from rich.console import Console
from rich.control import Control
from rich.segment import ControlType, Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Static

from presenter.block_tree import pictures_on
from presenter.pictures import Picture, is_photo, read_sharp
from presenter.render.picture import halfcell_lines
from presenter.render.slide import SlideRenderable

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

#: Marks a segment as a control sequence: it takes no cell (textual-image does the same).
_NO_CELLS = ((ControlType.CURSOR_FORWARD, 0),)


class SlideView(Static):
    """Shows a :class:`SlideRenderable`; draws its pictures as ``kind`` says."""

    def __init__(self, *, kind: str = "halfcell", id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = kind
        """``halfcell`` or ``sixel``: how the pictures are drawn."""
        self.slide: SlideRenderable | None = None

    def show(self, slide: SlideRenderable) -> None:
        self.slide = slide
        self.update(slide)

    def prepare(self, slide: SlideRenderable, width: int) -> None:
        """Draw ``slide`` ``width`` cells wide without showing it, and its pictures, so that
        showing it next only copies what was drawn."""
        if next(pictures_on(slide.slide), None) is None:
            return  # only pictures take long to draw
        console = self.app.console
        slide.lines(console, console.options.update_width(width))
        for _x, _y, (version, columns, rows, _alt) in slide.picture_boxes():
            if self.kind == "sixel":
                sixel_data(version, columns, rows)
            else:
                for strip in halfcell_strips(version, columns, rows, console.color_system):
                    strip.render(console)  # each cell's colours as the terminal takes them (kept by their styles)

    def render_lines(self, crop: Region) -> list[Strip]:
        strips = super().render_lines(crop)
        boxes = self.slide.picture_boxes() if self.slide is not None else []
        if not boxes:
            return strips
        strips = list(strips)
        gutter = self.gutter
        for x, y, (version, columns, rows, _alt) in boxes:  # as the slide read it: drawn from the caches
            left, top = gutter.left + x - crop.x, gutter.top + y - crop.y  # in the strips
            if self.kind == "sixel":
                last = top + rows - 1
                if 0 <= last < len(strips):
                    strips[last] = self._with_sixels(strips[last], version, columns, rows, gutter.left + x, gutter.top + y)
                continue
            for row, line in enumerate(halfcell_strips(version, columns, rows, self.app.console.color_system)):
                if 0 <= top + row < len(strips):
                    strips[top + row] = overlay(strips[top + row], left, line)
        return strips

    def _with_sixels(self, strip: Strip, version: tuple[str, int, int], columns: int, rows: int, x: int, y: int) -> Strip:
        """``strip`` (the picture's last row) followed by the picture in Sixel graphics: the
        cursor goes to the picture's first cell, the terminal draws it, and the cursor comes
        back to where the row ends."""
        region = self.region
        sequences = (
            Control.move_to(region.x + x, region.y + y).segment.text,
            sixel_data(version, columns, rows),
            Control.move_to(region.x + strip.cell_length, region.y + y + rows - 1).segment.text,
        )
        return Strip([*strip, *(Segment(text, None, _NO_CELLS) for text in sequences)], strip.cell_length)


def overlay(strip: Strip, start: int, insert: Strip) -> Strip:
    """``strip`` with ``insert`` drawn over its cells from ``start`` (cropped to fit)."""
    end = start + insert.cell_length
    if end <= 0 or start >= strip.cell_length:
        return strip
    if start < 0:
        insert, start = insert.crop(-start), 0
    if end > strip.cell_length:
        insert, end = insert.crop(0, strip.cell_length - start), strip.cell_length
    return Strip.join([strip.crop(0, start), insert, strip.crop(end, strip.cell_length)])


@lru_cache(maxsize=32)
def halfcell_strips(version: tuple[str, int, int], columns: int, rows: int, colors: str | None) -> list[Strip]:
    """The picture read as ``version`` in half-cell blocks, as strips (each keeps what it
    writes to the terminal, once written) for a terminal of ``colors`` (Rich's name of its
    colour system): in ``256``, written in as few runs of one style as show the same
    (:func:`runs_in_256_colours`)."""
    lines = halfcell_lines(version, columns, rows)
    if colors == "256":
        lines = [runs_in_256_colours(line) for line in lines]
    return [Strip(line, columns) for line in lines]


def runs_in_256_colours(line: list[Segment]) -> list[Segment]:
    """A row of upper half blocks (``▀`` in the upper pixel's colour on the lower one's) in
    the colours a terminal of 256 shows, each cell joining the run before it where some
    character draws it in that run's style: the same two colours either way up (``▀`` or
    ``▄``), or one colour on both halves (a space on it, or a full block ``█``): fewer
    colour codes for the terminal to read, and the same picture."""
    runs: list[list] = []  # [text, foreground, background] of each run
    for segment in line:
        style = segment.style
        assert style is not None
        top, bottom = _in_256_colours(style.color), _in_256_colours(style.bgcolor)
        for _ in segment.text:
            glyph = _drawn_in(top, bottom, runs[-1][1], runs[-1][2]) if runs else None
            if glyph is not None:
                runs[-1][0] += glyph
            else:
                runs.append([" ", None, top] if top == bottom else ["▀", top, bottom])
    return [Segment(text, Style(color=color, bgcolor=bgcolor)) for text, color, bgcolor in runs]


def _drawn_in(top: Color | None, bottom: Color | None, color: Color | None, bgcolor: Color | None) -> str | None:
    """The character that shows ``top`` over ``bottom`` in ``color`` on ``bgcolor``, if one does."""
    if top == bottom:
        return " " if top == bgcolor else "█" if top == color else None
    if (top, bottom) == (color, bgcolor):
        return "▀"
    return "▄" if (top, bottom) == (bgcolor, color) else None


@lru_cache(maxsize=4096)
def _in_256_colours(color: Color | None) -> Color | None:
    """``color`` as a terminal of 256 colours shows it (made anew from its number: a
    downgraded colour keeps its hex name, and would not compare equal to its like)."""
    return color and Color.from_ansi(color.downgrade(ColorSystem.EIGHT_BIT).number or 0)


@lru_cache(maxsize=16)
def sixel_data(version: tuple[str, int, int], columns: int, rows: int) -> str:
    """The picture read as ``version`` as Sixel graphics as large as ``columns`` x ``rows``
    cells hold, in its own proportions in the terminal's cells (the slide sized its box
    for cells twice as tall as wide; they are often a little taller), encoded by
    textual-image in the 256 colours Sixel has (:func:`sixel_colours`)."""
    from textual_image.renderable.sixel import Image as SixelPicture, SixelOptions

    picture = read_sharp(*version)
    assert isinstance(picture, Picture)
    console = Console(width=columns, height=rows, file=io.StringIO())
    options = SixelOptions(quantize=sixel_colours(picture.pixels))
    shown = SixelPicture(picture.pixels, width="auto", height="auto", sixel_options=options)  # its shape, in the terminal's cells
    segments = console.render(shown, console.options)
    return colours_first("".join(segment.text for segment in segments if segment.control and segment.text.startswith("\x1bP")))


_SIXEL_START = re.compile(r'\x1bP[\d;]*q(?:"[\d;]*)?')
_COLOUR = re.compile(r"#(\d+)(;2;\d+;\d+;\d+)")


def colours_first(sixels: str) -> str:
    """Sixel graphics with every colour register defined before the first pixel.

    textual-image defines each colour where it is first drawn, band by band; xterm draws
    such a picture with stripes of wrong colours across it, and draws it right with every
    colour first (as ImageMagick writes Sixel). A register defined twice is left as written."""
    start = _SIXEL_START.match(sixels)
    colours = _COLOUR.findall(sixels)
    if start is None or len(set(colours)) != len({register for register, _ in colours}):
        return sixels
    head, body = sixels[: start.end()], sixels[start.end() :]
    return head + "".join(f"#{register}{colour}" for register, colour in dict(colours).items()) + _COLOUR.sub(r"#\1", body)


def sixel_colours(pixels: PILImage) -> Literal["fastoctree", "adaptive"]:
    """How a picture's 256 Sixel colours are chosen. A photo: Pillow's fast octree, which
    uses all 256 on one. A drawing (:func:`~presenter.pictures.is_photo`): median cut, fast
    there; the octree would leave most registers unused and band its gradients."""
    return "fastoctree" if is_photo(pixels) else "adaptive"

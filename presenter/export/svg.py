"""SVG export: one image per slide (``slide-01.svg``, ...), drawn by Rich's ``export_svg``.

Rich's template fetches the Fira Code font from the web and draws a window frame; ours
fetches nothing and draws the slide on the theme's background, with a font list that ends
in CJK monospace fonts so Chinese or Japanese text shows where those fonts are installed.
Text stays text (``<text>`` elements), so it can be searched and selected.
"""

from __future__ import annotations

import re
from html import escape
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from rich.console import CONSOLE_SVG_FORMAT

from presenter.export.screen import Screen, iter_screens, picture_data, recorded, resolve_theme, terminal_theme
from presenter.export.whole import whole
from presenter.model import Deck
from presenter.render.picture import picture_boxes
from presenter.themes import DEFAULT_THEME, PresenterTheme

if TYPE_CHECKING:
    from presenter.export.selection import SlideSelection

DEFAULT_WIDTH = 80

#: Monospace fonts with CJK glyphs, tried by renderers that take one font per run of text.
CJK_MONO_FONTS = ("WenQuanYi Zen Hei Mono", "Noto Sans Mono CJK SC", "Noto Sans Mono CJK JP")
FONT_STACK = ", ".join(
    ["DejaVu Sans Mono", "Liberation Mono", "Menlo", "Consolas", *(f'"{f}"' for f in CJK_MONO_FONTS), "monospace"]
)
#: Advance width over size of DejaVu Sans Mono (1233/2048), the first font of the stack:
#: CairoSVG places letters by the font's advance, so cells line up only if Rich agrees.
FONT_ASPECT_RATIO = 1233 / 2048
_PADDING_TOP = 40  # Rich leaves this much room for its window title; we draw none.
_TRIM = _PADDING_TOP - 8


@lru_cache(maxsize=1)
def _template() -> str:
    svg = re.sub(r"\s*@font-face \{\{.*?\}\}", "", CONSOLE_SVG_FORMAT, flags=re.S)
    svg = svg.replace("font-family: Fira Code, monospace;", f"font-family: {FONT_STACK};")
    svg = svg.replace("<!-- Generated with Rich https://www.textualize.io -->", "<!-- presenter, drawn by Rich -->")
    assert "url(\"http" not in svg and "{chrome}" in svg and svg.count("{matrix}\n    </g>") == 1
    return svg.replace("{chrome}", "BACKGROUND").replace("{matrix}\n    </g>", "{matrix}\n    </g>\n    PICTURES")


def file_name(screen: Screen, suffix: str) -> str:
    """``slide-01.svg``: numbered with at least two digits, so names sort in slide order;
    ``slide-01-2.svg`` for the second piece of a slide fitted to ``--height``."""
    name = f"slide-{screen.number:0{max(2, len(str(screen.total)))}d}"
    return f"{name}-{screen.part[0]}.{suffix}" if screen.part is not None else f"{name}.{suffix}"


def screen_svg(screen: Screen, *, width: int, theme: PresenterTheme | str = DEFAULT_THEME) -> str:
    """One drawn slide as a standalone SVG document."""
    colours = terminal_theme(theme)
    console = recorded(screen, width)
    svg = console.export_svg(
        title=screen.title,
        theme=colours,
        code_format=_template(),
        unique_id=f"slide-{screen.name}",
        font_aspect_ratio=FONT_ASPECT_RATIO,
    )
    match = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    assert match is not None
    full_width, full_height = float(match[1]), float(match[2]) - _TRIM
    svg = svg.replace(
        match[0],
        f'width="{full_width:g}" height="{full_height:g}" viewBox="0 {_TRIM} {full_width:g} {full_height:g}"',
        1,
    )
    background = (
        f'<rect x="0" y="{_TRIM}" width="{full_width:g}" height="{full_height:g}" '
        f'fill="{colours.background_color.hex}"/>'
    )
    return svg.replace("BACKGROUND", background, 1).replace("PICTURES", _pictures(screen), 1)


#: Rich's ``export_svg`` draws a cell this many units tall, and a row 1.22 times that.
_CHAR_HEIGHT = 20
_CELL_WIDTH = _CHAR_HEIGHT * FONT_ASPECT_RATIO
_ROW_HEIGHT = _CHAR_HEIGHT * 1.22


def _pictures(screen: Screen) -> str:
    """Each picture on ``screen`` itself (as the HTML export has it) in the cells
    the slide left it, filling their box (sized to the picture's shape, within half a
    cell): sharp in the SVG, PNG and PDF."""
    tags = []
    for x, y, (version, columns, rows, alt) in picture_boxes(screen.lines):
        data = picture_data(version)
        if data is not None:
            tags.append(
                f'<image x="{x * _CELL_WIDTH:g}" y="{y * _ROW_HEIGHT + 1.5:g}" width="{columns * _CELL_WIDTH:g}" '
                f'height="{rows * _ROW_HEIGHT:g}" preserveAspectRatio="none" '
                f'href="{data}"><title>{escape(alt)}</title></image>'
            )
    return "\n    ".join(tags)


def stream_svgs(
    deck: Deck,
    *,
    width: int = DEFAULT_WIDTH,
    theme: PresenterTheme | str = DEFAULT_THEME,
    height: int | None = None,
    notes: bool = False,
    slides: SlideSelection | None = None,
) -> Iterator[tuple[str, bytes]]:
    """Every slide as an SVG file, one at a time and in slide order: ``("slide-01.svg", b"<svg ..."), ...``."""
    look = resolve_theme(theme)
    screens = iter_screens(deck, width=width, theme=look, height=height, slides=slides, graphics="reserved")
    return ((file_name(s, "svg"), screen_svg(s, width=width, theme=look).encode("utf-8")) for s in screens)


export_svgs = whole(stream_svgs, "directory")

"""PNG export: one image per slide (``slide-01.png``, ...), rasterised from the slide SVGs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from presenter.export.cairo import require_cairosvg, svg_to_png
from presenter.export.svg import DEFAULT_WIDTH, stream_svgs
from presenter.export.whole import whole
from presenter.model import Deck
from presenter.themes import DEFAULT_THEME, PresenterTheme

if TYPE_CHECKING:
    from presenter.export.selection import SlideSelection

#: Pixels per SVG unit: 2 gives sharp text on projectors and high-density screens.
SCALE = 2.0


def stream_pngs(
    deck: Deck,
    *,
    width: int = DEFAULT_WIDTH,
    theme: PresenterTheme | str = DEFAULT_THEME,
    height: int | None = None,
    notes: bool = False,
    slides: SlideSelection | None = None,
    scale: float = SCALE,
) -> Iterator[tuple[str, bytes]]:
    """Every slide as a PNG image, one at a time and in slide order: ``("slide-01.png", b"\\x89PNG..."), ...``."""
    require_cairosvg("png")  # fail before rendering anything
    svgs = stream_svgs(deck, width=width, theme=theme, height=height, slides=slides)
    return ((name.removesuffix(".svg") + ".png", svg_to_png(svg, scale=scale)) for name, svg in svgs)


export_pngs = whole(stream_pngs, "directory")

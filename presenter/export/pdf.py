"""PDF export: one page per slide, drawn from the slide SVGs by CairoSVG, merged with pypdf.

Cairo writes the slide text as real text with embedded fonts, so it can be selected,
searched and copied; CJK runs use an installed CJK font (see :mod:`presenter.export.cairo`).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from presenter.errors import PresenterError
from presenter.export.cairo import INSTALL_EXTRA, require_cairosvg, svg_to_pdf
from presenter.export.svg import DEFAULT_WIDTH, export_svgs
from presenter.model import Deck
from presenter.themes import DEFAULT_THEME, PresenterTheme

if TYPE_CHECKING:
    from presenter.export.selection import SlideSelection


def _require_pypdf():
    try:
        import pypdf
    except ImportError:
        raise PresenterError(None, None, f"pdf export needs pypdf: {INSTALL_EXTRA}") from None
    return pypdf


def export_pdf(
    deck: Deck,
    *,
    width: int = DEFAULT_WIDTH,
    theme: PresenterTheme | str = DEFAULT_THEME,
    height: int | None = None,
    notes: bool = False,
    slides: SlideSelection | None = None,
) -> bytes:
    """The whole deck as one PDF document, a page per slide."""
    require_cairosvg("pdf")
    pypdf = _require_pypdf()
    writer = pypdf.PdfWriter()
    for svg in export_svgs(deck, width=width, theme=theme, height=height, slides=slides).values():
        writer.append(pypdf.PdfReader(io.BytesIO(svg_to_pdf(svg))))
    writer.add_metadata({"/Title": deck.title or "Slides", "/Producer": "presenter (CairoSVG, pypdf)"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

"""PDF export: one page per slide, drawn from the slide SVGs by CairoSVG onto one PDF.

Cairo writes the slide text as real text with embedded fonts, so it can be selected,
searched and copied; CJK runs use an installed CJK font (see :mod:`presenter.export.cairo`).
Every page is drawn onto the same Cairo PDF surface, which writes each page as it is
finished and each font once: a long deck is never held whole in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from presenter.export.cairo import pdf_document
from presenter.export.svg import DEFAULT_WIDTH, stream_svgs
from presenter.export.whole import whole
from presenter.model import Deck
from presenter.themes import DEFAULT_THEME, PresenterTheme

if TYPE_CHECKING:
    from presenter.export.selection import SlideSelection


def stream_pdf(
    deck: Deck,
    *,
    width: int = DEFAULT_WIDTH,
    theme: PresenterTheme | str = DEFAULT_THEME,
    height: int | None = None,
    notes: bool = False,
    slides: SlideSelection | None = None,
) -> Iterator[bytes]:
    """The whole deck as one PDF document, a page per slide, in pieces, the bytes Cairo has written after each page."""
    svgs = (svg for _name, svg in stream_svgs(deck, width=width, theme=theme, height=height, slides=slides))
    return pdf_document(svgs, title=deck.title or "Slides")


export_pdf = whole(stream_pdf, "binary")

"""ANSI export: the text export in the theme's colours, for ``less -R`` or ``cat``.

The same lines as :func:`~presenter.export.text.export_text`, rendered in the theme's
palette (truecolor SGR codes, or 256 colours with ``color_system="256"``): stripping the
escape codes gives the text export exactly, but for links. A link whose URL is safe to open
is an OSC 8 hyperlink around its label (a recent ``less -R`` passes these through; a
terminal without them shows the label), where the text export writes ``label (url)``.
Every line ends with a reset so a pager never bleeds colour.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.color import ColorSystem
from rich.segment import Segment

from presenter.export.selection import SlideSelection
from presenter.export.text import DEFAULT_WIDTH, rendered_chunks
from presenter.export.whole import whole
from presenter.model import Deck
from presenter.themes import DEFAULT_THEME, PresenterTheme, get_theme

_SYSTEMS = {"truecolor": ColorSystem.TRUECOLOR, "256": ColorSystem.EIGHT_BIT}


def stream_ansi(
    deck: Deck,
    *,
    width: int = DEFAULT_WIDTH,
    theme: PresenterTheme | str = DEFAULT_THEME,
    height: int | None = None,
    notes: bool = False,
    slides: SlideSelection | None = None,
    color_system: str = "truecolor",
) -> Iterator[str]:
    """The deck as coloured text, one header line per slide as in the text export, one slide at a time."""
    look = get_theme(theme) if isinstance(theme, str) else theme
    system = _SYSTEMS[color_system]

    def styled(line: list[Segment]) -> str:
        return "".join(_ansi(segment, system) for segment in line)

    return rendered_chunks(deck, styled, width=width, palette=look.palette, color=True, height=height, notes=notes, slides=slides)


def _ansi(segment: Segment, system: ColorSystem) -> str:
    """``segment`` in SGR codes; inside an OSC 8 hyperlink when its style has a link (written
    without Rich's random link id, so an export is the same every time)."""
    style = segment.style
    if not style:
        return segment.text
    text = style.clear_meta_and_links().render(segment.text, color_system=system)
    return f"\x1b]8;;{style.link}\x1b\\{text}\x1b]8;;\x1b\\" if style.link else text


export_ansi = whole(stream_ansi)

"""Inline spans to a Rich :class:`~rich.text.Text`, never through markup."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import groupby

from rich.control import strip_control_codes
from rich.style import Style
from rich.text import Text

from presenter.model import Inline
from presenter.render.links import followable, url_suffix
from presenter.render.palette import DEFAULT_PALETTE, Palette


def mark_matches(text: Text, search: str | None, palette: Palette = DEFAULT_PALETTE) -> Text:
    """Highlight every case-insensitive occurrence of ``search`` in ``text``."""
    if search:
        text.highlight_regex(re.compile(re.escape(search), re.IGNORECASE), palette.match)
    return text


def inline_text(
    content: Inline, palette: Palette = DEFAULT_PALETTE, base: Style | None = None, search: str | None = None
) -> Text:
    """Each span appended as data with its style: ``[bold]`` in the text stays literal.

    A link is a hyperlink where ``palette.hyperlinks`` says the output carries one and its
    URL is safe to open; otherwise its label is followed by `` (url)`` (see :mod:`~presenter.render.links`).
    """
    text = Text(style=base or palette.text)
    for link, run in groupby(content, key=lambda span: span.link):
        spans = tuple(run)
        hyperlink = bool(link) and palette.hyperlinks and followable(link)
        for span in spans:
            style = _span_style(palette, span.styles)
            if link:
                style += (palette.link + Style(link=link)) if hyperlink else palette.link
            text.append(strip_control_codes(span.text), style or None)
        if link and not hyperlink:
            text.append(url_suffix("".join(span.text for span in spans), link), palette.muted or None)
    text.expand_tabs()
    return mark_matches(text, search, palette)


@lru_cache(maxsize=256)
def _span_style(palette: Palette, styles: tuple[str, ...]) -> Style:
    """The style of a span's ``styles`` in ``palette`` (before any link)."""
    style = Style()
    if "bold" in styles:
        style += Style(bold=True)
    if "italic" in styles:
        style += Style(italic=True)
    if "strike" in styles:
        style += Style(strike=True)
    if "code" in styles:
        style += palette.code
    if "stat" in styles:
        style += palette.stat
    if "footnote" in styles or "caption" in styles:
        style += palette.muted
    if palette.code_theme is not None:  # a palette with colour (NO_COLOR's has no code theme either)
        for name in styles:  # <span style="color: ...; background-color: ..."> in the deck
            if name.startswith("color:"):
                style += Style(color=name[6:])
            elif name.startswith("bgcolor:"):
                style += Style(bgcolor=name[8:])
    return style

"""Inline spans to a Rich :class:`~rich.text.Text`, never through markup."""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text

from presenter.model import Inline
from presenter.render.palette import DEFAULT_PALETTE, Palette


def mark_matches(text: Text, search: str | None, palette: Palette = DEFAULT_PALETTE) -> Text:
    """Highlight every case-insensitive occurrence of ``search`` in ``text``."""
    if search:
        text.highlight_regex(re.compile(re.escape(search), re.IGNORECASE), palette.match)
    return text


def inline_text(
    content: Inline, palette: Palette = DEFAULT_PALETTE, base: Style | None = None, search: str | None = None
) -> Text:
    """Each span appended as data with its style: ``[bold]`` in the text stays literal."""
    text = Text(style=base or palette.text)
    for span in content:
        style = Style()
        if "bold" in span.styles:
            style += Style(bold=True)
        if "italic" in span.styles:
            style += Style(italic=True)
        if "strike" in span.styles:
            style += Style(strike=True)
        if "code" in span.styles:
            style += palette.code
        if "stat" in span.styles:
            style += palette.stat
        if span.link:
            style += palette.link + Style(link=span.link)
        text.append(span.text, style)
    text.expand_tabs()
    return mark_matches(text, search, palette)

"""Plain text to inline spans, with key figures marked for highlighting."""

from __future__ import annotations

from presenter.model import Inline, Span
from presenter.sources.stats import find_figures


def highlight_figures(text: str, styles: tuple[str, ...] = ()) -> Inline:
    """``text`` as spans, each figure in it a span of its own with the ``stat`` style."""
    spans: list[Span] = []
    position = 0
    for figure in find_figures(text):
        if figure.start > position:
            spans.append(Span(text[position : figure.start], styles))
        spans.append(Span(text[figure.start : figure.end], styles + ("stat",)))
        position = figure.end
    if position < len(text) or not spans:
        spans.append(Span(text[position:], styles))
    return tuple(spans)

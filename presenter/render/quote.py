"""A quotation with a bar down its left side and a byline naming the speaker."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

from presenter.model import Quote, quote_marks
from presenter.render.inline import LineRenderable, inline_text, mark_matches, render_lines
from presenter.render.palette import DEFAULT_PALETTE, Palette

BAR = "▌ "


class QuoteBlock(LineRenderable):
    """Renders a :class:`~presenter.model.Quote`."""

    def __init__(self, quote: Quote, *, palette: Palette = DEFAULT_PALETTE, search: str | None = None) -> None:
        self.quote = quote
        self.palette = palette
        self.search = search

    def __repr__(self) -> str:
        return f"QuoteBlock(speaker={self.quote.speaker!r})"

    def _body(self) -> Text:
        opening, closing = quote_marks(self.quote.content)
        text = Text(opening, style=self.palette.quote_text)
        text.append_text(inline_text(self.quote.content, self.palette, base=self.palette.quote_text, search=self.search))
        text.append(closing, style=self.palette.quote_text)
        return text

    def _byline(self) -> Text | None:
        quote, palette = self.quote, self.palette
        if quote.attribution and quote.speaker and quote.speaker in quote.attribution:
            before, _, after = quote.attribution.partition(quote.speaker)
            byline = Text(before, style=palette.role)
            byline.append(quote.speaker, style=palette.speaker)
            byline.append(after, style=palette.role)
            return mark_matches(byline, self.search, palette)
        if quote.speaker:
            byline = Text("— ", style=palette.role)
            byline.append(quote.speaker, style=palette.speaker)
            if quote.role:
                byline.append(f", {quote.role}", style=palette.role)
            return mark_matches(byline, self.search, palette)
        return None

    def lines(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        width = max(1, options.max_width - len(BAR))
        inner = options.update(width=width, height=None)
        bar = Segment(BAR, self.palette.quote_bar)
        parts = [self._body()]
        byline = self._byline()
        if byline is not None:
            byline.justify = "left"
            parts.append(Text(""))
            parts.append(byline)
        return [[bar, *line] for part in parts for line in render_lines(console, part, inner, pad=False)]

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        body = Measurement.get(console, options, self._body())
        return Measurement(min(body.minimum + len(BAR), options.max_width), options.max_width)

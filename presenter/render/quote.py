"""A quotation with a bar down its left side and a byline naming the speaker."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

from presenter.model import Quote, quote_marks
from presenter.render.inline import inline_text, mark_matches
from presenter.render.palette import DEFAULT_PALETTE, Palette

BAR = "▌ "


class QuoteBlock:
    """Renders a :class:`~presenter.model.Quote`: its lines drawn, each after the bar, as
    ``rich.markdown``'s block quote does."""

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
            byline = Text(before, style=palette.role, justify="left")
            byline.append(quote.speaker, style=palette.speaker)
            byline.append(after, style=palette.role)
            return mark_matches(byline, self.search, palette)
        if quote.speaker:
            byline = Text("— ", style=palette.role, justify="left")
            byline.append(quote.speaker, style=palette.speaker)
            if quote.role:
                byline.append(f", {quote.role}", style=palette.role)
            return mark_matches(byline, self.search, palette)
        return None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        byline = self._byline()
        body = self._body() if byline is None else Group(self._body(), Text(""), byline)
        inner = options.update(width=max(1, options.max_width - len(BAR)), height=None)
        bar = Segment(BAR, self.palette.quote_bar)
        new_line = Segment.line()
        for line in console.render_lines(body, inner, pad=False):
            yield bar
            yield from line
            yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        body = Measurement.get(console, options, self._body())
        return Measurement(min(body.minimum + len(BAR), options.max_width), options.max_width)

"""A quotation with a bar down its left side and a byline naming the speaker."""

from __future__ import annotations

from typing import Callable

from rich.console import Console, ConsoleOptions, Group, NewLine, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from presenter.model import Block, Paragraph, Quote, quote_marks
from presenter.render.inline import inline_text, mark_matches
from presenter.render.palette import DEFAULT_PALETTE, Palette

BAR = "▌ "
#: A GFM alert's sign, and the palette style of its bar and title.
ALERTS = {
    "note": ("ℹ", "link"),
    "tip": ("✔", "up"),
    "important": ("★", "speaker"),
    "warning": ("⚠", "stat"),
    "caution": ("✖", "down"),
}


class QuoteBlock:
    """Renders a :class:`~presenter.model.Quote`: its blocks drawn one under another, each
    line after the bar, as ``rich.markdown``'s block quote does. A quote of paragraphs only
    stands in quotation marks; ``render`` draws any other block inside it."""

    def __init__(
        self,
        quote: Quote,
        *,
        palette: Palette = DEFAULT_PALETTE,
        search: str | None = None,
        render: Callable[[Block], RenderableType] | None = None,
    ) -> None:
        self.quote = quote
        self.palette = palette
        self.search = search
        self.render = render

    def __repr__(self) -> str:
        return f"QuoteBlock(speaker={self.quote.speaker!r})"

    def _body(self) -> list[RenderableType]:
        quote, palette = self.quote, self.palette
        prose = [quote.content] if quote.content else []
        parts: list[RenderableType] = []
        if not quote.alert and all(isinstance(child, Paragraph) for child in quote.children):
            prose += [child.content for child in quote.children]  # type: ignore[union-attr]
            marks = quote_marks(prose[0]) if len(prose) == 1 else ("“", "”")
            for index, inline in enumerate(prose):  # words said: the first opens the marks, the last closes them
                text = Text(marks[0] if index == 0 else "", style=palette.quote_text)
                text.append_text(inline_text(inline, palette, base=palette.quote_text, search=self.search))
                text.append(marks[1] if index == len(prose) - 1 else "", style=palette.quote_text)
                parts.append(text)
        else:  # blocks as written; a callout's text is plain, not a quotation's
            style = palette.text if quote.alert else palette.quote_text
            parts += [inline_text(inline, palette, base=style, search=self.search) for inline in prose]
            for child in quote.children:
                if isinstance(child, Paragraph):
                    parts.append(inline_text(child.content, palette, base=style, search=self.search))
                elif self.render is not None:
                    parts.append(self.render(child))
        spaced: list[RenderableType] = []
        for part in parts:
            spaced += [NewLine(), part] if spaced else [part]  # a blank row between blocks
        if quote.alert:
            spaced.insert(0, Text(f"{ALERTS[quote.alert][0]} {quote.alert.title()}", style=self._bar_style() + Style(bold=True)))
        return spaced

    def _bar_style(self) -> Style:
        alert = self.quote.alert
        return Style(color=getattr(self.palette, ALERTS[alert][1]).color) if alert in ALERTS else self.palette.quote_bar

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
        body = Group(*self._body(), *([] if byline is None else [Text(""), byline]))
        inner = options.update(width=max(1, options.max_width - len(BAR)), height=None)
        bar = Segment(BAR, self._bar_style())
        new_line = Segment.line()
        for line in console.render_lines(body, inner, pad=False):
            yield bar
            yield from line
            yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        body = Measurement.get(console, options, Group(*self._body()))
        return Measurement(min(body.minimum + len(BAR), options.max_width), options.max_width)

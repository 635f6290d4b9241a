"""A whole slide as one Rich renderable: shared by the app and every exporter."""

from __future__ import annotations

from rich.align import Align
from rich.console import Console, ConsoleOptions, RenderableType
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from presenter.model import Pause, Slide
from presenter.render.bigtext import BigText
from presenter.render.blocks import render_block
from presenter.render.inline import FullLines, LineRenderable, mark_matches, render_lines
from presenter.render.palette import DEFAULT_PALETTE, Palette
from presenter.render.stat_card import StatRow


def visible_blocks(slide: Slide, step: int | None) -> tuple:
    """The blocks shown at pause ``step`` (0 = before the first pause; None = all)."""
    if step is None:
        return tuple(b for b in slide.blocks if not isinstance(b, Pause))
    shown = []
    pauses = 0
    for block in slide.blocks:
        if isinstance(block, Pause):
            pauses += 1
            if pauses > step:
                break
            continue
        shown.append(block)
    return tuple(shown)


def pause_count(slide: Slide) -> int:
    return sum(1 for b in slide.blocks if isinstance(b, Pause))


class Spaced(LineRenderable):
    """A blank line, then ``renderable``: what ``Padding(renderable, (1, 0, 0, 0))`` draws."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __repr__(self) -> str:
        return f"Spaced({self.renderable!r})"

    def lines(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        width = options.max_width
        style = console.get_style("none")
        inner = options.update_width(width)
        if inner.height is not None:
            inner = inner.update_height(inner.height - 1)
        return FullLines([[Segment(" " * width, style)], *render_lines(console, self.renderable, inner, style=style)])

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        if options.max_width < 1:
            return Measurement(options.max_width, options.max_width)
        return Measurement.get(console, options, self.renderable).with_maximum(options.max_width)


class TitleRule(LineRenderable):
    """A line of ``─`` across the slide: what ``Rule(characters="─", style=style)`` draws."""

    def __init__(self, style: Style) -> None:
        self.style = style

    def __repr__(self) -> str:
        return f"TitleRule({self.style!r})"

    def lines(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        rule = "─" * options.max_width
        return FullLines([[Segment(rule, console.get_style(self.style)) if self.style else Segment(rule)]])

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, 1)


class SlideRenderable(LineRenderable):
    """Title, stat cards and blocks of a :class:`~presenter.model.Slide`."""

    def __init__(
        self,
        slide: Slide,
        *,
        palette: Palette = DEFAULT_PALETTE,
        step: int | None = None,
        search: str | None = None,
        big: bool = False,
    ) -> None:
        self.slide = slide
        self.palette = palette
        self.step = step
        self.search = search
        self.big = big
        """Draw a title slide's title in block letters where it fits (the app does; exports do not)."""
        self._drawn: tuple[tuple, list[list[Segment]]] | None = None
        """The last lines drawn, and the console and options they were drawn for."""

    def __repr__(self) -> str:
        return f"SlideRenderable({self.slide.display_title!r})"

    def _parts(self) -> list[RenderableType]:
        slide, palette = self.slide, self.palette
        if slide.is_title:
            return self._title_parts()
        parts: list[RenderableType] = [
            mark_matches(Text(slide.display_title, style=palette.title), self.search, palette),
            TitleRule(palette.title_rule),
        ]
        if slide.stats:
            parts.append(StatRow(slide.stats, palette=palette))
        for block in visible_blocks(slide, self.step):
            parts.append(Spaced(render_block(block, palette, 0, self.search)))
        return parts

    def _title_parts(self) -> list[RenderableType]:
        slide, palette = self.slide, self.palette
        title: RenderableType
        if self.big and not (self.search and self.search.casefold() in slide.title.casefold()):
            title = BigText(slide.title, style=palette.deck_title)
        else:  # a search match in the title is shown highlighted, in ordinary letters
            plain = Text(slide.title, style=palette.deck_title, justify="center")
            title = Align.center(mark_matches(plain, self.search, palette))
        parts: list[RenderableType] = [
            Text(""),
            title,
            Text("━" * min(60, len(slide.title) + 8), style=palette.title_rule, justify="center"),
        ]
        if slide.subtitle:
            parts.append(Text(""))
            parts.append(mark_matches(Text(slide.subtitle, style=palette.subtitle, justify="center"), self.search, palette))
        for block in visible_blocks(slide, self.step):
            parts.append(Spaced(render_block(block, palette, 0, self.search)))
        return parts

    def lines(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        """The slide's lines (what ``Group(*parts)`` draws), each part drawn straight to lines.

        Drawn once for each width: Textual draws a widget's content once to measure its
        height and again to show it, and the app draws the next slide ahead of a key press.
        """
        key = (id(console), options.max_width, options.min_width, options.justify, options.overflow,
               options.no_wrap, options.encoding, options.legacy_windows, options.is_terminal)
        if self._drawn is not None and self._drawn[0] == key:
            return self._drawn[1]
        options = options.reset_height()
        lines = [line for part in self._parts() for line in render_lines(console, part, options, pad=False)]
        self._drawn = (key, lines)
        return lines

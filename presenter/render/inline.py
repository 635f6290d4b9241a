"""Inline spans to a Rich :class:`~rich.text.Text`, never through markup; and the quick way to
draw a text, or a renderable of whole lines, as lines."""

from __future__ import annotations

import re
from functools import lru_cache

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.control import strip_control_codes
from rich.segment import Segment
from rich.style import Style
from rich.text import Span as RichSpan
from rich.text import Text

from presenter.model import Inline
from presenter.render.palette import DEFAULT_PALETTE, Palette
from presenter.render.wrap import wrapped_lines


def mark_matches(text: Text, search: str | None, palette: Palette = DEFAULT_PALETTE) -> Text:
    """Highlight every case-insensitive occurrence of ``search`` in ``text``."""
    if search:
        text.highlight_regex(re.compile(re.escape(search), re.IGNORECASE), palette.match)
    return text


def inline_text(
    content: Inline, palette: Palette = DEFAULT_PALETTE, base: Style | None = None, search: str | None = None
) -> Text:
    """Each span appended as data with its style: ``[bold]`` in the text stays literal.

    Built as ``Text.append`` would build it span by span, in one go: the characters joined
    (control codes stripped from each) and a Rich span for each styled one. A palette
    without ``spans`` (the plain one) gives the characters alone.
    """
    pieces: list[str] = []
    spans: list[RichSpan] = []
    offset = 0
    if not palette.spans:
        pieces = [strip_control_codes(span.text) for span in content if span.text]
        content = ()
    for span in content:
        if not span.text:
            continue
        piece = strip_control_codes(span.text)
        if span.styles or span.link:
            style = _span_style(palette, span.styles)
            if span.link:
                style += palette.link + Style(link=span.link)
            if style:
                spans.append(RichSpan(offset, offset + len(piece), style))
        pieces.append(piece)
        offset += len(piece)
    text = Text("".join(pieces), style=base or palette.text, spans=spans)
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
    return style


# -- drawing as lines --------------------------------------------------------------------------

_LINE_BREAK = Text("\n")


class FullLines(list):
    """Lines each exactly as wide as the options they were drawn with: nothing to pad or crop."""


class LineRenderable:
    """A renderable that draws whole lines: :meth:`lines` gives them in one pass, for a parent
    that wants lines (no re-splitting of what it yields), and ``__rich_console__`` yields them."""

    def lines(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        """The lines ``console.render_lines(self, options, pad=False)`` gives (a
        :class:`FullLines` when each is exactly ``options.max_width`` cells wide)."""
        raise NotImplementedError

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        new_line = Segment.line()
        for line in self.lines(console, options):
            yield from line
            yield new_line


def _fitted_text(
    console: Console, text: Text, options: ConsoleOptions, *, pad: bool, style: Style | None
) -> list[list[Segment]] | None:
    """``console.render_lines(text, ...)`` when each line of ``text`` fits as it stands (None
    when one would wrap).

    Most texts on a slide fit: a title, a list item, a card's figure and label. Rich would look
    for where to wrap each line, to no effect; this justifies and joins the lines as
    ``Text.wrap`` and ``Text.__rich_console__`` do, without the search. A single line left as
    it is needs neither splitting nor joining again.
    """
    plain, width = text.plain, options.max_width
    justify = text.justify or options.justify or "default"
    overflow = text.overflow or options.overflow or "fold"
    if "\t" in plain or overflow == "ignore" or "\u200d" in plain or "\ufe0f" in plain:
        return None  # tabs to expand; emoji joined into one: widths that do not add up
    if "\n" not in plain and justify in ("default", "full") and text.end == "\n":
        if len(plain) > width or strip_control_codes(plain) != plain:
            return None
        cells = cell_len(plain)
        if cells > width:
            return None
        if text.style or text.spans:
            line = list(_LINE_BREAK.join((text,)).render(console))
        else:  # what joining and rendering an unstyled text gives (all a plain export draws)
            line = [Segment(plain)]
        if pad and cells < width:
            line.append(Segment(" " * (width - cells), style))
        return [line]
    if not (text.style or text.spans) and text.end == "\n" and strip_control_codes(plain) == plain:
        return _plain_lines(plain.split("\n"), width, justify, pad=pad, style=style)
    lines = text.split(allow_blank=True)
    if any(len(line) > width or cell_len(line.plain) > width for line in lines):
        return None
    if justify in ("left", "center", "right"):  # "full" leaves a paragraph's last line as it is
        lines.justify(console, width, justify=justify, overflow=overflow)
    segments = _LINE_BREAK.join(lines).render(console, end=text.end)
    return list(Segment.split_and_crop_lines(segments, width, style=style, pad=pad, include_new_lines=False))


def _plain_lines(
    lines: list[str], width: int, justify: str, *, pad: bool, style: Style | None
) -> list[list[Segment]] | None:
    """:func:`_fitted_text` for the lines of an unstyled text: each drawn as one segment,
    justified as ``Lines.justify`` does (None when one would wrap)."""
    out = []
    for line in lines:
        cells = cell_len(line)
        if len(line) > width or cells > width:
            return None
        if justify in ("center", "right"):
            line = line.rstrip()
            cells = cell_len(line)
            left = (width - cells) // 2 if justify == "center" else width - cells
            line = " " * left + line + " " * (width - cells - left)
        elif justify == "left":
            line += " " * (width - cells)
        elif line and pad and cells < width:  # "default", and "full" (the last line of each)
            out.append([Segment(line), Segment(" " * (width - cells), style)])
            continue
        if line:
            out.append([Segment(line)])
        else:
            out.append([Segment(" " * width, style)] if pad else [])
    return out


def render_lines(
    console: Console,
    renderable: RenderableType,
    options: ConsoleOptions,
    *,
    pad: bool = True,
    style: Style | None = None,
) -> list[list[Segment]]:
    """``console.render_lines(renderable, options, style=style, pad=pad)``, drawn in one pass
    for a :class:`LineRenderable` or a text (:mod:`presenter.render.wrap`)."""
    width = options.max_width
    if style or options.height is not None or width < 1:
        return console.render_lines(renderable, options, style=style, pad=pad)
    if isinstance(renderable, Text):
        fitted = _fitted_text(console, renderable, options, pad=pad, style=style)
        if fitted is not None:
            return fitted
        if type(renderable) is Text:
            return wrapped_lines(console, renderable, options, pad=pad, style=style)
    if isinstance(renderable, LineRenderable):
        lines = renderable.lines(console, options)
        if isinstance(lines, FullLines):
            return lines
        adjust = Segment.adjust_line_length
        return [adjust(line, width, style=style, pad=pad) for line in lines]
    return console.render_lines(renderable, options, style=style, pad=pad)

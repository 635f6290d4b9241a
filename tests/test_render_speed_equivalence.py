"""The renderables drawn directly as lines draw what the Rich construction they replace drew.

Stat cards were ``Table.grid`` of ``Panel``s, blocks were spaced by ``Padding``, the title rule
was a ``Rule``, and every part of a slide was rendered and then split into lines again at each
level. They are now drawn straight to lines (see ``presenter/render/inline.py``), which makes
the text export over twice as fast. The old construction is kept here as the reference, and
both are compared segment for segment (text and style) at several widths and in colour, so the
optimisation cannot drift: the app and every exporter draw with these renderables.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rich import box
from rich._wrap import divide_line as rich_divide_line
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from presenter.model import BulletList, ListItem, NumberedList, Paragraph, Quote, Slide, Stat
from presenter.model import Span as ModelSpan
from presenter.render.blocks import ListRows, Stacked, render_block
from presenter.render.console import fixed_console
from presenter.render.inline import FullLines, inline_text, render_lines
from presenter.render.palette import DEFAULT_PALETTE, PLAIN_PALETTE, Palette
from presenter.render.quote import QuoteBlock
from presenter.render.slide import SlideRenderable, Spaced, TitleRule
from presenter.render.stat_card import MAX_CARD_WIDTH, MIN_CARD_WIDTH, StatCard, StatRow
from presenter.render.wrap import divide_line
from presenter.sources import load_deck
from presenter.themes import THEMES
from tests.conftest import FIXTURES, SLIDES

WIDTHS = (20, 37, 80, 133)
NARROW = (1, 2, 3, 4, 5, 6, 9, 12, 23, 24, 47, 48, 49, 72, 77)
PALETTES = (DEFAULT_PALETTE, PLAIN_PALETTE, DEFAULT_PALETTE.without_color(), THEMES["light"].palette)
DECKS = sorted(SLIDES.glob("*.txt")) + sorted(SLIDES.glob("*.md")) + sorted(FIXTURES.glob("*-article.txt"))


# -- the reference: how the same things were drawn before, with Rich's own renderables ---------


class RefStatRow:
    """Stat cards as a ``Table.grid`` of rounded ``Panel``s, one grid per row of cards."""

    def __init__(self, row: StatRow) -> None:
        self.row = row

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        stats = self.row.stats
        per_row = max(1, min(len(stats), options.max_width // MIN_CARD_WIDTH))
        width = min(MAX_CARD_WIDTH, (options.max_width - (per_row - 1)) // per_row)
        for start in range(0, len(stats), per_row):
            grid = Table.grid(padding=(0, 1))
            chunk = stats[start : start + per_row]
            for _ in chunk:
                grid.add_column(width=width)
            grid.add_row(*(ref_card(StatCard(stat, palette=self.row.palette)) for stat in chunk))
            yield grid


def ref_card(card: StatCard) -> Panel:
    return Panel(card._content(), box=box.ROUNDED, border_style=card.palette.stat_border, padding=(0, 1))


class RefStatCard:
    """A card as a rounded ``Panel`` (yielded: a height set for the card does not reach it)."""

    def __init__(self, card: StatCard) -> None:
        self.card = card

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield ref_card(self.card)


class RefListRows:
    """A list as the marker column and bodies, each rendered to lines and yielded as segments."""

    def __init__(self, rows: ListRows) -> None:
        self.rows = [(marker, reference(body)) for marker, body in rows.rows]
        self.grid = rows._grid()

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        marker_width = max((cell_len(marker.plain) for marker, _ in self.rows), default=0)
        if marker_width + 2 > options.max_width:
            yield self.grid
            return
        body_options = options.update(width=options.max_width - marker_width - 1, height=None)
        marker_options = options.update(width=marker_width, height=None, justify="right", no_wrap=True)
        for marker, body in self.rows:
            for index, line in enumerate(console.render_lines(body, body_options, pad=True)):
                if index == 0:
                    yield from console.render_lines(marker, marker_options, pad=True)[0]
                    yield Segment(" ")
                else:
                    yield Segment(" " * (marker_width + 1))
                yield from line
                yield Segment.line()


class RefQuote:
    """A quote: the bar, then each line of the body and byline rendered to lines."""

    def __init__(self, quote: QuoteBlock) -> None:
        self.quote = quote

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        inner = options.update(width=max(1, options.max_width - 2), height=None)
        bar = Segment("▌ ", self.quote.palette.quote_bar)
        parts = [self.quote._body()]
        byline = self.quote._byline()
        if byline is not None:
            byline.justify = "left"
            parts += [Text(""), byline]
        for part in parts:
            for line in console.render_lines(part, inner, pad=False):
                yield bar
                yield from line
                yield Segment.line()


def reference(renderable: RenderableType) -> RenderableType:
    """The old construction of ``renderable`` (and of what it holds)."""
    if isinstance(renderable, Spaced):
        return Padding(reference(renderable.renderable), (1, 0, 0, 0))
    if isinstance(renderable, TitleRule):
        return Rule(style=renderable.style, characters="─")
    if isinstance(renderable, StatRow):
        return RefStatRow(renderable)
    if isinstance(renderable, StatCard):
        return RefStatCard(renderable)
    if isinstance(renderable, ListRows):
        return RefListRows(renderable)
    if isinstance(renderable, QuoteBlock):
        return RefQuote(renderable)
    if isinstance(renderable, Group):
        return Group(*(reference(part) for part in renderable.renderables))
    if isinstance(renderable, Stacked):
        return Group(*(reference(part) for part in renderable.parts))
    if isinstance(renderable, SlideRenderable):
        return Group(*(reference(part) for part in renderable._parts()))
    return renderable


# -- comparing ---------------------------------------------------------------------------------


def assert_same_drawing(renderable: RenderableType, width: int, *, color: bool = True) -> None:
    """``renderable`` and its reference draw the same segments (text and style) at ``width``."""
    console = fixed_console(width, color=color)
    options = console.options.update(width=width, height=None)
    ref = reference(renderable)
    for pad in (False, True):
        expected = console.render_lines(ref, options, pad=pad)
        assert console.render_lines(renderable, options, pad=pad) == expected, (renderable, width, pad)
        # The app renders with a height: the same lines, cut to it.
        short = options.update(height=3)
        assert console.render_lines(renderable, short, pad=pad) == console.render_lines(ref, short, pad=pad)
    # Textual counts the new lines of what is rendered to size a widget.
    newlines = sum(segment.text.count("\n") for segment in console.render(renderable, options))
    assert newlines == sum(segment.text.count("\n") for segment in console.render(ref, options))


@pytest.mark.parametrize("path", DECKS, ids=lambda path: path.name)
def test_slides_of_the_bundled_decks_draw_as_before(path: Path) -> None:
    deck = load_deck(path)
    for palette in PALETTES:
        for slide in deck.slides:
            for width in WIDTHS:
                assert_same_drawing(SlideRenderable(slide, palette=palette), width)
    for slide in deck.slides:  # as the app shows them: search matches, pauses, block letters
        for width in (*WIDTHS, 7, 61):
            for search in ("the", "a"):
                assert_same_drawing(SlideRenderable(slide, search=search, step=0, big=True), width)
            assert_same_drawing(SlideRenderable(slide, palette=PLAIN_PALETTE), width, color=False)


def test_the_slide_gives_its_lines_as_rich_would_split_them() -> None:
    deck = load_deck(SLIDES / "shanghai-tech-hub.txt")
    for slide in deck.slides:
        for width in WIDTHS:
            console = fixed_console(width, color=True)
            options = console.options.update(width=width, height=None)
            renderable = SlideRenderable(slide)
            expected = console.render_lines(reference(renderable), options, pad=False)
            assert renderable.lines(console, options) == expected


WORDS = ("growth", "of", "the", "city's", "tech", "sector", "over", "years", "上海", "市场份额",
         "supercalifragilisticexpialidocious", "x", "résumé")


def random_stat(rng: random.Random) -> Stat:
    label = " ".join(rng.choice(WORDS) for _ in range(rng.choice((0, 1, 3, 6, 14))))
    return Stat(
        value=rng.choice(("42%", "$28.7 billion", "8,000", "7", "1234567890" * 5, "250,000")),
        kind="count",
        label=label,
        context="",
        qualifier=rng.choice((None, "over", "nearly")),
        previous=rng.choice((None, "18%")),
        direction=rng.choice((None, "up", "down")),
    )


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5])
def test_stat_cards_draw_as_a_grid_of_panels(count: int) -> None:
    rng = random.Random(count)
    for _ in range(4):
        stats = tuple(random_stat(rng) for _ in range(count))
        for width in (*WIDTHS, *NARROW):
            assert_same_drawing(StatRow(stats, palette=rng.choice(PALETTES)), width)
        for width in (*WIDTHS, 1, 4, 5, 9):
            assert_same_drawing(StatCard(stats[0], palette=rng.choice(PALETTES)), width)
        for width in WIDTHS:
            assert_same_drawing(SlideRenderable(Slide(title="Figures", stats=stats), palette=PLAIN_PALETTE), width)


def test_lists_and_quotes_draw_as_before() -> None:
    def item(words: str, **fields) -> ListItem:
        return ListItem(content=(ModelSpan(words),), **fields)

    long = "an item long enough to wrap onto a second line at most of the widths drawn here"
    nested = BulletList((item("inner one"), item("inner " + long)))
    blocks = [
        NumberedList(tuple(item(f"step {n} " + long[: n * 5]) for n in range(1, 13))),
        NumberedList((item("from nine", number=9), item("ten", number=10), item("minus", number=-3))),
        BulletList((item("outer", children=(nested,)), item(long, children=(Paragraph((ModelSpan(long),)),)))),
        BulletList((item(""), item("上海 " * 9), item("tab\there"))),
        Quote(content=(ModelSpan(long),), speaker="Li Wei", role="engineer"),
        Quote(content=(ModelSpan("short"),), speaker="Li Wei", attribution="said Li Wei, in 2024"),
    ]
    for block in blocks:
        for palette in (DEFAULT_PALETTE, PLAIN_PALETTE):
            for width in (*WIDTHS, 1, 2, 3, 4, 5, 8):
                assert_same_drawing(Spaced(render_block(block, palette, 0, "ne")), width)
                assert_same_drawing(render_block(block, palette, 1, None), width)


def test_long_stat_labels_wrap_and_long_words_end_in_an_ellipsis() -> None:
    stat = Stat(value="34%", kind="percent", label="share of " + "very " * 20 + "x" * 60, context="")
    for width in (*WIDTHS, *NARROW):
        assert_same_drawing(StatRow((stat, stat, stat, stat), palette=DEFAULT_PALETTE), width)
    console = fixed_console(80)
    text = "\n".join("".join(s.text for s in line) for line in console.render_lines(StatRow((stat,)), pad=False))
    assert "…" in text and "very very" in text


def test_a_card_keeps_its_measure() -> None:
    card = StatCard(Stat(value="8,000", kind="count", label="engineers", context=""))
    console = fixed_console(80, color=True)
    for width in (5, 20, 80):
        options = console.options.update(width=width)
        assert card.__rich_measure__(console, options) == Measurement(min(12, width), min(13, width))


def test_spacing_and_rule_measure_as_padding_and_rule() -> None:
    console = fixed_console(80)
    body = Text("a few words here")
    for width in (1, 5, 80):
        options = console.options.update(width=width)
        assert Measurement.get(console, options, Spaced(body)) == Measurement.get(
            console, options, Padding(body, (1, 0, 0, 0))
        )
        assert Measurement.get(console, options, TitleRule(Style(color="cyan"))) == Measurement.get(
            console, options, Rule(characters="─")
        )


# -- a text that fits is drawn without Rich's wrapping, the same ---------------------------------

TEXT_PIECES = ("word", " ", "  ", "longerword", "上海", "é", "👍", "👩‍💻", "\n", "x", ".", "❤️", "e\u0301")
STYLES = (Style(bold=True), Style(color="red"), Style(italic=True, bgcolor="grey15"), "bold", Style(link="https://x.y"))


def random_text(rng: random.Random) -> Text:
    text = Text(style=rng.choice(("", Style(), Style(color="cyan"), "italic")))
    for _ in range(rng.randint(0, 8)):
        text.append(rng.choice(TEXT_PIECES), style=rng.choice((None, *STYLES)))
    if rng.random() < 0.3 and text.plain:
        start = rng.randrange(len(text.plain))
        text.stylize(rng.choice(STYLES), start, start + rng.randint(1, 6))
    text.justify = rng.choice((None, None, "left", "center", "right", "full", "default"))
    text.overflow = rng.choice((None, None, "fold", "crop", "ellipsis", "ignore"))
    text.no_wrap = rng.choice((None, False, True))
    text.end = rng.choice(("\n", "\n", "", "\n\n"))
    return text


def test_texts_that_fit_draw_as_rich_draws_them() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        text = random_text(rng)
        width = rng.choice((1, 2, 3, 5, 8, 13, 21, 40))
        console = fixed_console(width, color=True)
        options = console.options.update(
            width=width, justify=rng.choice((None, "left", "center", "right")), overflow=rng.choice((None, "ellipsis"))
        )
        for pad in (False, True):
            for style in (None, Style.null()):
                expected = console.render_lines(text.copy(), options, pad=pad, style=style)
                assert render_lines(console, text.copy(), options, pad=pad, style=style) == expected, (text, width)


WRAP_WORDS = ("word", "a", "of", "longerword", "x" * 23, " ", "  ", "-", "—", "“quoted”", "é", "上海", "\t", ".", "\u00a0")


def random_paragraph(rng: random.Random) -> Text:
    """A text long enough to wrap, mostly of one-cell characters (the quick search's case)."""
    text = random_text(rng)
    for _ in range(rng.randint(5, 40)):
        text.append(rng.choice(WRAP_WORDS) + rng.choice(("", " ", " ", "  ")), style=rng.choice((None, None, *STYLES)))
    return text


def test_texts_that_wrap_draw_as_rich_draws_them() -> None:
    rng = random.Random(11)
    for _ in range(3000):
        text = random_paragraph(rng)
        width = rng.choice((1, 2, 3, 5, 8, 13, 21, 22, 40, 76, 80))
        console = fixed_console(width, color=rng.random() < 0.5)
        options = console.options.update(
            width=width, justify=rng.choice((None, "left", "center", "right", "full")), overflow=rng.choice((None, "ellipsis", "crop"))
        )
        for pad in (False, True):
            for style in (None, Style.null()):
                expected = console.render_lines(text.copy(), options, pad=pad, style=style)
                assert render_lines(console, text.copy(), options, pad=pad, style=style) == expected, (text, width)


def test_unstyled_texts_that_wrap_draw_as_rich_draws_them() -> None:
    rng = random.Random(13)
    pieces = (*WRAP_WORDS, *TEXT_PIECES, "\n", "   ", "\x07")
    for _ in range(4000):
        text = Text(style=rng.choice(("", Style())))
        text.justify = rng.choice((None, "left", "center", "right", "full", "default"))
        text.overflow = rng.choice((None, None, "fold", "crop", "ellipsis", "ignore"))
        text.no_wrap = rng.choice((None, None, False, True))
        text.end = rng.choice(("\n", "\n", "", "\n\n"))
        for _ in range(rng.randint(3, 40)):
            text.append(rng.choice(pieces) + rng.choice(("", " ", " ", "  ")))
        width = rng.choice((1, 2, 3, 5, 8, 13, 21, 22, 40, 76))
        console = fixed_console(width)
        options = console.options.update(
            width=width, justify=rng.choice((None, "left", "center", "right")), overflow=rng.choice((None, "ellipsis", "crop"))
        )
        for pad in (False, True):
            for style in (None, Style.null()):
                expected = console.render_lines(text.copy(), options, pad=pad, style=style)
                assert render_lines(console, text.copy(), options, pad=pad, style=style) == expected, (text, width)


def test_lines_break_where_rich_breaks_them() -> None:
    rng = random.Random(5)
    words = (*WRAP_WORDS[:-3], "\u00a0", "ab", "  x", "y" * 9)
    for _ in range(40000):
        line = "".join(rng.choice(words) + rng.choice(("", " ", "  ")) for _ in range(rng.randint(0, 14)))
        width, fold = rng.randint(1, 30), rng.random() < 0.5
        assert divide_line(line, width, fold) == rich_divide_line(line, width, fold), (line, width, fold)


def test_unstyled_texts_draw_as_rich_draws_them() -> None:
    """What a plain export draws: no style anywhere, so each line is drawn as one segment."""
    rng = random.Random(3)
    pieces = (*TEXT_PIECES, "\n", "\n", " \n", "\x07", "a\u200bb")
    for _ in range(4000):
        text = Text(style=rng.choice(("", Style())), justify=rng.choice((None, "left", "center", "right", "full", "default")))
        for _ in range(rng.randint(0, 8)):
            text.append(rng.choice(pieces))
        text.end = rng.choice(("\n", "\n", "", "\n\n"))
        width = rng.choice((1, 2, 3, 5, 8, 13, 21, 40))
        console = fixed_console(width)
        options = console.options.update(width=width, justify=rng.choice((None, "left", "center", "right")))
        for pad in (False, True):
            for style in (None, Style.null()):
                expected = console.render_lines(text.copy(), options, pad=pad, style=style)
                assert render_lines(console, text.copy(), options, pad=pad, style=style) == expected, (text, width)


def appended_text(content, palette: Palette, base: Style | None = None) -> Text:
    """The reference for ``inline_text``: each span appended with a style built for it (a
    palette without ``spans`` appends the characters alone)."""
    text = Text(style=base or palette.text)
    for span in content:
        if not palette.spans:
            text.append(span.text)
            continue
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
    return text


def test_inline_text_is_built_as_appending_each_span_builds_it() -> None:
    rng = random.Random(17)
    names = ("bold", "italic", "strike", "code", "stat")
    words = ("word", " ", "", "\t", "\x07", "\r", "上海", "[bold]x[/]", "a\nb")
    for _ in range(3000):
        content = tuple(
            ModelSpan(
                "".join(rng.choice(words) for _ in range(rng.randint(0, 3))),
                tuple(rng.sample(names, rng.randint(0, 3))),
                rng.choice((None, None, "https://example.com")),
            )
            for _ in range(rng.randint(0, 6))
        )
        palette = rng.choice(PALETTES)
        base = rng.choice((None, Style(bold=True)))
        built, expected = inline_text(content, palette, base), appended_text(content, palette, base)
        assert (built.plain, built.style, built.spans) == (expected.plain, expected.style, expected.spans)
        console = fixed_console(30, color=True)
        assert console.render_lines(built) == console.render_lines(expected)


def test_every_line_drawn_full_width_is_as_wide_as_the_options() -> None:
    deck = load_deck(SLIDES / "tour.md")
    console = fixed_console(37)
    options = console.options.update(width=37)
    for slide in deck.slides:
        for part in SlideRenderable(slide)._parts():
            lines = part.lines(console, options) if hasattr(part, "lines") else []
            if isinstance(lines, FullLines):
                assert all(Segment.get_line_length(line) == 37 for line in lines)


def test_a_palette_style_stays_on_the_same_characters() -> None:
    palette = Palette(stat_value=Style(color="red"), stat_border=Style(color="blue"), bullet=Style(color="green"))
    console = fixed_console(60, color=True)
    slide = Slide(title="T", stats=(Stat(value="42%", kind="percent", label="up", context=""),))
    lines = console.render_lines(SlideRenderable(slide, palette=palette), pad=False)
    cells = [(segment.text, segment.style) for line in lines for segment in line if segment.text.strip()]
    assert ("42%", Style(color="red")) in cells
    assert ("╭" + "─" * 36 + "╮", Style(color="blue")) in cells


# -- the plain export draws no styles: the same characters as the coloured one ------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from presenter.export import FORMATS, export_text  # noqa: E402
from presenter.sources.markdown import parse_markdown  # noqa: E402
from tests.test_markdown_simple import styled_blocks  # noqa: E402

_SGR = __import__("re").compile(r"\x1b\[[0-9;]*m")


@settings(max_examples=150, deadline=None)
@given(st.lists(styled_blocks(), min_size=1, max_size=3), st.sampled_from([20, 33, 80]), st.booleans())
def test_the_plain_export_of_styled_slides_is_the_ansi_export_without_its_codes(slides, width, notes) -> None:
    """Text drawn with the plain palette has no styled spans, so it wraps without looking at
    them; bold, code and links must not have changed where a line breaks."""
    deck = parse_markdown("\n".join(line for body in slides for line in ["# Slide **bold** `x`", "", *body, "", "---", ""]))
    ansi = FORMATS["ansi"](deck, width=width, theme="dark", notes=notes)
    assert _SGR.sub("", ansi) == export_text(deck, width=width, notes=notes)

"""The Markdown export reads back to the same deck: a Hypothesis property and the bundled decks.

What the comparison normalises, and why (the exporter's docstring lists the same limits):

- source lines (``Lines`` on blocks and slides, ``Stat.line``): they point into the new file;
- the order of a span's styles (``("bold", "italic")`` and ``("italic", "bold")`` are the same
  text) and runs of spans that the Markdown cannot tell apart: neighbouring spans with the same
  styles and link are one span, and so are neighbouring code spans;
- ``Deck.meta``, title and subtitle are compared only for decks with a title slide (an
  article's meta also gains ``title`` and ``subtitle``, checked separately); a deck without
  one is named after its file by the parser.

Generated decks are built the way the parsers build them: a slide per section made by
:func:`section_slide`, title-slide meta as front matter makes it. Their text holds no figures (``34%``, ``2024``): the parser would
highlight them as stats, which the generator does not do.
"""

from __future__ import annotations

import os
from dataclasses import fields, is_dataclass, replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presenter.export.markdown import export_markdown
from presenter.model import (
    Alignment,
    BulletList,
    Code,
    Columns,
    Deck,
    Heading,
    Image,
    Lines,
    ListItem,
    NumberedList,
    Paragraph,
    Pause,
    Quote,
    Rule,
    Slide,
    Space,
    Span,
    Table,
    plain,
)
from presenter.sources import load_deck
from presenter.sources.article import section_slide
from presenter.sources.codeinfo import hidden_lines
from presenter.sources.mdsyntax import markdown_title
from presenter.sources.markdown import parse_markdown
from presenter.sources.quotes import parse_attribution
from presenter.sources.stats import find_figures
from tests.conftest import FIXTURES, SLIDES

SETTINGS = settings(
    max_examples=int(os.environ.get("PRESENTER_EXAMPLES", "100")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_STYLE_ORDER = ("strike", "bold", "italic", "code", "stat")


def normalised(value):
    """``value`` with source lines dropped, and the files images name (they depend on the
    folder the text is read from), and spans in canonical runs (see the module docstring)."""
    if isinstance(value, tuple) and value and all(isinstance(item, Span) for item in value):
        return _spans(value)
    if isinstance(value, tuple):
        return tuple(normalised(item) for item in value)
    if is_dataclass(value):
        changes = {}
        for name in (field.name for field in fields(value)):
            item = getattr(value, name)
            if isinstance(item, Lines) or name in ("lines", "source_lines", "line") or (isinstance(value, Image) and name in ("file", "problem")):
                changes[name] = None
            else:
                changes[name] = normalised(item)
        return replace(value, **changes)
    return value


def _spans(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    out: list[Span] = []
    for span in spans:
        styles = tuple(style for style in _STYLE_ORDER if style in span.styles)
        if not span.text:
            continue
        if out and out[-1].styles == styles and out[-1].link == span.link:
            out[-1] = Span(out[-1].text + span.text, styles, span.link)
        else:
            out.append(Span(span.text, styles, span.link))
    return tuple(out)


def round_trip(deck: Deck) -> Deck:
    return parse_markdown(export_markdown(deck))


# -- strategies --------------------------------------------------------------------------------

# Letters, and every character that means something in Markdown, so escaping is exercised.
_ALPHABET = "abcxyzABCXYZ0189 é.:;!?'\"()/*_#[]<>|\\`~&-+={}^"
_TEXT = st.text(alphabet=_ALPHABET, min_size=1, max_size=14)
_CORE = _TEXT.map(str.strip).filter(bool)
_LINKS = st.sampled_from([None, None, None, "https://example.com", "https://example.org/a_b?c=d&e=f", "/docs/page.md"])
_EMPHASIS = st.sets(st.sampled_from(["bold", "italic", "strike"]), max_size=3)


@st.composite
def spans(draw) -> Span:
    kind = draw(st.sampled_from(["plain", "plain", "styled", "code"]))
    link = draw(_LINKS)
    if kind == "plain":
        return Span(draw(_TEXT), (), link)
    if kind == "code":
        code = draw(st.text(alphabet="ab `*_|<\\", min_size=1, max_size=8))
        return Span(code, tuple(sorted(draw(_EMPHASIS))) + ("code",), link)
    styles = draw(_EMPHASIS.filter(bool))
    return Span(draw(_CORE), tuple(sorted(styles)), link)


def _stripped(content: tuple[Span, ...]) -> tuple[Span, ...]:
    """Outer white space of a paragraph is not content (Markdown strips it)."""
    content = list(content)
    while content and "code" not in content[0].styles and not content[0].text.strip():
        content.pop(0)
    while content and "code" not in content[-1].styles and not content[-1].text.strip():
        content.pop()
    if content and "code" not in content[0].styles:
        content[0] = replace(content[0], text=content[0].text.lstrip())
    if content and "code" not in content[-1].styles:
        content[-1] = replace(content[-1], text=content[-1].text.rstrip())
    return tuple(content)


INLINE = (
    st.lists(spans(), min_size=1, max_size=6)
    .map(tuple)
    .map(_stripped)
    .filter(lambda content: bool(plain(content).strip()) and not find_figures(plain(content)))
)
_NAMES = st.sampled_from(["Ada Lovelace", "Grace Hopper", "Dr. Li Wei", "Linus"])
_ROLE = st.one_of(st.none(), _CORE.filter(lambda role: parse_attribution(f"Ada, {role}") is None))
_SAID = st.sampled_from(
    [
        ("Dr. Li Wei", "director of the Institute", "says Dr. Li Wei, director of the Institute"),
        ("Mark Johnson", "tech analyst", "says tech analyst Mark Johnson"),
    ]
)


def _quote_piece(content: tuple[Span, ...]) -> bool:
    """A quote paragraph must not start with a dash: the parser would take it for a byline."""
    return not content[0].text.lstrip().startswith(("-", "—", "–"))


@st.composite
def quotes(draw, depth: int = 0) -> Quote:
    """A quote holding blocks as CommonMark nests them: a first paragraph (or none) and
    paragraphs, lists, code, headings and quotes after it."""
    content = draw(st.one_of(st.just(()), INLINE.filter(_quote_piece)))
    inner = [st.builds(Paragraph, INLINE.filter(_quote_piece)), lists(1), CODE, st.builds(Heading, INLINE, st.integers(1, 6))]
    if depth < 2:
        inner.append(quotes(depth + 1))
    children = tuple(draw(st.lists(st.one_of(*inner), min_size=0 if content else 1, max_size=3)))
    if not content and isinstance(children[0], Paragraph):  # a first paragraph is the content
        content, children = children[0].content, children[1:]
    if depth:
        return Quote(content, children=children)
    if draw(st.integers(0, 3)) == 0:
        return Quote(content, children=children, alert=draw(st.sampled_from(["note", "tip", "important", "warning", "caution"])))
    who = draw(st.sampled_from(["none", "speaker", "said"]))
    if who == "speaker":
        return Quote(content, speaker=draw(_NAMES), role=draw(_ROLE), children=children)
    if who == "said":
        speaker, role, clause = draw(_SAID)
        return Quote(content, speaker=speaker, role=role, attribution=clause, children=children)
    return Quote(content, children=children)


def lists(depth: int = 0):
    @st.composite
    def build(draw):
        numbered = draw(st.booleans())
        count = draw(st.integers(1, 4))
        start = draw(st.integers(0, 30))
        items = []
        for index in range(count):
            children = ()
            if depth < 2 and draw(st.integers(0, 3)) == 0:
                children = (draw(lists(depth + 1)),)
            number = start + index if numbered else None  # Markdown numbers from the first item
            checked = draw(st.sampled_from([None, None, True, False]))  # GFM task list boxes
            items.append(ListItem(draw(INLINE), number, children, checked=checked))
        reveal = depth == 0 and draw(st.integers(0, 3)) == 0  # incremental: an item a key press
        return (NumberedList if numbered else BulletList)(tuple(items), reveal=reveal)

    return build()


@st.composite
def tables(draw) -> Table:
    columns = draw(st.integers(1, 3))
    cell = st.one_of(st.just(()), INLINE)
    header = tuple(draw(cell) for _ in range(columns))
    rows = tuple(tuple(draw(cell) for _ in range(columns)) for _ in range(draw(st.integers(0, 3))))
    align = tuple(draw(st.sampled_from(["left", "center", "right"])) for _ in range(columns))
    return Table(header, rows, align)


_GROUP = st.one_of(
    st.just(()),  # all
    st.lists(st.tuples(st.integers(1, 30), st.integers(0, 4)).map(lambda t: (t[0], t[0] + t[1])), min_size=1, max_size=3).map(tuple),
)


@st.composite
def codes(draw) -> Code:
    """Code as presenterm writes it: ``rust {1-4|all} +line_numbers``, hidden ``# `` and ``/// `` lines."""
    code = draw(st.text(alphabet="ab  \n`~#-*<>|\\/", max_size=40))
    language = draw(st.sampled_from([None, "python", "sh", "c++", "rust"]))
    names = ["line_numbers", "exec", "exec_replace", "render", "no_background", "id:setup"]
    attributes = tuple(draw(st.lists(st.sampled_from(names), max_size=3, unique=True)))
    groups = tuple(draw(st.lists(_GROUP, max_size=3)))
    return Code(code, language, hidden=hidden_lines(code, language), attributes=attributes, highlight_groups=groups)


@st.composite
def columns(draw) -> Columns:
    """presenterm's column layout: 2 or 3 columns of paragraphs and lists, one at least filled."""
    count = draw(st.integers(2, 3))
    widths = tuple(draw(st.integers(1, 4)) for _ in range(count))
    inner = st.one_of(st.builds(Paragraph, INLINE), lists(1))  # lists(1): not revealed
    cells = [tuple(draw(st.lists(inner, max_size=2))) for _ in range(count)]
    if not any(cells):
        cells[0] = (Paragraph(draw(INLINE)),)
    return Columns(widths, tuple(cells))


CODE = codes()
_ALIGN = st.sampled_from(["left", "center", "right"])
BLOCK = st.one_of(
    st.builds(Paragraph, INLINE),
    st.builds(Paragraph, INLINE),
    st.builds(Heading, INLINE, st.integers(1, 6)),
    lists(),
    quotes(),
    CODE,
    tables(),
    st.builds(Image, _CORE.map(lambda s: s.replace("\\", "")), st.sampled_from(["images/a.png", "pic_1.jpg", "/abs/path/b.svg"])),
    st.just(Pause()),
    st.just(Rule()),
    st.builds(Space, st.integers(1, 3)),
    st.builds(Alignment, _ALIGN),
    columns(),
)
NOTES = st.one_of(
    st.just(""),
    _CORE,
    st.lists(st.text(alphabet="ab -->\\|\"'<!", max_size=12), min_size=1, max_size=4).map("\n".join),
).map(lambda note: "\n".join(line.rstrip() for line in note.strip().split("\n")))


@st.composite
def decks(draw) -> Deck:
    slides: list[Slide] = []
    meta: dict[str, str] = {}
    title = subtitle = ""
    if draw(st.booleans()):
        written = draw(_CORE.filter(markdown_title))  # the title is Markdown, as in presenterm
        title = " ".join(markdown_title(written).split())  # a title slide's title is read on one line, spaces collapsed
        subtitle = draw(st.one_of(st.just(""), _CORE))
        author = draw(st.one_of(st.just(""), _NAMES))
        meta = {"title": written, **({"subtitle": subtitle} if subtitle else {}), **({"author": author} if author else {})}
        shown = "\n".join(part for part in (subtitle, author) if part)
        slides.append(Slide(title=title, subtitle=shown, is_title=True, notes=draw(NOTES)))
    line = 1
    for _ in range(draw(st.integers(1, 4))):
        blocks = []
        for block in draw(st.lists(BLOCK, max_size=6)):
            blocks.append(replace(block, lines=Lines(line, line)))  # so split paragraphs can be told apart
            line += 1
        slide = section_slide(draw(_CORE), tuple(blocks), None, notes=draw(NOTES))
        if draw(st.integers(0, 3)) == 0:  # presenterm's commands for the whole slide
            slide = replace(slide, align=draw(_ALIGN), middle=draw(st.booleans()), footer=draw(st.booleans()))
        slides.append(slide)
    return Deck(title=title or "Untitled", subtitle=subtitle, meta=meta, slides=tuple(slides))


# -- properties --------------------------------------------------------------------------------


@SETTINGS
@given(decks())
def test_markdown_export_reads_back_to_the_same_deck(deck: Deck) -> None:
    markdown = export_markdown(deck)
    back = parse_markdown(markdown)
    assert normalised(back.slides) == normalised(deck.slides), markdown
    if deck.slides[0].is_title:
        assert (back.title, back.subtitle, back.meta) == (deck.title, deck.subtitle, deck.meta)
    assert "\x1b" not in markdown


@SETTINGS
@given(INLINE)
def test_any_styled_text_reads_back_literally(content) -> None:
    deck = Deck("T", slides=(Slide("T", (Paragraph(content),)),))
    assert normalised(round_trip(deck).slides[0].blocks) == normalised((Paragraph(content),))


# -- the bundled decks and examples ------------------------------------------------------------


@pytest.mark.parametrize("path", [SLIDES / "tour.md", SLIDES / "shanghai-tech-hub.txt", *sorted(FIXTURES.glob("*.txt"))], ids=lambda p: p.name)
def test_bundled_decks_round_trip(path) -> None:
    deck = load_deck(path)
    back = round_trip(deck)
    assert normalised(back.slides) == normalised(deck.slides)
    assert (back.title, back.subtitle) == (deck.title, deck.subtitle)
    assert dict(back.meta).items() >= dict(deck.meta).items()


def test_article_quote_keeps_its_attribution_clause() -> None:
    deck = load_deck(SLIDES / "shanghai-tech-hub.txt")
    markdown = export_markdown(deck)
    assert "> — says Dr. Li Wei, director of the Shanghai Advanced Research Institute\n" in markdown
    assert "> — says tech analyst Mark Johnson\n" in markdown
    quote = next(b for s in round_trip(deck).slides for b in s.blocks if isinstance(b, Quote) and b.speaker == "Mark Johnson")
    assert (quote.role, quote.attribution) == ("tech analyst", "says tech analyst Mark Johnson")


def test_a_long_section_is_one_section() -> None:
    long = " ".join(f"Sentence number {n} goes on for a while to fill the slide up." for n in range(120))
    deck = parse_markdown(f"## Long\n\n{long}\n\n- a\n- b\n")
    assert [slide.display_title for slide in deck.slides] == ["Long"]
    markdown = export_markdown(deck)
    assert markdown.count("## Long") == 1
    assert long in markdown
    assert normalised(parse_markdown(markdown).slides) == normalised(deck.slides)


def test_escapes_only_where_needed() -> None:
    content = (Span("# not a heading, 1. not a list, a*b*c, R&D, snake_case, [x] <b> `t` |"),)
    markdown = export_markdown(Deck("T", slides=(Slide("T", (Paragraph(content),)),)))
    assert "\\# not a heading, 1. not a list, a\\*b\\*c, R&D, snake_case, \\[x\\] \\<b> \\`t\\` |" in markdown
    numbered = export_markdown(Deck("T", slides=(Slide("T", (Paragraph((Span("1. first"),)),)),)))
    assert "\n1\\. first\n" in numbered


def test_a_link_label_opening_with_a_caret_is_not_read_back_as_a_footnote() -> None:
    deck = Deck("T", slides=(Slide("T", (Paragraph((Span("^]: note", link="https://example.com"),)),)),))
    back = parse_markdown(export_markdown(deck)).slides[-1].blocks
    assert [(span.text, span.link) for span in back[0].content] == [("^]: note", "https://example.com")]


def test_a_note_with_comment_end_survives() -> None:
    note = "Careful: --> ends a comment\nand --\\> is its escape"
    deck = Deck("T", slides=(Slide("T", (Paragraph((Span("x"),)),), notes=note),))
    markdown = export_markdown(deck)
    assert "-->" not in markdown.replace("\n-->", "").replace("<!-- end_slide -->", "")
    assert parse_markdown(markdown).slides[0].notes == note


def test_code_fence_is_longer_than_any_backtick_run() -> None:
    code = Code("````\nnested ``` fence\n````", "markdown")
    markdown = export_markdown(Deck("T", slides=(Slide("T", (code,)),)))
    assert "\n`````markdown\n" in markdown
    assert parse_markdown(markdown).slides[0].blocks[0].code == code.code


def test_emphasis_next_to_punctuation_reads_back() -> None:
    content = (Span("a"), Span("(b)", ("bold",)), Span("c"), Span("x", ("bold",)), Span("y", ("italic",)))
    deck = Deck("T", slides=(Slide("T", (Paragraph(content),)),))
    assert normalised(round_trip(deck).slides[0].blocks[0].content) == normalised(content)


def test_slides_range_exports_only_those_slides() -> None:
    from presenter.export.selection import SlideSelection

    deck = load_deck(SLIDES / "tour.md")
    markdown = export_markdown(deck, slides=SlideSelection.parse("5-6"))
    assert not markdown.startswith("---")  # no title slide, so no front matter
    back = parse_markdown(markdown)
    assert [s.title for s in back.slides] == ["What people say", "Code"]

"""Simple pieces of a Markdown deck, read without markdown-it, give the nodes markdown-it gives."""

from __future__ import annotations

import sys
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from presenter.errors import PresenterError
from presenter.sources import markdown
from presenter.sources.mdsimple import simple_nodes
from presenter.sources.mdsyntax import Source

ROOT = Path(__file__).resolve().parent.parent

#: Lines the fast path reads, many times over, so generated pieces are often simple.
SIMPLE = ["", "", "", " ", "---", "-----", "# Title", "## Sub", "###### Six", "# C#", "- item", "- grew 34% in 2024",
          "Plain words, here.", "Next line", "Wow!", "x > y", "a: b", "1986", "(paren) {brace} $5 @at ^hat % é 中文",
          "<!-- pause -->", "<!-- notes -->", "<!-- /notes -->", "<!-- speaker_note: hi -->", "<!-->", "<!-- x --> y",
          # inline markup, numbered and nested lists, quotes (what the styled benchmark deck holds)
          "Grew **fast** this year.", "*Note* that", "A `code` span", "See [the docs](https://example.com/a) now", "**Lead** words",
          "ends in **bold**", "ends in *em*", "# Title **bold**", "- item *em*", "- **Bold** item", "- [a link](http://x.y/%zz)",
          "1. one", "2. two **b**", "3. three", "10. ten", "  - nested", "   - nested `code`", "    - nested four",
          "> quoted *words*", "> more", "Über **straße** und `code` [Ü](HTTP://X.Y/Ü)"]
#: Lines it must leave to markdown-it (or read exactly as markdown-it does).
TRICKY = ["  ", "----", "####### Seven", "# Title #", "#", "# ", "#x", "-  spaced", "- # head", "- - nested", "-", "- ",
          "* star", "+ plus", "1. one", "2) two", "2023.", "- 1. x", "-x", "--", "-- dash", "<!-- open", "closed -->",
          "text <!-- c -->", "===", "***", "___", "  indented", "    code", "trailing ", "tab\there", "nb\u00a0sp",
          "a | b", "> quote", "```", "~~~", "*em*", "under_score", "[link](x)", "&amp;", "back\\slash", "`code`", "~~s~~",
          "**a**b", "a**b**", "** a**", "*a *", "`a` `", "``code``", "` code `", "[a](b c)", "[a](javascript:x)", "![img](x)",
          "[a]", "[a]: x", "*a**", "***a***", "1) x", "0. zero", "01. x", "1.x", "     - five", "      - six", ">quote", ">",
          "> ", "> - item", "> # h", "> > deep", "1. - nested", "2.", "*a*b", "(**a**)", "**a**)", "[**a**](x)", "[a](<x>)",
          "[a](x 't')", "`a*`b*", "*a `b*` c*", "**", "text with * star", "1986. year", "1000. big", "  text", "   1. sub"]
BREAKS = ["---", "***", "--- ", "<!-- end_slide -->"]
#: Mostly simple lines, so that most pieces take the fast path, and now and then another.
LINE = st.sampled_from(SIMPLE * 12 + TRICKY)


def _signature(node) -> tuple:
    """Everything the deck parser may read of a node, recursively."""
    return (
        node.type, node.tag, tuple(node.map) if node.map else None, node.content, node.markup, node.info,
        dict(node.attrs), [_signature(child) for child in node.children],
    )


@settings(max_examples=600, deadline=None)
@given(
    st.sampled_from(["---"] * 4 + BREAKS),
    st.lists(LINE, max_size=14),
    st.sampled_from([None, *BREAKS]),
)
def test_simple_nodes_are_markdown_its_nodes(opening: str, body: list[str], closing: str | None) -> None:
    _assert_same_nodes(["# Before", opening, *body], closing)


def _assert_same_nodes(lines: list[str], closing: str | None) -> None:
    """The piece after ``lines[0]`` (and up to ``closing``, a slide break, if given) gives the
    same nodes read by simple_nodes (if it reads it) as by markdown-it."""
    body = lines[1:]
    if closing is not None:  # the break that opens the next piece follows a blank line
        lines += ["", closing] if not body or body[-1].strip() else [closing]
    end = len(lines) - 1 if closing is not None else len(lines)
    src = Source(lines, list(range(1, len(lines) + 1)), None, [])
    fast = simple_nodes(src.texts, 1, end)
    if fast is not None:
        assert [_signature(n) for n in fast] == [_signature(n) for n in markdown._markdown_it_piece(src, 1, end)]


def test_the_simple_lines_are_read_without_markdown_it() -> None:
    lines = ["# Before", "---", "", "# Title", "", "Words, 34%.", "More", "", "- a", "- b", "lazy", "", "- c", "", "<!-- pause -->", "", "---"]
    nodes = simple_nodes(lines, 1, len(lines) - 1)
    assert nodes is not None
    assert [node.type for node in nodes] == ["hr", "heading", "paragraph", "bullet_list", "html_block"]


@pytest.mark.parametrize("line", ["*em*x", "    code", ">quote", "1) one", "Heading", "a | b", "tab\there", "![i](x)", "[a]: x"])
def test_anything_else_goes_to_markdown_it(line: str) -> None:
    lines = ["# Before", "---", "", line, "---" if line == "Heading" else ""]
    assert simple_nodes(lines, 1, len(lines)) is None


def _deck(text: str, *, simple: bool):
    patch = mock.patch.object(markdown, "simple_nodes", lambda *_: None) if not simple else mock.patch.object(markdown, "simple_nodes", markdown.simple_nodes)
    with patch:
        try:
            return markdown.parse_markdown(text, source=Path("deck.md"))
        except PresenterError as error:
            return str(error)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(LINE, max_size=8), max_size=6), st.booleans())
def test_decks_are_the_same_with_and_without_the_fast_path(slides: list[list[str]], front: bool) -> None:
    head = ["---", "title: Deck", "---", ""] if front else []
    text = "\n".join(head + [line for body in slides for line in ["# Slide", "", *body, "", "---", ""]])
    assert _deck(text, simple=True) == _deck(text, simple=False)


@pytest.mark.parametrize("path", sorted((ROOT / "slides").glob("*.md")) + sorted((ROOT / "tests").rglob("*.md")), ids=lambda p: p.name)
def test_bundled_and_fixture_decks_are_the_same_with_and_without_the_fast_path(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _deck(text, simple=True) == _deck(text, simple=False)


@pytest.mark.parametrize("kind", ["markdown", "styled_markdown"])
def test_the_benchmark_decks_are_read_without_markdown_it_after_their_first_piece(kind: str) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import decks
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    text = getattr(decks, kind)(30)
    with mock.patch.object(markdown, "_markdown_it_piece", wraps=markdown._markdown_it_piece) as parsed:
        deck = markdown.parse_markdown(text, source=Path("deck.md"))
    assert parsed.call_count == 1  # the piece with the front matter
    assert len(deck.slides) == 30
    assert deck == _deck(text, simple=False)


#: Lines of text with the inline markup the fast path reads (and some it leaves alone).
STYLED = ["Harbour traffic grew **steadily** this year.", "the *port authority* expects", "the `new terminal` opens",
          "once the [dredging work](https://example.com/1) is finished.", "plain words", "**Bold** start", "ends *em*",
          "ends **strong**", "`code` first", "mixed **a** *b* `c` [d](e)", "a*b*", "odd ** here"]


@st.composite
def styled_blocks(draw) -> list[str]:
    """A slide's body of blocks as decks write them: paragraphs, lists (numbered or not, with
    items nested under them, tight or loose), quotes, comments and headings."""
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 5))):
        block = draw(st.sampled_from(["paragraph", "bullets", "numbers", "quote", "comment", "heading"]))
        if block == "paragraph":
            lines += draw(st.lists(st.sampled_from(STYLED), min_size=1, max_size=3))
        elif block in ("bullets", "numbers"):
            first = draw(st.sampled_from([1, 1, 1, 3, 10]))
            for n in range(draw(st.integers(1, 3))):
                marker = f"{first + n}. " if block == "numbers" else "- "
                lines.append(marker + draw(st.sampled_from(STYLED)))
                if draw(st.booleans()):
                    lines += [""] * draw(st.sampled_from([0, 0, 1]))
                    indent = draw(st.sampled_from([len(marker), len(marker), len(marker) + 1, 2]))
                    for _ in range(draw(st.integers(1, 2))):
                        lines.append(" " * indent + "- " + draw(st.sampled_from(STYLED)))
                        lines += [""] * draw(st.sampled_from([0, 0, 1]))
                lines += [""] * draw(st.sampled_from([0, 0, 1]))
        elif block == "quote":
            lines += ["> " + text for text in draw(st.lists(st.sampled_from(STYLED), min_size=1, max_size=2))]
        elif block == "comment":
            lines.append(draw(st.sampled_from(["<!-- pause -->", "<!-- speaker_note: hi -->"])))
        else:
            lines.append("## " + draw(st.sampled_from(STYLED)))
        lines += [""] * draw(st.sampled_from([0, 1, 1, 2]))
    return lines


@settings(max_examples=400, deadline=None)
@given(styled_blocks(), st.sampled_from([None, *BREAKS]))
def test_styled_pieces_read_without_markdown_it_give_its_nodes(body: list[str], closing: str | None) -> None:
    _assert_same_nodes(["# Before", "---", "", "# Slide", "", *body], closing)


"""A Markdown deck parsed piece by piece is the same deck as the text parsed whole."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from presenter.errors import PresenterError
from presenter.sources import markdown, mdchunks
from presenter.sources.mdchunks import piece_starts

ROOT = Path(__file__).resolve().parent.parent

#: Lines that open, close or change what a following ``---`` means.
LINES = [
    "", "", "", "---", "---", "***", "___", "-----", "--- ", "- - -", "  ---", "    ---",
    "# Title", "## Section", "### Part", "Title", "===", "Some text with 34% growth.",
    "- item", "  - nested", "* star item", "1. one", "2) two", "   continued",
    "```", "```python", "````", "~~~", "``` `x`", "    indented code",
    "> quote", "> — Dr. Li Wei, director", ">", "> ```",
    "<!-- pause -->", "<!-- end_slide -->", "<!-- end_slide -->  ", "<!-- notes -->", "<!-- /notes -->",
    "<!-- notes", "-->", "text <!-- open", "closed --> <!-- again", "<!-- speaker_note: say hi -->",
    "<!-- incremental_lists: true -->", "| a | b |", "|---|:-:|", "| 1 | 2 |",
    "[ref]: https://example.com", "[link][ref]", "<div>", "</div>", "<pre>", "</pre>",
    "![alt](pic.png)", "...",
]
FRONT = ["---", "title: Deck", "author: Someone", "---"]


def parse_whole(text: str):
    with mock.patch.object(mdchunks, "may_cut", lambda text: False):
        return _outcome(text)


def _outcome(text: str):
    try:
        return markdown.parse_markdown(text, source=Path("deck.md"))
    except PresenterError as error:
        return str(error)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=40), st.booleans())
@example(["", "---", "<!-- end_slide -->"], False)  # presenterm: with end_slide, --- is a rule, not a cut
@example(["text <!-- open", "```", "<!-- pause -->", "", "---"], False)  # the fence ends the paragraph and its comment
def test_pieces_parse_as_the_whole_text(lines: list[str], front: bool) -> None:
    text = "\n".join((FRONT if front else []) + lines)
    assert _outcome(text) == parse_whole(text)


@pytest.mark.parametrize("path", sorted((ROOT / "slides").glob("*.md")) + sorted((ROOT / "tests").rglob("*.md")), ids=lambda p: p.name)
def test_bundled_and_fixture_decks_parse_the_same_in_pieces(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _outcome(text) == parse_whole(text)


def test_a_deck_with_breaks_is_cut_at_each_break() -> None:
    lines = ["# One", "", "text", "", "---", "", "# Two", "", "<!-- end_slide -->", "", "# Three"]
    assert piece_starts(lines) == [0, 4, 8]


@pytest.mark.parametrize(
    "lines",
    [
        ["```", "", "---", "```"],  # inside a fence
        ["<!-- notes", "", "---", "-->"],  # inside a comment
        ["Heading", "---"],  # a setext underline, not a break
        ["[a]: https://example.com", "", "---"],  # references apply to the whole text
        ["<pre>", "", "---", "</pre>"],  # raw HTML that runs to its end tag
    ],
)
def test_no_cut_where_a_break_line_is_not_a_top_level_break(lines: list[str]) -> None:
    assert piece_starts(lines) == [0]


def test_front_matter_is_never_cut() -> None:
    lines = ["---", "title: x", "---", "", "# One", "", "---", "", "# Two"]
    assert piece_starts(lines, body_start=3) == [3, 6]

"""The deck parser's syntax nodes, built straight from markdown-it's tokens, are the nodes
markdown-it-py's own ``SyntaxTreeNode`` gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.tree import SyntaxTreeNode

from presenter.sources.mdsyntax import PARSER, token_nodes

LINES = ["", "", " ", "---", "***", "# Title", "## Sub *em*", "Title", "===", "- item", "- **bold** and `code`",
         "  - nested [link](https://x.org 'T')", "1. one", "7) seven", "   3. three", "> quote", "> > deeper",
         "> — Ada, engineer", "```py", "```", "~~~", "    code", "<!-- speaker_note: hi -->", "<div>", "</div>",
         "a | b", "--- | :-:", "c | d", "![alt *x*](img.png)", "~~gone~~ & &amp; \\*", "line  ", "<b>x</b><br>",
         "[ref]: https://r.org", "[ref]", "---\ntitle: T\n---", "* star", "+ plus", "\tTab", "x <!-- c --> y"]


def _signature(node) -> tuple:
    """Everything the deck parser may read of a node, recursively."""
    return (
        node.type, node.tag, tuple(node.map) if node.map else None, node.content, node.markup, node.info,
        dict(node.attrs), [_signature(child) for child in node.children],
    )


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=16), st.integers(0, 50))
def test_token_nodes_are_syntax_tree_nodes(lines: list[str], offset: int) -> None:
    text = "\n".join(lines)
    shifted = PARSER.parse(text)
    for token in shifted:  # a piece's maps moved to whole-text lines, as the parser did before
        if token.map is not None:
            token.map = [token.map[0] + offset, token.map[1] + offset]
    expected = [_signature(node) for node in SyntaxTreeNode(shifted).children]
    assert [_signature(node) for node in token_nodes(PARSER.parse(text), offset)] == expected


def test_an_inline_parse_gives_its_inline_node() -> None:
    tokens = PARSER.parseInline("**a** [b](c)")
    (inline,) = token_nodes(tokens)
    assert inline.type == "inline"
    assert [_signature(child) for child in inline.children] == [_signature(child) for child in SyntaxTreeNode(tokens).children[0].children]

"""CommonMark conformance of the Markdown reader: every example of the specification
(``tests/fixtures/commonmark/spec.json``, CC-BY-SA 4.0, see the LICENSE.md beside it) is
read with ``parse_text(markdown, markdown=True)`` and the deck's shape compared with the
shape of the HTML the specification expects (:mod:`tests.commonmark_shape` says what a
shape keeps and why).

An example presenter refuses fails, unless it refuses the text for having nothing to show
(then its shape is empty). Documented differences are listed in :data:`KNOWN_DIFFERENCES`
and expected to fail (strictly: one that starts passing must leave the list).
``python tests/commonmark_report.py`` prints the failures grouped by section.
"""

from __future__ import annotations

import pytest

from tests.commonmark_shape import compared, example_id, html_shape, load_examples

#: Example number -> why presenter differs on purpose (documented in the README). At most
#: 1% of the examples: differences that are not documented are bugs, not entries here.
KNOWN_DIFFERENCES: dict[int, str] = {
    484: "a link with no label shows its address (presenterm does too): the reader of a slide cannot click nothing",
}

EXAMPLES = load_examples()


def _param(example):
    reason = KNOWN_DIFFERENCES.get(example["example"])
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(example, id=example_id(example), marks=marks)


@pytest.mark.parametrize("example", [_param(example) for example in EXAMPLES])
def test_commonmark_example(example):
    expected, actual = compared(example)
    assert actual == expected, f"markdown: {example['markdown']!r}"


def test_known_differences_are_few_and_real():
    assert len(EXAMPLES) == 652  # the fixture is whole
    numbers = {example["example"] for example in EXAMPLES}
    assert set(KNOWN_DIFFERENCES) <= numbers
    assert len(KNOWN_DIFFERENCES) <= len(EXAMPLES) // 100


def test_tight_and_loose_list_items_have_one_shape():
    tight = html_shape("<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>\n")
    loose = html_shape("<ul>\n<li>\n<p>a</p>\n<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>\n")
    assert tight == loose == [("ul", "", (("li", "a", (("ul", "", (("li", "b", ()),)),)),))]

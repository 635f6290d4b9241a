"""presenterm's column layouts: ``column_layout``, ``column: N`` and ``reset_layout``."""

from __future__ import annotations

from click.testing import CliRunner

from presenter.cli import cli
from presenter.export.markdown import export_markdown
from presenter.export.text import export_text
from presenter.model import Columns, Paragraph, Pause
from presenter.plaintext import block_lines, slide_search_text
from presenter.sources.markdown import parse_markdown

DECK = """\
Fruit
=====

Before the columns.

<!-- column_layout: [2, 1] -->

<!-- column: 1 -->

- pears on the right

<!-- column: 0 -->

Apples on the left.

<!-- reset_layout -->

Across the whole slide again, a sentence long enough to need more than half of the width.

<!-- end_slide -->
"""


def row_of(text: str, word: str) -> str:
    return next(line for line in text.split("\n") if word in line)


def test_columns_are_read_in_their_order_whatever_order_they_are_filled_in() -> None:
    deck = parse_markdown(DECK)
    assert deck.flavor == "presenterm"
    kinds = [type(block).__name__ for block in deck.slides[0].blocks]
    assert kinds == ["Paragraph", "Columns", "Paragraph"]
    columns = deck.slides[0].blocks[1]
    assert columns.widths == (2, 1)
    assert [[type(b).__name__ for b in column] for column in columns.columns] == [["Paragraph"], ["BulletList"]]


def test_columns_sit_side_by_side_at_80() -> None:
    text = export_text(parse_markdown(DECK), width=80)
    row = row_of(text, "Apples")
    assert "pears on the right" in row  # one line holds both columns
    assert row.index("pears") > 40  # the right column starts two thirds across
    before = row_of(text, "Before")
    assert "pears" not in before


def test_columns_stack_in_column_order_when_narrow() -> None:
    text = export_text(parse_markdown(DECK), width=40)
    lines = text.split("\n")
    apples = lines.index(row_of(text, "Apples"))
    pears = lines.index(row_of(text, "pears"))
    assert "pears" not in lines[apples]
    assert apples < pears  # column 0 first, though it was filled second


def test_reset_layout_returns_to_the_full_width() -> None:
    text = export_text(parse_markdown(DECK), width=80)
    across = row_of(text, "Across")
    assert len(across) > 60  # wider than either column
    assert text.index("pears") < text.index("Across")


def test_markdown_export_reads_back_to_the_same_columns() -> None:
    deck = parse_markdown(DECK)
    markdown = export_markdown(deck)
    assert "<!-- column_layout: [2, 1] -->" in markdown
    assert "<!-- column: 0 -->" in markdown and "<!-- reset_layout -->" in markdown
    back = parse_markdown(markdown)
    assert back.flavor == "presenterm"  # the layout's comments make it presenterm's
    assert export_text(back, width=80) == export_text(deck, width=80)
    assert [shape(b) for b in back.slides[0].blocks] == [shape(b) for b in deck.slides[0].blocks]


def shape(block) -> object:
    """A block's kind and text, column by column for columns (source lines differ)."""
    if isinstance(block, Columns):
        return block.widths, [[shape(b) for b in column] for column in block.columns]
    return type(block).__name__, block_lines(block)


def test_search_text_holds_the_columns_in_column_order() -> None:
    text = slide_search_text(parse_markdown(DECK).slides[0])
    assert text.index("Apples") < text.index("pears") < text.index("Across")


def test_check_reads_the_commands_and_says_when_columns_stack(tmp_path) -> None:
    path = tmp_path / "deck.md"
    path.write_text(DECK, encoding="utf-8")
    out = CliRunner().invoke(cli, ["check", str(path)]).stdout
    for name in ("column_layout", "column:", "reset_layout", "not supported"):
        assert name not in out
    narrow = CliRunner().invoke(cli, ["check", str(path), "--size", "40x20"]).stdout
    assert "1  Fruit  columns stack one under another" in narrow
    wide = CliRunner().invoke(cli, ["check", str(path), "--size", "100x30"]).stdout
    assert "stack" not in wide


def test_bad_layouts_are_reported_and_keep_their_text() -> None:
    deck = parse_markdown(
        "A\n=\n\n<!-- column_layout: [2, x] -->\n\nkept\n\n<!-- column_layout: [1, 1] -->\n\n"
        "<!-- column: 5 -->\n\nstray\n\n<!-- column: 0 -->\n\nleft\n\n<!-- pause -->\n\nlater\n\n<!-- end_slide -->\n"
    )
    blocks = deck.slides[0].blocks
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Paragraph", "Columns", "Pause"]
    assert isinstance(blocks[1], Paragraph) and blocks[1].content[0].text == "stray"
    columns = blocks[2]
    assert isinstance(columns, Columns) and [len(c) for c in columns.columns] == [2, 0]
    assert isinstance(blocks[3], Pause)  # a pause inside a column comes after the columns
    assert any("ignored comment command: column_layout" in r.reason for r in deck.removed)
    assert any(r.reason == "not supported yet: pause inside a column" for r in deck.removed)
    assert any("column: 5" in w and "columns 0 to 1" in w for w in deck.warnings)

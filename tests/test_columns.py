"""presenterm's column layouts: ``column_layout``, ``column: N`` and ``reset_layout``."""

from __future__ import annotations

from click.testing import CliRunner

from presenter.cli import cli
from presenter.export.markdown import export_markdown
from presenter.export.text import export_text
from presenter.model import Columns, Paragraph
from presenter.render.console import fixed_console
from presenter.render.slide import SlideRenderable, pause_count
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
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Paragraph", "Columns"]
    assert isinstance(blocks[1], Paragraph) and blocks[1].content[0].text == "stray"
    columns = blocks[2]
    assert isinstance(columns, Columns) and [type(b).__name__ for b in columns.columns[0]] == ["Paragraph", "Pause", "Paragraph"]
    assert any("ignored comment command: column_layout" in r.reason for r in deck.removed)
    assert any("column: 5" in w and "columns 0 to 1" in w for w in deck.warnings)


def test_pauses_in_columns_reveal_in_the_order_written() -> None:
    """presenterm's columns example: column 1 first, a pause, then column 0 with an incremental list."""
    deck = parse_markdown(
        "# Columns and pauses\n\nIntro.\n\n<!-- pause -->\n\n<!-- column_layout: [1, 1] -->\n\n<!-- column: 1 -->\n\n"
        "Right side first.\n\n<!-- pause -->\n\n<!-- column: 0 -->\n\nThen the left:\n\n<!-- incremental_lists: true -->\n"
        "* Lorem.\n* Ipsum.\n\n<!-- reset_layout -->\n"
    )
    slide = deck.slides[0]
    assert pause_count(slide) == 3  # the pause before, the one in column 1, the list's second item
    steps = [_rows_of(slide, step) for step in range(4)]
    assert "Right side first." not in steps[0] and "Intro." in steps[0]
    assert "Right side first." in steps[1] and "Then the left:" not in steps[1]
    assert "Then the left:" in steps[2] and "Lorem." in steps[2] and "Ipsum." not in steps[2]
    assert "Ipsum." in steps[3]
    assert all(text in export_text(deck, width=80) for text in ("Right side first.", "Then the left:", "Lorem.", "Ipsum."))
    back = parse_markdown(export_markdown(deck)).slides[0]
    assert _rows_of(back, 1) == steps[1] and pause_count(back) == 3  # the Markdown export keeps the order


def _rows_of(slide, step: int) -> str:
    console = fixed_console(80)
    lines = console.render_lines(SlideRenderable(slide, step=step), console.options.update_width(80), pad=False)
    return "\n".join("".join(segment.text for segment in line).rstrip() for line in lines)

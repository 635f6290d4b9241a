"""Markdown tables: every character a cell holds is shown, side by side or, when the slide
is too narrow for the columns, each row listed as name and value."""

from __future__ import annotations

from collections import Counter

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from presenter.cli import cli
from presenter.export.text import export_text
from presenter.sources.markdown import parse_markdown


def table_deck(columns: list[str], row: list[str]) -> str:
    return "# Wide\n\n| " + " | ".join(columns) + " |\n|" + "---|" * len(columns) + "\n| " + " | ".join(row) + " |\n"


FOURTEEN = table_deck([f"column {i}" for i in range(14)], [f"value {i}" for i in range(14)])
MONTHS = table_deck(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Total"],
    ["12", "15", "9", "22", "18", "17", "30", "31", "12", "11", "10", "9", "196"],
)


def body(deck: str, width: int) -> list[str]:
    return export_text(parse_markdown(deck), width=width).splitlines()[4:]


def test_a_table_too_wide_for_the_slide_lists_each_row_as_name_and_value() -> None:
    lines = body(FOURTEEN, 80)
    assert lines[0].split() == ["column", "0", "value", "0"]
    assert lines[13].split() == ["column", "13", "value", "13"]
    assert not any("…" in line for line in lines)


def test_the_same_table_is_side_by_side_where_it_fits() -> None:
    lines = body(FOURTEEN, 160)
    assert lines[0].split()[:4] == ["column", "0", "column", "1"]
    assert lines[2].split()[-2:] == ["value", "13"]


def test_a_table_of_short_figures_stays_a_table_at_a_width_that_holds_every_word() -> None:
    lines = body(MONTHS, 100)
    header = next(line for line in lines if "Jan" in line)
    assert header.split() == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Total"]


def test_a_long_word_in_a_cell_wraps_within_it_instead_of_being_cut() -> None:
    deck = table_deck(["Name", "Link"], ["docs", "https://example.com/" + "a" * 60])
    lines = body(deck, 50)
    assert not any("…" in line for line in lines)
    link = "".join(line.split()[-1] for line in lines[lines.index(next(line for line in lines if "docs" in line)) :])
    assert link == "https://example.com/" + "a" * 60


def test_three_hundred_columns_still_show_every_cell() -> None:
    lines = body(table_deck([f"c{i}" for i in range(300)], [str(i) for i in range(300)]), 80)
    assert [line.split() for line in lines if line.strip()][299] == ["c299", "299"]


def test_check_says_where_a_table_lists_its_rows(tmp_path) -> None:
    path = tmp_path / "deck.md"
    path.write_text(FOURTEEN, encoding="utf-8")
    narrow = CliRunner().invoke(cli, ["check", str(path), "--size", "80x24"]).stdout
    assert "1  Wide  a table's rows are listed, name and value (too narrow side by side)" in narrow
    wide = CliRunner().invoke(cli, ["check", str(path), "--size", "200x40"]).stdout
    assert "listed" not in wide


def test_a_header_alone_too_wide_for_the_slide_lists_its_names() -> None:
    deck = "# Wide\n\n| " + " | ".join(f"column {i}" for i in range(14)) + " |\n|" + "---|" * 14 + "\n"
    lines = [line for line in body(deck, 80) if line.strip()]
    assert [line.split() for line in lines] == [["column", str(i)] for i in range(14)]


_WORD = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzABC0123456789漢字表格éü"), min_size=1, max_size=30)
_CELL = st.lists(_WORD, min_size=1, max_size=3).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=1, max_value=30).flatmap(
        lambda columns: st.tuples(
            st.lists(_CELL, min_size=columns, max_size=columns),
            st.lists(st.lists(_CELL, min_size=columns, max_size=columns), max_size=3),
        )
    ),
    st.integers(min_value=20, max_value=160),
)
def test_no_character_of_a_table_is_lost_at_any_width(table, width: int) -> None:
    header, rows = table
    deck = "# T\n\n| " + " | ".join(header) + " |\n|" + "---|" * len(header) + "\n" + "".join("| " + " | ".join(row) + " |\n" for row in rows)
    shown = Counter("".join(body(deck, width)))
    written = Counter("".join(header) + "".join("".join(row) for row in rows))
    written.pop(" ", None)
    assert all(shown[char] >= count for char, count in written.items())

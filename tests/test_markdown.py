"""The Markdown deck parser: each construct, each slide-break rule, peers' deck styles, errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SLIDES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presenter.cli import cli
from presenter.errors import PresenterError
from presenter.export.text import export_text
from presenter.fit import fit_slide
from presenter.model import BulletList, Code, Heading, Image, Lines, NumberedList, Paragraph, Pause, Quote, Span, Table, plain
from presenter.sources import load_deck, parse_text
from presenter.sources.markdown import parse_markdown

TOUR = SLIDES / "tour.md"


def titles(deck) -> list[str]:
    return [slide.title for slide in deck.slides]


def kinds(slide) -> list[str]:
    return [type(block).__name__ for block in slide.blocks]


# --------------------------------------------------------------------------- front matter


def test_front_matter_makes_a_title_slide_with_author_and_date_in_the_export():
    deck = parse_markdown(
        "---\ntitle: 'My Talk'\nsub_title: \"Why it matters\"\nauthor: Ada Lovelace\ndate: 2024-05-01\n"
        "theme: dark\n---\n\n# First\n\nHello.\n"
    )
    first = deck.slides[0]
    assert first.is_title and first.title == "My Talk"
    assert deck.title == "My Talk" and deck.subtitle == "Why it matters"
    assert deck.meta_value("author") == "Ada Lovelace"
    assert deck.meta_value("theme") == "dark"
    assert titles(deck) == ["My Talk", "First"]
    text = export_text(deck, width=80)
    for words in ("My Talk", "Why it matters", "Ada Lovelace", "2024-05-01"):
        assert words in text


def test_front_matter_lists_join_and_subtitle_spellings_agree():
    deck = parse_markdown("---\nsub_title: One\nauthors:\n  - A. Person\n  - B. Person\n---\n\n# S\n\nx\n")
    assert deck.subtitle == "One"
    assert deck.meta["authors"] == ["A. Person", "B. Person"]
    assert deck.slides[0].subtitle == "One\nA. Person, B. Person"


def test_front_matter_without_presentation_keys_makes_no_title_slide():
    deck = parse_markdown("---\ntheme: dark\n---\n\n# Only\n\ntext\n")
    assert [s.is_title for s in deck.slides] == [False]


def test_broken_front_matter_names_its_line():
    with pytest.raises(PresenterError) as error:
        parse_markdown("---\ntitle: Fine\nthis is not a key value line\n---\n\n# S\n", source=Path("deck.md"))
    assert error.value.line == 3
    assert str(error.value).startswith("deck.md:3: ")


def test_unclosed_front_matter_names_its_opening_line():
    with pytest.raises(PresenterError) as error:
        parse_markdown("---\ntitle: Never closed\n\n# S\n", source=Path("deck.md"))
    assert error.value.line == 1
    assert "never closed" in str(error.value)


PRESENTERM_FRONT_MATTER = """---
title: "Introducing _presenterm_"
sub_title: (in presenterm!)
authors:
  - Matias
  - Someone Else
options:
  implicit_slide_ends: true
  end_slide_shorthand: true
theme:
  name: light
  override:
    default:
      colors:
        foreground: "e6e6e6"
---

# First

Hello.
"""


def test_presenterm_nested_front_matter_reads_as_yaml():
    deck = parse_markdown(PRESENTERM_FRONT_MATTER)
    assert deck.meta["options"] == {"implicit_slide_ends": True, "end_slide_shorthand": True}
    assert deck.meta["theme"]["override"]["default"]["colors"] == {"foreground": "e6e6e6"}
    assert deck.meta_value("theme.name") == "light"
    assert deck.slides[0].subtitle == "(in presenterm!)\nMatias, Someone Else"
    assert titles(deck) == ["Introducing _presenterm_", "First"]


@pytest.mark.parametrize(
    ("front", "line", "words"),
    [
        ("title: [unclosed\nauthor: x", 3, "front matter:"),
        ("title: x\n  bad: indent", 3, "front matter:"),
        ("title: x\n- item", 3, "front matter:"),
        ("base: &a [1, 2]\nother: *a", 2, "anchors and aliases"),
    ],
)
def test_a_front_matter_error_names_the_file_and_line(tmp_path, front: str, line: int, words: str):
    path = tmp_path / "deck.md"
    path.write_text(f"---\n{front}\n---\n\n# S\n\nx\n", encoding="utf-8")
    with pytest.raises(PresenterError) as error:
        load_deck(path)
    assert str(error.value).startswith(f"{path}:{line}: "), str(error.value)
    assert words in str(error.value) and "\n" not in str(error.value)


def test_a_billion_laughs_front_matter_is_a_one_line_error(tmp_path):
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 9):
        levels.append(f"{chr(97 + n)}: &{chr(97 + n)} [" + ",".join([f"*{chr(96 + n)}"] * 9) + "]")
    path = tmp_path / "laughs.md"
    path.write_text("---\n" + "\n".join(levels) + "\n---\n\n# S\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    assert result.output == f"presenter: {path}:2: front matter: anchors and aliases (& and *) are not allowed\n"


# --------------------------------------------------------------------------- slide breaks


def test_thematic_break_separates_slides():
    deck = parse_markdown("# One\n\na\n\n---\n\n# Two\n\nb\n\n---\n\n# Three\n")
    assert titles(deck) == ["One", "Two", "Three"]


def test_end_slide_comment_separates_slides():
    deck = parse_markdown("# One\n\na\n\n<!-- end_slide -->\n\n# Two\n\nb\n")
    assert titles(deck) == ["One", "Two"]
    assert not deck.removed


def test_dashes_under_text_are_a_setext_heading_not_a_break():
    deck = parse_markdown("Title One\n=========\n\nbody\n\nSecond\n------\n\nmore\n\n---\n\nTitle Two\n=========\n")
    assert titles(deck) == ["Title One", "Title Two"]
    assert isinstance(deck.slides[0].blocks[1], Heading)
    assert plain(deck.slides[0].blocks[1].content) == "Second"


def test_without_breaks_split_at_the_highest_repeated_heading_level():
    deck = parse_markdown("# Deck\n\n## A\n\na\n\n### detail\n\nd\n\n## B\n\nb\n")
    assert titles(deck) == ["Deck", "A", "B"]
    assert deck.slides[0].is_title and deck.title == "Deck"
    assert kinds(deck.slides[1]) == ["Paragraph", "Heading", "Paragraph"]


def test_without_breaks_repeated_top_level_headings_split():
    deck = parse_markdown("# A\n\n## a1\n\n## a2\n\n# B\n\nb\n")
    assert titles(deck) == ["A", "B"]
    assert not any(slide.is_title for slide in deck.slides)


def test_text_before_the_first_split_heading_is_a_slide_of_its_own():
    deck = parse_markdown("Some opening words for the talk.\n\n## A\n\na\n\n## B\n\nb\n")
    assert titles(deck) == ["Some opening words for the talk", "A", "B"]


def test_one_heading_and_text_is_one_slide():
    deck = parse_markdown("# Only\n\nSome text.\n")
    assert titles(deck) == ["Only"]


def test_a_slide_without_heading_is_titled_from_its_first_words():
    deck = parse_markdown("# A\n\nx\n\n---\n\nThe quick brown fox jumps over the lazy dog.\n")
    assert deck.slides[1].title == "The quick brown fox jumps over…"


def test_a_heading_after_content_stays_a_heading_block():
    deck = parse_markdown("Intro words here.\n\n## Later\n\n---\n\n# Next\n")
    first = deck.slides[0]
    assert first.title == "Intro words here"
    assert kinds(first) == ["Paragraph", "Heading"]


def test_empty_segments_between_breaks_make_no_slides():
    deck = parse_markdown("---\n---\n\n# A\n\n---\n\n---\n\n# B\n\n---\n")
    assert titles(deck) == ["A", "B"]


# --------------------------------------------------------------------------- blocks


def test_inline_styles_links_and_figures():
    deck = parse_markdown("# S\n\nSales rose *fast* to **34%** with `code`, ~~old~~ and [a link](https://example.com).\n")
    spans = deck.slides[0].blocks[0].content
    assert Span("fast", ("italic",)) in spans
    assert Span("34%", ("bold", "stat")) in spans
    assert Span("code", ("code",)) in spans
    assert Span("old", ("strike",)) in spans
    assert Span("a link", (), "https://example.com") in spans
    assert plain(spans) == "Sales rose fast to 34% with code, old and a link."


def test_figures_in_plain_text_get_the_stat_style_and_stat_cards():
    deck = parse_markdown("# Money\n\nThe fund raised $28.7 billion last year.\n\n- Growth reached 34% in 2023\n")
    slide = deck.slides[0]
    assert Span("$28.7 billion", ("stat",)) in slide.blocks[0].content
    assert {stat.value for stat in slide.stats} >= {"$28.7 billion", "34%"}


def test_markup_in_text_stays_literal():
    deck = parse_markdown("# [red]Alarm[/red]\n\nPlain [bold]text[/bold] and [link=https://x]y[/link].\n")
    text = export_text(deck, width=80)
    assert "[red]Alarm[/red]" in text
    assert "Plain [bold]text[/bold] and [link=https://x]y[/link]." in text


def test_nested_bullet_and_numbered_lists_keep_their_numbers():
    deck = parse_markdown("# L\n\n- top\n  - nested\n    - deeper\n- second\n\n3. three\n4. four\n   1. sub one\n")
    bullets, numbers = deck.slides[0].blocks
    assert isinstance(bullets, BulletList) and isinstance(numbers, NumberedList)
    assert [plain(item.content) for item in bullets.items] == ["top", "second"]
    nested = bullets.items[0].children[0]
    assert isinstance(nested, BulletList)
    assert plain(nested.items[0].children[0].items[0].content) == "deeper"
    assert [item.number for item in numbers.items] == [3, 4]
    assert numbers.items[1].children[0].items[0].number == 1
    text = export_text(deck, width=80)
    assert "3. three" in text and "4. four" in text and "1. sub one" in text


def test_quote_with_speaker_and_role():
    deck = parse_markdown("# Q\n\n> Stay hungry,\n> stay foolish.\n> — Steve Jobs, co-founder of Apple\n")
    quote = deck.slides[0].blocks[0]
    assert isinstance(quote, Quote)
    assert plain(quote.content) == "Stay hungry, stay foolish."
    assert (quote.speaker, quote.role) == ("Steve Jobs", "co-founder of Apple")
    assert "Steve Jobs, co-founder of Apple" in export_text(deck, width=80)


def test_quote_byline_with_double_hyphen_on_its_own_paragraph():
    deck = parse_markdown("# Q\n\n> Simple is better.\n>\n> -- Tim Peters\n")
    quote = deck.slides[0].blocks[0]
    assert (plain(quote.content), quote.speaker, quote.role) == ("Simple is better.", "Tim Peters", None)


def test_quote_with_a_said_clause_is_split_as_in_an_article():
    deck = parse_markdown('# Q\n\n> "We expect more ships next year," said Dr. Li Wei,\n> director of the port.\n')
    quote = deck.slides[0].blocks[0]
    assert plain(quote.content) == "We expect more ships next year"
    assert (quote.speaker, quote.role) == ("Dr. Li Wei", "director of the port")
    text = export_text(deck, width=80)
    assert "“We expect more ships next year”" in text and '"We expect' not in text  # quoted once
    assert "said Dr. Li Wei, director of the port" in text


def test_quote_that_carries_its_own_marks_is_not_quoted_again():
    deck = parse_markdown('# Q\n\n> "Stay hungry, stay **foolish**."\n\n> Plain words.\n\n> "One" and "two".\n')
    text = export_text(deck, width=80)
    assert '▌ "Stay hungry, stay foolish."' in text  # the marks as written, and no others
    assert "▌ “Plain words.”" in text and '▌ “"One" and "two".”' in text


def test_quote_without_byline_has_no_speaker():
    quote = parse_markdown("# Q\n\n> Just words.\n").slides[0].blocks[0]
    assert quote.speaker is None and plain(quote.content) == "Just words."


def test_fenced_and_indented_code():
    deck = parse_markdown("# C\n\n```python\nprint('[bold]hi')\n```\n\n    indented = True\n")
    fenced, indented = deck.slides[0].blocks
    assert fenced == Code("print('[bold]hi')", "python", lines=Lines(3, 5))
    assert indented.code == "indented = True" and indented.language is None
    assert "print('[bold]hi')" in export_text(deck, width=80)


def test_table_with_alignment():
    deck = parse_markdown("# T\n\n| Name | Count | Share |\n|:-----|:-----:|------:|\n| *a* | 1 | 34% |\n")
    table = deck.slides[0].blocks[0]
    assert isinstance(table, Table)
    assert table.align == ("left", "center", "right")
    assert [plain(cell) for cell in table.header] == ["Name", "Count", "Share"]
    assert table.rows[0][0] == (Span("a", ("italic",)),)
    assert "Share" in export_text(deck, width=80)


def test_image_paragraph_becomes_an_image_block():
    deck = parse_markdown("# I\n\n![A *chart* of growth](img/chart.png)\n")
    assert deck.slides[0].blocks == (Image("A chart of growth", "img/chart.png", lines=Lines(3, 3)),)
    text = export_text(deck, width=80)
    assert "A chart of growth" in text and "img/chart.png" in text


def test_lines_point_at_the_original_file_after_cleaning():
    words = "A paragraph long enough that a short run of another script is plainly foreign to it."
    text = f"# Title\n\n\x1b[31m\n免费下载\n\n{words}\n\n```\nunclosed\n"
    with pytest.raises(PresenterError) as error:
        parse_markdown(text)
    assert error.value.line == 8
    deck = parse_markdown(text + "```\n")
    paragraph, code = deck.slides[0].blocks
    assert paragraph.lines == Lines(6, 6)
    assert code.lines == Lines(8, 10)
    assert [r.line for r in deck.removed] == [3, 4]


# --------------------------------------------------------------------------- comment commands


def test_speaker_notes_one_line_multi_line_and_notes_blocks_are_not_shown():
    deck = parse_markdown(
        "# S\n\nVisible.\n\n<!-- speaker_note: first note -->\n\n"
        "<!--\nspeaker_note: |\n  second line one\n  second line two\n-->\n\n"
        "<!-- notes -->\nthird note\n<!-- /notes -->\n"
    )
    slide = deck.slides[0]
    assert slide.notes == "first note\n\nsecond line one\nsecond line two\n\nthird note"
    assert kinds(slide) == ["Paragraph"]
    text = export_text(deck, width=80)
    assert "Visible." in text and "note" not in text


def test_pause_and_stop_become_pause_blocks():
    deck = parse_markdown("# P\n\none\n\n<!-- pause -->\n\ntwo\n\n<!-- stop -->\n\nthree\n")
    assert kinds(deck.slides[0]) == ["Paragraph", "Pause", "Paragraph", "Pause", "Paragraph"]
    assert deck.slides[0].blocks[1] == Pause(lines=Lines(5, 5))


def test_incremental_lists_reveal_one_item_per_step_and_keep_numbers():
    deck = parse_markdown(
        "# I\n\n<!-- incremental_lists: true -->\n\n2. two\n3. three\n4. four\n\n- x\n- y\n\n"
        "<!-- incremental_lists: false -->\n\n- p\n- q\n"
    )
    blocks = deck.slides[0].blocks
    assert kinds(deck.slides[0]) == [
        "NumberedList", "Pause", "NumberedList", "Pause", "NumberedList",
        "BulletList", "Pause", "BulletList",
        "BulletList",
    ]  # fmt: skip
    assert [blocks[i].items[0].number for i in (0, 2, 4)] == [2, 3, 4]
    assert len(blocks[-1].items) == 2


def test_incremental_lists_end_with_the_slide():
    deck = parse_markdown("# A\n\n<!-- incremental_lists: true -->\n\n- a\n- b\n\n---\n\n# B\n\n- c\n- d\n")
    assert kinds(deck.slides[1]) == ["BulletList"]


def test_other_tools_commands_and_unknown_comments_are_ignored_and_reported():
    deck = parse_markdown(
        "# S\n\n<!-- column_layout: [1, 2] -->\n<!-- column: 0 -->\ntext\n<!-- reset_layout -->\n"
        "<!-- jump_to_middle -->\n<!-- new_lines: 2 -->\n<!-- font_size: 2 -->\n<!-- just a remark -->\n"
    )
    assert kinds(deck.slides[0]) == ["Paragraph"]
    reasons = [(r.line, r.reason) for r in deck.removed]
    assert reasons == [
        (3, "ignored comment command: column_layout"),
        (4, "ignored comment command: column"),
        (6, "ignored comment command: reset_layout"),
        (7, "ignored comment command: jump_to_middle"),
        (8, "ignored comment command: new_lines"),
        (9, "ignored comment command: font_size"),
        (10, "ignored comment"),
    ]
    assert "column" not in export_text(deck, width=80)


def test_unclosed_comment_is_an_error_rather_than_swallowing_the_deck():
    with pytest.raises(PresenterError) as error:
        parse_markdown("# S\n\ntext\n\n<!-- pause\n\n# More slides\n")
    assert error.value.line == 5


# --------------------------------------------------------------------------- errors


def test_unclosed_code_fence_names_the_opening_line():
    with pytest.raises(PresenterError) as error:
        parse_markdown("# S\n\ntext\n\n```python\nprint(1)\n", source=Path("talk.md"))
    assert str(error.value) == "talk.md:5: unclosed code fence"


def test_unclosed_fence_inside_a_list_is_an_error_too():
    with pytest.raises(PresenterError, match="unclosed code fence") as error:
        parse_markdown("# S\n\n- item\n\n  ~~~~\n  code\n  ~~~\n")
    assert error.value.line == 5


def test_empty_deck_is_an_error():
    with pytest.raises(PresenterError):
        parse_markdown("\n  \n<!-- pause -->\n")


# --------------------------------------------------------------------------- peers' decks

PRESENTERM = """\
---
title: Introducing presenterm
author: Someone
---

Headers
=======

Markdown headers can be used.
<!-- speaker_note: Remember to smile -->
<!-- pause -->

# Header 1
## Header 2

<!-- end_slide -->

Code highlighting
=================

```rust
fn main() { println!("hi"); }
```

<!-- column_layout: [1, 1] -->
<!-- column: 0 -->
left
<!-- reset_layout -->

<!-- end_slide -->

Lists
=====

<!-- incremental_lists: true -->
* one
* two
"""

SLIDES_STYLE = """\
---
theme: ./path/to/theme.json
author: Cloud User
date: January 2, 2006
paging: Slide %d / %d
---

# Welcome to Slides
A terminal based presentation tool

---

## Everything is markdown
In fact, this entire presentation is a markdown file.

---

## Everything happens in your terminal
Create slides and present them without ever leaving your terminal.

---

## Code execution
```go
package main
```
"""

LOOKATME = """\
---
title: Lookatme
author: d0c-s4vage
---

# Slide 1

Some text

<!-- stop -->

More text

# Slide 2

* a
  * nested

# Slide 3

| a | b |
|---|---|
| 1 | 2 |
"""


@pytest.mark.parametrize(
    ("text", "count", "pauses"),
    [(PRESENTERM, 4, 2), (SLIDES_STYLE, 5, 0), (LOOKATME, 4, 1)],
    ids=["presenterm", "slides", "lookatme"],
)
def test_peer_decks_open_with_the_right_number_of_slides(text, count, pauses):
    deck = parse_markdown(text, source=Path("peer.md"))
    assert len(deck.slides) == count
    assert deck.slides[0].is_title
    assert sum(isinstance(b, Pause) for s in deck.slides for b in s.blocks) == pauses
    export_text(deck, width=80)


def test_presenterm_deck_details():
    deck = parse_markdown(PRESENTERM)
    assert titles(deck) == ["Introducing presenterm", "Headers", "Code highlighting", "Lists"]
    assert deck.slides[1].notes == "Remember to smile"
    assert [r.reason for r in deck.removed] == [
        "ignored comment command: column_layout",
        "ignored comment command: column",
        "ignored comment command: reset_layout",
    ]
    assert kinds(deck.slides[3]) == ["BulletList", "Pause", "BulletList"]


def test_slides_style_title_slide_has_author_and_date():
    text = export_text(parse_markdown(SLIDES_STYLE), width=80)
    assert "Cloud User" in text and "January 2, 2006" in text


def test_lookatme_deck_splits_at_headings():
    deck = parse_markdown(LOOKATME)
    assert titles(deck) == ["Lookatme", "Slide 1", "Slide 2", "Slide 3"]


# --------------------------------------------------------------------------- long slides


def test_long_slides_continue_without_losing_pauses():
    body = "\n\n".join(
        f"Paragraph {i} has enough words in it to fill most of a row on the screen, and a few more.\n\n<!-- pause -->"
        for i in range(12)
    )
    deck = parse_markdown(f"# Long\n\n{body}\n\n---\n\n# Next\n")
    assert [s.title for s in deck.slides] == ["Long", "Next"]
    parts = fit_slide(deck.slides[0], 72, 22)
    assert len(parts) > 1 and [s.part for s in parts] == [(i, len(parts)) for i in range(1, len(parts) + 1)]
    assert sum(isinstance(b, Pause) for s in parts for b in s.blocks) == 12
    assert sum(isinstance(b, Paragraph) for s in parts for b in s.blocks) == 12


# --------------------------------------------------------------------------- properties

_PIECES = st.sampled_from(
    [
        "---", "# H", "## H2", "Title\n=====", "- a", "  - b", "1. x", "7) y", "> q", "> — Who, Role",
        "```py", "```", "~~~", "    code", "<!-- pause -->", "<!-- end_slide -->", "<!-- speaker_note: hi -->",
        "<!-- notes -->", "<!-- /notes -->", "<!--", "-->", "<!-- incremental_lists: true -->", "| a | b |",
        "|---|:-:|", "| 1 | 2 |", "![i](p.png)", "*em* **b** `c` ~~s~~ [l](u)", "34% of $5 million", "",
        "title: x", "<div>", "***", "\x1b[31m", "免费下载", "[bold]x[/bold]",
    ]
)  # fmt: skip


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES | st.text(max_size=30), max_size=20).map("\n".join))
def test_parse_markdown_raises_only_presenter_errors(text):
    try:
        deck = parse_markdown(text)
    except PresenterError:
        return
    assert deck.slides
    export_text(deck, width=60)


_WORD = st.from_regex(r"[A-Za-z][a-z]{0,11}", fullmatch=True)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(_WORD, min_size=1, max_size=25).map(" ".join), min_size=1, max_size=8))
def test_every_word_of_plain_paragraphs_reaches_the_export(paragraphs):
    deck = parse_markdown("# Slide\n\n" + "\n\n".join(paragraphs) + "\n")
    exported = set(re.findall(r"[A-Za-z]+", export_text(deck, width=80)))
    for paragraph in paragraphs:
        for word in paragraph.split():
            assert word in exported


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 10**9).map(str) | st.sampled_from(["34%", "$28.7", "8,000"]), min_size=1, max_size=6))
def test_numbers_are_never_altered(numbers):
    deck = parse_markdown("# Figures\n\nValues: " + ", ".join(numbers) + ".\n")
    assert plain(deck.slides[0].blocks[0].content) == "Values: " + ", ".join(numbers) + "."


# --------------------------------------------------------------------------- the tour and the CLI


def test_tour_deck_shows_every_feature():
    deck = load_deck(TOUR)
    assert 8 <= len(deck.slides) <= 12
    assert deck.slides[0].is_title
    assert all(slide.notes for slide in deck.slides)
    blocks = [block for slide in deck.slides for block in slide.blocks]
    for kind in (BulletList, NumberedList, Quote, Code, Table, Image, Pause):
        assert any(isinstance(block, kind) for block in blocks), kind.__name__
    assert any(slide.stats for slide in deck.slides)
    assert any(isinstance(b, Quote) and b.speaker for b in blocks)
    assert any(isinstance(b, BulletList) and any(i.children for i in b.items) for b in blocks)
    assert any(isinstance(b, NumberedList) and any(i.children for i in b.items) for b in blocks)
    assert not deck.removed


def test_md_suffix_dispatches_to_the_markdown_parser():
    deck = parse_text("# A\n\nx\n\n---\n\n# B\n", source=Path("talk.md"))
    assert titles(deck) == ["A", "B"]


def test_cli_exports_the_tour_as_text():
    from presenter.cli import cli

    result = CliRunner().invoke(cli, ["export", str(TOUR), "--format", "text"])
    assert result.exit_code == 0, result.output
    assert "A Tour of presenter" in result.output
    assert "Ada Example" in result.output
    assert "Welcome everyone" not in result.output  # speaker notes are not exported


def test_cli_reports_an_unclosed_fence_in_one_line(tmp_path):
    from presenter.cli import cli

    deck = tmp_path / "bad.md"
    deck.write_text("# S\n\n```\ncode\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(deck)])
    assert result.exit_code == 2
    assert f"{deck}:3: unclosed code fence" in result.output


def test_unclosed_notes_end_at_the_next_split_heading():
    deck = parse_markdown("## A\n\nshown\n\n<!-- notes -->\nsecret\n\n## B\n\nalso shown\n")
    assert titles(deck) == ["A", "B"]
    assert deck.slides[0].notes == "secret"
    assert kinds(deck.slides[1]) == ["Paragraph"]


def test_inline_br_is_a_line_break_and_other_inline_html_is_reported():
    deck = parse_markdown("# S\n\none<br>two <b>three</b>\n")
    assert plain(deck.slides[0].blocks[0].content) == "one\ntwo three"
    assert [(r.line, r.text, r.reason) for r in deck.removed] == [(3, "<b>", "ignored HTML"), (3, "</b>", "ignored HTML")]

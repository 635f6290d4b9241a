"""The Markdown deck parser: each construct, each slide-break rule, peers' deck styles, errors."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SLIDES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presenter.cli import cli
from presenter.errors import PresenterError
from presenter.export.markdown import export_markdown
from presenter.export.text import export_text
from presenter.fit import fit_slide
from presenter.model import BulletList, Code, Footnote, Heading, Image, Lines, NumberedList, Paragraph, Pause, Quote, Span, Table, plain
from presenter.render.console import fixed_console
from presenter.render.slide import SlideRenderable, pause_count
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


def test_a_title_field_written_as_nested_keys_is_named_not_dropped_silently(tmp_path):
    deck = tmp_path / "talk.md"
    deck.write_text("---\ntitle: Talk\nsubtitle:\n  text: Why\n  size: 2\n---\n\n# One\n\nx\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(deck), "-o", str(tmp_path / "talk.txt")])
    assert result.exit_code == 0
    assert "talk.md:3: front matter subtitle: nested keys are not text; the title slide leaves them out" in result.stderr
    article = tmp_path / "talk.txt"
    article.write_text("---\ntitle: Talk\nauthors:\n  - name: Ada\n---\n\nA lede.\n\n# One\n\nText of the section.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(article)])
    assert "warning: line 3: front matter authors: nested keys are not text" in result.stdout


def test_settings_that_are_not_settings_are_named_not_ignored_silently(tmp_path):
    deck = tmp_path / "talk.md"
    deck.write_text("---\ntitle: Talk\noptions: 3\n---\n\n# One\n\nx\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(deck)])
    assert "warning: line 3: front matter options: not a list of `name: value` settings; ignored" in result.stdout


def test_front_matter_without_presentation_keys_makes_no_title_slide():
    deck = parse_markdown("---\ntheme: dark\n---\n\n# Only\n\ntext\n")
    assert [s.is_title for s in deck.slides] == [False]


def test_broken_front_matter_names_its_line():
    with pytest.raises(PresenterError) as error:
        parse_markdown("---\ntitle: Fine\nthis is not a key value line\n---\n\n# S\n", source=Path("deck.md"))
    assert error.value.line == 3
    assert str(error.value).startswith("deck.md:3: ")


def test_a_first_rule_never_closed_is_a_slide_break_not_front_matter():
    text = "---\ntitle: Never closed\n\n# S\n\ntext\n\n<!-- end_slide -->\n\n# T\n"
    deck = parse_markdown(text, source=Path("deck.md"), flavor="commonmark")
    assert titles(deck) == ["title: Never closed", "T"]
    assert kinds(deck.slides[0]) == ["Paragraph", "Heading", "Paragraph"]
    assert deck.meta == {}


def test_a_first_rule_never_closed_in_a_presenterm_deck_is_a_rule_not_front_matter():
    deck = parse_markdown("---\ntitle: Never closed\n\n# S\n\ntext\n\n<!-- end_slide -->\n\n# T\n", source=Path("deck.md"))
    assert titles(deck) == ["title: Never closed", "T"]
    assert kinds(deck.slides[0]) == ["Rule", "Paragraph", "Heading", "Paragraph"]
    assert deck.meta == {}


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
    assert titles(deck) == ["Introducing presenterm", "First"]  # the title is Markdown, as in presenterm


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


def test_stat_cards_come_from_prose_never_from_code_links_or_numbers_that_name_things():
    deck = parse_markdown(
        "# Setup\n\nSet `port = 8080` as in RFC 7231.\n\n"
        "Since 2024 v2.5 listens on port 9000; call (212) 560 – 6928 or read [the 9,000 page](https://x.org/50000).\n\n"
        "- `$5 billion` is a literal, `12,000` too\n"
    )
    (slide,) = deck.slides
    assert slide.stats == ()
    assert not [span for block in slide.blocks for span in _spans(block) if "stat" in span.styles]
    assert Span("the 9,000 page", (), "https://x.org/50000") in slide.blocks[1].content


def test_a_stat_card_beside_code_keeps_its_sentence_as_written():
    deck = parse_markdown("# Setup\n\nWith `cache = on` the service saved $5 billion in 2024.\n")
    (stat,) = deck.slides[0].stats
    assert stat.value == "$5 billion"
    assert stat.context == "With cache = on the service saved $5 billion in 2024."


def _spans(block) -> list[Span]:
    if isinstance(block, (BulletList, NumberedList)):
        return [span for item in block.items for span in item.content]
    return list(block.content)


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
    (image,) = deck.slides[0].blocks
    assert isinstance(image, Image) and (image.alt, image.path, image.lines) == ("A chart of growth", "img/chart.png", Lines(3, 3))
    assert image.file == str(Path.cwd() / "img" / "chart.png")  # text read without a file: relative to here
    text = export_text(deck, width=80)
    assert "A chart of growth" in text and "img/chart.png" in text


def test_lines_point_at_the_original_file_after_cleaning():
    words = "A paragraph long enough that a short run of another script is plainly foreign to it."
    text = f"# Title\n\n\x1b[31m\n免费下载\n\n{words}\n\n```\nunclosed\n"
    assert parse_markdown(text, clean=True).warnings[0].startswith("line 8: code fence")
    deck = parse_markdown(text + "```\n", clean=True)
    paragraph, code = deck.slides[0].blocks
    assert paragraph.lines == Lines(6, 6)
    assert code.lines == Lines(8, 10)
    assert [r.line for r in deck.removed] == [3, 4]


# The author wrote every character of a Markdown deck: only --clean treats a short run of
# another script as spam, as it always is in a scraped article.
GREETINGS = (
    "# Greetings around the world\n\n"
    "Saying thank you and hello is the first thing every traveller should learn to say.\n\n"
    "- Thank you in Japanese: ありがとう\n"
    "- Hello in English, the language of this whole talk\n\n"
    "```\nprint(\"hello\")\n你好\n```\n"
)


def test_a_markdown_deck_keeps_the_foreign_words_its_author_wrote(tmp_path):
    deck = tmp_path / "greetings.md"
    deck.write_text(GREETINGS, encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(deck), "--format", "text"])
    assert result.exit_code == 0, result.output
    assert "• Thank you in Japanese: ありがとう" in result.stdout
    assert "│ 你好" in result.stdout
    assert "dropped" not in result.stderr
    assert "removed nothing" in CliRunner().invoke(cli, ["check", str(deck)]).stdout


def test_clean_drops_injected_fragments_from_a_markdown_deck_and_check_reports_them(tmp_path):
    deck = tmp_path / "greetings.md"
    deck.write_text(GREETINGS, encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(deck), "--clean"])
    assert result.exit_code == 0, result.output
    assert "ありがとう" not in result.stdout and "你好" not in result.stdout
    assert "• Thank you in Japanese:" in result.stdout
    assert f"dropped 2 injected fragment(s) (line 5, 10); `presenter check --clean {deck}`" in result.stderr
    report = CliRunner().invoke(cli, ["check", "--clean", str(deck)]).stdout
    assert "line 5: 'ありがとう' (injected CJK fragment)" in report
    assert "line 10: '你好' (injected CJK fragment)" in report


def test_an_article_with_the_same_text_still_drops_the_fragments(tmp_path):
    article = tmp_path / "greetings.txt"
    article.write_text(GREETINGS, encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(article)])
    assert result.exit_code == 0, result.output
    assert "ありがとう" not in result.stdout and "你好" not in result.stdout
    assert "dropped 2 injected fragment(s)" in result.stderr


def test_control_characters_and_escapes_are_still_removed_from_a_markdown_deck():
    deck = parse_markdown("# Title\n\nPlain \x1b[31mred\x1b]0;pwned\x07 text\x07 here.\n\n```\nbell\x07\n```\n")
    out = export_text(deck, width=80)
    assert "Plain red text here." in out and "│ bell" in out
    assert not [c for c in out if c != "\n" and c < " "]
    assert [(r.line, r.reason) for r in deck.removed] == [(3, "control characters"), (6, "control characters")]


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


def shown_at(slide, step: int, width: int = 40) -> str:
    """What ``slide`` shows at pause ``step``, as plain text."""
    console = fixed_console(width)
    lines = SlideRenderable(slide, step=step).lines(console, console.options.update(width=width))
    return "\n".join("".join(segment.text for segment in line).rstrip() for line in lines)


def test_incremental_lists_reveal_one_item_per_step_and_keep_numbers():
    deck = parse_markdown(
        "# I\n\n<!-- incremental_lists: true -->\n\n2. two\n3. three\n4. four\n\n- x\n- y\n\n"
        "<!-- incremental_lists: false -->\n\n- p\n- q\n"
    )
    slide = deck.slides[0]
    assert kinds(slide) == ["NumberedList", "BulletList", "BulletList"]
    assert [block.reveal for block in slide.blocks] == [True, True, False]
    assert [item.number for item in slide.blocks[0].items] == [2, 3, 4]
    steps = [shown_at(slide, step) for step in range(pause_count(slide) + 1)]
    assert ["four" in shown for shown in steps] == [False, False, True, True]
    assert ["x" in shown.split() for shown in steps] == [False, False, True, True]
    assert ["• y" in shown for shown in steps] == [False, False, False, True]
    assert "p" in steps[3].split() and "p" not in steps[2].split()  # what follows waits for the last item


def test_incremental_lists_end_with_the_slide():
    deck = parse_markdown("# A\n\n<!-- incremental_lists: true -->\n\n- a\n- b\n\n---\n\n# B\n\n- c\n- d\n")
    assert kinds(deck.slides[1]) == ["BulletList"]


def test_other_tools_commands_and_unknown_comments_are_ignored_and_reported():
    deck = parse_markdown(
        "# S\n\n<!-- column_layout: [1, 2] -->\n<!-- column: 0 -->\ntext\n<!-- reset_layout -->\n"
        "<!-- jump_to_middle -->\n<!-- new_lines: 2 -->\n<!-- font_size: 2 -->\n<!-- just a remark -->\n"
    )
    assert kinds(deck.slides[0]) == ["Columns", "Space", "Space"]  # presenterm's columns, jump_to_middle and new_lines are read
    reasons = [(r.line, r.reason) for r in deck.removed]
    assert reasons == [
        (9, "not supported yet: font_size"),
        (10, "ignored comment"),
    ]
    assert "column" not in export_text(deck, width=80)


def test_unclosed_comment_is_an_error_rather_than_swallowing_the_deck():
    with pytest.raises(PresenterError) as error:
        parse_markdown("# S\n\ntext\n\n<!-- pause\n\n# More slides\n")
    assert error.value.line == 5


# --------------------------------------------------------------------------- errors


def test_unclosed_code_fence_runs_to_the_end_of_the_deck_with_a_warning():
    deck = parse_markdown("# S\n\ntext\n\n```python\nprint(1)\n\n---\n\n# Not a slide\n", source=Path("talk.md"))
    assert [slide.title for slide in deck.slides] == ["S"]
    assert deck.slides[0].blocks[-1] == Code("print(1)\n\n---\n\n# Not a slide", "python", lines=Lines(5, 10))
    assert deck.warnings == ("line 5: code fence '```' is never closed; it runs to the end of its block",)


def test_unclosed_fence_inside_a_list_item_or_quote_ends_with_it():
    deck = parse_markdown("# S\n\n- item\n\n  ~~~~\n  code\n  ~~~\n\nafter\n\n> ```\n> quoted\n\nlast\n")
    items, after, quote, last = deck.slides[0].blocks
    assert items.items[0].children == (Code("code\n~~~", None, lines=Lines(5, 7)),)
    assert quote.children == (Code("quoted", None, lines=Lines(11, 12)),)
    assert (plain(after.content), plain(last.content)) == ("after", "last")
    assert [w.split(":")[0] for w in deck.warnings] == ["line 5", "line 11"]


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
    assert sum(pause_count(s) for s in deck.slides) == pauses  # key presses within slides
    export_text(deck, width=80)


def test_presenterm_deck_details():
    deck = parse_markdown(PRESENTERM)
    assert titles(deck) == ["Introducing presenterm", "Headers", "Code highlighting", "Lists"]
    assert deck.slides[1].notes == "Remember to smile"
    assert deck.removed == ()  # its column layout is read
    assert kinds(deck.slides[2]) == ["Code", "Columns"]
    assert kinds(deck.slides[3]) == ["BulletList"] and deck.slides[3].blocks[0].reveal  # an item a key press
    assert pause_count(deck.slides[3]) == 1


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


@settings(max_examples=int(os.environ.get("PRESENTER_EXAMPLES", "40")), deadline=None)
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


def test_check_warns_of_an_unclosed_fence_and_export_keeps_its_code(tmp_path):
    from presenter.cli import cli

    deck = tmp_path / "open.md"
    deck.write_text("# S\n\n```\ncode\n", encoding="utf-8")
    exported = CliRunner().invoke(cli, ["export", str(deck)])
    assert exported.exit_code == 0 and "│ code" in exported.output
    checked = CliRunner().invoke(cli, ["check", str(deck)])
    assert "line 3: code fence '```' is never closed" in checked.output


def test_unclosed_notes_end_at_the_next_split_heading():
    deck = parse_markdown("## A\n\nshown\n\n<!-- notes -->\nsecret\n\n## B\n\nalso shown\n")
    assert titles(deck) == ["A", "B"]
    assert deck.slides[0].notes == "secret"
    assert kinds(deck.slides[1]) == ["Paragraph"]


def test_inline_br_is_a_line_break_and_other_inline_html_is_reported():
    deck = parse_markdown("# S\n\none<br>two <b>three</b>\n")
    assert plain(deck.slides[0].blocks[0].content) == "one\ntwo three"
    assert [(r.line, r.text, r.reason) for r in deck.removed] == [(3, "<b>", "ignored HTML"), (3, "</b>", "ignored HTML")]


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("First line<br>\nsecond line<br/>\nthird line", "First line\nsecond line\nthird line"),
        ("one<br> two", "one\ntwo"),
        ("kept<br>&nbsp;&nbsp;indent", "kept\n\xa0\xa0indent"),
        ("a  \n   b", "a\nb"),
    ],
)
def test_a_line_after_a_break_starts_at_its_first_word(line: str, shown: str) -> None:
    # before: "First line<br>" then a new line in the source showed " second line", a space in front
    deck = parse_markdown(f"# S\n\n{line}\n")
    assert plain(deck.slides[0].blocks[0].content) == shown


# --------------------------------------------------------------------------- nesting, GFM


def test_a_quote_holds_lists_code_headings_and_quotes_as_commonmark_nests_them():
    deck = parse_markdown("# S\n\n> # Foo\n> - a\n> - b\n>\n> ```\n> code\n> ```\n>\n> > inner\n")
    quote = deck.slides[0].blocks[0]
    assert quote.content == () and [type(b).__name__ for b in quote.children] == ["Heading", "BulletList", "Code", "Quote"]
    out = export_text(deck, width=40)
    assert "▌ • a\n▌ • b" in out and "▌ ▌ “inner”" in out and "▌ │ code" in out


def test_ordered_lists_number_from_their_start_as_commonmark_does():
    deck = parse_markdown("# S\n\n1. one\n1. two\n1. three\n\n- x\n\n7. seven\n3. eight\n")
    first, _, second = deck.slides[0].blocks
    assert [item.number for item in first.items] == [1, 2, 3]
    assert [item.number for item in second.items] == [7, 8]


def test_html_blocks_show_their_text_with_tags_left_out_and_check_lists_them():
    deck = parse_markdown('# S\n\n<div class="x">\n  <b>Hello</b> &amp; welcome\n</div>\n\n<script>alert(1)</script>\n')
    assert [plain(b.content) for b in deck.slides[0].blocks] == ["Hello & welcome"]
    assert [(r.line, r.reason) for r in deck.removed] == [(3, "HTML tags left out, their text shown"), (7, "ignored HTML")]
    assert titles(parse_markdown("<p>Only HTML here</p>\n")) == ["Only HTML here"]


def test_gfm_alerts_are_titled_callouts_and_task_lists_show_their_boxes():
    deck = parse_markdown("# S\n\n> [!WARNING]\n> Mind the gap.\n\n- [ ] to do\n- [x] done\n")
    alert, tasks = deck.slides[0].blocks
    assert (alert.alert, plain(alert.content)) == ("warning", "Mind the gap.")
    assert [(item.checked, plain(item.content)) for item in tasks.items] == [(False, "to do"), (True, "done")]
    out = export_text(deck, width=40)
    assert "▌ ⚠ Warning\n▌ Mind the gap." in out and "• ☐ to do\n• ☑ done" in out


def test_footnotes_are_gathered_at_the_foot_of_the_slide_that_refers_to_them():
    deck = parse_markdown("# A\n\nClaim[^1].\n\n---\n\n# B\n\nMore[^n] and[^1].\n\n[^1]: The first note.\n[^n]: A *source*.\n")
    first, second = deck.slides
    assert [b.label for b in first.blocks if isinstance(b, Footnote)] == ["1"]
    assert [b.label for b in second.blocks if isinstance(b, Footnote)] == ["n", "1"]
    out = export_text(deck, width=60)
    assert "More[n] and[1].\n\n[n] A source.\n\n[1] The first note." in out
    markdown = export_markdown(deck)
    assert "More[^n] and[^1]." in markdown and "[^n]: A *source*." in markdown
    assert [plain(b.content) for b in parse_markdown(markdown).slides[1].blocks] == ["More[n] and[1].", "A source.", "The first note."]


def test_a_slide_titled_by_its_number_counts_the_title_slide_before_it():
    deck = parse_markdown("---\ntitle: T\n---\n\n![](a.png)\n\n---\n\n![](b.png)\n")
    assert titles(deck) == ["T", "Slide 2", "Slide 3"]


def test_span_colours_as_presenterm_writes_them_colour_the_text_and_read_back():
    deck = parse_markdown('# C\n\nSome <span style="color: red">red **bold**</span>, <span style="color: nope">kept</span>.\n')
    spans = deck.slides[0].blocks[0].content
    assert [(s.text, s.styles) for s in spans if "color:red" in s.styles] == [("red ", ("color:red",)), ("bold", ("color:red", "bold"))]
    assert plain(spans) == "Some red bold, kept."  # an unknown colour: its text, uncoloured
    from presenter.export.ansi import export_ansi

    assert "\x1b[31mred" in export_ansi(deck, width=60)
    markdown = export_markdown(deck)
    assert '<span style="color: red">red **bold**</span>' in markdown
    assert [b.content for b in parse_markdown(markdown).slides[0].blocks] == [b.content for b in deck.slides[0].blocks]


def test_span_background_colours_and_nested_spans_keep_every_colour():
    deck = parse_markdown('# C\n\n<span style="color: blue; background-color: black">x</span> <span style="color: red">a <span style="background-color: #00ff00">b</span></span>\n')
    spans = {s.text.strip(): s.styles for s in deck.slides[0].blocks[0].content if s.text.strip()}
    assert spans == {"x": ("color:blue", "bgcolor:black"), "a": ("color:red",), "b": ("color:red", "bgcolor:#00ff00")}
    back = parse_markdown(export_markdown(deck)).slides[0].blocks[0].content
    assert {s.text.strip(): s.styles for s in back if s.text.strip()} == spans


def test_a_revealed_list_shows_nested_items_one_key_press_each_without_gaps():
    deck = parse_markdown("# S\n\n<!-- incremental_lists: true -->\n\n- a\n  - a1\n- b\n")
    slide = deck.slides[0]
    assert [shown_at(slide, step).split("\n")[3:] for step in range(pause_count(slide) + 1)] == [
        ["• a"], ["• a", "  ◦ a1"], ["• a", "  ◦ a1", "• b"]
    ]


def test_single_and_double_tildes_strike_through_as_github_does():
    content = parse_markdown("# S\n\n~one~ and ~~two~~ but ~~~three~~~\n").slides[0].blocks[0].content
    assert [span.text for span in content if "strike" in span.styles] == ["one", "two"]
    assert plain(content) == "one and two but ~~~three~~~"

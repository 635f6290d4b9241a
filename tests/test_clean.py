"""The cleaner: injected foreign-script fragments and control sequences go, nothing else does."""

from __future__ import annotations

import pytest

from presenter.clean import clean_text, strip_controls
from presenter.export.text import export_text
from presenter.sources import parse_text
from tests.conftest import FIXTURES, SEED

SPAM = {13: "上海神女论坛", 21: "爱上海论坛", 29: "上海夜网论坛"}


def kept_text(text: str) -> str:
    return "\n".join(line for _, line in clean_text(text).lines)


def test_seed_fragments_are_removed_and_reported_with_line_numbers(seed_text: str) -> None:
    cleaned = clean_text(seed_text)
    assert {(r.line, r.text) for r in cleaned.removed} == set(SPAM.items())
    assert all("injected" in r.reason and "CJK" in r.reason for r in cleaned.removed)
    assert [r.line for r in cleaned.removed] == sorted(SPAM)
    body = kept_text(seed_text)
    for fragment in SPAM.values():
        assert fragment not in body
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in body)


def test_seed_lines_keep_their_numbers(seed_text: str) -> None:
    lines = dict(clean_text(seed_text).lines)
    raw = seed_text.split("\n")
    assert 13 not in lines  # the fragment was alone on its line
    for number in (1, 12, 14, 36, 38):
        assert lines[number] == raw[number - 1]


def test_fragment_glued_to_a_list_item_leaves_the_list_item(seed_text: str) -> None:
    lines = dict(clean_text(seed_text).lines)
    assert lines[21] == "3. U.S. technology export controls affecting semiconductor development"


def test_fragment_glued_to_a_heading_leaves_the_heading(seed_text: str) -> None:
    lines = dict(clean_text(seed_text).lines)
    assert lines[29] == "Global Tech Giants Betting on Shanghai"


def test_fragment_glued_to_the_end_of_a_sentence_is_removed() -> None:
    english = "The second line is a longer sentence in plain English, so the document is English.\n"
    cleaned = clean_text("The city grew fast.上海夜网论坛\n" + english * 3)
    assert dict(cleaned.lines)[1] == "The city grew fast."
    assert [(r.line, r.text) for r in cleaned.removed] == [(1, "上海夜网论坛")]


@pytest.mark.parametrize("name", ["chinese-article.txt", "russian-article.txt", "arabic-article.txt"])
def test_article_in_another_script_keeps_every_character(name: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    cleaned = clean_text(text)
    assert cleaned.removed == ()
    assert kept_text(text) == text.rstrip("\n") + "\n" * (text.endswith("\n"))
    assert cleaned.main_script != "Latin"


def test_chinese_article_with_english_words_keeps_them() -> None:
    text = (FIXTURES / "chinese-article.txt").read_text(encoding="utf-8")
    text += "\nAI\n上海与 Silicon Valley 的比较。\nSMIC 是一家半导体公司。\n"
    cleaned = clean_text(text)
    assert cleaned.removed == ()
    assert kept_text(text) == text


@pytest.mark.parametrize(
    "line",
    [
        "The sign read 上海 in large letters, and nobody could miss it.",
        "Locals call the district “陆家嘴” with some pride.",
        'Locals call the district "陆家嘴" with some pride.',
        "The tower (上海中心大厦) is the tallest in China.",
        "The tower [上海中心大厦] is the tallest in China.",
        "The Russian word «спутник» entered English in 1957.",
        "The slogan 「海纳百川」 is everywhere.",
        "Its name, Москва, comes from the river.",
    ],
)
def test_foreign_words_inside_an_english_sentence_are_kept(line: str) -> None:
    text = f"An English Article\nThe first paragraph is in English.\n{line}\nAnother sentence in English.\n"
    cleaned = clean_text(text)
    assert cleaned.removed == ()
    assert dict(cleaned.lines)[3] == line


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("Plain \x1b[31mred\x1b[0m text", "Plain red text"),
        ("Bold \x1b[1;38;2;255;0;0mrgb\x1b[m end", "Bold rgb end"),
        ("A \x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ here", "A link here"),
        ("A \x1b]8;;http://evil.example\x07link\x1b]8;;\x07 here", "A link here"),
        ("Title\x1b]0;pwned\x07 set", "Title set"),
        ("Title\x1b]2;pwned\x1b\\ set", "Title set"),
        ("Move\x1b[2J\x1b[H\x1b[10;20f cursor", "Move cursor"),
        ("Save\x1b7 and restore\x1b8 cursor", "Save and restore cursor"),
        ("Reset\x1bc here", "Reset here"),
        ("Bell\x07 and backspace\x08 and NUL-free", "Bell and backspace and NUL-free"),
        ("Del\x7fete me", "Delete me"),
        ("C1 \x85next \x9b31mCSI\x9b0m", "C1 next CSI"),
        ("8-bit OSC \x9d0;pwned\x07 here", "8-bit OSC  here"),
        ("DCS \x1bPq#0;2;0;0;0\x1b\\ done", "DCS  done"),
        ("Vertical\x0btab and form\x0cfeed", "Verticaltab and formfeed"),
    ],
)
def test_escape_sequences_and_control_characters_are_removed(raw: str, kept: str) -> None:
    assert strip_controls(raw) == kept
    cleaned = clean_text(f"First line.\n{raw}\nLast line.\n")
    assert dict(cleaned.lines)[2] == kept
    assert [r.line for r in cleaned.removed] == [2]
    assert cleaned.removed[0].reason == "control characters"


def test_control_removal_report_shows_what_was_removed() -> None:
    cleaned = clean_text("Plain \x1b[31mred\x1b[0m text\n")
    report = cleaned.removed[0].text
    assert "\x1b" not in report  # the report itself is safe to print
    assert "\\x1b[31m" in report


def test_tabs_are_kept_and_windows_line_endings_do_not_count_as_controls() -> None:
    cleaned = clean_text("Tab\there.\r\nNext line.\r\n")
    assert dict(cleaned.lines)[1] == "Tab\there."
    assert cleaned.removed == ()


def test_controls_are_removed_from_the_text_export() -> None:
    deck = parse_text("Lede \x1b[31mred\x1b[0m.\n\nSection\x07 Title\nBody \x1b]0;x\x07text\x7f here.\n")
    out = export_text(deck, width=80)
    assert "\x1b" not in out
    assert all(ch == "\n" or ch >= " " for ch in out)
    assert "Lede red." in out
    assert "Section Title" in out
    assert "Body text here." in out


@pytest.mark.parametrize(
    "markup",
    ["[bold red]x[/]", "[link=http://e]y[/link]", "[/]", "[red]", ":smile:", "[b]unclosed"],
)
def test_text_that_looks_like_rich_markup_is_kept_literally(markup: str) -> None:
    text = f"A Title Line\nThe text says {markup} and goes on.\n\nHeading {markup}\nMore text with {markup} in it.\n"
    cleaned = clean_text(text)
    assert cleaned.removed == ()
    assert kept_text(text) == text
    out = export_text(parse_text(text), width=80)
    assert f"The text says {markup} and goes on." in out
    assert f"More text with {markup} in it." in out


def test_seed_file_is_unchanged() -> None:
    # The seed is the user's article with three injected fragments; tests depend on it.
    text = SEED.read_text(encoding="utf-8")
    assert text.count("\n") == 37
    assert all(fragment in text for fragment in SPAM.values())

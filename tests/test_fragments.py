"""Injected fragments at any edge of a line: after a sentence, a number or a word, in a
heading, a list item, a paragraph or a table cell. A document in the fragment's own script,
and foreign words an author meant, keep every character."""

from __future__ import annotations

import os
import re

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from presenter.cli import cli
from presenter.clean import clean_text
from presenter.sources import parse_text
from tests.conftest import FIXTURES

ARTICLES = FIXTURES / "articles"
ENGLISH = "An English Article\nThe first paragraph is in English, and so is the whole document.\n\n"
TAIL = "\n\nAnother paragraph in plain English closes the article.\n"

SETTINGS = settings(
    max_examples=int(os.environ.get("PRESENTER_EXAMPLES", "150")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def cleaned_line(line: str, following: str = "") -> tuple[str, list[tuple[int, str]]]:
    """``line`` as the third line of an English document, cleaned, and what was removed."""
    text = ENGLISH + line + ("\n" + following if following else "") + TAIL
    cleaned = clean_text(text)
    kept = dict(cleaned.lines).get(4, "")
    removed = [(r.line, r.text) for r in cleaned.removed]
    assert all(r.reason.startswith("injected ") and r.reason.endswith(" fragment") for r in cleaned.removed)
    return kept, removed


def cli_run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


# -- the lines the issue saw slip through ------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kept", "fragment"),
    [
        ("Water ran off the crater rim into a shallow basin below. 上海419论坛", "Water ran off the crater rim into a shallow basin below.", "上海419论坛"),
        ("- 1/4 cup packed brown sugar 上海千花网", "- 1/4 cup packed brown sugar", "上海千花网"),
        ("For an inspection, please call (212) 560 – 6928 夜上海论坛", "For an inspection, please call (212) 560 – 6928", "夜上海论坛"),
    ],
)
def test_fragments_the_issue_saw_are_removed(line: str, kept: str, fragment: str) -> None:
    assert cleaned_line(line) == (kept, [(4, fragment)])


# -- every block type, every edge ----------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kept", "fragments"),
    [
        # paragraphs: after sentence-final punctuation, a number, a word; digits inside a run
        ("The city grew fast.上海夜网论坛", "The city grew fast.", ["上海夜网论坛"]),
        ("The park opened in 2024 上海论坛", "The park opened in 2024", ["上海论坛"]),
        ("Prices rose sharply 上海419论坛", "Prices rose sharply", ["上海419论坛"]),
        ("Prices rose sharply上海千花网", "Prices rose sharply", ["上海千花网"]),
        ("上海419论坛 The city grew fast.", "The city grew fast.", ["上海419论坛"]),
        ("Fees rose to 40 rubles. Москва спам", "Fees rose to 40 rubles.", ["Москва спам"]),
        # headings
        ("Global Tech Giants 上海夜网论坛", "Global Tech Giants", ["上海夜网论坛"]),
        ("## Regolith 上海419论坛", "## Regolith", ["上海419论坛"]),
        ("# 上海论坛 Regolith", "# Regolith", ["上海论坛"]),
        # list items, at either end, behind any marker
        ("- Special tax incentives 上海千花网", "- Special tax incentives", ["上海千花网"]),
        ("  * nested item 上海千花网", "  * nested item", ["上海千花网"]),
        ("3. Bake for 12 minutes 上海千花网", "3. Bake for 12 minutes", ["上海千花网"]),
        ("- 上海千花网 1/4 cup sugar", "- 1/4 cup sugar", ["上海千花网"]),
        ("爱上海论坛 3. U.S. export controls", "3. U.S. export controls", ["爱上海论坛"]),
        # quotes
        ("> He said so. 上海论坛", "> He said so.", ["上海论坛"]),
        ("“We will grow,” says Dr. Li. 上海论坛", "“We will grow,” says Dr. Li.", ["上海论坛"]),
        # table cells: each cell's edges are a line's edges
        ("| a | b 上海419论坛 |", "| a | b |", ["上海419论坛"]),
        ("| 上海论坛 Shanghai | 24 million |", "| Shanghai | 24 million |", ["上海论坛"]),
        ("| Tokyo 上海论坛 | 37 million 夜上海论坛 |", "| Tokyo | 37 million |", ["上海论坛", "夜上海论坛"]),
        ("上海论坛 | a | b |", "| a | b |", ["上海论坛"]),
        # both ends of one line
        ("上海论坛 The city grew fast. 夜上海论坛", "The city grew fast.", ["上海论坛", "夜上海论坛"]),
    ],
)
def test_fragments_at_any_edge_of_any_block_are_removed(line: str, kept: str, fragments: list[str]) -> None:
    assert cleaned_line(line) == (kept, [(4, fragment) for fragment in fragments])


@pytest.mark.parametrize(
    ("line", "following"),
    [
        # inside a sentence, in brackets or quotes: what the promise of test_clean.py keeps
        ("The 上海 office opened in 2020 and grew fast.", ""),
        ("The office in Shanghai (上海)", ""),
        ("The tower (上海中心大厦) is the tallest in China.", ""),
        ("Locals call the district “陆家嘴”", ""),
        ('Locals call the district "陆家嘴"', ""),
        ("The Russian word «спутник»", ""),
        # a bracket or quotation left open to the next line
        ("The tower (上海中心大厦", "is the tallest in China)."),
        ("The slogan “海纳百川", "is everywhere”."),
        # a sentence wrapped after a foreign word goes on in lowercase
        ("Locals call the district 陆家嘴", "with some pride."),
        ("- Locals call the district 陆家嘴", "  with some pride."),
        ("上海 office hours are short.", ""),
        # after a comma, a dash or another mark: a name and its translation, a code comment
        ("Its name, Москва", ""),
        ("Shanghai – 上海", ""),
        ("Shanghai / 上海", ""),
        ("x = 1  # 注释文字", ""),
        # a line opening with a quotation mark: only a finished sentence ends it
        ("“This is the future,” says 李伟", ""),
        # nothing of the document's own to be glued to: a list of names, a column of names
        ("- 上海", ""),
        ("- 上海中心大厦", ""),
        ("| Shanghai | 上海 |", ""),
        ("| 上海 | 24 million |", ""),
        # one foreign letter is a symbol, and letter-like symbols are not a script
        ("The decay constant λ", ""),
        ("La 1ª edición", ""),
        ("Se vendieron 5 nº", ""),
        ("Its length is 3 µ", ""),
    ],
)
def test_foreign_words_an_author_meant_are_kept(line: str, following: str) -> None:
    assert cleaned_line(line, following) == (line, [])


def test_own_line_fragments_are_still_removed_and_a_blank_line_is_left_out() -> None:
    cleaned = clean_text(ENGLISH + "上海419论坛\nMore text here." + TAIL)
    assert 4 not in dict(cleaned.lines)
    assert [(r.line, r.text) for r in cleaned.removed] == [(4, "上海419论坛")]


def test_a_chinese_document_keeps_its_own_script_at_every_edge() -> None:
    text = (ARTICLES.parent / "chinese-article.txt").read_text(encoding="utf-8")
    text += "\n上海在2024年举办了大会。上海419论坛\n- 材料 上海千花网\n| 城市 | 上海 |\n请致电 (212) 560 – 6928 夜上海论坛\n"
    cleaned = clean_text(text)
    assert cleaned.removed == ()
    assert "\n".join(line for _, line in cleaned.lines) == text


def test_a_wrapped_chinese_sentence_keeps_a_russian_word_at_its_line_end() -> None:
    text = (ARTICLES.parent / "chinese-article.txt").read_text(encoding="utf-8")
    text += "\n俄罗斯的首都是Москва\n也是一座很大的城市。\n"
    assert clean_text(text).removed == ()


# -- seen by the user: check and export ----------------------------------------------------


def test_check_lists_each_fragment_with_its_line_number() -> None:
    out = cli_run("check", str(ARTICLES / "flooded-basements.txt"))
    assert "line 4: '上海419论坛' (injected CJK fragment)" in out
    assert "line 9: '夜上海论坛' (injected CJK fragment)" in out
    assert "removed 2:" in out
    out = cli_run("check", str(ARTICLES / "brown-sugar-cookies.txt"))
    assert "line 5: '上海千花网' (injected CJK fragment)" in out


def test_export_shows_the_lines_without_their_fragments_and_keeps_meant_foreign_words() -> None:
    out = cli_run("export", str(ARTICLES / "flooded-basements.txt"), "--format", "text")
    assert not re.search("论坛|千花网", out)
    assert "into a shallow basin below." in out
    assert "please call (212) 560 – 6928\n" in out
    assert "The 上海 office of the insurer" in out
    assert "office in Shanghai (上海)" in out
    out = cli_run("export", str(ARTICLES / "brown-sugar-cookies.txt"), "--format", "text")
    assert "• 1/4 cup packed brown sugar\n" in out


def test_a_markdown_table_loses_a_fragment_in_a_cell_only_when_asked(tmp_path) -> None:
    deck = tmp_path / "cities.md"
    deck.write_text(
        "# Cities\n\nThe largest cities of the region, by people living there.\n\n"
        "| City | People |\n|------|--------|\n| Shanghai | 24 million 上海419论坛 |\n| Suzhou | 13 million |\n",
        encoding="utf-8",
    )
    assert "上海419论坛" in cli_run("export", str(deck))
    out = cli_run("export", str(deck), "--clean")
    assert "上海419论坛" not in out
    assert re.search(r"\nShanghai +24 million\n", out)
    assert "line 7: '上海419论坛' (injected CJK fragment)" in cli_run("check", str(deck), "--clean")


# -- properties -----------------------------------------------------------------------------

_CHINESE = "上海北京广州深圳城市发展科技公司论坛大学研究人工智能经济"
_SCRIPTS = {
    "Chinese": (_CHINESE, "。，！？：；、（）「」《》"),
    "Cyrillic": ("абвгдежзийклмнопрстуфхцчшщыэюяАБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ", ".,!?:;()«»—–-"),
    "Arabic": ("ابتثجحخدذرسشصضطظعغفقكلمنهوي\u064b\u064e\u064f\u0650\u0651", "،؛؟.!:()«»—-٠١٢٣٤٥٦٧٨٩"),
    "Latin": ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüñßçøåªº", ".,!?:;()\"'“”«»—–-/"),
}
_NUMBERS = st.one_of(
    st.integers(0, 10**7).map(str),
    st.builds(lambda a, b: f"{a}.{b}", st.integers(0, 999), st.integers(0, 99)),
    st.builds(lambda a, b, c: f"({a}) {b} – {c}", st.integers(100, 999), st.integers(100, 999), st.integers(1000, 9999)),
    st.just("1/4"),
    st.just("34%"),
)
_MARKERS = st.sampled_from(["", "", "", "- ", "* ", "1. ", "## ", "> ", "| "])


@st.composite
def _one_script_document(draw) -> str:
    letters, punctuation = _SCRIPTS[draw(st.sampled_from(sorted(_SCRIPTS)))]
    word = st.text(st.sampled_from(letters), min_size=1, max_size=8)
    token = st.one_of(word, word, word, _NUMBERS, st.text(st.sampled_from(punctuation), min_size=1, max_size=2))
    glue = st.sampled_from([" ", " ", " ", ""])

    def line() -> str:
        tokens = draw(st.lists(token, min_size=1, max_size=10))
        text = tokens[0] + "".join(draw(glue) + t for t in tokens[1:])
        marker = draw(_MARKERS)
        return marker + text + (" |" if marker == "| " else "")

    lines = draw(st.lists(st.one_of(st.builds(line), st.just("")), min_size=1, max_size=12))
    return "\n".join(lines)


@SETTINGS
@given(_one_script_document())
@example("上海419论坛。上海419论坛\n- 材料 上海千花网\n| 城市 上海419论坛 |")
@example("Москва 2024 Москва\n- пункт Москва")
@example("مرحبا بكم 2024 مرحبا")
@example("La 1ª edición 2024 nº")
def test_cleaning_never_drops_a_character_of_a_document_in_one_script(text: str) -> None:
    cleaned = clean_text(text)
    assert cleaned.removed == ()
    assert "\n".join(line for _, line in cleaned.lines) == text
    deck = None
    try:
        deck = parse_text(text)
    except Exception as error:  # an empty document has nothing to present
        assert "has no text to present" in str(error)
    if deck is not None:
        assert not [r for r in deck.removed if r.reason.startswith("injected")]


_ENGLISH_WORDS = st.sampled_from(
    "the city grew fast and its tech sector now accounts for over of GDP up from just a decade ago "
    "Shanghai Beijing SMIC cup sugar packed brown flour call please".split()
)
_ENDINGS = st.sampled_from([".", "!", "?", ":", ")", "”", " 2024", " (212) 560 – 6928", " 12", ""])
_FRAGMENTS = st.sampled_from(["上海419论坛", "上海千花网", "夜上海论坛", "爱上海论坛", "上海夜网论坛", "上海神女论坛"])


@SETTINGS
@given(st.lists(_ENGLISH_WORDS, min_size=2, max_size=12), _ENDINGS, st.sampled_from(["", "- ", "1. ", "## "]), _FRAGMENTS, st.sampled_from([" ", ""]))
@example(["water", "ran", "into", "a", "shallow", "basin", "below"], ".", "", "上海419论坛", " ")
def test_a_fragment_at_the_end_of_any_english_line_goes_and_the_line_stays_as_written(
    words: list[str], ending: str, marker: str, fragment: str, space: str
) -> None:
    body = marker + " ".join(words).capitalize() + ending
    if ending == ")":
        body = body[:-1] + " (" + words[0] + ")"
    elif ending == "”":
        body = body[:-1] + " “" + words[0] + "”"
    kept, removed = cleaned_line(body + space + fragment)
    assert (kept, removed) == (body, [(4, fragment)])

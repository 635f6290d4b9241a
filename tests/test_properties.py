"""Properties of the whole pipeline on arbitrary text: no crash, no lost word, no escape."""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from presenter.clean import strip_controls
from presenter.errors import PresenterError
from presenter.export.text import export_text
from presenter.repair import repair_text
from presenter.sources import parse_text

# PRESENTER_EXAMPLES=5000 for a deeper search than the default quick run.
SETTINGS = settings(
    max_examples=int(os.environ.get("PRESENTER_EXAMPLES", "150")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Pieces an article is made of, so examples reach headings, lists, quotes and stats.
_WORDS = st.sampled_from(
    [
        "Shanghai", "the", "city", "Tech", "Hub", "growth", "34%", "$28.7", "billion", "8,000",
        "2024", "up", "from", "18%", "says", "Dr.", "Li", "Wei,", "director", "of", "über",
        "naïve", "上海", "论坛", "Москва", "دبي", "שלום", "e\u0301", "👍🏽", "[bold]", "[/]",
        "[link=http://e]", "x", "A.", "1.", "-", "—", "“", "”", '"', "(", ")", ":", "3.14",
        "version", "v1.2.3", "#", "###", "===", "---", "*", "•", "1)", "$", "€40", "million",
    ]
)
_CONTROL = st.sampled_from(
    ["\x1b[31m", "\x1b[0m", "\x1b]8;;http://e\x1b\\", "\x1b]0;t\x07", "\x1b[2J", "\x07", "\x00",
     "\x7f", "\x85", "\x9b1m", "\r", "\t", "\x0c", "\u202e", "\u200b", "\ufeff", "\u2028"]
)
_LINE = st.lists(st.one_of(_WORDS, _WORDS, _CONTROL), max_size=14).map(" ".join)
_ARTICLE = st.lists(st.one_of(_LINE, st.just("")), min_size=1, max_size=25).map("\n".join)
_ANY_TEXT = st.one_of(
    _ARTICLE,
    st.text(max_size=400),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200).map(lambda s: s * 3),
    st.text(alphabet=st.sampled_from("ab .\n:-1#\"“"), max_size=300),
    st.builds(lambda w, n: (w + " ") * n, _WORDS, st.integers(1, 400)),  # long lines
)
_PROSE = st.one_of(_ARTICLE, st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))


def _parse(text: str):
    try:
        return parse_text(text)
    except PresenterError:
        return None


@SETTINGS
@given(_ANY_TEXT)
@example("")
@example("---\n")
@example("---\ntitle: x\n")
@example("\x1b")
@example("“")
@example("1. \n2.\n-")
@example("A\n===\n")
def test_parse_never_raises_anything_but_presenter_error(text: str) -> None:
    deck = _parse(text)
    if deck is not None:
        export_text(deck, width=80)


_ALLOWED_CONTROLS = {"\n"}


def _is_unsafe(char: str) -> bool:
    return char not in _ALLOWED_CONTROLS and unicodedata.category(char) == "Cc"


@SETTINGS
@given(_ANY_TEXT, st.sampled_from([20, 40, 80, 123]))
@example("Hello \x1b[31mred\x1b[0m world.\n\nNext Part\nText \x9d0;x\x07 here.\n", 80)
def test_export_never_contains_escapes_or_control_characters(text: str, width: int) -> None:
    deck = _parse(text)
    if deck is None:
        return
    out = export_text(deck, width=width)
    assert "\x1b" not in out
    assert not [c for c in out if _is_unsafe(c)]


# -- no word is lost ---------------------------------------------------------------------------------

_QUOTES = "\"“”„«»'‘’"
_EDGE = _QUOTES + ".,;:!?…()[]{}—–-*•#=_~`|<>/\\"


def _removed_words(deck) -> Counter[str]:
    """Words of the fragments the cleaner reports removing, and of front matter not shown."""
    words: Counter[str] = Counter()
    for removed in deck.removed:
        if removed.reason.startswith("injected"):
            words.update(_words(removed.text))
    for key, value in deck.meta:
        words.update(_words(key))
        if key not in ("title", "subtitle"):
            words.update(_words(value))
    return words


def _normal(word: str) -> str:
    """A word as the export may show it: detached punctuation and quote style do not count."""
    return unicodedata.normalize("NFC", word.strip(_EDGE))


def _words(text: str) -> Counter[str]:
    words: Counter[str] = Counter()
    for word in text.split():
        normal = _normal(word)
        if normal:
            words[normal] += 1
    return words


def _input_words(text: str) -> Counter[str]:
    text = repair_text(text).text  # text read with the wrong encoding is repaired first
    lines = [strip_controls(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return _words("\n".join(lines))


#: Rich breaks a word only when it is longer than the line it is in (at 80 columns the
#: narrowest is a list item inside a quote); shorter words wrap whole, at spaces.
LONGEST_UNBROKEN = 40


def _exported_words(out: str) -> Counter[str]:
    return _words(out)


@SETTINGS
@given(_PROSE)
@example("The Numbers\nSales reached $28.7 billion in 2024, up from 18%.\n")
@example("“Quoted words here,” says Dr. Li Wei, director of the Institute. “More words.”\n")
@example("Intro:\napples\npears\n\n")
@example("The tower (上海中心大厦) is tall.\nIt is in China.\n")
def test_every_word_of_the_input_is_in_the_text_export(text: str) -> None:
    deck = _parse(text)
    if deck is None:
        return
    out = export_text(deck, width=80)
    expected = _input_words(text) - _removed_words(deck)
    # The export adds headers and titles (repeating words), so compare as: every input
    # word appears at least as often, either as a whole word or inside a long word that
    # the renderer had to break across lines.
    shown = _exported_words(out)
    joined = re.sub(r"\s+", "", out)
    missing = {
        word: n
        for word, n in expected.items()
        if shown[word] < n and not (len(word) > LONGEST_UNBROKEN and word in joined)
    }
    assert not missing, (missing, out)


@SETTINGS
@given(_PROSE)
@example("Revenue was $1,234,567.89 in 2024 and 0.5% later; 007 agents, 1e10 and 3/4.\n")
def test_numbers_are_never_altered(text: str) -> None:
    deck = _parse(text)
    if deck is None:
        return
    out = export_text(deck, width=80)
    removed = " ".join(r.text for r in deck.removed)
    cleaned = "\n".join(strip_controls(line) for line in repair_text(text).text.replace("\r", "\n").split("\n"))
    numbers = Counter(re.findall(r"\d+(?:[.,]\d+)*", cleaned))
    numbers -= Counter(re.findall(r"\d+(?:[.,]\d+)*", removed))
    joined = re.sub(r"\s+", "", out)
    shown = Counter(re.findall(r"\d+(?:[.,]\d+)*", out))
    for number, n in numbers.items():
        assert shown[number] >= n or number in joined, (number, out)


@SETTINGS
@given(_ANY_TEXT, st.sampled_from([20, 33, 60, 80]))
@example("# " + "Long title words " * 20 + "\nText.\n", 20)
def test_no_exported_line_is_wider_than_the_width(text: str, width: int) -> None:
    deck = _parse(text)
    if deck is None:
        return
    out = export_text(deck, width=width)
    assert max(cell_len(line) for line in out.split("\n")) <= width


_TITLE_CHARS = st.characters(blacklist_categories=("Cs", "Cc"))


@given(st.text(_TITLE_CHARS, max_size=120), st.integers(1, 20000), st.integers(20, 300))
@example("上海 Tech Hub 2024", 3, 20)
@example("x" * 200, 10000, 20)
def test_a_slide_header_is_exactly_as_wide_as_the_export(title: str, number: int, width: int) -> None:
    from presenter.export.text import slide_header

    total = max(number, 12)
    header = slide_header(number, total, title, width)
    assert cell_len(header) == width or len(f"── {number}/{total} · ") + 4 > width
    assert header.startswith(f"── {number}/{total} · ") and header.endswith("─")
    shown = header[len(f"── {number}/{total} · "):].rstrip("─").removesuffix(" ")
    if cell_len(" ".join(title.split())) <= width - len(f"── {number}/{total} · ") - 4:
        assert shown == " ".join(title.split())  # a title with room is shown whole
    else:
        assert shown.endswith("…")

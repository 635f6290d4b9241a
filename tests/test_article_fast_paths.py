"""The parser's fast paths give what the plain versions give.

Each property compares a function with a simple reference implementation kept here (the
way the function was written before it was made faster), on arbitrary text.
"""

from __future__ import annotations

import math
import os
import re
import time
import tracemalloc
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from presenter import clean, paginate
from presenter.model import BulletList, NumberedList, Paragraph, Quote, Span, plain
from presenter.sources import article, stats
from presenter.sources.reading import read_source

SETTINGS = settings(
    max_examples=int(os.environ.get("PRESENTER_EXAMPLES", "200")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Text rich in what the patterns look for: figures, currency, qualifiers, sentence ends.
_PIECES = st.sampled_from(
    [
        "Sales", "rose", "12%", "$4", "US$5bn", "HK$3", "€40", "£2.5 million", "¥9", "8,000", "1,234,567",
        "2024", "3.14", "12 percent", "5 per cent", "40 million", "7k", "2bn", "300 dollars", "v1.2.3",
        "up from", "down from", "rising from", "Growing from", "increasing from", "falling from", "about", "nearly", "more than", "Only", "just", "ABOUT",
        "hover", "Some", "approximately", ".", ",", ";", ":", "!", "?", "\"", "“", "”", "(", ")",
        "A", "C", "N", "S", "U", "H", "NZ", "—", "\n", "\t", " ", "  ", "\u2028", "٣", "²", "ſ", "K",
    ]
)
_TEXT = st.one_of(
    st.lists(_PIECES, max_size=40).map(" ".join),
    st.lists(_PIECES, max_size=40).map("".join),
    st.text(max_size=200),
)


# -- stats: the lookaheads and the qualifier window change no match -------------------------------


def _without_lookahead(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` without its leading ``(?=[...])``: the pattern as it was before."""
    plain_pattern, found = re.subn(r"^\s*\(\?=\[[^\]]*\]\)", "", pattern.pattern)
    assert found == 1
    return re.compile(plain_pattern, pattern.flags)


_PLAIN_FIGURE = _without_lookahead(stats._FIGURE)
_PLAIN_CHANGE = _without_lookahead(stats._CHANGE)


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], str | None, dict]]:
    return [(m.span(), m.lastgroup, m.groupdict()) for m in pattern.finditer(text)]


@SETTINGS
@given(_TEXT)
@example("US$5bn and NZ$3 and S$1")
@example("ſome 5 ÄBOUT 4")
def test_the_figure_lookahead_changes_no_match(text: str) -> None:
    assert _matches(stats._FIGURE, text) == _matches(_PLAIN_FIGURE, text)


@SETTINGS
@given(_TEXT)
@example(", up from 5%")
@example("falling from 3%, increasing from 4, Growing from $2, rising from 1")
@example("DOWN FROM 3 and ıncreasing from 4")
def test_the_change_lookahead_changes_no_match(text: str) -> None:
    assert _matches(stats._CHANGE, text) == _matches(_PLAIN_CHANGE, text)


@SETTINGS
@given(_TEXT)
@example("revenue of more than ")
@example("hover \n")
@example("approximately\u2028")
def test_the_qualifier_is_found_near_the_end_as_in_the_whole_text(before: str) -> None:
    full = stats._QUALIFIER.search(before)
    window = stats._qualifier_before(before)
    assert (full and (full.span(), full.group(0))) == (window and (window.span(), window.group(0)))


def _reference_sentence_bounds(text: str, index: int) -> tuple[int, int]:
    start = 0
    end = len(text)
    for match in stats._SENTENCE_START.finditer(text):
        if match.end() <= index:
            start = match.end()
        elif match.start() >= index:
            end = match.start()
            break
    return start, end


@SETTINGS
@given(_TEXT, st.data())
@example("One. Two. Three.", None)
def test_sentence_bounds_by_bisection_match_the_scan(text: str, data) -> None:
    sentences = stats._Sentences(text)
    indexes = range(len(text) + 1) if data is None else [data.draw(st.integers(0, len(text)))]
    for index in indexes:
        assert sentences.around(index) == _reference_sentence_bounds(text, index)


# -- clean: the fast paths for text without controls and for ASCII text ----------------------------


@SETTINGS
@given(_TEXT)
@example("\x1b[31mred\x1b[0m")
@example("\x9b1m")
def test_strip_controls_matches_the_two_substitutions(line: str) -> None:
    assert clean.strip_controls(line) == clean._CONTROLS.sub("", clean._ESCAPES.sub("", line))


def _reference_main_script(text: str) -> tuple[str, float]:
    counts: Counter[str] = Counter()
    for char, n in Counter(text).items():
        script = clean.script_of(char)
        if script is not None:
            counts[script] += n
    if not counts:
        return "Latin", 0.0
    script, n = counts.most_common(1)[0]
    total = sum(counts.values())
    return script, (total - n) / total


@SETTINGS
@given(st.one_of(_TEXT, st.text(alphabet=st.characters(max_codepoint=127))))
@example("")
@example("123 !?")
def test_main_script_matches_counting_every_letter(text: str) -> None:
    assert clean.main_script(text) == _reference_main_script(text)


# -- paginate: rows and paragraph slices --------------------------------------------------------------


@SETTINGS
@given(_TEXT, st.integers(-3, 90))
def test_rows_of_one_line_match_the_sum_over_lines(text: str, width: int) -> None:
    width_ = max(1, width)
    expected = sum(max(1, math.ceil(len(line) / width_)) for line in text.split("\n"))
    assert paginate._rows(text, width) == expected


def _reference_slice_paragraph(block: Paragraph, start: int, end: int) -> Paragraph:
    full = plain(block.content)
    while start < end and full[start].isspace():
        start += 1
    while end > start and full[end - 1].isspace():
        end -= 1
    spans, position = [], 0
    for span in block.content:
        s, e = position, position + len(span.text)
        position = e
        lo, hi = max(s, start), min(e, end)
        if lo < hi:
            spans.append(Span(span.text[lo - s : hi - s], span.styles, span.link))
    return Paragraph(tuple(spans) or (Span(full[start:end]),), block.lines)


_SPANS = st.lists(
    st.builds(Span, st.text(alphabet=" ab.\n", max_size=6), st.sampled_from([(), ("stat",), ("bold",)])),
    min_size=1,
    max_size=12,
)


@SETTINGS
@given(_SPANS, st.data())
def test_slices_of_a_paragraph_match_slicing_each_range_alone(spans: list[Span], data) -> None:
    block = Paragraph(tuple(spans))
    length = len(plain(block.content))
    cuts = sorted(data.draw(st.lists(st.integers(0, length), max_size=6)))
    ranges = list(zip([0, *cuts], [*cuts, length]))
    expected = [_reference_slice_paragraph(block, a, b) for a, b in ranges]
    assert paginate._slice_paragraph(block, ranges) == expected
    for (a, b), piece in zip(ranges, expected):
        assert paginate.slice_paragraph(block, a, b) == piece


@SETTINGS
@given(_SPANS, st.integers(-5, 80), st.integers(-5, 80))
def test_slice_paragraph_matches_the_reference_for_any_range(spans: list[Span], start: int, end: int) -> None:
    block = Paragraph(tuple(spans))
    try:
        expected = _reference_slice_paragraph(block, start, end)
    except IndexError:
        with pytest.raises(IndexError):
            paginate.slice_paragraph(block, start, end)
        return
    assert paginate.slice_paragraph(block, start, end) == expected


# -- article: chunks, and the stat cards of a section -------------------------------------------------


def _reference_chunks(lines: tuple[tuple[int, str], ...]) -> list[list[tuple[int, str]]]:
    chunks: list[list[tuple[int, str]]] = [[]]
    for number, text in lines:
        if text.strip():
            chunks[-1].append((number, text))
        elif chunks[-1]:
            chunks.append([])
    return [chunk for chunk in chunks if chunk]


@SETTINGS
@given(st.lists(st.sampled_from(["", " ", "\t", "text", "- item", "Heading"]), max_size=30))
def test_chunks_are_the_runs_between_blank_lines(texts: list[str]) -> None:
    lines = tuple(enumerate(texts, start=1))
    assert list(article._chunks(lines)) == _reference_chunks(lines)


def _reference_stats_of(blocks) -> tuple:
    found = []
    for block in blocks:
        if isinstance(block, (BulletList, NumberedList)):
            texts = [(plain(item.content), item.lines) for item in block.items]
        elif isinstance(block, (Paragraph, Quote)):
            texts = [(plain(block.content), block.lines)]
        else:
            continue
        for text, lines in texts:
            found.extend(stats.find_stats(text, line=lines.first if lines else None))
    return tuple(found[: article.MAX_STAT_CARDS])


@SETTINGS
@given(st.lists(st.one_of(_TEXT, _TEXT.map(lambda t: "- " + t)), min_size=1, max_size=12))
def test_stats_of_a_section_are_the_first_figures_of_its_blocks(lines: list[str]) -> None:
    deck = article.parse_article("Heading\n" + "\n".join(lines))
    for slide in deck.slides:
        assert article.stats_of(slide.blocks) == _reference_stats_of(slide.blocks)


# -- reading: a small file does not allocate the whole size limit -------------------------------------


def test_reading_a_small_file_allocates_little(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    path.write_text("A short article.\n", encoding="utf-8")
    tracemalloc.start()
    try:
        assert read_source(path).text == "A short article.\n"
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000, f"reading 17 bytes allocated {peak} bytes"


@pytest.mark.parametrize("size", [0, 1, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 7])
def test_reading_in_pieces_keeps_every_byte(tmp_path: Path, size: int) -> None:
    path = tmp_path / "deck.txt"
    data = (b"word. " * (size // 6 + 1))[:size] + b"end"
    path.write_bytes(data)
    assert read_source(path).text.encode() == data


# -- long paragraphs: linear, not quadratic -----------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        # one sentence of 2,000 lines, a figure on each: a card used to cost a pass over it all
        "\n".join(f"the harbour grew by {i % 90}% and more" for i in range(2000)),
        # 6,000 sentences with 12,000 figures: sentence bounds and slicing used to rescan them
        "Revenue rose 12% to $4 billion. " * 6000,
    ],
    ids=["one-long-sentence", "many-sentences"],
)
def test_a_long_paragraph_full_of_figures_parses_quickly(body: str) -> None:
    start = time.perf_counter()
    deck = article.parse_article("Intro line.\n\nLong Section\n" + body + "\n")
    assert time.perf_counter() - start < 10, "took minutes before the parser was made linear"
    assert deck.slides[1].stats and len(deck.slides[1].stats) <= article.MAX_STAT_CARDS


def test_find_stats_lists_every_card_iter_stats_yields() -> None:
    text = "Sales rose 12% to $4 billion, up from $3 billion. About 1,200 staff joined."
    assert stats.find_stats(text, line=7) == list(stats.iter_stats(text, line=7))
    assert [s.value for s in stats.find_stats(text)] == ["12%", "$4 billion", "1,200"]

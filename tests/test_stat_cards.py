"""Stat cards an editor would choose, on a small golden set of articles (tests/fixtures/stats).

Each article's cards, as ``presenter check FILE --json`` reports them per slide, are pinned by
``<article>.cards.json`` beside it. Regenerate after an intended change with
``PRESENTER_UPDATE_GOLDEN=1 pytest tests/test_stat_cards.py`` and read the diff.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from presenter.cli import cli
from presenter.model import Stat
from presenter.sources import load_deck
from presenter.sources.stats import MAX_CARDS, choose_cards, find_figures, find_stats
from tests.conftest import FIXTURES, SEED

STATS = FIXTURES / "stats"
ARTICLES = sorted(STATS.glob("*.txt"))
MARS = STATS / "mars-fact-sheet.txt"
UNITS = {"miles", "mile", "km", "kilometers", "meters", "feet", "degrees", "percent", "%", "hours", "days", "years"}
#: Label words that name a dimension the sentence gives as an adjective ("thick", "deep").
DIMENSIONS = {"thickness": "thick", "width": "wide", "length": "long", "height": "high", "depth": "deep"}


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def cards_per_slide(path: Path) -> list[dict]:
    """``presenter check --json``'s slides, as title and cards."""
    report = json.loads(run("check", "--json", str(path)))
    return [{"slide": slide["title"], "cards": slide["stats"]} for slide in report["slides"]]


def all_cards(path: Path) -> list[Stat]:
    return [stat for slide in load_deck(path).slides for stat in slide.stats]


# -- the golden set -----------------------------------------------------------------------------------


def test_there_is_a_golden_set() -> None:
    assert {path.name for path in ARTICLES} >= {"mars-fact-sheet.txt", "quarterly-results.txt", "release-notes.txt"}


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_cards_match_the_golden_file(path: Path) -> None:
    golden = path.with_suffix(".cards.json")
    cards = cards_per_slide(path)
    if os.environ.get("PRESENTER_UPDATE_GOLDEN") == "1":
        golden.write_text(json.dumps(cards, indent=2, ensure_ascii=False) + "\n", encoding="utf-8", newline="\n")
    assert cards == json.loads(golden.read_text(encoding="utf-8"))


def test_the_seed_keeps_its_cards() -> None:
    cards = [card for slide in cards_per_slide(SEED) for card in slide["cards"]]
    assert cards == [
        {"value": "34%", "label": "of its GDP", "previous": "18%", "direction": "up"},
        {"value": "$28.7 billion", "label": "Venture capital investment"},
        {"value": "8,000", "label": "tech companies"},
        {"value": "250,000", "label": "foreign tech workers"},
        {"value": "$15 billion", "label": "investment"},
        {"value": "$500 million", "label": "AI research center"},
    ]


# -- at most three, the most telling first --------------------------------------------------------------


@pytest.mark.parametrize("path", [*ARTICLES, SEED], ids=lambda p: p.stem)
def test_at_most_three_cards_a_slide(path: Path) -> None:
    assert all(len(slide["cards"]) <= MAX_CARDS == 3 for slide in cards_per_slide(path))


def rank(stat: Stat) -> int:
    return 0 if stat.previous else 1 if stat.kind in {"money", "percent"} else 2


@pytest.mark.parametrize("path", [*ARTICLES, SEED], ids=lambda p: p.stem)
def test_changes_then_money_and_percentages_then_counts(path: Path) -> None:
    for slide in load_deck(path).slides:
        ranks = [rank(stat) for stat in slide.stats]
        assert ranks == sorted(ranks), slide.title


def test_a_busy_slide_shows_its_changes_and_money_before_its_counts() -> None:
    (results,) = [slide for slide in cards_per_slide(STATS / "quarterly-results.txt") if slide["slide"] == "Results at a Glance"]
    assert [card["value"] for card in results["cards"]] == ["$4.2 billion", "31%", "18%"]  # not 48,000 or 1,150
    assert results["cards"][0] == {"value": "$4.2 billion", "label": "revenue", "previous": "$3.6 billion", "direction": "up"}


def test_choose_cards_ranks_drops_unlabelled_and_repeated_figures_and_keeps_three() -> None:
    stats = [
        Stat("8,000", "count", "tech companies", ""),
        Stat("3,000", "count", "", ""),
        Stat("$15 billion", "money", "investment", ""),
        Stat("8,000", "count", "tech companies", ""),
        Stat("12%", "percent", "of homes", ""),
        Stat("34%", "percent", "of its GDP", "", previous="18%", direction="up"),
    ]
    assert [stat.value for stat in choose_cards(stats)] == ["34%", "$15 billion", "12%"]
    assert [stat.value for stat in choose_cards(stats[:2])] == ["8,000"]


# -- a figure and its conversion are one card ----------------------------------------------------------------


def test_a_figure_and_its_conversion_are_one_card() -> None:
    (distance,) = [slide for slide in cards_per_slide(MARS) if slide["slide"] == "Distance From the Sun"]
    assert distance["cards"] == [
        {"value": "141,633,260 miles (227,936,640 km)", "label": "average distance from the sun"},
        {"value": "128,409,598 miles (206,655,215 km)", "label": "closest approach to the sun"},
        {"value": "154,865,853 miles (249,232,432 km)", "label": "farthest point"},
    ]


def test_a_range_and_its_converted_range_are_one_card() -> None:
    (core,) = find_stats("Scientists think the core is about 1,800 and 2,400 miles in diameter (3,000 and 4,000 km).")
    assert (core.qualifier, core.value, core.label) == ("about", "1,800 and 2,400 miles (3,000 and 4,000 km)", "core diameter")


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        (
            "Average distance from the sun: 141,633,260 miles (227,936,640 km)",
            "141,633,260 miles (227,936,640 km)",
            "Average distance from the sun",
        ),
        ("Olympus Mons rises 13.6 miles (21,900 meters) above the plains.", "13.6 miles (21,900 meters)", "Olympus Mons"),
        ("Profit was £2 billion ($2.5 billion) last year.", "£2 billion ($2.5 billion)", "Profit"),
        ("Support costs $1,200 a year per node (about €1,100).", "$1,200 (about €1,100)", "Support costs"),
        ("With a radius of 2,106 miles, Mars is small.", "2,106 miles", "radius"),
    ],
)
def test_a_unit_and_a_conversion_belong_to_the_value_never_to_the_label(text: str, value: str, label: str) -> None:
    (stat,) = find_stats(text)
    assert (stat.value, stat.label) == (value, label)


def test_the_card_shows_the_figure_and_its_conversion() -> None:
    out = run("export", str(MARS), "--format", "text")
    slide = out.split("── 3/8 · ")[1].split("── 4/8")[0]
    card_lines = [line for line in slide.split("\n") if line.startswith("│")]
    assert "141,633,260 miles" in card_lines[0] and "(227,936,640 km)" in card_lines[1]
    assert "average distance from" in card_lines[2]
    assert not re.search(r"│\s+(?:miles|km)\s+│", slide)


# -- labels say what the figure measures -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The port expects the new terminal to lift capacity by 6% once the dredging work is finished.", "new terminal to lift capacity"),
        ("Revenue will grow 8% if the merger closes.", "Revenue"),
        ("Sales rose 12% when the new store opened.", "Sales"),
        ("Exports increased by 7% in March.", "Exports"),
        ("In our survey 72% of speakers said they rehearse in a terminal.", "of speakers"),
        (  # a sentence in Cyrillic starts after the full stop: the label is from the figure's own
            "Инвестиции достигли 2,5 миллиарда рублей. Число технологических компаний выросло на 15%.",
            "Число технологических компаний выросло",
        ),
    ],
)
def test_a_clause_after_the_figure_is_not_its_label(text: str, label: str) -> None:
    # "once the dredging work", "if the merger closes", "March" say when, not what
    stat = find_stats(text)[-1]
    assert stat.label == label




@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The city spent $120 million on 14 kilometres of track, and expects more riders.", "spent on 14 kilometres of track"),
        ("Investors poured $2.3 billion into the sector.", "poured into the sector"),
        ("They paid $3 million for the building.", "paid for the building"),
    ],
)
def test_money_spent_is_labelled_with_what_it_was_spent_on(text: str, label: str) -> None:
    # before: "city", "Investors poured", "paid": who spent it, not on what
    (stat,) = find_stats(text)
    assert stat.label == label


@pytest.mark.parametrize(
    "text",
    ["She earned $300,000 a year.", "We spent $1 million on it."],
)
def test_a_figure_whose_label_would_be_a_pronoun_makes_no_card(text: str) -> None:
    # before: cards labelled "She" and "it", which say nothing of what the figure is
    assert choose_cards(find_stats(text)) == ()


@pytest.mark.parametrize("text", ["Her salary was $90,000.", "It cost $4 billion."])
def test_a_label_that_starts_with_a_pronoun_is_kept(text: str) -> None:
    (card,) = choose_cards(find_stats(text))
    assert card.label in {"salary", "cost"}


@pytest.mark.parametrize("path", [*ARTICLES, SEED], ids=lambda p: p.stem)
def test_labels_are_words_of_the_sentence_never_a_bare_unit(path: Path) -> None:
    for stat in all_cards(path):
        assert stat.label.strip(), stat
        assert stat.label.lower() not in UNITS, stat
        sentence = stat.context.lower()
        for word in stat.label.lower().split():
            assert word in sentence or (word in DIMENSIONS and DIMENSIONS[word] in sentence), (word, stat)


def test_mars_labels() -> None:
    labels = {stat.value: stat.label for stat in all_cards(MARS)}
    assert labels["4,220 miles (6,791 km)"] == "Equatorial diameter"
    assert labels["1,800 and 2,400 miles (3,000 and 4,000 km)"] == "core diameter"
    assert labels["770 to 1,170 miles (1,240 to 1,880 km)"] == "rocky mantle thickness"
    assert labels["38%"] == "Surface gravity"


# -- never from a number that is not a figure ---------------------------------------------------------------

#: Numbers in the golden set that name, date or time something, per article.
NOT_FIGURES = {
    "mars-fact-sheet.txt": ["560", "6928", "2024", "0312", "2417", "2021", "1960", "3:55", "687", "24 hours"],
    "quarterly-results.txt": ["2207", "0134", "555", "884", "2210", "1987", "2024", "2025", "9:30", "4:30", "3rd", "No. 2", "120"],
    "release-notes.txt": ["9200", "8443", "65536", "10000", "2048", "30000", "12345", "4012", "1203", "31337", "5.0", "4.8", "200"],
    "sourdough-recipe.txt": ["0142", "4471", "1250", "97205", "1994", "2020", "8:00", "500 grams"],
}


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_no_card_from_phones_times_dates_ranks_list_numbers_code_or_identifiers(path: Path) -> None:
    values = " | ".join(stat.value for stat in all_cards(path))
    numbers = set(re.findall(r"\d+(?:[,.:]\d+)*", values))
    for name in NOT_FIGURES[path.name]:
        assert name not in numbers if name[0].isdigit() and name[-1].isdigit() else name not in values, name


@pytest.mark.parametrize(
    "text",
    [
        "For interviews, call the newsroom at (212) 560 – 6928 between 9 a.m. and 5 p.m. Eastern.",
        "Investor relations: Tom Becker, +1 (415) 555-0134, ext. 2207; the dial-in code is 884 2210.",
        "Call our hotline at 1-800-555-0142, or write to Recipe 4471, PO Box 1250, Portland, OR 97205.",
        "Shares opened at 9:30 a.m. on October 24, 2024; the launch is at 2330 GMT on 20240312.",
        "The retailer ranked 3rd, is No. 2 among outdoor brands and served its 10,000th customer.",
        "Set max_connections = 10000, timeout_ms=30000, chmod 0755, ulimit -n 65536 and --workers 16000.",
        "Errors are logged as QRY-4012 and E1203; see http://localhost:9200/admin?id=12345 and revision 2417.",
        "The fact sheet (document 2024-0312) was updated in March 2024.",
    ],
)
def test_numbers_that_name_date_or_time_something_are_not_figures(text: str) -> None:
    assert find_figures(text) == []
    assert find_stats(text) == []


def test_a_list_number_is_never_a_card(tmp_path: Path) -> None:
    article = tmp_path / "list.txt"
    article.write_text("Lede.\n\nSteps\nDo this:\n1000. Back up the data\n2417. Stop the server\n", encoding="utf-8")
    assert all(slide["cards"] == [] for slide in cards_per_slide(article))


def test_what_rose_or_fell_labels_the_change_and_where_it_went() -> None:
    cards = choose_cards(find_stats("Its chief executive told analysts on Thursday that revenue rose 58% in the third quarter, to €1.3 billion."))
    assert [(card.value, card.label) for card in cards] == [("58%", "revenue"), ("€1.3 billion", "revenue")]


def test_a_scale_joined_by_a_hyphen_stays_with_its_figure() -> None:
    """nature.com: 'the US$171-million telescope' made a card 'US$171' labelled '-million'."""
    (card,) = choose_cards(find_stats("Construction of the US$171-million telescope ended in 2016."))
    assert card.value == "US$171 million" and "million" not in card.label


def test_a_share_of_something_is_labelled_with_it() -> None:
    """salon.com: 'in the other 75 percent of the economy' made a card labelled 'other'."""
    (card,) = choose_cards(find_stats("But in the other 75 percent of the economy, emissions remain stubbornly flat."))
    assert card.label == "of the economy"


def test_a_hyphenated_price_and_its_conversion_are_one_card() -> None:
    """nature.com: 'The 1.2-billion-yuan (US$171-million) telescope' made a card '1.2 billion' labelled '-yuan'."""
    (card,) = choose_cards(find_stats("The 1.2-billion-yuan (US$171-million) telescope, also known as Tianyan, took half a decade to build."))
    assert (card.value, card.label) == ("1.2 billion yuan (US$171 million)", "telescope")

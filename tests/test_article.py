"""The plain-text article parser: headings, lists, quotes, stats and long sections."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from presenter.errors import PresenterError
from presenter.export.text import export_text
from presenter.fit import fit_slide
from presenter.model import BulletList, Deck, NumberedList, Paragraph, Quote, Stat, plain
from presenter.sources import load_deck, parse_text
from presenter.sources.article import parse_article
from presenter.sources.stats import find_figures, find_stats
from tests.conftest import FIXTURES, SEED

SEED_TITLES = [
    "Shanghai Tech Hub",
    "Shanghai is undergoing a remarkable metamorphosis…",
    "The Numbers Tell the Story",
    "Zhangjiang High-Tech Park: The Engine of Innovation",
    "The Talent Magnet",
    "Challenges Ahead",
    "The Municipal Government's Response",
    "Global Tech Giants Betting on Shanghai",
    "The Road Ahead",
]


@pytest.fixture(scope="module")
def seed() -> Deck:
    return load_deck(SEED)


def blocks_of(deck: Deck, kind: type) -> list:
    return [block for slide in deck.slides for block in slide.blocks if isinstance(block, kind)]


def all_stats(deck: Deck) -> list[Stat]:
    return [stat for slide in deck.slides for stat in slide.stats]


def slide(deck: Deck, title: str):
    return next(s for s in deck.slides if s.title == title)


def deck_words(deck: Deck) -> str:
    """Every word the deck shows, as one string."""
    parts = [deck.title, deck.subtitle]
    for s in deck.slides:
        parts.append(s.title)
        for block in s.blocks:
            if isinstance(block, (BulletList, NumberedList)):
                parts.extend(plain(item.content) for item in block.items)
            elif isinstance(block, Quote):
                parts.extend([plain(block.content), block.attribution or ""])
            elif isinstance(block, Paragraph):
                parts.append(plain(block.content))
    return " ".join(parts)


# -- the seed article ---------------------------------------------------------------


def test_seed_title_comes_from_the_file_name(seed: Deck) -> None:
    assert seed.title == "Shanghai Tech Hub"
    assert seed.slides[0].is_title
    assert seed.slides[0].title == "Shanghai Tech Hub"


def test_seed_subtitle_is_the_ledes_first_paragraph(seed: Deck) -> None:
    assert seed.subtitle.startswith("This in-depth article explores Shanghai's rapid transformation")
    assert seed.subtitle.endswith("future prospects in the tech industry.")
    assert seed.slides[0].subtitle == seed.subtitle


def test_seed_slide_titles_in_order(seed: Deck) -> None:
    assert [s.display_title for s in seed.slides] == SEED_TITLES
    assert all(s.part is None for s in seed.slides)


def test_seed_challenges_are_a_numbered_list(seed: Deck) -> None:
    challenges = slide(seed, "Challenges Ahead")
    lists = [b for b in challenges.blocks if isinstance(b, NumberedList)]
    assert len(lists) == 1
    items = lists[0].items
    assert [item.number for item in items] == [1, 2, 3]
    assert plain(items[0].content) == "Rising costs of living and office space"
    assert plain(items[2].content).startswith("U.S. technology")
    assert plain(items[2].content) == "U.S. technology export controls affecting semiconductor development"
    assert items[2].lines.first == 21


def test_seed_government_initiatives_are_a_bullet_list(seed: Deck) -> None:
    response = slide(seed, "The Municipal Government's Response")
    lists = [b for b in response.blocks if isinstance(b, BulletList)]
    assert len(lists) == 1
    assert len(lists[0].items) == 3
    assert plain(lists[0].items[0].content) == '"Digital Shanghai 2030" plan with $15 billion investment'


def test_seed_heading_after_fragment_is_a_slide(seed: Deck) -> None:
    giants = slide(seed, "Global Tech Giants Betting on Shanghai")
    assert giants.source_lines.first == 29
    lists = [b for b in giants.blocks if isinstance(b, BulletList)]
    assert [plain(i.content) for i in lists[0].items][1] == "Microsoft's Asia Quantum Computing Lab"


def test_seed_quotes_have_speakers_and_roles(seed: Deck) -> None:
    quotes = blocks_of(seed, Quote)
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Dr. Li Wei", "director of the Shanghai Advanced Research Institute"),
        ("Mark Johnson", "tech analyst"),
    ]
    assert plain(quotes[0].content).startswith("Shanghai offers what no other Chinese city can")
    assert plain(quotes[0].content).endswith("except San Francisco.")
    assert quotes[0].attribution == "says Dr. Li Wei, director of the Shanghai Advanced Research Institute"
    assert quotes[1].attribution == "says tech analyst Mark Johnson"


def test_seed_stats(seed: Deck) -> None:
    stats = {stat.value: stat for stat in all_stats(seed)}
    assert set(stats) == {"34%", "$28.7 billion", "8,000", "250,000", "$15 billion", "$500 million"}
    assert stats["34%"].previous == "18%"
    assert stats["34%"].direction == "up"
    assert stats["34%"].qualifier == "over"
    assert stats["8,000"].qualifier == "over"
    assert stats["8,000"].label == "tech companies"
    assert stats["250,000"].qualifier == "over"
    assert stats["$28.7 billion"].kind == "money"
    assert stats["34%"].kind == "percent"
    assert stats["8,000"].kind == "count"
    assert "Venture capital investment" in stats["$28.7 billion"].label


def test_seed_years_are_never_stats(seed: Deck) -> None:
    values = [stat.value for stat in all_stats(seed)]
    values += [f.value for s in seed.slides for b in s.blocks for f in find_figures(deck_words(seed))]
    for year in ("2024", "2020", "2025", "2028", "2030"):
        assert year not in values
        assert not any(v.endswith(year) for v in values)


def test_seed_keeps_every_word_but_the_fragments(seed: Deck) -> None:
    text = SEED.read_text(encoding="utf-8")
    for fragment in ("上海神女论坛", "爱上海论坛", "上海夜网论坛"):
        text = text.replace(fragment, "")
    shown = deck_words(seed)
    for word in text.split():
        assert word.strip("\"“”,.:") in shown, word


def test_seed_blocks_remember_their_lines(seed: Deck) -> None:
    numbers = slide(seed, "The Numbers Tell the Story")
    assert numbers.source_lines.first == 6
    assert numbers.blocks[0].lines.first == 7
    assert numbers.stats[0].line == 7


# -- headings ---------------------------------------------------------------------------


def titles(deck: Deck) -> list[str]:
    return [s.display_title for s in deck.slides]


def test_front_matter_title_and_subtitle() -> None:
    deck = parse_article("---\ntitle: My Talk\nsubtitle: 'A subtitle'\nauthor: Me\n---\n\nFirst Part\nSome text.\n")
    assert deck.title == "My Talk"
    assert deck.subtitle == "A subtitle"
    assert deck.meta_value("author") == "Me"
    assert titles(deck) == ["My Talk", "First Part"]


def test_a_first_rule_never_closed_is_text_not_front_matter() -> None:
    deck = parse_article("\n---\ntitle: x\nauthor: y\n")
    assert deck.meta == {} and "title: x" in export_text(deck, width=80)


def test_bad_front_matter_line_is_an_error_with_its_line() -> None:
    with pytest.raises(PresenterError) as error:
        parse_article("---\ntitle: x\nnot a key value line\n---\nText.\n")
    assert error.value.line == 3


def test_a_rule_above_the_text_is_not_front_matter() -> None:
    deck = parse_article("---\nJust a sentence of text.\n\nAnother paragraph here.\n")
    assert "Just a sentence of text." in deck_words(deck)
    assert "Another paragraph here." in deck_words(deck)


def test_hash_headings() -> None:
    deck = parse_article("Lede paragraph.\n\n# One\n\nText one.\n\n## Two ##\nText two.\n")
    assert titles(deck)[1:] == ["One", "Two"]


def test_underlined_headings() -> None:
    deck = parse_article("Lede paragraph.\n\nFirst Part\n==========\n\nText one.\n\nsecond part\n---\nText two.\n")
    assert titles(deck)[1:] == ["First Part", "second part"]


def test_bullets_with_every_marker() -> None:
    deck = parse_article("Lede.\n\nThings\n- dash item\n* star item\n• dot item\n")
    (bullets,) = blocks_of(deck, BulletList)
    assert [plain(i.content) for i in bullets.items] == ["dash item", "star item", "dot item"]


@pytest.mark.parametrize("mark", [".", ")"])
def test_numbered_lists(mark: str) -> None:
    deck = parse_article(f"Lede.\n\nSteps\n1{mark} first\n2{mark} second\n10{mark} tenth\n")
    (numbered,) = blocks_of(deck, NumberedList)
    assert [i.number for i in numbered.items] == [1, 2, 10]
    assert [plain(i.content) for i in numbered.items] == ["first", "second", "tenth"]


def test_nested_list_items() -> None:
    deck = parse_article("Lede.\n\nPlan\n- top\n  - nested one\n  - nested two\n- next\n")
    (outer,) = [b for s in deck.slides for b in s.blocks if isinstance(b, BulletList)]
    assert [plain(i.content) for i in outer.items] == ["top", "next"]
    assert [plain(i.content) for i in outer.items[0].children[0].items] == ["nested one", "nested two"]


def test_colon_line_followed_by_short_lines_is_a_list() -> None:
    deck = parse_article(
        "Lede paragraph.\n\nThe Plan\nThe city will focus on three areas:\nsemiconductors\nartificial intelligence\n"
        "biomedicine\n\nNext Steps\nMore text.\n"
    )
    plan = slide(deck, "The Plan")
    assert isinstance(plan.blocks[0], Paragraph)
    assert plain(plan.blocks[0].content) == "The city will focus on three areas:"
    assert isinstance(plan.blocks[1], BulletList)
    assert [plain(i.content) for i in plan.blocks[1].items] == [
        "semiconductors",
        "artificial intelligence",
        "biomedicine",
    ]
    assert titles(deck)[-1] == "Next Steps"


def test_sentence_lines_after_a_colon_stay_paragraphs() -> None:
    deck = parse_article("Lede.\n\nNote\nHe said this:\nThe city is growing fast.\nIt will keep growing.\n")
    note = slide(deck, "Note")
    assert not any(isinstance(b, (BulletList, NumberedList)) for b in note.blocks)


def test_a_single_heading_like_last_line_is_text() -> None:
    deck = parse_article("Lede paragraph.\n\nThe End\nText.\n\nThanks For Reading\n")
    assert "Thanks For Reading" in deck_words(deck)


# -- articles without headings -----------------------------------------------------------


def test_article_without_headings_becomes_slides_of_a_few_paragraphs() -> None:
    path = FIXTURES / "news-no-headings.txt"
    deck = load_deck(path)
    text = path.read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    assert len(paragraphs) == 12
    assert deck.title == "News No Headings"
    assert deck.subtitle == paragraphs[0]
    body = deck.slides[1:]
    assert 3 <= len(body) <= 6
    assert all(1 <= len(s.blocks) <= 3 for s in body)
    shown = [plain(b.content) for s in body for b in s.blocks]
    assert shown == paragraphs[1:]  # nothing dropped, nothing reordered
    for s in body:
        first_words = " ".join(plain(s.blocks[0].content).split()[:3])
        assert s.title.startswith(first_words)
        assert len(s.title) <= 60


def test_one_paragraph_article() -> None:
    deck = parse_article("Just one sentence here.\n")
    assert deck.subtitle == "Just one sentence here."
    assert len(deck.slides) == 1


def test_empty_or_blank_text_is_an_error() -> None:
    for text in ("", "   \n\t\n", "\x1b[31m\n"):
        with pytest.raises(PresenterError):
            parse_article(text)


# -- long sections -------------------------------------------------------------------------

SENTENCES = [
    f"Sentence number {n} talks about the harbour, the bridge and the {n * 3} people who cross it every day."
    for n in range(1, 41)
]


def split_sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=\.)\s+", text) if s]


def test_a_long_section_is_one_slide_shown_in_pieces_between_blocks() -> None:
    paragraphs = [" ".join(SENTENCES[i : i + 3]) for i in range(0, 24, 3)]
    deck = parse_article("Lede.\n\nA Long Section\n" + "\n\n".join(paragraphs) + "\n")
    assert [s.title for s in deck.slides[1:]] == ["A Long Section"]
    pieces = fit_slide(deck.slides[1], 72, 22)
    assert len(pieces) >= 2
    assert [s.part for s in pieces] == [(i, len(pieces)) for i in range(1, len(pieces) + 1)]
    assert pieces[1].display_title == f"A Long Section (2/{len(pieces)})"
    shown = [plain(b.content) for s in pieces for b in s.blocks]
    assert shown == paragraphs  # whole paragraphs, in order


def test_a_long_paragraph_is_shown_in_pieces_between_sentences_never_mid_sentence() -> None:
    paragraph = " ".join(SENTENCES)
    deck = parse_article("Lede.\n\nOne Huge Paragraph\n" + paragraph + "\n")
    pieces = fit_slide(deck.slides[1], 72, 22)
    assert len(pieces) >= 2
    texts = [plain(b.content) for s in pieces for b in s.blocks]
    assert " ".join(texts) == paragraph
    for text in texts:
        assert set(split_sentences(text)) <= set(SENTENCES)  # each piece is whole sentences


def test_a_long_list_is_shown_in_pieces_between_items() -> None:
    items = [f"- item {n} with a few words of text to make it a line" for n in range(1, 41)]
    deck = parse_article("Lede.\n\nA Long List\nThese are the items:\n" + "\n".join(items) + "\n")
    pieces = fit_slide(deck.slides[1], 72, 22)
    assert len(pieces) >= 2
    shown = [plain(i.content) for s in pieces for b in s.blocks if isinstance(b, BulletList) for i in b.items]
    assert shown == [item[2:] for item in items]
    first = pieces[0].blocks
    assert isinstance(first[0], Paragraph) and isinstance(first[1], BulletList)  # lead-in stays with its list


# -- quotes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "speaker", "role"),
    [
        ("“Curly quotes work too,” says Jane Doe, chief of staff.", "Curly quotes work too", "Jane Doe", "chief of staff"),
        ("\"Straight quotes,\" said Prof. Ada Byron.", "Straight quotes", "Prof. Ada Byron", None),
        ("“Dash attribution.” — Mary Major", "Dash attribution.", "Mary Major", None),
        ("“Dash with role.” — Mary Major, CEO of Acme", "Dash with role.", "Mary Major", "CEO of Acme"),
        ("“Before the verb,” Tom Jones said.", "Before the verb", "Tom Jones", None),
        ("«Guillemets» — Jean Dupont", "Guillemets", "Jean Dupont", None),
    ],
)
def test_quotes_and_attributions(text: str, words: str, speaker: str, role: str | None) -> None:
    deck = parse_article(f"Lede.\n\nQuotes\n{text}\n")
    (quote,) = blocks_of(deck, Quote)
    assert plain(quote.content) == words
    assert quote.speaker == speaker
    assert quote.role == role


def test_dash_attribution_on_its_own_line() -> None:
    deck = parse_article("Lede.\n\nQuotes\n“The bridge will change the city.”\n— Mary Major, CEO of Acme\n\nMore text.\n")
    (quote,) = blocks_of(deck, Quote)
    assert plain(quote.content) == "The bridge will change the city."
    assert (quote.speaker, quote.role) == ("Mary Major", "CEO of Acme")


def test_quote_without_attribution_is_a_paragraph() -> None:
    deck = parse_article("Lede.\n\nQuotes\n“Nobody said this.”\n")
    assert blocks_of(deck, Quote) == []
    assert "“Nobody said this.”" in deck_words(deck)


# -- stats -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "previous"),
    [
        ("Sales rose to 34% of the total, up from 18% in 2020.", "34%", None, "18%"),
        ("The fund holds nearly $3.5 billion in assets.", "$3.5 billion", "nearly", None),
        ("About 1,200 people attended.", "1,200", "about", None),
        ("Revenue fell to €40 million, down from €55 million.", "€40 million", None, "€55 million"),
        ("Around 12 percent of homes are empty.", "12 percent", "around", None),
    ],
)
def test_find_stats(text: str, value: str, qualifier: str | None, previous: str | None) -> None:
    stats = find_stats(text)
    assert stats[0].value == value
    assert stats[0].qualifier == qualifier
    assert stats[0].previous == previous


@pytest.mark.parametrize("text", ["In 2024 the park opened.", "Version 3.11 shipped.", "Call 555 now.", "Room 12 is free."])
def test_years_versions_and_small_numbers_are_not_stats(text: str) -> None:
    assert find_stats(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The server follows RFC 7231 and ISO 8601, IEEE 754 and PEP 8.",
        "Patch CVE-2021-44228 and MIL-STD-1553 before Friday.",
        "Upgrade to v1.2.3, version 10 or release 12000 of the tool.",
        "It listens on port 8080, at localhost:9000 and on ports 4433.",
        "Call (212) 560 – 6928, +1 555 123 4567 or 555-123-4567 today.",
        "The archive at https://example.com/reports/50000 and www.example.org/item/65000 dates from 2024.",
    ],
)
def test_versions_ports_standards_phones_urls_and_years_are_not_figures(text: str) -> None:
    assert find_figures(text) == []
    assert find_stats(text) == []


@settings(max_examples=50, deadline=None)
@given(
    st.integers(1000, 10**7),
    st.sampled_from(["RFC {}", "ISO {}", "port {}", "version {}", "host:{}", "#{}", "CVE-2021-{}", "https://example.com/{}"]),
)
def test_a_number_that_names_something_is_never_a_figure(number: int, name: str) -> None:
    assert find_figures(f"See {name.format(number)} today.") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The US sent 8,000 troops.", "8,000"),
        ("Revenue reached USD 5 million.", "5 million"),
        ("RFC 7231 is read by 12,000 engineers.", "12,000"),
        ("Some 40% of calls to (212) 560 – 6928 go unanswered.", "40%"),
    ],
)
def test_real_figures_beside_names_are_still_figures(text: str, value: str) -> None:
    assert [f.value for f in find_figures(text)] == [value]


# -- other scripts ------------------------------------------------------------------------------------


def test_chinese_article() -> None:
    path = FIXTURES / "chinese-article.txt"
    deck = load_deck(path)
    text = path.read_text(encoding="utf-8")
    assert deck.removed == ()
    assert "人才引进" in titles(deck)
    assert "面临的挑战" in titles(deck)
    assert all(len(s.title) <= 30 for s in deck.slides)
    shown = deck_words(deck).replace(" ", "")
    for line in text.split("\n"):
        assert line.replace(" ", "") in shown


def test_russian_article_keeps_its_list() -> None:
    deck = load_deck(FIXTURES / "russian-article.txt")
    (numbered,) = blocks_of(deck, NumberedList)
    assert [plain(i.content) for i in numbered.items][0] == "Рост стоимости аренды"
    assert "Цифры говорят сами за себя" in titles(deck)


def test_parse_text_picks_the_article_parser_for_txt() -> None:
    deck = parse_text("Hello there.\n", source=SEED)
    assert deck.title == "Shanghai Tech Hub"


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("The company has 1,500 employees and $2bn in revenue.", ["employees", "revenue"]),
        ("About 40 percent of 2,000 firms, or 800, agreed.", ["", "firms"]),
        ("The city's tech sector now accounts for over 34% of its GDP.", ["of its GDP"]),
    ],
)
def test_stat_labels_come_from_the_figures_own_clause(text: str, labels: list[str]) -> None:
    assert [stat.label for stat in find_stats(text)] == labels


def test_a_short_line_continued_in_lowercase_is_a_wrapped_sentence_not_a_heading():
    text = (
        "Intro line here.\n\nOfficials said the plan would cost about $3.2 million over five years.\n"
        "It includes new parks\nand bike lanes.\n\nResidents were divided.\n"
    )
    deck = parse_article(text)
    assert [s.display_title for s in deck.slides] == ["Untitled", "Officials said the plan would cost…"]
    assert "It includes new parks and bike lanes." in export_text(deck)


@pytest.mark.parametrize(
    ("lede", "title"),
    [
        # a phrase that sets the scene, then a name: the title starts at the name
        ("In the heart of the river delta, Shanghai is changing its economy fast.", "Shanghai is changing its economy fast"),
        ("With $15 billion in hand, Lagos plans a second metro line.", "Lagos plans a second metro line"),
        # no name after the phrase, or no phrase: the first words as written
        ("In 2024, we shipped more than ever before this year.", "In 2024, we shipped more than…"),
        ("After years of delay, the bridge opened to traffic.", "After years of delay, the bridge…"),
        ("Shanghai is changing its economy fast and for good.", "Shanghai is changing its economy fast…"),
    ],
)
def test_a_lede_without_heading_is_titled_from_its_main_clause(lede: str, title: str) -> None:
    # before: "In the heart of the river…" and "With $15 billion in hand, Lagos…"
    text = f"An article about a city, in depth, for readers.\n\n\n{lede}\n\nThe Next Part\nBody text of the next part goes here.\n"
    deck = parse_text(text)
    assert deck.slides[1].display_title == title

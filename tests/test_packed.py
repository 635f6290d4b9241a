"""A deck whose slides are kept packed is the same deck, and finds the same slides."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from presenter import packed
from presenter.errors import PresenterError
from presenter.model import Slide
from presenter.packed import PackedSlides, SlideReceiver, SlideStore, packed_update, search_slides
from presenter.records import replace
from presenter.sources import deck_stages, first_deck, last_deck, load_deck, text_stages
from presenter.tui.app import make_app

from test_app import screen_text
from test_markdown_chunks import FRONT, LINES
from test_progressive import SIZE, SLIDES, big_article, big_deck, until_read

NEEDLES = ["title", "34%", "ITEM", "say hi", "slide 2", "nested", "e", "quote —", "no such words"]


def _outcome(text: str, *, markdown: bool, packed: bool):
    try:
        return last_deck(text_stages(text, source=Path("deck.md" if markdown else "deck.txt"), packed=packed))
    except PresenterError as error:
        return str(error)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=60), st.booleans(), st.booleans(), st.sampled_from([1, 2, 3]))
def test_packed_decks_are_the_same_decks_and_find_the_same_slides(
    lines: list[str], front: bool, markdown: bool, batch: int
) -> None:
    text = "\n".join((FRONT if front else []) + lines)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(packed, "BATCH", batch)  # small batches, so small decks are packed too
        plain, kept = _outcome(text, markdown=markdown, packed=False), _outcome(text, markdown=markdown, packed=True)
        assert kept == plain
        if isinstance(kept, str):
            return
        assert isinstance(kept.slides, PackedSlides)
        assert list(kept.slides) == list(plain.slides)
        assert kept.slides[::-1] == plain.slides[::-1]
        for needle in NEEDLES:
            assert search_slides(kept.slides, needle) == search_slides(plain.slides, needle)


@pytest.mark.parametrize("kind", ["markdown", "article"])
def test_a_big_deck_read_packed_is_the_deck_read_whole(tmp_path: Path, kind: str) -> None:
    path = big_deck(tmp_path / "big.md") if kind == "markdown" else big_article(tmp_path / "big.txt")
    whole = load_deck(path)
    kept = last_deck(deck_stages(path, packed=True))
    assert isinstance(kept.slides, PackedSlides) and kept == whole
    assert kept.slides[1234] == whole.slides[1234] and kept.slides[-1] == whole.slides[-1]
    assert search_slides(kept.slides, "QUARTER 1500,") == search_slides(whole.slides, "quarter 1500,") != []
    assert search_slides(kept.slides, "first point") == list(range(1, SLIDES))


def test_a_view_keeps_the_slides_it_was_made_with() -> None:
    store = SlideStore()
    slides = [Slide(title=f"Slide {k}") for k in range(200)]
    store.extend(slides[:150])
    view = store.view((Slide(title="Deck", is_title=True),))
    store.extend(slides[150:])
    assert len(view) == 151 and view[-1] == slides[149] and view[1:4] == tuple(slides[:3])
    assert len(store.view()) == 200 and list(store.view()) == slides
    with pytest.raises(IndexError):
        view[151]


def test_only_slides_not_yet_packed_can_be_replaced() -> None:
    store = SlideStore()
    store.extend([Slide(title=f"Slide {k}") for k in range(packed.BATCH * 2)])
    store[-1] = replace(store[-1], notes="added later")
    assert store[-1].notes == "added later" and store.view()[-1].notes == "added later"
    assert search_slides(store.view(), "ADDED LATER") == [packed.BATCH * 2 - 1]
    with pytest.raises(IndexError):
        store[0] = Slide(title="rewritten")


async def test_the_app_searches_a_big_packed_deck(tmp_path: Path) -> None:
    stages = deck_stages(big_deck(tmp_path / "big.md"), packed=True)
    app = make_app(first_deck(stages), rest=stages)
    async with app.run_test(size=SIZE) as pilot:
        await until_read(app, pilot)
        assert isinstance(app.deck.slides, PackedSlides)
        await pilot.press("slash", *"quarter 1500,", "enter")
        assert app.index == 1500
        assert "Slide 1500" in screen_text(app)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.booleans()), min_size=1, max_size=8))
def test_a_store_sent_a_part_at_a_time_shows_the_same_slides(steps: list[tuple[int, bool]]) -> None:
    """The child reading a big deck sends the app only the batches packed since its last
    deck, and lets them go once sent (presenter/readahead.py): each deck the app rebuilds
    is the deck that was sent."""
    store, receiver, known = SlideStore(), SlideReceiver(), 0
    head = (Slide(title="Deck", is_title=True),)
    made: list[Slide] = []  # what the store holds, kept here as well: the child lets it go
    received = []
    for added, noted in steps:
        new = [Slide(title=f"Slide {len(made) + k}") for k in range(added)]
        store.extend(new)
        made += new
        if noted and made:  # a parser adds the notes that follow a slide to it
            store[-1] = made[-1] = replace(made[-1], notes="said later")
        sent = store.view(head)
        update = packed_update(sent, known)
        known += len(update[1])
        packed.let_go(sent, known)
        view = receiver.apply(update)
        assert list(view) == [*head, *made] and receiver.batches == known
        assert search_slides(view, "slide 1") == search_slides(list(view), "slide 1")
        received.append(view)
    for view in received:  # the decks shown before read as the child's own views would now
        assert list(view) == [*head, *made][: len(view)]  # (a last slide may have gained notes)


def test_a_batch_let_go_cannot_be_read() -> None:
    store = SlideStore()
    store.extend([Slide(title=f"Slide {k}") for k in range(100)])
    view = store.view()
    assert view[40].title == "Slide 40"  # unpacked and kept
    packed.let_go(view, 3)
    assert store._slides[:3] == [b"", b"", b""] and store._slides[3]
    assert view[48].title == "Slide 48"
    with pytest.raises(LookupError, match="batch 2 was let go"):
        view[40]


def test_an_update_that_skips_batches_is_refused() -> None:
    store = SlideStore()
    store.extend([Slide(title=f"Slide {k}") for k in range(100)])
    with pytest.raises(ValueError, match="from batch 2"):
        SlideReceiver().apply(packed_update(store.view(), 2))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["append", "forget", "read"]), st.integers(-3, 12), st.integers(-3, 12)), max_size=30))
def test_lines_let_go_of_read_as_the_emptied_lines_of_a_list(steps: list[tuple[str, int, int]]) -> None:
    """A big deck read for the app lets go of the lines it has parsed (ForgettingLines);
    every read gives what the plain list, whose parsed lines are emptied, gives."""
    from presenter.sources.mdsyntax import ForgettingLines

    lines, model = ForgettingLines(), []
    for step, a, b in steps:
        if step == "append":
            lines.append(f"line {len(model)}")
            model.append(f"line {len(model)}")
        elif step == "forget" and a >= 0:
            lines.forget(a)
            for index in range(min(a, len(model))):
                model[index] = ""
        else:
            assert len(lines) == len(model) and lines[a:b] == model[a:b] and lines[a::2] == model[a::2]
            if -len(model) <= a < len(model):
                assert lines[a] == model[a]
            else:
                with pytest.raises(IndexError):
                    lines[a]

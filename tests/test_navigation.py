"""Next and Previous over slides, pieces and pauses, without the app."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from presenter.model import Paragraph, Pause, Slide, Span
from presenter.navigation import Navigator, Place


def piece(title: str, pauses: int = 0, *, opens_paused: bool = False) -> Slide:
    blocks: list = [Pause()] if opens_paused else []
    for n in range(pauses + 1 - int(opens_paused)):
        if n:
            blocks.append(Pause())
        blocks.append(Paragraph((Span(f"{title} part {n}"),)))
    return Slide(title=title, blocks=tuple(blocks))


# Slide 0: one piece, two pauses. Slide 1: two pieces, the second opening with a pause.
# Slide 2: plain.
DECK = {
    0: (piece("A", 2),),
    1: (piece("B"), piece("B (2/2)", 1, opens_paused=True)),
    2: (piece("C"),),
}


def walk(navigator: Navigator, place: Place, move) -> list[Place]:
    seen = [place]
    while (place := move(place)) is not None:
        seen.append(place)
    return seen


def test_forward_reveals_steps_then_pieces_then_slides() -> None:
    navigator = Navigator(3, DECK.__getitem__)
    assert walk(navigator, navigator.arrive(0), navigator.forward) == [
        Place(0, 0, 0), Place(0, 0, 1), Place(0, 0, 2),
        Place(1, 0, 0), Place(1, 1, 1),  # the second piece opens with its pause revealed
        Place(2, 0, 0),
    ]


def test_backward_returns_to_each_piece_fully_revealed() -> None:
    navigator = Navigator(3, DECK.__getitem__)
    assert walk(navigator, navigator.arrive(2), navigator.backward) == [
        Place(2, 0, 0), Place(1, 1, 1), Place(1, 0, 0), Place(0, 0, 2), Place(0, 0, 1), Place(0, 0, 0),
    ]


def test_without_pauses_every_piece_is_one_step() -> None:
    navigator = Navigator(3, DECK.__getitem__, pauses=False)
    assert walk(navigator, navigator.arrive(0), navigator.forward) == [Place(0), Place(1), Place(1, 1), Place(2)]


def test_the_whole_slide_step_is_what_terminals_of_other_sizes_share() -> None:
    navigator = Navigator(3, DECK.__getitem__)
    assert navigator.slide_step(Place(1, 1, 1)) == 1
    assert navigator.locate(1, 1) == Place(1, 1, 1)
    assert navigator.locate(0, 5) == Place(0, 0, 2)  # clamped to what the slide has
    assert navigator.arrive(9, -1, 99) == Place(2, 0, 0)


@given(st.lists(st.lists(st.integers(0, 3), min_size=1, max_size=3), min_size=1, max_size=5), st.booleans())
def test_forward_and_backward_retrace_each_other(shape: list[list[int]], pauses: bool) -> None:
    deck = {i: tuple(piece(f"S{i}.{p}", n) for p, n in enumerate(parts)) for i, parts in enumerate(shape)}
    navigator = Navigator(len(deck), deck.__getitem__, pauses=pauses)
    ahead = walk(navigator, navigator.arrive(0), navigator.forward)
    back = walk(navigator, ahead[-1], navigator.backward)
    assert back == ahead[::-1]
    total = sum(len(parts) + (sum(parts) if pauses else 0) for parts in shape)
    assert len(ahead) == total  # every piece and every step is visited once


def test_a_place_from_a_larger_split_moves_from_the_split_there_is_now() -> None:
    # A window made smaller splits slide 1 in two; made larger again, in one. Until the app
    # fits it again, the place it holds names the second piece, which no longer exists.
    navigator = Navigator(3, {0: DECK[0], 1: (piece("B"),), 2: DECK[2]}.__getitem__)
    assert navigator.forward(Place(1, 1, 1)) == Place(2, 0, 0)
    assert navigator.backward(Place(1, 1, 1)) == Place(0, 0, 2)

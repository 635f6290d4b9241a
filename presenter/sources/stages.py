"""Reading a parser's stages: ``None`` between pieces, partial decks, the complete deck last."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Iterator, Union

from presenter.model import Deck, Slide

if TYPE_CHECKING:
    from presenter.packed import SlideStore

SlideList = Union[list[Slide], "SlideStore"]
"""Where a parser collects the slides it makes."""


def new_slide_list(packed: bool) -> SlideList:
    """A plain list, or with ``packed`` a store that packs slides as they come."""
    if not packed:
        return []
    from presenter.packed import SlideStore

    return SlideStore()


def slide_sequence(head: Sequence[Slide], made: SlideList) -> Sequence[Slide]:
    """``head`` then the slides ``made`` so far, for a deck: a tuple, or a packed view."""
    if isinstance(made, list):
        return (*head, *made)
    return made.view(head)


def first_deck(stages: Iterator[Deck | None]) -> Deck:
    """Run ``stages`` until they give a deck (partial or complete): what the app opens on."""
    for stage in stages:
        if stage is not None:
            return stage
    raise ValueError("the parser gave no deck")  # parsers always end with the complete deck


def last_deck(stages: Iterator[Deck | None]) -> Deck:
    """Run ``stages`` to the end: the complete deck."""
    deck = None
    for stage in stages:
        if stage is not None:
            deck = stage
    if deck is None:
        raise ValueError("the parser gave no deck")
    return deck

"""Reading a parser's stages: ``None`` between pieces, partial decks, the complete deck last."""

from __future__ import annotations

from typing import Iterator

from presenter.model import Deck


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

"""Load a deck from a file: pick a parser by suffix, sniffing content when it says nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from presenter.model import Deck
from presenter.sources.reading import decode_source, read_source

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}


def parse_text(text: str, *, source: Path | None = None, markdown: bool | None = None) -> Deck:
    """Parse ``text`` as Markdown or as a plain article."""
    if markdown is None:
        markdown = source is not None and source.suffix.lower() in MARKDOWN_SUFFIXES
    if markdown:
        from presenter.sources.markdown import parse_markdown

        return parse_markdown(text, source=source)
    from presenter.sources.article import parse_article

    return parse_article(text, source=source)


def load_deck(path: Path | str) -> Deck:
    """Read and parse the deck at ``path``; raise PresenterError for unusable files."""
    path = Path(path)
    source = read_source(path)
    deck = parse_text(source.text, source=path)
    if source.warnings:
        deck = replace(deck, warnings=source.warnings + deck.warnings)
    return deck


__all__ = ["load_deck", "parse_text", "decode_source", "read_source"]

"""Load a deck from a file: pick a parser by suffix, sniffing content when it says nothing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

from presenter.model import Deck, Slide
from presenter.records import replace
from presenter.sources.reading import decode_source, read_source
from presenter.sources.stages import first_deck, last_deck

if TYPE_CHECKING:
    from presenter.sources.mdparallel import Halves

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}


def parse_text(text: str, *, source: Path | None = None, markdown: bool | None = None) -> Deck:
    """Parse ``text`` as Markdown or as a plain article."""
    return last_deck(text_stages(text, source=source, markdown=markdown))


def _is_markdown(source: Path | None, markdown: bool | None) -> bool:
    if markdown is None:
        return source is not None and source.suffix.lower() in MARKDOWN_SUFFIXES
    return markdown


def text_stages(
    text: str, *, source: Path | None = None, markdown: bool | None = None, packed: bool = False
) -> Iterator[Deck | None]:
    """Parse ``text`` a piece at a time: ``None`` between pieces, partial decks on the way,
    the complete deck last (what :func:`parse_text` returns). With ``packed``, the decks'
    slides are kept packed as they are made (:mod:`presenter.packed`): for the app, which
    shows one slide at a time of what may be a very big deck."""
    if _is_markdown(source, markdown):
        from presenter.sources.markdown import markdown_stages

        stages = markdown_stages(text, source=source, packed=packed)
    else:
        from presenter.sources.article import article_stages

        stages = article_stages(text, source=source, packed=packed)
    del text  # the parser lets go of the text as it reads it (presenter/clean.py), and so do we
    yield from stages


def deck_stages(path: Path | str, *, packed: bool = False) -> Iterator[Deck | None]:
    """Read the deck at ``path`` and parse it a piece at a time (see :func:`text_stages`).

    The file is read, and anything wrong with it raised, before the first stage.
    """
    path = Path(path)
    source = read_source(path)
    warnings, stages = source.warnings, text_stages(source.text, source=path, packed=packed)
    del source  # the text is the parser's to let go of as it reads
    for stage in stages:
        if stage is not None and warnings:
            stage = replace(stage, warnings=warnings + stage.warnings)
        yield stage


def load_deck(path: Path | str, *, parallel: bool = False) -> Deck:
    """Read and parse the deck at ``path``; raise PresenterError for unusable files.

    With ``parallel``, a big Markdown deck is parsed on two cores where there are two
    (:mod:`presenter.sources.mdparallel`): the same deck, for exports and checks.
    """
    if parallel and _is_markdown(Path(path), None):
        return read_in_halves(path).deck
    return last_deck(deck_stages(path))


def read_in_halves(path: Path | str, *, draw: Callable[[list[Slide]], Any] | None = None) -> Halves:
    """Read the deck at ``path``: a Markdown deck on two cores where it is big enough and there
    are two (:func:`~presenter.sources.mdparallel.parse_markdown_halves`); any other whole, here.

    With ``draw``, the second half's slides stay in the child, which draws them: the deck
    holds the first half's, and :meth:`~presenter.sources.mdparallel.Halves.drawn` gives
    what the child drew.
    """
    from presenter.sources.mdparallel import Halves, parse_markdown_halves

    path = Path(path)
    if not _is_markdown(path, None):
        return Halves(last_deck(deck_stages(path)))
    source = read_source(path)
    halves = parse_markdown_halves(source.text, source=path, draw=draw) or Halves(last_deck(text_stages(source.text, source=path)))
    if source.warnings:
        halves.deck = replace(halves.deck, warnings=source.warnings + halves.deck.warnings)
    return halves


__all__ = ["deck_stages", "first_deck", "last_deck", "load_deck", "read_in_halves", "parse_text", "text_stages", "decode_source", "read_source"]

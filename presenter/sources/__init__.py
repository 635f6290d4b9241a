"""Load a deck from a file or a web address: pick a parser by suffix, read the file, parse its text.

Both parsers read a text in stages (:func:`text_stages`): ``None`` between pieces, partial
decks on the way, the complete deck last. :func:`load_deck` runs them to the end; the app
opens on the first partial deck of a long file and reads the rest while it shows
(:mod:`presenter.tui.live`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Iterator

from presenter.model import Deck
from presenter.sources.reading import decode_source, is_stdin, read_source

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
#: Slides a parser's first partial deck holds: what the app opens a long deck on.
FIRST_SLIDES = 16


def is_markdown(source: Path | None) -> bool:
    return source is not None and source.suffix.lower() in MARKDOWN_SUFFIXES


def text_stages(
    text: str, *, source: Path | None = None, markdown: bool | None = None, clean: bool = False, flavor: str | None = None
) -> Iterator[Deck | None]:
    """Parse ``text`` as Markdown (by ``source``'s suffix, unless ``markdown`` says) or as a
    plain article, a piece at a time.

    An article always loses injected fragments in a foreign script; a Markdown deck keeps
    what its author wrote unless ``clean`` (both lose control characters and escapes).
    ``flavor`` names the tool a Markdown deck was written for (None: detected; see
    :mod:`presenter.sources.flavor`); naming one reads any file as Markdown."""
    if is_markdown(source) or flavor is not None if markdown is None else markdown:
        from presenter.sources.markdown import markdown_stages

        return markdown_stages(text, source=source, clean=clean, flavor=flavor)
    from presenter.sources.article import article_stages

    return article_stages(text, source=source)


def parse_text(
    text: str, *, source: Path | None = None, markdown: bool | None = None, clean: bool = False, flavor: str | None = None
) -> Deck:
    """Parse ``text`` as Markdown or as a plain article, whole."""
    return last_deck(text_stages(text, source=source, markdown=markdown, clean=clean, flavor=flavor))


#: The flavor of a deck read from a web page.
WEB_ARTICLE = "web article"


def deck_stages(path: Path | str, *, clean: bool = False, flavor: str | None = None) -> Iterator[Deck | None]:
    """Read the deck at ``path`` (``-``: a Markdown deck on standard input) and parse it a
    piece at a time (see :func:`text_stages`; ``clean`` and ``flavor`` as there).

    A web page (an ``https://`` address given as a string, or a ``.html`` file) is read as
    an article (:mod:`presenter.sources.web`): ``clean`` and ``flavor`` do not apply.

    The file is read, and anything wrong with it raised, before the first stage.
    """
    from presenter.sources.web import FLAVOR, is_url, is_web_page, web_text

    if is_url(path):  # a web article: fetched once, never watched (the deck has no file)
        return _web_article(text_stages(web_text(path), markdown=True, clean=True, flavor=FLAVOR))
    path = Path(path)
    if is_web_page(path):  # a saved web article: its Markdown is read as an article is, always cleaned
        return _web_article(text_stages(web_text(path), source=path, markdown=True, clean=True, flavor=FLAVOR))
    source = read_source(path)
    if is_stdin(path):  # standard input: a Markdown deck, with no file to watch or name
        stages = text_stages(source.text, markdown=True, clean=clean, flavor=flavor)
    else:
        stages = text_stages(source.text, source=path, clean=clean, flavor=flavor)
    if not source.warnings:
        return stages
    return (replace(stage, warnings=source.warnings + stage.warnings) if stage is not None else None for stage in stages)


def _web_article(stages: Iterator[Deck | None]) -> Iterator[Deck | None]:
    """A web page's stages, said to be one (``check``: read as a web article)."""
    return (replace(stage, flavor=WEB_ARTICLE) if stage is not None else None for stage in stages)


def load_deck(path: Path | str, *, clean: bool = False, flavor: str | None = None) -> Deck:
    """Read and parse the deck at ``path``; raise PresenterError for unusable files.

    ``clean`` also removes injected fragments from a Markdown deck; ``flavor`` names the
    tool it was written for (see :func:`text_stages`)."""
    return last_deck(deck_stages(path, clean=clean, flavor=flavor))


def first_deck(stages: Iterator[Deck | None]) -> Deck:
    """Run ``stages`` until they give a deck (partial or complete): what the app opens on."""
    return next(stage for stage in stages if stage is not None)


def last_deck(stages: Iterator[Deck | None]) -> Deck:
    """Run ``stages`` to the end: the complete deck."""
    deck = None
    for stage in stages:
        if stage is not None:
            deck = stage
    assert deck is not None, "a parser ends with the complete deck"
    return deck


__all__ = ["deck_stages", "decode_source", "first_deck", "last_deck", "load_deck", "parse_text", "read_source", "text_stages"]

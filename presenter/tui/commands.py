"""Command palette (Ctrl+P) provider: fuzzy search over slide titles, text and notes.

A deck may hold 10,000 slides, and the palette makes a line of each hit it is given: at
that size it took 1.3 s to open and lagged behind typing. It now lists at most
:data:`LISTED` slides: with nothing typed, the slides from the one on screen on; otherwise
the best matches. The provider hands the event loop back every :data:`CHUNK` slides, so keys
are read while it works and a search made stale by the next key is dropped.
"""

from __future__ import annotations

import asyncio
import re
from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from presenter.packed import search_slides
from presenter.plaintext import slide_lines

SNIPPET = 60
#: The most slides the palette lists at once.
LISTED = 100
#: Slides looked at between two chances for the app to read a key.
CHUNK = 500
#: Scores of a slide found by its text or its notes (a title's fuzzy score is 0-1).
TEXT_SCORE, NOTES_SCORE = 0.25, 0.2


def snippet(text: str, needle: str) -> str:
    """The part of ``text`` around the first occurrence of ``needle``."""
    at = text.casefold().find(needle.casefold())
    start = max(0, at - SNIPPET // 3)
    piece = text[start : start + SNIPPET]
    return ("…" if start else "") + piece + ("…" if start + SNIPPET < len(text) else "")


class SlideCommands(Provider):
    """One command per slide: choosing it jumps there."""

    def _jump(self, index: int) -> partial:
        return partial(self.app.goto_slide, index)  # type: ignore[attr-defined]

    async def _titles(self, deck) -> tuple[list[str], list[str]]:
        """Each slide's ``N. Title`` in ``deck``, and the same in lower case, made once per deck
        (a big deck's slides are packed)."""
        app = self.app
        kept = app.palette_titles  # type: ignore[attr-defined]
        if kept is not None and kept[0] is deck:
            return kept[1], kept[2]
        titles = []
        for index, slide in enumerate(deck.slides):
            titles.append(f"{index + 1}. {slide.display_title}")
            if index % CHUNK == CHUNK - 1:
                await asyncio.sleep(0)
        lowered = [title.lower() for title in titles]
        app.palette_titles = (deck, titles, lowered)  # type: ignore[attr-defined]
        return titles, lowered

    async def discover(self) -> Hits:
        slides = self.app.deck.slides  # type: ignore[attr-defined]
        first = 0 if len(slides) <= LISTED else min(self.app.index, len(slides) - LISTED)  # type: ignore[attr-defined]
        for index in range(first, min(len(slides), first + LISTED)):
            title = Text(f"{index + 1}. {slides[index].display_title}")
            yield DiscoveryHit(title, self._jump(index), help="Go to this slide")

    async def search(self, query: str) -> Hits:
        deck = self.app.deck  # type: ignore[attr-defined]  # (live reload may replace it meanwhile)
        titles, lowered = await self._titles(deck)
        slides = deck.slides
        matcher = self.matcher(query)
        needle = query.strip()
        # A title the fuzzy matcher scores holds the query's letters in order (it ignores
        # case as lower() does): a regular expression finds those first, far sooner.
        in_order = re.compile(".*?".join(map(re.escape, query.lower())), re.DOTALL)
        found: list[tuple[float, int]] = []  # (score, slide) of the titles that match
        for index, title in enumerate(lowered):
            if in_order.search(title):
                score = matcher.match(titles[index])
                if score > 0:
                    found.append((score, index))
            if index % CHUNK == CHUNK - 1:
                await asyncio.sleep(0)
        by_title = {index for _, index in found}
        if needle:  # the slides whose text or notes hold it (a packed deck keeps a search text)
            found += [(TEXT_SCORE, index) for index in search_slides(slides, needle) if index not in by_title]
        found.sort(key=lambda hit: -hit[0])  # stable: slides of equal score in deck order
        for score, index in found[:LISTED]:
            if index in by_title:
                yield Hit(score, matcher.highlight(titles[index]), self._jump(index), help="Go to this slide")
                continue
            slide = slides[index]
            for where, lines, where_score in (("text", slide_lines(slide), TEXT_SCORE), ("notes", [slide.notes], NOTES_SCORE)):
                line = next((line for line in lines if needle.casefold() in line.casefold()), None)
                if line is not None:
                    help_text = f"in the {where}: {snippet(' '.join(line.split()), needle)}"
                    yield Hit(where_score, Text(titles[index]), self._jump(index), help=help_text)
                    break

"""Command palette (Ctrl+P) provider: fuzzy search over slide titles, text and notes."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from presenter.plaintext import slide_lines
from presenter.tui.search import matching_slides

SNIPPET = 60
#: The most slides the palette lists at once.
LISTED = 100
#: Scores of a slide found by its text or its notes (a title's fuzzy score is 0-1).
TEXT_SCORE, NOTES_SCORE = 0.25, 0.2


def snippet(text: str, needle: str) -> str:
    """The part of ``text`` around the first occurrence of ``needle``."""
    at = text.casefold().find(needle.casefold())
    start = max(0, at - SNIPPET // 3)
    piece = text[start : start + SNIPPET]
    return ("…" if start else "") + piece + ("…" if start + SNIPPET < len(text) else "")


def highlighted(matcher: Matcher, title: str) -> Content:
    """``title`` as plain text with the letters the query matched styled.

    (``Matcher.highlight`` would read a title such as ``Beta [@click=app.quit]QUIT[/]`` as
    Textual markup; a deck's text never is.)
    """
    content = Content(title)
    _, offsets = matcher.fuzzy_search.match(matcher.query, title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class SlideCommands(Provider):
    """One command per slide: choosing it jumps there."""

    def _jump(self, index: int) -> partial:
        return partial(self.app.goto_slide, index)  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        slides = self.app.deck.slides  # type: ignore[attr-defined]
        first = max(0, min(self.app.index, len(slides) - LISTED))  # type: ignore[attr-defined]
        for index in range(first, min(len(slides), first + LISTED)):
            yield DiscoveryHit(Text(f"{index + 1}. {slides[index].display_title}"), self._jump(index), help="Go to this slide")

    async def search(self, query: str) -> Hits:
        slides = self.app.deck.slides  # type: ignore[attr-defined]
        matcher = self.matcher(query)
        needle = query.strip()
        titles = [f"{index + 1}. {slide.display_title}" for index, slide in enumerate(slides)]
        found = [(score, index) for index, title in enumerate(titles) if (score := matcher.match(title)) > 0]
        by_title = {index for _, index in found}
        found += [(TEXT_SCORE, index) for index in matching_slides(slides, needle) if index not in by_title]
        found.sort(key=lambda hit: -hit[0])  # stable: slides of equal score in deck order
        for score, index in found[:LISTED]:
            if index in by_title:
                yield Hit(score, highlighted(matcher, titles[index]), self._jump(index), help="Go to this slide")
                continue
            slide = slides[index]
            for where, lines, where_score in (("text", slide_lines(slide), TEXT_SCORE), ("notes", [slide.notes], NOTES_SCORE)):
                line = next((line for line in lines if needle.casefold() in line.casefold()), None)
                if line is not None:
                    go = partial(self.app.goto_text, index, needle)  # type: ignore[attr-defined] # the piece that shows it
                    shown = Content(f"in the {where}: {snippet(' '.join(line.split()), needle)}")  # shown as it is, never read as markup
                    yield Hit(where_score, Text(titles[index]), go, help=shown)  # type: ignore[arg-type]
                    break

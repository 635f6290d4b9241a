"""Command palette (Ctrl+P) provider: fuzzy search over slide titles, text and notes."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from presenter.plaintext import slide_lines

SNIPPET = 60


def snippet(text: str, needle: str) -> str:
    """The part of ``text`` around the first occurrence of ``needle``."""
    at = text.casefold().find(needle.casefold())
    start = max(0, at - SNIPPET // 3)
    piece = text[start : start + SNIPPET]
    return ("…" if start else "") + piece + ("…" if start + SNIPPET < len(text) else "")


class SlideCommands(Provider):
    """One command per slide: choosing it jumps there."""

    def _slides(self):
        app = self.app
        for index, slide in enumerate(app.deck.slides):  # type: ignore[attr-defined]
            yield index, slide, f"{index + 1}. {slide.display_title}", partial(app.goto_slide, index)  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        for _, _, title, jump in self._slides():
            yield DiscoveryHit(Text(title), jump, help="Go to this slide")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        needle = query.strip()
        for _, slide, title, jump in self._slides():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), jump, help="Go to this slide")
                continue
            if not needle:
                continue
            for where, lines in (("text", slide_lines(slide)), ("notes", [slide.notes])):
                line = next((line for line in lines if needle.casefold() in line.casefold()), None)
                if line is not None:
                    help_text = f"in the {where}: {snippet(' '.join(line.split()), needle)}"
                    yield Hit(0.25 if where == "text" else 0.2, Text(title), jump, help=help_text)
                    break

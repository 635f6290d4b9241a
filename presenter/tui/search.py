"""``/`` search: the bar it is typed in, and which slides match."""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import Input

from presenter.model import Slide
from presenter.navigation import Place
from presenter.plaintext import block_lines, slide_search_text
from presenter.tui.footer import DeckFooter


class SearchBar(Input):
    """Where a search is typed; Enter finds, Escape cancels (theme.tcss shows it while
    the app has the ``-searching`` class)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="search the deck; Enter finds, Escape cancels", id=id)


def matching_slides(slides: Sequence[Slide], needle: str) -> list[int]:
    """Indexes of the slides whose title, text or notes hold ``needle`` (any case)."""
    if not needle:
        return []
    folded = needle.casefold()
    return [index for index, slide in enumerate(slides) if folded in slide_search_text(slide).casefold()]


def next_match(matches: list[int], index: int, direction: int, *, include_current: bool = False) -> int | None:
    """The match after (``direction`` 1) or before (-1) slide ``index``, wrapping around;
    ``index`` itself first with ``include_current``; None without matches."""
    if not matches:
        return None
    if include_current and index in matches:
        return index
    if direction > 0:
        return next((i for i in matches if i > index), matches[0])
    return next((i for i in reversed(matches) if i < index), matches[-1])


class Searching:
    """``/`` to search, ``n`` and ``N`` to move between matches: a mixin of
    :class:`~presenter.tui.app.PresenterApp`, which holds the ``search`` reactive."""

    def watch_search(self) -> None:
        self._show()

    async def action_search(self) -> None:
        if not self.query(SearchBar):
            await self.mount(SearchBar(id="search"), before="#footer")
        bar = self.query_one(SearchBar)
        bar.value = self.search
        self.add_class("-searching")
        bar.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not isinstance(event.input, SearchBar):
            return
        self._close_search()
        self.search = event.value.strip()
        if self.search:
            self._jump_to_match(+1, include_current=True)

    def _close_search(self) -> None:
        self.remove_class("-searching")
        self.query_one("#stage").focus()

    def _jump_to_match(self, direction: int, include_current: bool = False) -> None:
        matches = matching_slides(self.deck.slides, self.search)
        footer = self.query_one(DeckFooter)
        target = next_match(matches, self.place.index, direction, include_current=include_current)
        if target is None:
            footer.search = f"/{self.search}: no match" + (" in the slides read so far" if self.deck.partial else "")
            return
        self.goto_text(target, self.search)
        footer.search = f"/{self.search} {matches.index(target) + 1} of {len(matches)}"

    def goto_text(self, index: int, text: str) -> None:
        """Go to slide ``index``, to its first piece that shows ``text`` (any case; its first
        piece when only the title or notes hold it), and keep that on screen when the slide is
        fitted again (the search bar gives its row back)."""
        folded = text.casefold()
        for part, piece in enumerate(self.pieces(index)):
            for block in piece.blocks:
                if folded in "\n".join(block_lines(block)).casefold():
                    self.go(Place(index, part, 0))
                    self._anchor = block
                    return
        self.go(Place(index, 0, 0))

    def action_next_match(self) -> None:
        if self.search:
            self._jump_to_match(+1)

    def action_previous_match(self) -> None:
        if self.search:
            self._jump_to_match(-1)

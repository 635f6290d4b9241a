"""``/`` search: the bar it is typed in, and which slides match."""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import Input

from presenter.model import Slide
from presenter.plaintext import slide_search_text


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

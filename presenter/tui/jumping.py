"""Going to a slide by number: type it and press Enter (Backspace edits it, Escape drops
it, or else closes or clears the search), ``gg`` / Home for the first slide, ``G`` / End
for the last. A mixin of the app
(presenter/tui/app.py), which owns the place in the deck.

While a long deck is still being read, a number beyond the slides read so far, or End, is
gone to as soon as that slide is read (unless the presenter moved on meanwhile).
"""

from __future__ import annotations

from textual import events

from presenter.tui.footer import DeckFooter


class GoingTo:
    """The keys that jump: a typed slide number, ``gg``, Home and End."""

    _heading_to: tuple[int, int, bool] | None = None
    """A place asked for before its slide was read: the slide's index (-1: the last), the
    pause step, and whether to say so if the deck turns out to have no such slide (a typed
    number; another terminal's place is clamped). Any move drops it."""

    def head_for(self, place: tuple[int, int, bool] | None) -> None:
        """Go to ``place`` once its slide is read (None: drop it); the footer says so meanwhile."""
        self._heading_to = place
        label = "" if place is None else ("the last slide" if place[0] < 0 else str(place[0] + 1))
        self.query_one(DeckFooter).heading = label

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit() and len(self.pending) < 6:
            self.pending += event.character
            event.stop()
            return
        if event.key == "g":
            event.stop()
            if self._last_key == "g":
                self._last_key = ""
                self.action_first_slide()
                return
            self._last_key = "g"
            return
        self._last_key = ""

    def watch_pending(self, pending: str) -> None:
        self.query_one(DeckFooter).pending = pending

    def action_first_slide(self) -> None:
        self.goto_slide(0)

    def action_last_slide(self) -> None:
        self.goto_slide(len(self.deck.slides) - 1)
        if self.deck.partial:
            self.head_for((-1, 0, False))

    def action_enter(self) -> None:
        if not self.pending:
            self.action_next_slide()
            return
        target, total = int(self.pending), len(self.deck.slides)
        self.pending = ""
        if 1 <= target <= total:
            self.goto_slide(target - 1)
        elif target > total and self.deck.partial:
            self.head_for((target - 1, 0, True))
        else:
            self._no_slide(target)

    def _no_slide(self, number: int) -> None:
        self.notify(f"There is no slide {number}: the deck has {len(self.deck.slides)}.", severity="warning", markup=False)

    def arrive_when_read(self) -> None:
        """More of the deck was read: go to the place asked for, if its slide is read now."""
        if self._heading_to is None:
            return
        (index, step, say), total = self._heading_to, len(self.deck.slides)
        if self.deck.partial and not 0 <= index < total:
            return
        self.head_for(None)
        if index >= total and say:
            self._no_slide(index + 1)
        else:
            self.go(self.navigator.locate(min(index, total - 1) if index >= 0 else total - 1, step))

    def action_clear_pending(self) -> None:
        """Escape: close the search bar, drop a typed number, or clear the search."""
        if self.has_class("-searching"):
            self._close_search()
        elif self.pending:
            self.pending = ""
        elif self.search:
            self.search = ""
            self.query_one(DeckFooter).search = ""

"""Going to a slide by number: type it and press Enter (Backspace edits it, Escape drops
it, or else closes or clears the search), ``gg`` / Home for the first slide, ``G`` / End
for the last. A mixin of the app
(presenter/tui/app.py), which owns the place in the deck."""

from __future__ import annotations

from textual import events

from presenter.tui.footer import DeckFooter


class GoingTo:
    """The keys that jump: a typed slide number, ``gg``, Home and End."""

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

    def action_enter(self) -> None:
        if not self.pending:
            self.action_next_slide()
            return
        target, total = int(self.pending), len(self.deck.slides)
        self.pending = ""
        if 1 <= target <= total:
            self.goto_slide(target - 1)
        else:
            self.notify(f"There is no slide {target}: the deck has {total}{' so far' if self.deck.partial else ''}.", severity="warning", markup=False)

    def action_clear_pending(self) -> None:
        """Escape: close the search bar, drop a typed number, or clear the search."""
        if self.has_class("-searching"):
            self._close_search()
        elif self.pending:
            self.pending = ""
        elif self.search:
            self.search = ""
            self.query_one(DeckFooter).search = ""

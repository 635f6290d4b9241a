"""The presenter view's side panel: next slide, speaker notes, clock and timer."""

from __future__ import annotations

from datetime import datetime

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from presenter.model import Deck, Slide
from presenter.navigation import Place
from presenter.render.palette import DEFAULT_PALETTE
from presenter.render.slide import SlideRenderable
from presenter.timer import format_seconds, pace
from presenter.tui.footer import DeckFooter

PACE_CLASSES = {"ahead": "-ahead", "on pace": "-on-pace", "behind": "-behind", "over": "-over"}


class PresenterPanel(Vertical):
    """Shown beside the slide when the presenter view is on (the ``p`` key)."""

    def compose(self) -> ComposeResult:
        yield Static(id="clock")
        yield Static(Text("Next", style="bold"), id="next-label", classes="panel-label")
        with VerticalScroll(id="next-scroll"):
            yield Static(id="next-preview")
        yield Static(Text("Notes", style="bold"), classes="panel-label")
        with VerticalScroll(id="notes-scroll"):
            yield Static(id="notes")

    def show_slide(self, deck: Deck, index: int, upcoming: Slide | None, step: int | None, label: str, *, reveal: bool = False) -> None:
        """What Next shows (the ``upcoming`` piece at ``step``, under ``label``: the next
        step of this slide, its next part, or the next slide) and the current slide's notes.
        ``reveal``: Next is the piece on screen at its next step, whose new blocks are at its foot."""
        if upcoming is not None:
            # In the app's theme (and without colour under NO_COLOR), like the slide itself.
            palette = getattr(self.app, "palette", DEFAULT_PALETTE)
            preview = SlideRenderable(upcoming, palette=palette.drawn_inline(), step=step)
        else:
            preview = Text("End of the deck", style="dim italic")
        self.query_one("#next-label", Static).update(Text(label, style="bold"))
        self.query_one("#next-preview", Static).update(preview)
        scroll = self.query_one("#next-scroll", VerticalScroll)
        if reveal:  # a piece taller than Next's box shows what the step adds, not its top again
            self.call_after_refresh(scroll.scroll_end, animate=False, immediate=True)
        else:
            scroll.scroll_home(animate=False)
        notes = deck.slides[index].notes.strip()
        self.query_one("#notes", Static).update(Text(notes) if notes else Text("No notes for this slide", style="dim italic"))

    def show_time(
        self, *, now: datetime, elapsed: float, running: bool, duration: float | None, position: int, total: int
    ) -> None:
        """Wall clock, elapsed time, and time remaining against ``duration`` with the pace."""
        text = Text()
        text.append(now.strftime("%H:%M"), style="bold")
        text.append("   elapsed ")
        text.append(format_seconds(elapsed), style="bold")
        if not running:  # on a line of its own: the panel is narrow
            text.append("\npaused: t goes on" if elapsed else "\nt starts the timer", style="dim")
        label = ""
        if duration is not None:
            label = pace(elapsed, duration, position, total)
            text.append("\nremaining ")
            text.append(format_seconds(duration - elapsed), style="bold")
            text.append(f"  {label}")
        clock = self.query_one("#clock", Static)
        clock.update(Group(text))
        for name, css_class in PACE_CLASSES.items():
            clock.set_class(name == label, css_class)


class SpeakerTools:
    """The presenter view (``p``) and the timer (``t``, ``T``): a mixin of
    :class:`~presenter.tui.app.PresenterApp`, which holds the timer and the clock."""

    def _show_next(self, place: Place) -> None:
        """The presenter view's Next: what the next key press shows."""
        upcoming = self.navigator.forward(place)
        reveal = False
        if upcoming is None:
            piece, step, label = None, None, "Next"
        else:
            pieces = self.pieces(upcoming.index)
            piece, step = pieces[upcoming.part], upcoming.step if self.pauses else None
            if upcoming.index != place.index:
                label = "Next slide"
            elif upcoming.part != place.part:
                label = f"Next: part {upcoming.part + 1} of {len(pieces)}"
            else:
                label = f"Next: step {upcoming.step + 1} of {self.navigator.steps(piece) + 1}"
                reveal = True
        self.query_one(PresenterPanel).show_slide(self.deck, place.index, piece, step, label, reveal=reveal)

    def watch_presenter_view(self, on: bool) -> None:
        self.set_class(on, "-presenter-view")
        self._show()
        self._tick()

    async def action_toggle_presenter_view(self) -> None:
        if not self.query(PresenterPanel):
            await self.mount(PresenterPanel(id="presenter-panel"))
        self.presenter_view = not self.presenter_view

    def action_toggle_timer(self) -> None:
        self.timer.toggle()
        self._tick()

    def action_reset_timer(self) -> None:
        self.timer.reset()
        self._tick()

    def _tick(self) -> None:
        """Refresh the clock and timer (once a second, and after each timer key)."""
        footers = self.query(DeckFooter)
        if not footers:  # the interval can fire while the app is closing and the screen is gone
            return
        elapsed = self.timer.elapsed()
        footers.first().elapsed = format_seconds(elapsed) if self.timer.started else ""
        if self.presenter_view:
            self.query_one(PresenterPanel).show_time(
                now=self.now(),
                elapsed=elapsed,
                running=self.timer.running,
                duration=self.duration,
                position=self.place.index + 1,
                total=len(self.deck.slides),
            )

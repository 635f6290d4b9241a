"""The footer: deck title, a progress bar and ``n / N``."""

from __future__ import annotations

from rich.console import RenderableType
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class DeckFooter(Widget):
    """Shows where the presenter is in the deck, and a pending slide number."""

    deck_title: reactive[str] = reactive("")
    position: reactive[int] = reactive(1)
    total: reactive[int] = reactive(1)
    part: reactive[tuple[int, int] | None] = reactive(None)
    """``(2, 3)`` when the slide is shown in pieces and the second of three is on screen."""
    pending: reactive[str] = reactive("")
    heading: reactive[str] = reactive("")
    """The slide asked for that is not read yet (``120``, ``the last slide``)."""
    search: reactive[str] = reactive("")
    """The search and where its matches are, e.g. ``/GDP 1 of 2``."""
    elapsed: reactive[str] = reactive("")
    """The timer's elapsed time, once it has been started."""
    step: reactive[tuple[int, int] | None] = reactive(None)
    """``(shown, of)`` pause steps of the current slide, if it has pauses."""
    reading: reactive[bool] = reactive(False)
    """The rest of the deck is still being read: the total is the slides read so far."""

    def render(self) -> RenderableType:
        grid = Table.grid(expand=True, padding=(0, 2))
        grid.add_column(no_wrap=True, overflow="ellipsis", max_width=max(10, self.size.width // 3))
        grid.add_column(ratio=1)
        grid.add_column(no_wrap=True, justify="right")
        counter = Text(f"{self.search}  " if self.search else "", style="italic")
        if self.pending:
            counter.append(f"go to {self.pending}_ ")
        if self.heading:
            counter.append(f"going to {self.heading} once read  ", style="italic")
        if self.elapsed:
            counter.append(f"⏱ {self.elapsed}  ")
        if self.step is not None:
            counter.append(f"step {self.step[0]}/{self.step[1]}  ", style="italic")
        part = f", part {self.part[0]} of {self.part[1]}" if self.part is not None else ""
        counter.append(f"{self.position} / {self.total}{'+' if self.reading else ''}{part}", style="bold")
        bar = ProgressBar(total=max(1, self.total), completed=self.position, complete_style="cyan", finished_style="cyan", style="grey30")
        grid.add_row(Text(self.deck_title), bar, counter)
        return grid

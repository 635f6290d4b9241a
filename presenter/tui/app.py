"""The Textual app that presents a deck."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from presenter.fit import fit_slide, slide_area
from presenter.model import Block, Deck, Slide
from presenter.navigation import Navigator, Place
from presenter.render.slide import SlideRenderable
from presenter.resources import theme_path
from presenter.themes import DEFAULT_THEME, app_palette, choose_theme, get_theme
from presenter.timer import Clock, Timer, deck_duration
from presenter.tui.commands import SlideCommands
from presenter.tui.footer import DeckFooter
from presenter.tui.jumping import GoingTo
from presenter.tui.pictures import SlideView
from presenter.tui.live import LiveDeck
from presenter.tui.presenter_view import PresenterPanel, SpeakerTools
from presenter.tui.running import Running
from presenter.tui.search import Searching

#: Below this size a slide cannot be shown usefully.
MIN_WIDTH = 40
MIN_HEIGHT = 12
#: Never fit slides to less than this, even in a window too small to show them.
MIN_FIT_WIDTH = 20
MIN_FIT_HEIGHT = 5
#: How long after showing a slide the one Next turns to is drawn ahead (seconds): time for
#: the terminal's output thread to write the frame first.
PREPARE_AFTER = 0.05
#: Length of the fade between slides when transitions are on.
TRANSITION_SECONDS = 0.12


class Stage(VerticalScroll):
    """The scrolling region the slide is drawn in; says when its size changes."""

    class Resized(Message):
        """The stage has a new size: the slide must be fitted again."""

    def on_resize(self) -> None:
        self.post_message(self.Resized())


class PresenterApp(LiveDeck, Searching, SpeakerTools, Running, GoingTo, App[None]):
    """Presents ``deck`` one slide at a time."""

    TITLE = "presenter"
    COMMANDS = App.COMMANDS | {SlideCommands}
    COMMAND_PALETTE_BINDING = "ctrl+p"
    AUTO_FOCUS = "#stage"

    BINDINGS = [
        Binding("right,space,pagedown,l,j", "next_slide", "Next", show=False),
        Binding("enter", "enter", "Next / go to", show=False),
        Binding("left,backspace,pageup,h,k", "previous_slide", "Previous", show=False),
        Binding("home", "first_slide", "First", show=False),
        Binding("end,G", "last_slide", "Last", show=False),
        Binding("question_mark", "help", "Help", show=False),
        Binding("o", "overview", "Overview", show=False),
        Binding("tab", "overview", "Overview", show=False, priority=True),
        Binding("slash", "search", "Search", show=False),
        Binding("n", "next_match", "Next match", show=False),
        Binding("N", "previous_match", "Previous match", show=False),
        Binding("p", "toggle_presenter_view", "Presenter view", show=False),
        Binding("t", "toggle_timer", "Start/pause timer", show=False),
        Binding("T", "reset_timer", "Reset timer", show=False),
        Binding("e", "edit", "Edit this slide", show=False),
        Binding("ctrl+e", "run_code", "Run the code", show=False),
        Binding("escape", "clear_pending", "Clear", show=False),
        Binding("q,ctrl+q", "quit", "Quit", show=False),
    ]

    # The app draws nothing itself: its watchers update the widgets that change (a repaint
    # of the app would send the terminal the whole screen again on every key press).
    place: reactive[Place] = reactive(Place(0), init=False, repaint=False)
    """Where the presenter is: the slide, the piece of it on screen, the pauses passed."""
    pending: reactive[str] = reactive("", init=False, repaint=False)
    """A slide number being typed (Enter goes there)."""
    search: reactive[str] = reactive("", init=False, repaint=False)
    """The text being searched for; its matches are highlighted on the slide."""
    presenter_view: reactive[bool] = reactive(False, init=False, repaint=False)
    """Show the speaker's panel (next slide, notes, clock) beside the slide."""

    def __init__(
        self,
        deck: Deck,
        *,
        pauses: bool = True,
        watch: bool = False,
        presenter_view: bool = False,
        duration: float | None = None,
        rehearse: bool = False,
        animate: bool = False,
        clock: Clock | None = None,
        now: Callable[[], datetime] = datetime.now,
        theme: str = DEFAULT_THEME,
        css: Path | None = None,
        sync: bool = False,
        rest: Iterator[Deck | None] | None = None,
        clean: bool = False,
        flavor: str | None = None,
        run_code: bool = False,
        images: str = "halfcell",
    ) -> None:
        # A user stylesheet (--css) comes after theme.tcss, so its rules win.
        super().__init__(css_path=[theme_path(), *([Path(css).resolve()] if css is not None else [])])
        look = get_theme(theme)
        if look.textual_name not in self.available_themes:
            self.register_theme(look.textual_theme())
        self.theme = look.textual_name
        self.palette = app_palette(look, images=images)
        """The slides' Rich styles: the theme's, without colour under NO_COLOR; pictures
        drawn as ``images`` says (presenter/graphics.py: kitty, sixel, halfcell or none)."""
        self.picture_kind = "sixel" if images == "sixel" else "halfcell"
        """How the slide widget draws pictures (presenter/tui/pictures.py)."""
        self.run_code = run_code
        """Code blocks may run (``--exec``): ``+exec_replace`` ones as the deck is read, the
        others on Ctrl+E (presenter/tui/running.py)."""
        deck = self.prepared(deck)
        self.deck = deck
        self.pauses = pauses
        self.rest = rest
        """The parser's remaining stages, while a long deck is still being read."""
        self.read_error = None
        """The error that stopped the reading of the rest of the deck, if one did."""
        self.clean = clean
        """A reload drops injected fragments from a Markdown deck too (``--clean``)."""
        self.flavor = flavor
        """A reload reads the deck by this tool's rules (``--flavor``; None: detected again)."""
        self.watch = watch and deck.source is not None
        self.sync = sync and deck.source is not None
        """Follow and drive other instances presenting the same file (presenter/tui/sync.py)."""
        self._anchor: Block | None = None
        """The first block of the piece the user turned to: a resize keeps it on screen."""
        self._quiet = False
        """The place is changing by itself (a resize, a reload): no fade, no new anchor."""
        self._last_key = ""
        self._shown: tuple | None = None
        """The piece, step and search on screen."""
        self.set_reactive(PresenterApp.presenter_view, presenter_view)
        # The first frame's classes, set before any widget is styled (set on mount, they
        # would restyle every widget once more before that frame).
        self.set_class(presenter_view, "-presenter-view", update=False)
        first = deck.slides[0] if deck.slides else Slide("")
        self.set_class(first.is_title, "-title-slide", update=False)
        self.set_class(first.middle, "-middle", update=False)
        self.set_class(not first.footer, "-no-footer", update=False)
        self.animate_transitions = animate
        """Fade each new slide in; off by default (tests) and under --no-animation."""
        self.duration = duration if duration is not None else deck_duration(deck)
        self.now = now
        self.timer = Timer(clock) if clock is not None else Timer()
        self.rehearsal = None
        if rehearse:
            from presenter.rehearsal import Rehearsal

            self.rehearsal = Rehearsal(clock) if clock is not None else Rehearsal()

    def compose(self) -> ComposeResult:
        # What the first frame shows; the too-small message, the search bar and the presenter
        # panel are mounted when first needed (each widget delays the first frame).
        with Stage(id="stage"):
            yield SlideView(kind=self.picture_kind, id="slide")
        yield DeckFooter(id="footer")
        if self.presenter_view:
            yield PresenterPanel(id="presenter-panel")

    def on_mount(self) -> None:
        self.set_reactive(PresenterApp.place, self.navigator.arrive(0))
        self._deck_changed()
        self._check_size()
        self._tick()
        self.set_interval(1.0, self._tick)
        self.call_after_refresh(self.start_live)

    # -- the place in the deck -----------------------------------------------------------

    @property
    def navigator(self) -> Navigator:
        """Where Next and Previous lead (presenter/navigation.py), over this deck as fitted."""
        return Navigator(len(self.deck.slides), self.pieces, pauses=self.pauses)

    def pieces(self, index: int | None = None) -> tuple[Slide, ...]:
        """Slide ``index`` (default: the current one) as the pieces it is shown in, in the
        slide area (presenter/fit.py)."""
        return fit_slide(self.deck.slides[self.place.index if index is None else index], *self._area())

    def _area(self) -> tuple[int, int]:
        """The slide area for fitting: the stage's region once laid out."""
        size = self.query_one("#stage").size
        width, height = (size.width, size.height) if size.width and size.height else slide_area(*self.size)
        return max(MIN_FIT_WIDTH, width), max(MIN_FIT_HEIGHT, height)

    @property
    def index(self) -> int:
        return self.place.index

    @property
    def part(self) -> int:
        return self.place.part

    @property
    def step(self) -> int:
        return self.place.step

    @property
    def current(self) -> Slide:
        """The piece of the current slide on screen."""
        place = self.validate_place(self.place)  # (a new window size may not be fitted yet)
        return self.pieces(place.index)[place.part]

    @property
    def slide_step(self) -> int:
        """Pauses passed on the whole slide: what terminals of different sizes share."""
        return self.navigator.slide_step(self.place)

    def validate_place(self, place: Place) -> Place:
        return self.navigator.arrive(place.index, place.part, place.step)

    def watch_place(self, old: Place, new: Place) -> None:
        turned = (old.index, old.part) != (new.index, new.part)
        if old.index != new.index:
            self.stop_run("stopped: the slide changed")
        if turned:
            self.query_one("#stage").scroll_home(animate=False)
        self._show()
        if turned and not self._quiet:
            blocks = self.current.blocks
            self._anchor = blocks[0] if blocks else None
            if self.animate_transitions and self.animation_level != "none":
                stage = self.query_one("#stage")
                stage.styles.opacity = 0.35
                stage.styles.animate("opacity", value=1.0, duration=TRANSITION_SECONDS)

    def go(self, place: Place | None, *, quiet: bool = False) -> None:
        """Go to ``place`` (None: stay); ``quiet`` (a re-fit, a reload) keeps a typed slide
        number and does not fade."""
        if not quiet:
            self.pending = ""
            if self._heading_to is not None:
                self.head_for(None)  # the presenter moved on
        if place is not None:
            self._quiet = quiet
            try:
                self.place = place
            finally:
                self._quiet = False

    def goto_slide(self, index: int) -> None:
        """Jump to slide ``index`` (0-based), as the command palette does."""
        self.go(Place(index, 0, 0))

    def _show(self) -> None:
        place, slide = self.place, self.current
        shown = (slide, place.step if self.pauses else None, self.search or None, self._area()[1])
        if shown != self._shown:  # a new renderable is drawn anew; the same one keeps its lines
            self._shown = shown
            renderable = SlideRenderable(slide, palette=self.palette, step=shown[1], search=shown[2], big=True, height=shown[3])
            self.query_one("#slide", SlideView).show(renderable)
        self.set_class(slide.is_title, "-title-slide")
        self.set_class(slide.middle, "-middle")
        self.set_class(not slide.footer, "-no-footer")
        steps = self.navigator.steps(slide)
        footer = self.query_one(DeckFooter)
        footer.position = place.index + 1
        footer.part = slide.part
        footer.step = (place.step + 1, steps + 1) if steps else None
        self.send_state()
        if self.presenter_view:
            self._show_next(place)
        if self.rehearsal is not None:
            self.rehearsal.show(place.index)
        self.set_timer(PREPARE_AFTER, self._prepare_next)  # after the frame is written, which drawing ahead would delay

    def _prepare_next(self) -> None:
        """Once the frame is written, draw the piece Next turns to and its pictures, off screen,
        so that the key press only shows them (a photo is read and drawn once for each size)."""
        views = self.query(SlideView)
        if not views:  # the app is closing, or another screen is on top
            return
        place = self.navigator.forward(self.place)
        if place is not None and (place.index, place.part) != (self.place.index, self.place.part):
            piece, (width, height) = self.pieces(place.index)[place.part], self._area()
            if not piece.is_title:  # (a title slide is drawn narrower)
                step = place.step if self.pauses else None
                views.first().prepare(SlideRenderable(piece, palette=self.palette, step=step, big=True, height=height), width)

    def replace_deck(self, deck: Deck, *, more: bool = False) -> None:
        """Show ``deck`` instead, on the same slide (or the nearest one that still exists).
        ``more``: the same deck, more of it read (a run goes on, its output stays)."""
        if not more:
            self.forget_runs("stopped: the deck was reloaded")
            self.head_for(None)
        self.deck = self.prepared(deck)
        self._deck_changed()
        self.go(self.place, quiet=True)  # validated again: clamped to the new deck
        self._show()
        self.arrive_when_read()

    def _deck_changed(self) -> None:
        self.title = self.deck.title
        footer = self.query_one(DeckFooter)
        footer.deck_title = self.deck.title
        footer.total = len(self.deck.slides)
        footer.reading = self.deck.partial

    # -- size ----------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size)

    @on(Stage.Resized)
    def _refit(self) -> None:
        """The stage has a new size: fit the slide again, on the content that was on screen."""
        navigator = self.navigator
        step = navigator.slide_step(self.place)
        pieces = self.pieces(self.place.index)
        part = next((i for i, piece in enumerate(pieces) if self._anchor in piece.blocks), None)
        if part is None:
            part = navigator.locate(self.place.index, step).part
        before = sum(navigator.steps(piece) for piece in pieces[:part])
        self.go(Place(self.place.index, part, max(0, step - before)), quiet=True)
        self._show()

    def _check_size(self, size=None) -> None:
        width, height = size or self.size
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        if too_small and not self.query("#too-small"):
            message = f"The window is too small to show a slide.\nMake it at least {MIN_WIDTH}×{MIN_HEIGHT}."
            self.mount(Static(message, id="too-small"), after="#stage")
        self.set_class(too_small, "-too-small")

    # -- keys ----------------------------------------------------------------------------

    def action_next_slide(self) -> None:
        """Reveal the next pause step, or turn to the next piece or slide."""
        self.go(self.navigator.forward(self.place))

    def action_previous_slide(self) -> None:
        """Hide the last revealed step, or go to the previous slide fully revealed."""
        if self.pending:  # Backspace while typing a slide number edits the number.
            self.pending = self.pending[:-1]
            return
        self.go(self.navigator.backward(self.place))

    @on(events.Click, "#stage")
    def _click(self) -> None:
        self.action_next_slide()

    # -- screens and the speaker's tools -------------------------------------------------

    def action_overview(self) -> None:
        from presenter.tui.overview import OverviewScreen

        if isinstance(self.screen, OverviewScreen):
            self.screen.dismiss(None)
            return

        def opened(index: int | None) -> None:
            if index is not None:
                self.goto_slide(index)

        self.push_screen(OverviewScreen(self.deck, self.place.index), opened)

    def action_help(self) -> None:
        from presenter.tui.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_edit(self) -> None:
        from presenter.tui.editing import edit_this_slide

        edit_this_slide(self)


def make_app(deck: Deck | Path | str, *, theme: str | None = None, **options) -> PresenterApp:
    """Build the app for a deck or a deck file (used by the CLI and the tests).

    ``theme`` defaults to the deck's front matter ``theme:``, else dark. ``options`` are
    PresenterApp's keywords: pauses, watch, presenter_view, duration, rehearse, clock, now,
    css, sync, animate, rest, clean, flavor, run_code, images.
    """
    if not isinstance(deck, Deck):
        from presenter.sources import load_deck

        deck = load_deck(Path(deck), clean=options.get("clean", False), flavor=options.get("flavor"))
    look, _ = choose_theme(theme, deck)
    return PresenterApp(deck, theme=look.name, **options)

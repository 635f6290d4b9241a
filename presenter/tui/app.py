"""The Textual app that presents a deck."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Static

from presenter.fit import fit_at, slide_area, trim_caches
from presenter.model import Deck, Slide
from presenter.navigation import Navigator, Place
from presenter.render.slide import SlideRenderable
from presenter.resources import theme_path
from presenter.themes import DEFAULT_THEME, app_palette, get_theme
from presenter.tui.footer import DeckFooter
from presenter.tui.live import LiveDeck
from presenter.tui.stylesheet import first_frame_part
from presenter.timer import Clock, Timer, format_seconds

if TYPE_CHECKING:
    from presenter.tui.presenter_view import PresenterPanel

#: Below this size a slide cannot be shown usefully.
MIN_WIDTH = 40
MIN_HEIGHT = 12
#: Never fit slides to less than this, even in a window too small to show them.
MIN_FIT_WIDTH = 20
MIN_FIT_HEIGHT = 5
#: How many fitted slides ``PresenterApp.pieces`` keeps (the oldest goes first).
FITS_KEPT = 16
#: How many slides' renderables (drawn, or drawn ahead) ``PresenterApp._drawing`` keeps.
DRAWINGS_KEPT = 4
#: Length of the fade between slides when transitions are on.
TRANSITION_SECONDS = 0.12


def slide_commands():
    """The command palette's slide provider, imported when the palette first opens."""
    from presenter.tui.commands import SlideCommands

    return SlideCommands


def _presenter_panel_class() -> type[PresenterPanel]:
    """The presenter view's panel, imported when it is first shown (not before the first frame)."""
    from presenter.tui.presenter_view import PresenterPanel

    return PresenterPanel


def _presenter_panel() -> PresenterPanel:
    return _presenter_panel_class()(id="presenter-panel")


class SlideArea(VerticalScroll):
    """The stage: the scrolling region the slide is drawn in; says when its size changes."""

    class Resized(Message):
        """The slide area has a new size: slides must be fitted again."""

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized())


class PresenterApp(LiveDeck, App[None]):
    """Presents ``deck`` one slide at a time."""

    CSS_PATH = None  # theme.tcss is added in __init__ (see presenter/tui/stylesheet.py)
    TITLE = "presenter"
    COMMANDS = App.COMMANDS | {slide_commands}
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
        Binding("escape", "clear_pending", "Clear", show=False),
        Binding("q,ctrl+q", "quit", "Quit", show=False),
    ]

    index: reactive[int] = reactive(0, init=False)
    step: reactive[int] = reactive(0, init=False)
    """How many pauses of the current slide have been passed."""
    pending: reactive[str] = reactive("", init=False)
    search: reactive[str] = reactive("", init=False)
    """The text being searched for; its matches are highlighted on the slide."""
    presenter_view: reactive[bool] = reactive(False, init=False)
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
    ) -> None:
        # A user stylesheet (--css) comes after theme.tcss, so its rules win.
        # (resolved here: Textual would take a relative path as relative to this module).
        super().__init__(css_path=[Path(css).resolve()] if css is not None else None)
        theme_file = theme_path()
        theme_css = theme_file.read_text(encoding="utf-8")
        self._theme_css: str | None = theme_css
        """theme.tcss while only its first part has been given to Textual."""
        self._theme_source = (str(theme_file), "")  # where Textual would say a CSS file's rules are from
        # Added before Textual reads --css, so the user's rules still come after theme.tcss's.
        self.stylesheet.add_source(first_frame_part(theme_css), read_from=self._theme_source)
        if presenter_view:
            self.load_whole_theme()
        look = get_theme(theme)
        if look.textual_name not in self.available_themes:
            self.register_theme(look.textual_theme())
        # Setting another theme than the app's first one parses and applies the whole stylesheet
        # a second time before the first frame; the default (dark) is Textual's first theme.
        self.theme = look.textual_name
        self.palette = app_palette(look)
        """The slides' Rich styles: the theme's, without colour under NO_COLOR."""
        self.deck = deck
        self._fitted: dict[tuple[int, int, int], tuple[Slide, ...]] = {}
        """Slides fitted to the slide area, by (slide, width, height), for ``_fitted_deck``."""
        self._fitted_deck: Deck | None = None
        self._stage: SlideArea | None = None
        """The scrolling region the slide is drawn in (made in compose; kept, not queried)."""
        self._slide: Static | None = None
        """The slide's widget, in the stage."""
        self._fitting_ahead = False
        self._drawings: dict[tuple, tuple[Slide, SlideRenderable]] = {}
        """Slides' renderables by (piece, step, search, palette), the piece kept as well."""
        self.palette_titles: tuple[Deck, list[str], list[str]] | None = None
        """The deck, and each slide's "N. Title" (as written, and lower case) for the command
        palette (presenter/tui/commands.py)."""
        self._rest = rest
        """The parser's remaining stages, while a big deck is still being read (tui/loading.py)."""
        self.load_error = None
        """The error that stopped the reading of the rest of the deck, if one did."""
        self._input_at = 0.0
        self.pauses = pauses
        self.watch = watch and deck.source is not None
        self.sync = sync and deck.source is not None
        """Follow and drive other instances presenting the same file (presenter/tui/sync.py)."""
        self._slide_sync = None
        self._applying_remote = False
        self._last_key = ""
        self.part = 0
        """Which piece of the current slide is on screen (see ``pieces``)."""
        self._anchor = None
        """The first block the user turned to: resizes keep it on screen."""
        self.set_reactive(PresenterApp.presenter_view, presenter_view)
        # The classes of the first frame, set before any widget is styled: set in on_mount
        # (as _show does) they would restyle every widget once more before that frame.
        self.set_class(presenter_view, "-presenter-view", update=False)
        self.set_class(bool(deck.slides) and deck.slides[0].is_title, "-title-slide", update=False)
        self.animate_transitions = animate
        """Fade each new slide in; off by default (tests) and under --no-animation."""
        self.duration = duration if duration is not None else deck_duration(deck)
        self.now = now
        self.timer = Timer(clock) if clock is not None else Timer()
        self.rehearsal = None
        if rehearse:
            from presenter.rehearsal import Rehearsal

            self.rehearsal = Rehearsal(clock) if clock is not None else Rehearsal()

    def load_whole_theme(self) -> None:
        """Give Textual the rest of theme.tcss, before showing what only those rules style
        (presenter/tui/stylesheet.py); once."""
        if self._theme_css is None:
            return
        # The same source, so it stays where it was: before any --css file.
        self.stylesheet.add_source(self._theme_css, read_from=self._theme_source)
        self._theme_css = None
        if self.is_running:
            self.stylesheet.parse()  # only this source: the others' rules are cached
            self.stylesheet.update(self)

    def compose(self) -> ComposeResult:
        # Only what the first frame shows: the presenter panel, the too-small message and the
        # search bar are mounted when first needed (each widget styled and laid out before the
        # first frame delays it).
        # Each widget costs the first frame ~4 ms (styled, laid out and drawn): the stage is
        # the one scrolling widget round the slide, and the presenter panel is docked beside it.
        self._stage = SlideArea(id="stage")
        self._slide = Static(id="slide")
        with self._stage:
            yield self._slide
        yield DeckFooter(id="footer")
        if self.presenter_view:
            yield _presenter_panel()

    def on_mount(self) -> None:
        self.title = self.deck.title
        footer = self.query_one(DeckFooter)
        footer.deck_title = self.deck.title
        footer.total = len(self.deck.slides)
        self._show()
        self._check_size()
        self.set_class(self.presenter_view, "-presenter-view")
        self._tick()
        self.set_interval(1.0, self._tick)
        if self._rest is not None:
            footer.reading = True
            self.call_after_refresh(self.run_worker, self._read_rest(), group="load")
        if self.watch or self.sync:
            self.call_after_refresh(self._start_background)

    def _start_background(self) -> None:
        """Once the first slide is on screen: watch the file, join the other terminals.

        Importing watchfiles and opening the sync socket would otherwise delay the first frame.
        """
        if self.watch:
            self.run_worker(self._watch_source(), exclusive=True, group="reload")
        if self.sync:
            self.run_worker(self._start_sync(), group="sync", exit_on_error=False)

    def replace_deck(self, deck: Deck) -> None:
        """Show ``deck`` instead, on the same slide (or the nearest one that still exists)."""
        self.deck = deck
        footer = self.query_one(DeckFooter)
        footer.deck_title = deck.title
        footer.total = len(deck.slides)
        self._go(self.index, part=self.part, step=self.step)
        self._show()

    # -- state ---------------------------------------------------------------

    def validate_index(self, index: int) -> int:
        return max(0, min(index, len(self.deck.slides) - 1))

    def validate_step(self, step: int) -> int:
        return max(self.first_step, min(step, self.steps))

    # The slide on screen is piece ``part`` of slide ``index`` fitted to the slide area
    # (presenter/fit.py): a slide too tall for the window continues on pieces "(2/3)".

    def _area(self) -> dict[str, int]:
        """The slide area for fitting: the slide's scroll region once laid out."""
        region = self._stage.size if self._stage is not None else None  # asked for on every key: no query
        if region is not None and region.width and region.height:
            width, height = region.width, region.height
        else:
            width, height = slide_area(*self.size)
        return {"width": max(MIN_FIT_WIDTH, width), "height": max(MIN_FIT_HEIGHT, height)}

    def pieces(self, index: int | None = None) -> tuple[Slide, ...]:
        """Slide ``index`` (default: the current one) as it fits the slide area.

        A key press asks this of the same slide several times (where it leads, its steps,
        what to draw): each fit is kept for this deck and area, so a press fits a slide once.
        """
        index = self.index if index is None else index
        area = self._area()
        key = (index, area["width"], area["height"])
        if self._fitted_deck is not self.deck:
            self._fitted.clear()
            self._fitted_deck = self.deck
        pieces = self._fitted.get(key)
        if pieces is None:
            trim_caches()
            pieces = fit_at(self.deck.slides, index, **area)
            if len(self._fitted) >= FITS_KEPT:
                del self._fitted[next(iter(self._fitted))]
            self._fitted[key] = pieces
        return pieces

    @property
    def current(self) -> Slide:
        """The piece of the current slide on screen."""
        pieces = self.pieces()
        return pieces[max(0, min(self.part, len(pieces) - 1))]

    @property
    def navigator(self) -> Navigator:
        """Where Next and Previous lead (presenter/navigation.py), over this deck as fitted."""
        return Navigator(len(self.deck.slides), self.pieces, pauses=self.pauses)

    @property
    def place(self) -> Place:
        return Place(self.index, self.part, self.step)

    @property
    def steps(self) -> int:
        """Pauses on the piece on screen (0 when pauses are off)."""
        return self.navigator.steps(self.current)

    @property
    def first_step(self) -> int:
        return self.navigator.first_step(self.current)

    @property
    def slide_step(self) -> int:
        """Pauses passed on the whole slide: the pieces before this one, then this one's."""
        return self.navigator.slide_step(self.place)

    def watch_index(self) -> None:
        self._show()

    def watch_step(self) -> None:
        self._show()

    def watch_pending(self, pending: str) -> None:
        self.query_one(DeckFooter).pending = pending

    def _show(self) -> None:
        slide = self.current
        self._slide.update(self._drawing(slide, self.step if self.pauses else None))
        self.set_class(slide.is_title, "-title-slide")
        footer = self.query_one(DeckFooter)
        footer.position = self.index + 1
        footer.step = (self.step + 1, self.steps + 1) if self.steps else None
        self._send_state()
        if self.presenter_view:
            self._panel().show_slide(self.deck, self.index)
        if self.rehearsal is not None:
            self.rehearsal.show(self.index)
        if not self._fitting_ahead:
            self._fitting_ahead = True
            self.call_after_refresh(self._fit_ahead)

    def _fit_ahead(self) -> None:
        """Fit the slides either side of the one on screen, once it is drawn, and draw the
        next: the next key press, either way, finds its slide fitted (fitting measures every
        block), and Next finds it drawn at the width it will be shown at."""
        self._fitting_ahead = False
        if not (self.is_running and self.deck.slides):
            return
        navigator = self.navigator
        ahead = navigator.forward(self.place)
        navigator.backward(self.place)
        width = self._slide.size.width
        if ahead is not None and width:
            piece = self.pieces(ahead.index)[ahead.part]
            drawing = self._drawing(piece, ahead.step if self.pauses else None)
            # The options Textual draws a widget's content with (textual/visual.py).
            drawing.lines(self.console, self.console_options.update_width(width).update(highlight=False))

    def _drawing(self, piece: Slide, step: int | None) -> SlideRenderable:
        """The renderable of ``piece`` at pause ``step``: the one drawn ahead, if it was."""
        key = (id(piece), step, self.search, id(self.palette))
        kept = self._drawings.get(key)
        if kept is not None and kept[0] is piece:
            return kept[1]
        drawing = SlideRenderable(piece, palette=self.palette, step=step, search=self.search or None, big=True)
        if len(self._drawings) >= DRAWINGS_KEPT:
            del self._drawings[next(iter(self._drawings))]
        self._drawings[key] = (piece, drawing)
        return drawing

    def goto_slide(self, index: int) -> None:
        """Jump to slide ``index`` (0-based), as the command palette does."""
        self._go(index)

    def _go(self, index: int, *, part: int = 0, step: int | None = None, quiet: bool = False) -> None:
        """Show piece ``part`` of slide ``index`` (both clamped; -1 is the last piece) at
        pause ``step`` (default: the piece's first step; clamped).

        ``quiet`` (a re-fit after a resize) keeps a typed slide number and does not fade.
        """
        if not quiet:
            self.pending = ""
        index = self.validate_index(index)
        pieces = self.pieces(index)
        part = len(pieces) - 1 if part < 0 else max(0, min(part, len(pieces) - 1))
        changed = (index, part) != (self.index, self.part)
        with self.batch_update():
            self.part = part
            self.set_reactive(PresenterApp.index, index)
            self.set_reactive(PresenterApp.step, self.validate_step(self.first_step if step is None else step))
            self._stage.scroll_home(animate=False)
            self._show()
        if not quiet:
            blocks = self.current.blocks
            self._anchor = blocks[0] if blocks else None
        if changed and not quiet and self.animate_transitions and self.animation_level != "none":
            stage = self._stage
            stage.styles.opacity = 0.35
            stage.styles.animate("opacity", value=1.0, duration=TRANSITION_SECONDS)

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size)

    def on_slide_area_resized(self, message: "SlideArea.Resized") -> None:
        self._refit()

    def _refit(self) -> None:
        """After a resize: fit the slide again, staying on the content that was on screen."""
        if not self.is_running:
            return
        navigator = self.navigator
        step = navigator.slide_step(self.place)
        pieces = self.pieces()
        part = next((i for i, piece in enumerate(pieces) if self._anchor in piece.blocks), None)
        if part is None:
            part = navigator.locate(self.index, step).part
        before = sum(navigator.steps(piece) for piece in pieces[:part])
        self._go(self.index, part=part, step=max(0, step - before), quiet=True)

    def _check_size(self, size=None) -> None:
        width, height = size or self.size
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        if too_small and not self.query("#too-small"):
            self.load_whole_theme()
            message = f"The window is too small to show a slide.\nMake it at least {MIN_WIDTH}×{MIN_HEIGHT}."
            self.mount(Static(message, id="too-small"), after="#stage")
        self.set_class(too_small, "-too-small")

    # -- keys ----------------------------------------------------------------

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

    def action_next_slide(self) -> None:
        """Reveal the next pause step, or turn to the next piece or slide."""
        self._move(self.navigator.forward(self.place))

    def action_previous_slide(self) -> None:
        """Hide the last revealed step, or go to the previous slide fully revealed."""
        if self.pending:  # Backspace while typing a slide number edits the number.
            self.pending = self.pending[:-1]
            return
        self._move(self.navigator.backward(self.place))

    def _move(self, place: Place | None) -> None:
        """Go to ``place``: a step on this piece, or another piece or slide (None: stay)."""
        if place is None or (place.index, place.part) == (self.index, self.part):
            self.pending = ""
            if place is not None:
                self.step = place.step
            return
        self._go(place.index, part=place.part, step=place.step)

    def action_first_slide(self) -> None:
        self._go(0)

    def action_last_slide(self) -> None:
        self._go(len(self.deck.slides) - 1)

    def action_enter(self) -> None:
        if self.pending:
            target = int(self.pending)
            self.pending = ""
            if 1 <= target <= len(self.deck.slides):
                self._go(target - 1)
            else:
                self.notify(f"There is no slide {target}: the deck has {len(self.deck.slides)}.", severity="warning")
            return
        self.action_next_slide()

    def action_clear_pending(self) -> None:
        """Escape: close the search bar, drop a typed number, or clear the search."""
        if self.has_class("-searching"):
            self._close_search()
        elif self.pending:
            self.pending = ""
        elif self.search:
            self.search = ""
            self.query_one(DeckFooter).search = ""

    # -- speaker support ----------------------------------------------------------

    def watch_presenter_view(self, on: bool) -> None:
        self.set_class(on, "-presenter-view")
        self._show()
        self._tick()

    async def action_toggle_presenter_view(self) -> None:
        if not self.presenter_view and not self.query("#presenter-panel"):
            self.load_whole_theme()
            await self.mount(_presenter_panel())
        self.presenter_view = not self.presenter_view

    def _panel(self) -> PresenterPanel:
        return self.query_one("#presenter-panel", _presenter_panel_class())

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
            self._panel().show_time(
                now=self.now(),
                elapsed=elapsed,
                running=self.timer.running,
                duration=self.duration,
                position=self.index + 1,
                total=len(self.deck.slides),
            )

    def action_edit(self) -> None:
        """Open $VISUAL/$EDITOR at the current slide's first source line, then reload."""
        import subprocess

        from textual.app import SuspendNotSupported

        from presenter.editor import editor_command

        if self.deck.source is None:
            self.notify("This deck has no file to edit.", severity="warning")
            return
        lines = self.deck.slides[self.index].source_lines
        argv = editor_command(Path(self.deck.source), lines.first if lines else None)
        if argv is None:
            self.notify("Set $EDITOR (or $VISUAL) to edit the deck from here.", severity="warning")
            return
        try:
            with self.suspend():
                result = subprocess.run(argv)
        except SuspendNotSupported:  # headless (tests) or a web driver: run it without the terminal
            result = subprocess.run(argv, stdin=subprocess.DEVNULL)
        except OSError as error:
            self.notify(f"Could not start {argv[0]}: {error.strerror or error}", severity="error")
            return
        if result.returncode != 0:
            self.notify(f"{argv[0]} exited with status {result.returncode}", severity="warning")
        self.reload()

    def action_help(self) -> None:
        from presenter.tui.help import HelpScreen

        self.load_whole_theme()
        self.push_screen(HelpScreen())

    # -- search --------------------------------------------------------------

    def matches(self) -> list[int]:
        """Indexes of the slides whose title, text or notes contain the search text."""
        if not self.search:
            return []
        from presenter.packed import search_slides

        return search_slides(self.deck.slides, self.search)

    def watch_search(self) -> None:
        self._show()

    async def action_search(self) -> None:
        if not self.query("#search"):
            self.load_whole_theme()
            await self.mount(Input(placeholder="search the deck; Enter finds, Escape cancels", id="search"), before="#footer")
        search = self.query_one("#search", Input)
        search.value = self.search
        self.add_class("-searching")
        search.focus()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self._close_search()
        self.search = event.value.strip()
        if self.search:
            self._jump_to_match(+1, include_current=True)

    def _close_search(self) -> None:
        self.remove_class("-searching")
        self._stage.focus()

    def _jump_to_match(self, direction: int, include_current: bool = False) -> None:
        matches = self.matches()
        footer = self.query_one(DeckFooter)
        if not matches:
            footer.search = f"/{self.search}: no match"
            return
        if include_current and self.index in matches:
            target = self.index
        elif direction > 0:
            target = next((i for i in matches if i > self.index), matches[0])
        else:
            target = next((i for i in reversed(matches) if i < self.index), matches[-1])
        self._go(target)
        footer.search = f"/{self.search} {matches.index(target) + 1} of {len(matches)}"

    def action_next_match(self) -> None:
        if self.search:
            self._jump_to_match(+1)

    def action_previous_match(self) -> None:
        if self.search:
            self._jump_to_match(-1)

    def action_overview(self) -> None:
        from presenter.tui.overview import OverviewScreen

        if isinstance(self.screen, OverviewScreen):
            self.screen.dismiss(None)
            return

        def opened(index: int | None) -> None:
            if index is not None:
                self._go(index)

        self.load_whole_theme()
        self.push_screen(OverviewScreen(self.deck, self.index), opened)

    @on(events.Click, "#stage")
    def _click(self, event: events.Click) -> None:
        self.action_next_slide()


def deck_duration(deck: Deck) -> float | None:
    """The talk's length from front matter ``duration:``, in seconds (None if absent or unreadable)."""
    from presenter.timer import parse_duration

    value = deck.meta_value("duration")
    try:
        return parse_duration(value) if value else None
    except ValueError:
        return None


def make_app(deck: Deck | Path | str, *, theme: str | None = None, **options) -> PresenterApp:
    """Build the app for a deck or a deck file (used by the CLI and the tests).

    ``theme`` defaults to the deck's front matter ``theme:``, else dark. ``options`` are
    PresenterApp's keywords: pauses, watch, presenter_view, duration, rehearse, clock, now, css,
    sync.
    """
    from presenter.themes import choose_theme

    if not isinstance(deck, Deck):
        from presenter.sources import load_deck

        deck = load_deck(Path(deck))
    look, _ = choose_theme(theme, deck)
    return PresenterApp(deck, theme=look.name, **options)

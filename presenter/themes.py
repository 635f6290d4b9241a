"""Built-in themes: a Rich palette for the slides and a Textual theme for the app around them.

Importing this module does not import Textual (exports use the palettes alone); the Textual
side is built on demand by :meth:`PresenterTheme.textual_theme`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from rich.style import Style

from presenter.errors import PresenterError
from presenter.render.palette import DEFAULT_PALETTE, Palette

if TYPE_CHECKING:
    from textual.theme import Theme

    from presenter.model import Deck


@dataclass(frozen=True, slots=True)
class PresenterTheme:
    """One named look."""

    name: str
    """What ``--theme`` and front matter ``theme:`` call it."""
    description: str
    """One line for the README and ``--help``."""
    palette: Palette
    """Rich styles for everything on a slide."""
    textual: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    """Keyword arguments of :class:`textual.theme.Theme`: the colours behind theme.tcss's variables."""
    builtin: str | None = None
    """The name of a Textual theme used unchanged instead (then ``textual`` is not used)."""

    @property
    def textual_name(self) -> str:
        return self.builtin or f"presenter-{self.name}"

    def textual_theme(self) -> Theme:
        """The Textual theme, so ``$primary``, ``$surface``, ``$background`` follow this theme."""
        from textual.theme import BUILTIN_THEMES, Theme

        if self.builtin is not None:
            return BUILTIN_THEMES[self.builtin]
        return Theme(name=self.textual_name, **self.textual)


LIGHT_PALETTE = Palette(
    title=Style(bold=True, color="#1a1a1a"),
    title_rule=Style(color="#0b6e99"),
    deck_title=Style(bold=True, color="#0b4f6c"),
    subtitle=Style(italic=True, color="#4a4a4a"),
    text=Style(color="#1a1a1a"),
    heading=Style(bold=True, color="#0b6e99"),
    bullet=Style(bold=True, color="#0b6e99"),
    number=Style(bold=True, color="#0b6e99"),
    stat=Style(bold=True, color="#a04a00"),
    stat_value=Style(bold=True, color="#a04a00"),
    stat_label=Style(color="#4a4a4a"),
    stat_border=Style(color="#9a9a9a"),
    up=Style(bold=True, color="#1a7f37"),
    down=Style(bold=True, color="#b42318"),
    quote_bar=Style(color="#8e24aa"),
    quote_text=Style(italic=True, color="#1a1a1a"),
    speaker=Style(bold=True, color="#8e24aa"),
    role=Style(color="#4a4a4a"),
    code=Style(color="#1a6b2f", bgcolor="#e6e6e6"),
    link=Style(underline=True, color="#0550ae"),
    muted=Style(color="#6e6e6e"),
    match=Style(color="#000000", bgcolor="#ffd54f", bold=True),
    code_theme="friendly",
)

HIGH_CONTRAST_PALETTE = Palette(
    title=Style(bold=True, color="#ffffff"),
    title_rule=Style(color="#ffff00"),
    deck_title=Style(bold=True, color="#ffffff"),
    subtitle=Style(italic=True, color="#ffffff"),
    text=Style(color="#ffffff"),
    heading=Style(bold=True, color="#00ffff"),
    bullet=Style(bold=True, color="#ffff00"),
    number=Style(bold=True, color="#ffff00"),
    stat=Style(bold=True, color="#ffff00"),
    stat_value=Style(bold=True, color="#ffff00"),
    stat_label=Style(color="#ffffff"),
    stat_border=Style(color="#ffffff"),
    up=Style(bold=True, color="#00ff00"),
    down=Style(bold=True, color="#ff6060"),
    quote_bar=Style(color="#00ffff"),
    quote_text=Style(italic=True, color="#ffffff"),
    speaker=Style(bold=True, color="#00ffff"),
    role=Style(color="#ffffff"),
    code=Style(bold=True, color="#00ff00"),
    link=Style(underline=True, bold=True, color="#00ffff"),
    muted=Style(color="#e0e0e0"),
    match=Style(color="#000000", bgcolor="#ffff00", bold=True),
    code_theme="github-dark",
)

THEMES: dict[str, PresenterTheme] = {
    theme.name: theme
    for theme in (
        PresenterTheme(
            "dark",
            "light text on a dark background (the default)",
            DEFAULT_PALETTE,
            # Textual's own dark theme, by its own name: an app starts on it, so the default
            # look costs no second pass over the stylesheet (see PresenterApp.__init__).
            builtin="textual-dark",
        ),
        PresenterTheme(
            "light",
            "dark text on a light background, for bright rooms and projectors",
            LIGHT_PALETTE,
            dict(
                primary="#0b6e99",
                secondary="#0b4f6c",
                warning="#a04a00",
                error="#b42318",
                success="#1a7f37",
                accent="#a04a00",
                foreground="#1a1a1a",
                background="#f7f7f5",
                surface="#e6e6e3",
                panel="#d9d9d5",
                dark=False,
            ),
        ),
        PresenterTheme(
            "high-contrast",
            "white, yellow and cyan on black, for low vision and harsh projectors",
            HIGH_CONTRAST_PALETTE,
            dict(
                primary="#ffff00",
                secondary="#00ffff",
                warning="#ffff00",
                error="#ff6060",
                success="#00ff00",
                accent="#00ffff",
                foreground="#ffffff",
                background="#000000",
                surface="#000000",
                panel="#000000",
                boost="#333333",
                dark=True,
                variables={"text-muted": "#ffffff"},
            ),
        ),
    )
}

DEFAULT_THEME = "dark"


def get_theme(name: str) -> PresenterTheme:
    """The theme called ``name``; a :class:`PresenterError` naming the choices otherwise."""
    try:
        return THEMES[name.strip().lower()]
    except KeyError:
        choices = ", ".join(THEMES)
        raise PresenterError(None, None, f"unknown theme {name!r}; choose one of: {choices}") from None


def deck_theme_name(deck: Deck) -> str:
    """The theme the deck's front matter asks for (``theme: light`` or ``theme:`` / ``name: light``)."""
    return (deck.meta_value("theme.name") or deck.meta_value("theme")).strip()


def choose_theme(requested: str | None, deck: Deck | None = None) -> tuple[PresenterTheme, str | None]:
    """``--theme`` if given, else the deck's front matter, else dark.

    Returns the theme and a warning: an unknown ``--theme`` is an error, but a deck written
    for another tool may name one of its themes, which only earns a warning and the default.
    """
    if requested:
        return get_theme(requested), None
    name = deck_theme_name(deck) if deck is not None else ""
    if not name:
        return THEMES[DEFAULT_THEME], None
    try:
        return get_theme(name), None
    except PresenterError as error:
        where = f"{deck.source}: " if deck is not None and deck.source else ""
        return THEMES[DEFAULT_THEME], f"{where}front matter {error.message}; using {DEFAULT_THEME}"


def no_color(environ: Mapping[str, str] | None = None) -> bool:
    """True when ``NO_COLOR`` is set to a non-empty value (https://no-color.org)."""
    return bool((os.environ if environ is None else environ).get("NO_COLOR", ""))


def app_palette(theme: PresenterTheme | str, environ: Mapping[str, str] | None = None, *, images: str = "halfcell") -> Palette:
    """The palette the app draws slides with: the theme's, without colour under NO_COLOR;
    pictures drawn as ``images`` says (``kitty``, ``sixel``, ``halfcell`` or ``none``)."""
    if isinstance(theme, str):
        theme = get_theme(theme)
    palette = theme.palette.without_color() if no_color(environ) else theme.palette
    graphics = "kitty" if images == "kitty" else "reserved"  # else the slide widget draws them (presenter/tui/pictures.py)
    return palette._replace(pictures=palette.pictures and images != "none", graphics=graphics)


def user_stylesheet(path: Path | str) -> Path:
    """``--css FILE``, checked: a one-line error naming its line when it cannot be read or
    Textual cannot use it (Textual's own report, once the app starts, is a framed excerpt)."""
    from textual.app import App
    from textual.css.stylesheet import Stylesheet, StylesheetError, StylesheetParseError
    from textual.css.tokenizer import TokenError

    css = Path(path)
    if not css.is_file():
        raise PresenterError(css, None, "no such stylesheet" if not css.exists() else "stylesheet is not a file")
    sheet = Stylesheet(variables=App().get_css_variables())  # $primary, $text ... as the app has them
    try:
        sheet.read(css)
        sheet.parse()
    except TokenError as error:  # not CSS: the line where reading it stopped
        raise PresenterError(css, error.start[0], str(error).replace(".; ", ". ")) from None
    except StylesheetParseError as error:  # CSS, but a rule Textual cannot apply: the first one
        token, help_text = next(problem for rule in error.errors.rules for problem in rule.errors)
        summary = re.sub(r"\[/?i?\]", "", str(help_text.summary))  # Textual's help marks names up: [i]color[/]
        raise PresenterError(css, token.location[0] + 1, summary) from None
    except StylesheetError as error:
        raise PresenterError(css, None, str(error)) from None
    return css

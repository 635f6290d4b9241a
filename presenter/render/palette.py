"""The colours and text styles the renderables use, one palette per theme."""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style


class Palette(NamedTuple):
    """Rich styles for each part of a slide."""

    title: Style = Style(bold=True, color="bright_white")
    title_rule: Style = Style(color="cyan")
    deck_title: Style = Style(bold=True, color="bright_white")
    subtitle: Style = Style(italic=True, color="grey70")
    text: Style = Style()
    heading: Style = Style(bold=True, color="cyan")
    bullet: Style = Style(bold=True, color="cyan")
    number: Style = Style(bold=True, color="cyan")
    stat: Style = Style(bold=True, color="bright_yellow")
    stat_value: Style = Style(bold=True, color="bright_yellow")
    stat_label: Style = Style(color="grey70")
    stat_border: Style = Style(color="grey50")
    up: Style = Style(bold=True, color="green")
    down: Style = Style(bold=True, color="red")
    quote_bar: Style = Style(color="magenta")
    quote_text: Style = Style(italic=True)
    speaker: Style = Style(bold=True, color="magenta")
    role: Style = Style(color="grey70")
    code: Style = Style(color="bright_green", bgcolor="grey15")
    link: Style = Style(underline=True, color="bright_blue")
    muted: Style = Style(color="grey50")
    match: Style = Style(color="black", bgcolor="bright_yellow", bold=True)
    code_theme: str | None = "monokai"
    """Pygments style for code blocks; None shows code in the ``code`` style alone."""
    hyperlinks: bool = True
    """Links are hyperlinks (OSC 8 in a terminal, ``<a href>`` in HTML). False for an output
    that cannot carry one (text, SVG, PNG, PDF): a link is then written ``label (url)``."""
    pictures: bool = True
    """Pictures are drawn (in colour); False shows a placeholder naming the image."""
    graphics: str = "halfcell"
    """How pictures are drawn: ``halfcell`` blocks; ``kitty`` (the terminal draws the
    picture from its pixels, kitty's graphics protocol; only in a terminal that has it); or
    ``reserved``: blank cells, the first tagged, for the app to lay a picture over
    (presenter/tui/pictures.py)."""

    def without_color(self) -> Palette:
        """The same emphasis (bold, italic, underline) with every colour removed, for NO_COLOR.

        Search matches, marked by a background colour, are shown in reverse video instead.
        """
        styles = {name: getattr(self, name).without_color for name in STYLE_FIELDS}
        styles["match"] = Style(bold=True, reverse=True)
        return Palette(**styles, code_theme=None, hyperlinks=self.hyperlinks, pictures=False)

    def drawn_inline(self) -> Palette:
        """This palette for a renderable shown on its own (a preview): pictures drawn in it."""
        return self._replace(graphics="halfcell") if self.graphics == "reserved" else self

    def without_links(self) -> Palette:
        """The same look for an output without hyperlinks: each link's URL written after it."""
        return self._replace(hyperlinks=False)


STYLE_FIELDS = tuple(name for name in Palette._fields if name not in ("code_theme", "hyperlinks", "pictures", "graphics"))

DEFAULT_PALETTE = Palette()

#: A palette without colour or emphasis, for plain-text export.
PLAIN_PALETTE = Palette(**{name: Style() for name in STYLE_FIELDS}, pictures=False)

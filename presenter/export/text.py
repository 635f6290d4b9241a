"""Plain-text export: every slide rendered at a fixed width, without ANSI codes."""

from __future__ import annotations

import io

from rich.cells import cell_len, set_cell_size
from rich.console import Console

from presenter.model import Deck
from presenter.render.palette import PLAIN_PALETTE
from presenter.render.slide import SlideRenderable
from presenter.themes import DEFAULT_THEME, PresenterTheme, get_theme

DEFAULT_WIDTH = 80


def fixed_console(width: int, *, color: bool = False) -> Console:
    """A console that ignores the real terminal: same output everywhere."""
    return Console(
        file=io.StringIO(),
        width=width,
        height=10_000,
        color_system="truecolor" if color else None,
        force_terminal=color,
        no_color=not color,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        _environ={},
    )


def slide_header(number: int, total: int, title: str, width: int) -> str:
    """``── 2/9 · Title ─────``, exactly ``width`` cells wide (a long title is shortened)."""
    prefix = f"── {number}/{total} · "
    title = " ".join(title.split())  # no tabs or newlines in a one-line header
    room = width - cell_len(prefix) - 4  # a space and at least three rule characters
    if cell_len(title) > room:
        title = set_cell_size(title, max(0, room - 1)).rstrip() + "…"
    label = f"{prefix}{title} "
    return label + "─" * max(0, width - cell_len(label))


def export_text(
    deck: Deck,
    *,
    width: int = DEFAULT_WIDTH,
    theme: PresenterTheme | str = DEFAULT_THEME,
    height: int | None = None,
) -> str:
    """The whole deck as text, each slide under a header line with its number and title.

    Every exporter takes the ``theme``; text has no colour, so this one draws with the plain
    palette whatever the theme (an unknown name is still an error).

    With ``height``, slides are first fitted to ``width`` x ``height`` (see
    :mod:`presenter.fit`): a slide taller than ``height`` rows (its header line not
    counted) continues on numbered continuation slides, as it would in the app.
    """
    if isinstance(theme, str):
        get_theme(theme)
    if height is not None:
        from presenter.fit import fit_deck

        deck = fit_deck(deck, width=width, height=height)
    console = fixed_console(width)
    out: list[str] = []
    total = len(deck.slides)
    for number, slide in enumerate(deck.slides, start=1):
        out.append(slide_header(number, total, slide.display_title, width))
        with console.capture() as capture:
            console.print(SlideRenderable(slide, palette=PLAIN_PALETTE))
        lines = [line.rstrip() for line in capture.get().split("\n")]
        while lines and not lines[-1]:
            lines.pop()
        out.extend(lines)
        out.append("")
    return "\n".join(out)

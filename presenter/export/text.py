"""Plain-text export: every slide rendered at a fixed width, without ANSI codes."""

from __future__ import annotations

import io

from rich.console import Console

from presenter.model import Deck
from presenter.render.palette import PLAIN_PALETTE
from presenter.render.slide import SlideRenderable

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
    label = f"── {number}/{total} · {title} "
    return label + "─" * max(3, width - len(label))


def export_text(deck: Deck, *, width: int = DEFAULT_WIDTH) -> str:
    """The whole deck as text, each slide under a header line with its number and title."""
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

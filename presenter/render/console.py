"""A Rich console of a fixed size, independent of the real terminal."""

from __future__ import annotations

import io

from rich.console import Console


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
    )

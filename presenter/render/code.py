"""A code block: syntax colours in a rounded panel, with presenterm's line numbers and
highlighted lines.

Hidden lines (:attr:`~presenter.model.Code.hidden`) are left out; line numbers count the
lines shown. At a highlight step the lines of that group keep their colours and the others
are drawn in the palette's ``muted`` style (dim, without colour).
"""

from __future__ import annotations

import sys

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.style import Style
from rich.text import Text

from presenter.model import Code, Output
from presenter.render.palette import DEFAULT_PALETTE, Palette


def lit_lines(block: Code, group: int | None = None) -> set[int] | None:
    """The shown lines (1-based) highlighted at step ``group`` of ``block`` (None: its last
    group, as exports show it); None when no line is singled out."""
    groups = block.highlight_groups
    if not groups:
        return None
    chosen = groups[-1 if group is None else max(0, min(group, len(groups) - 1))]
    if not chosen:
        return None
    count = block.shown.rstrip("\n").count("\n") + 1
    return {number for first, last in chosen for number in range(max(1, first), min(last, count) + 1)}


def _lexer(language: str | None) -> str:
    """``language`` if Pygments knows it, else ``text``."""
    try:
        from pygments.lexers import get_lexer_by_name
        from pygments.util import ClassNotFound

        get_lexer_by_name(language or "text")
    except (ClassNotFound, ImportError):
        return "text"
    return language or "text"


def code_panel(block: Code, palette: Palette = DEFAULT_PALETTE, *, group: int | None = None) -> RenderableType:
    """``block`` at highlight step ``group`` (None: the last)."""
    code = block.shown.rstrip("\n")
    lit = lit_lines(block, group)
    faded = palette.muted + Style(dim=True) if palette.muted.color is None else palette.muted
    unlit = [] if lit is None else [n for n in range(1, code.count("\n") + 2) if n not in lit]
    body: RenderableType
    if palette.code_theme is None:  # no colour at all (NO_COLOR): the code as it stands
        body = _plain(code, palette, numbers=block.line_numbers, unlit=set(unlit), faded=faded)
    else:
        from rich.syntax import Syntax  # pygments is slow to import: only for decks with code

        body = Syntax(
            code,
            _lexer(block.language),
            theme=palette.code_theme,
            word_wrap=True,
            background_color="default",
            line_numbers=block.line_numbers,
            highlight_lines=lit,
        )
        for number in unlit:
            body.stylize_range(faded, (number, 0), (number, sys.maxsize))
    title = Text(block.language, style=palette.muted) if block.language else None
    panel = Panel(body, box=box.ROUNDED, border_style=palette.muted, title=title, title_align="right")
    return panel if block.output is None else Group(panel, output_box(block.output, palette))


def output_box(output: Output, palette: Palette = DEFAULT_PALETTE) -> RenderableType:
    """What a run printed, boxed under its code with how it ended; a hint alone (``Ctrl+E
    runs this``) is one muted line."""
    if not output.text and not output.done:
        return Text(f"▶ {output.status}", style=palette.muted)
    status = Text(output.status, style=palette.muted)
    body = Text(output.text, style=palette.code) if output.text else Text("(no output)", style=palette.muted)
    return Panel(body, box=box.SQUARE, border_style=palette.muted, title=Text("output", style=palette.muted), title_align="left", subtitle=status, subtitle_align="right")


def _plain(code: str, palette: Palette, *, numbers: bool, unlit: set[int], faded: Style) -> Text:
    lines = code.split("\n")
    width = len(str(len(lines)))
    body = Text(style=palette.code)
    for number, line in enumerate(lines, start=1):
        if number > 1:
            body.append("\n")
        if numbers:
            body.append(f"{number:>{width}} ", style=faded)
        body.append(line.expandtabs(4), style=faded if number in unlit else "")
    return body

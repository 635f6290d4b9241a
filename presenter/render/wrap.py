"""A text drawn as wrapped lines, as ``console.render_lines(text, options)`` draws it, sooner.

Rich finds where to wrap a line by measuring every word in terminal cells
(``rich._wrap.divide_line``): for a paragraph of a slide that was half the time of drawing
it. When every character of the line is one cell wide, a word's width is its length, and
:func:`divide_line` finds the same breaks without measuring; any other line is left to Rich.
:func:`wrapped_lines` is ``Text.__rich_console__`` with ``Text.wrap`` and that search, and the
lines split as ``console.render_lines`` splits them (``tests/test_render_speed_equivalence.py``
compares the two on generated texts).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich._wrap import divide_line as rich_divide_line
from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions
from rich.containers import Lines
from rich.control import strip_control_codes
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

#: A "word" as Rich wraps: any space before it, the word, any space after it.
_WORD = re.compile(r"\s*\S+\s*")
#: Printable ASCII: one cell wide in every Unicode version.
_ASCII = frozenset(map(chr, range(0x20, 0x7F)))


@lru_cache(maxsize=None)
def _one_cell() -> frozenset[str]:
    """Characters Rich draws one cell wide (printable ASCII, Latin-1 letters, common
    punctuation), each checked with Rich's own measure: made when a line first has more than
    ASCII, as measuring loads Rich's table of character widths."""
    return frozenset(
        char
        for start, end in ((0x20, 0x7E), (0xA0, 0x17F), (0x2010, 0x2027))
        for char in map(chr, range(start, end + 1))
        if cell_len(char) == 1
    )


_LINE_BREAK = Text("\n")
_SPACES = re.compile(" *")


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """The offsets ``rich._wrap.divide_line`` breaks ``text`` at, found by length when every
    character is one cell wide (Rich's own search otherwise)."""
    if width < 1 or not (_ASCII.issuperset(text) or _one_cell().issuperset(text)):
        return rich_divide_line(text, width, fold)
    if "\xa0" not in text:  # the space is the only white space
        jumped = _line_starts(text, width)
        if jumped is not None:
            return jumped
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, end = match.span()
        word = match.group(0)
        word_length = len(word.rstrip())
        if width - offset >= word_length:
            offset += end - start
        elif word_length > width:  # longer than a line: folded across lines, or cropped
            if fold:
                for index in range(0, len(word), width):  # what chop_cells gives
                    if start:
                        breaks.append(start)
                    if index + width >= len(word):
                        offset = len(word) - index
                    else:
                        start += width
            else:
                if start:
                    breaks.append(start)
                offset = len(word)
        elif offset and start:
            breaks.append(start)
            offset = end - start
    return breaks


def _line_starts(text: str, width: int) -> list[int] | None:
    """:func:`divide_line` for one-cell text whose only white space is the space, by jumping
    a line's width at a time (None if a word is longer than a line).

    A word goes on the line while its last character is within ``width`` of the line's start,
    so each line ends before the word that holds (or, after spaces, follows) the character
    ``width`` past its start.
    """
    length = len(text)
    words = text.split(" ")
    lead = length - len(text.lstrip(" "))
    if lead == length:
        return []  # no word at all
    if max(map(len, words)) > width or lead + len(words[lead]) > width:
        return None  # the first word counts the spaces before it
    breaks = []
    start = 0
    while start + width < length:
        limit = start + width
        if text[limit] == " ":
            start = _SPACES.match(text, limit).end()  # type: ignore[union-attr]
            if start == length:
                break  # only spaces left
        else:
            begun = text.rfind(" ", start, limit) + 1
            if begun <= start:
                return None  # a word as long as a line (not reached: checked above)
            start = begun
        breaks.append(start)
    return breaks


def wrap(
    text: Text, console: Console, width: int, *, justify: str, overflow: str, tab_size: int, no_wrap: bool
) -> Lines:
    """``text.wrap(console, width, ...)``, with :func:`divide_line`."""
    no_wrap = no_wrap or overflow == "ignore"
    lines = Lines()
    for line in text.split(allow_blank=True):
        if "\t" in line:
            line.expand_tabs(tab_size)
        if no_wrap:
            if overflow == "ignore":
                lines.append(line)
                continue
            new_lines = Lines([line])
        else:
            new_lines = line.divide(divide_line(str(line), width, fold=overflow == "fold"))
            for piece in new_lines:
                piece.rstrip_end(width)
        if justify:
            new_lines.justify(console, width, justify=justify, overflow=overflow)  # type: ignore[arg-type]
        for piece in new_lines:
            piece.truncate(width, overflow=overflow)  # type: ignore[arg-type]
        lines.extend(new_lines)
    return lines


def _truncate(line: str, width: int, overflow: str, *, pad: bool = False) -> str:
    """``Text.truncate`` on a string."""
    cells = cell_len(line)
    if cells > width:
        line = set_cell_size(line, width - 1) + "…" if overflow == "ellipsis" else set_cell_size(line, width)
    if pad and cells < width:
        line += " " * (width - cells)
    return line


def plain_wrapped_lines(
    plain: str, width: int, *, justify: str, overflow: str, pad: bool, style: Style | None
) -> list[list[Segment]]:
    """:func:`wrapped_lines` for an unstyled text without tabs or control codes, wrapped and
    justified ``default``, ``left``, ``center`` or ``right`` with ``overflow`` ``fold``,
    ``crop`` or ``ellipsis``: the steps of ``Text.wrap`` on strings, each line one segment."""
    fold = overflow == "fold"
    out: list[list[Segment]] = []
    for paragraph in plain.split("\n"):
        bounds = [0, *divide_line(paragraph, width, fold), len(paragraph)]
        for start, end in zip(bounds, bounds[1:]):
            line = paragraph[start:end]
            if len(line) > width:  # rstrip_end: spaces past the width are dropped
                trailing = len(line) - len(line.rstrip())
                if trailing:
                    line = line[: -min(trailing, len(line) - width)]
            if justify == "left":
                line = _truncate(line, width, overflow, pad=True)
            elif justify in ("center", "right"):
                line = _truncate(line.rstrip(), width, overflow)
                cells = cell_len(line)
                left = (width - cells) // 2 if justify == "center" else width - cells
                line = " " * left + line + " " * (width - cells - left)
            line = _truncate(line, width, overflow)
            cells = cell_len(line)
            if not line:
                out.append([Segment(" " * width, style)] if pad else [])
            elif pad and cells < width:
                out.append([Segment(line), Segment(" " * (width - cells), style)])
            else:
                out.append([Segment(line)])
    return out


def wrapped_lines(console: Console, text: Text, options: ConsoleOptions, *, pad: bool, style: Style | None) -> list[list[Segment]]:
    """``console.render_lines(text, options, pad=pad, style=style)`` for options without a
    height and a ``style`` that adds nothing (None or the null style)."""
    width = options.max_width
    tab_size = console.tab_size if text.tab_size is None else text.tab_size
    no_wrap = text.no_wrap if text.no_wrap is not None else bool(options.no_wrap)
    justify = text.justify or options.justify or "default"
    overflow = text.overflow or options.overflow or "fold"
    plain = text.plain
    if (
        not (text.style or text.spans or no_wrap)
        and text.end == "\n"
        and justify != "full"
        and overflow != "ignore"
        and "\t" not in plain
        and strip_control_codes(plain) == plain
    ):
        return plain_wrapped_lines(plain, width, justify=justify, overflow=overflow, pad=pad, style=style)
    lines = wrap(text, console, width, justify=justify, overflow=overflow, tab_size=tab_size or 8, no_wrap=no_wrap)
    segments = _LINE_BREAK.join(lines).render(console, end=text.end)
    return list(Segment.split_and_crop_lines(segments, width, style=style, pad=pad, include_new_lines=False))

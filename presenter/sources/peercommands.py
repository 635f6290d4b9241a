"""Peers' in-slide commands as blocks: presenterm's ``new_lines``, ``list_item_newlines``,
``column_layout`` widths, incremental lists, a ``command_prefix``, and patat's ``. . .``
pauses and comment notes.

Part of the Markdown deck parser (:mod:`presenter.sources.markdown`), which decides when
each applies (:class:`presenter.sources.flavor.Rules`); these functions only build blocks.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import replace

from presenter.model import Block, BulletList, NumberedList, Pause, Space
from presenter.sources.mdsyntax import COMMAND, Command, Node, plain_text

#: The most blank rows one ``new_lines`` (or ``list_item_newlines``) adds: more only pushes
#: the slide off the screen.
MAX_NEW_LINES = 30


def list_pieces(block: Block, *, newlines: int = 1, incremental: bool = False) -> list[Block]:
    """A list revealed an item at a time (``incremental``: one list per item, pauses between)
    and/or with ``newlines`` - 1 blank rows between its items (presenterm's
    ``list_item_newlines``). Anything else, or a list of one item, as it is."""
    if not isinstance(block, (BulletList, NumberedList)) or len(block.items) < 2 or (newlines < 2 and not incremental):
        return [block]
    out: list[Block] = []
    for item in block.items:
        if out:
            if incremental:
                out.append(Pause(lines=item.lines))
            if newlines > 2:  # one blank row comes between blocks anyway
                out.append(Space(min(newlines, MAX_NEW_LINES) - 2, lines=item.lines))
        out.append(replace(block, items=(item,), lines=item.lines))
    return out


def count_value(command: Command) -> int | None:
    """``new_lines: 3`` as 3; ``new_line`` (no value) as 1; anything not a whole number as None."""
    value = command.value.strip()
    if not value:
        return 1
    try:
        number = int(value)
    except ValueError:
        return None
    return number if number >= 0 else None


def column_widths(value: str) -> tuple[int, ...] | None:
    """presenterm's ``column_layout: [2, 1]`` as ``(2, 1)``; None unless it is a list of
    positive whole numbers."""
    match = re.fullmatch(r"\[\s*(\d{1,6}(?:\s*,\s*\d{1,6})*)\s*,?\s*\]", value.strip())
    if match is None:
        return None
    widths = tuple(int(part) for part in match.group(1).split(","))
    return widths if all(widths) else None


def unprefixed(command: Command, prefix: str) -> Command:
    """``<!-- cmd:pause -->`` read with presenterm's ``command_prefix: "cmd:"`` as ``pause``; a
    comment without the prefix as a plain comment (no name)."""
    if not prefix:
        return command
    body = command.raw[4:-3].strip() if command.raw.endswith("-->") else command.raw[4:].strip()
    if not body.startswith(prefix):
        return Command("", body, command.raw, command.index)
    match = COMMAND.match(body[len(prefix) :].strip())
    if match is None:
        return Command("", body, command.raw, command.index)
    return Command(match.group(1).lower(), match.group(2) or "", command.raw, command.index)


def comment_text(command: Command) -> str:
    """What a comment says, without ``<!--`` and ``-->``: patat's speaker notes."""
    body = command.raw[4:-3] if command.raw.endswith("-->") else command.raw[4:]
    return textwrap.dedent(body.strip("\n")).strip()


def is_dot_pause(node: Node) -> bool:
    """Whether ``node`` is patat's pause: a paragraph of three dots with spaces, ``. . .``."""
    return node.type == "paragraph" and plain_text(node).strip() == ". . ."

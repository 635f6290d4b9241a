"""How the terminal draws a deck's pictures: ``presenter DECK --images MODE``.

- ``kitty``: the terminal draws each picture from its pixels, with kitty's graphics protocol
  (textual-image sends the picture once and the slide holds its placeholder cells). kitty,
  Ghostty and other terminals that read the protocol's Unicode placeholders show it.
- ``sixel``: the terminal draws each picture as Sixel graphics (textual-image encodes it):
  foot, WezTerm, iTerm2, Windows Terminal, xterm with Sixel, and others.
- ``halfcell``: half-cell blocks, two pixels a cell; every terminal shows them, tmux and a
  browser (``serve``) included.
- ``none``: one line naming each picture, as the text export writes it.
- ``auto`` (the default): what textual-image finds the terminal draws (Sixel, then kitty's
  protocol where the terminal reads its placeholders: :func:`reads_placeholders`), else
  ``halfcell``. The terminal is asked only when the deck shows a picture (a long deck's
  file is looked at for one beyond its first slides), and never inside tmux (which does
  not pass the protocols on).

The terminal is queried before Textual starts: once it runs, Textual reads every answer.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

from presenter.block_tree import pictures_on
from presenter.model import Deck

IMAGE_MODES = ("auto", "kitty", "sixel", "halfcell", "none")


def has_pictures(deck: Deck) -> bool:
    """Whether a slide of ``deck`` shows a picture from a file; for a long deck opened on its
    first slides (the rest is read while they show), whether its file writes one further on."""
    if any(image.file for slide in deck.slides for image in pictures_on(slide)):
        return True
    if not deck.partial or deck.source is None:
        return False
    from presenter.errors import PresenterError
    from presenter.sources.reading import read_bytes

    try:
        return b"![" in read_bytes(Path(deck.source))
    except PresenterError:  # gone since: the reading of the rest will say so
        return False


def choose_graphics(mode: str, deck: Deck, environ: dict[str, str] | None = None) -> str:
    """``kitty``, ``sixel``, ``halfcell`` or ``none`` for ``--images mode`` (one of :data:`IMAGE_MODES`)."""
    environ = os.environ if environ is None else environ
    if mode in ("halfcell", "none"):
        return mode
    if mode == "auto" and ("TMUX" in environ or not _is_terminal() or not has_pictures(deck)):
        return "halfcell"
    import textual_image.widget  # noqa: F401  (asks the terminal its cells' size in pixels, kept for later)
    from textual_image.renderable import Image, SixelImage, TGPImage  # asks the terminal what it draws

    if mode != "auto":
        return mode
    if Image is TGPImage:  # kitty's protocol: the pictures are placed with Unicode placeholders
        return "kitty" if reads_placeholders(sys.__stdin__.fileno(), sys.__stdout__.fileno()) else "halfcell"
    return "sixel" if Image is SixelImage else "halfcell"


#: kitty's graphics query, carrying the placeholder key ``U``, then a DA1 request, which
#: every terminal answers: its answer ends the wait.
_PLACEHOLDER_QUERY = b"\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24,U=1;AAAA\x1b\\\x1b[c"
_DA1_ANSWER = re.compile(rb"\x1b\[\?[\d;]*c")


def reads_placeholders(terminal_in: int, terminal_out: int, timeout: float = 0.3) -> bool:
    """Whether the terminal reads the Unicode placeholders kitty's protocol places pictures
    with (kitty 0.28 and later). An older kitty answers textual-image's question "do you
    draw pictures?" yes, then shows the placeholders as boxes; asked with the placeholder's
    key, it refuses the question and answers only the DA1 request after it."""
    import select
    import termios
    import tty

    try:
        settings = termios.tcgetattr(terminal_in)
    except termios.error:
        return False
    answer = b""
    try:
        tty.setcbreak(terminal_in)  # the answers are read, not echoed
        os.write(terminal_out, _PLACEHOLDER_QUERY)
        deadline = time.monotonic() + timeout
        while not _DA1_ANSWER.search(answer):
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([terminal_in], [], [], left)[0]:
                break
            answer += os.read(terminal_in, 1024)
    finally:
        termios.tcsetattr(terminal_in, termios.TCSADRAIN, settings)
    return re.search(rb"\x1b_Gi=31[^\x1b]*;OK\x1b\\", answer) is not None


def _is_terminal() -> bool:
    stdout = sys.__stdout__
    return bool(stdout and stdout.isatty())

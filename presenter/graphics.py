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
  protocol), else ``halfcell``. The terminal is asked only when the deck's first slides show
  a picture, and never inside tmux (which does not pass the protocols on).

The terminal is queried before Textual starts: once it runs, Textual reads every answer.
"""

from __future__ import annotations

import os
import sys

from presenter.block_tree import pictures_on
from presenter.model import Deck

IMAGE_MODES = ("auto", "kitty", "sixel", "halfcell", "none")


def has_pictures(deck: Deck) -> bool:
    """Whether a slide of ``deck`` (as read so far) shows a picture from a file."""
    return any(image.file for slide in deck.slides for image in pictures_on(slide))


def choose_graphics(mode: str, deck: Deck, environ: dict[str, str] | None = None) -> str:
    """``kitty``, ``sixel``, ``halfcell`` or ``none`` for ``--images mode`` (one of :data:`IMAGE_MODES`)."""
    environ = os.environ if environ is None else environ
    if mode in ("halfcell", "none"):
        return mode
    if mode == "auto" and (not has_pictures(deck) or "TMUX" in environ or not _is_terminal()):
        return "halfcell"
    import textual_image.widget  # noqa: F401  (asks the terminal its cells' size in pixels, kept for later)
    from textual_image.renderable import Image, SixelImage, TGPImage  # asks the terminal what it draws

    if mode != "auto":
        return mode
    return "kitty" if Image is TGPImage else "sixel" if Image is SixelImage else "halfcell"


def _is_terminal() -> bool:
    stdout = sys.__stdout__
    return bool(stdout and stdout.isatty())

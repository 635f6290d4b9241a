"""The one error type users see, as ``presenter: FILE:LINE: message``."""

from __future__ import annotations

import os
from pathlib import Path


def printable(text: str) -> str:
    """``text`` with every character a terminal would act on (controls, escapes, bidi
    controls, undecodable bytes of a file name) spelled as ``repr`` does: ``\\x1b``."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else char.encode("unicode_escape", "backslashreplace").decode("ascii") for char in text)


def shown_path(path: Path | str) -> str:
    """A file name as a message shows it: safe for the terminal (see :func:`printable`)."""
    return printable(os.fspath(path))


def counted(number: int, noun: str) -> str:
    """``1 slide``, ``2 slides``: a count as a message says it."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


class PresenterError(Exception):
    """A problem with the user's input, reported in one line with exit code 2."""

    exit_code = 2

    def __init__(self, path: Path | str | None, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{shown_path(self.path)}:"
            if self.line is not None:
                where += f"{self.line}:"
            where += " "
        return f"{where}{printable(self.message)}"

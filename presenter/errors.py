"""The one error type users see, as ``presenter: FILE:LINE: message``."""

from __future__ import annotations

from pathlib import Path


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
            where = f"{self.path}:"
            if self.line is not None:
                where += f"{self.line}:"
            where += " "
        return f"{where}{self.message}"

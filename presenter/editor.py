"""The command that opens the user's editor at a line of the deck."""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import Mapping

#: Editors that take ``-g path:line`` rather than ``+line path``.
_GOTO_STYLE = {"code", "codium", "code-insiders", "subl", "sublime_text"}


def editor_command(path: Path, line: int | None, env: Mapping[str, str] | None = None) -> list[str] | None:
    """The argv to edit ``path`` at ``line`` with $VISUAL or $EDITOR, or None if neither is set."""
    env = os.environ if env is None else env
    editor = env.get("VISUAL") or env.get("EDITOR")
    if not editor or not editor.strip():
        return None
    argv = shlex.split(editor)
    name = Path(argv[0]).name
    # An absolute path never starts with + or -: a deck named "+!touch pwned" stays a file
    # name, not a command for vim or an option for any editor.
    path = Path(os.path.abspath(path))
    if line is None:
        return [*argv, str(path)]
    if name in _GOTO_STYLE:
        return [*argv, "-g", f"{path}:{line}"]
    return [*argv, f"+{line}", str(path)]

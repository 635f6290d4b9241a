"""Files presenter ships: the stylesheet and the bundled decks.

A wheel carries them under ``presenter/data/``; a source checkout (and ``pip install -e``)
reads them from the repository root, where users find and copy them.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_ROOTS = (_PACKAGE / "data", _PACKAGE.parent)

DEFAULT_DECK = "shanghai-tech-hub.txt"


def resource(name: str) -> Path:
    """The shipped file ``name`` (``theme.tcss``, ``slides/...``)."""
    for root in _ROOTS:
        candidate = root / name
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"presenter is missing its bundled file {name!r}; reinstall it")


def theme_path() -> Path:
    return resource("theme.tcss")


def default_deck() -> Path:
    return resource(f"slides/{DEFAULT_DECK}")

"""Write a deck to files: every format renders the same Rich renderables as the app.

The registry
------------

:data:`FORMATS` maps a format name (what ``export --format`` takes) to a :class:`Format`.
A format is two functions, named by ``"module:function"`` so the registry imports nothing
heavy until that format is used: one returns the whole export, the other the same export
in pieces, one slide at a time, for the CLI to write as they come (a deck of 100,000 slides
is never held whole in memory)::

    def export_FORMAT(deck, *, width, height, theme, notes, slides) -> str | bytes | dict[str, bytes]
    def stream_FORMAT(deck, *, width, height, theme, notes, slides) -> Iterator[str | bytes | tuple[str, bytes]]

- ``width``: render width in columns (fixed, independent of the terminal);
- ``height``: ``None``, or fit each slide in this many rows first (:mod:`presenter.fit`);
- ``theme``: a :class:`~presenter.themes.PresenterTheme` or its name;
- ``notes``: include speaker notes (as a handout does);
- ``slides``: ``None`` (all) or a :class:`~presenter.export.selection.SlideSelection`;
  :func:`~presenter.export.selection.numbered_slides` fits and selects, keeping each slide's
  original number and the deck's total for headers, and raises the one-line error for a
  range past the end.

What they return depends on :attr:`Format.kind`:

- ``"text"``: a ``str`` (pieces: ``str``), written to ``-o FILE`` or stdout;
- ``"binary"``: ``bytes`` (PDF; pieces: ``bytes``), written to ``-o FILE``, or to stdout when
  it is not a terminal;
- ``"directory"``: a ``dict`` of file name to ``bytes`` (one SVG or PNG per slide; pieces:
  ``(name, bytes)`` pairs), written into ``-o DIR`` (created if missing; replaced whole).

A stream function checks its options (``slides``, a missing library) when called, before
the first piece is asked for. Formats write none of the user's files: the CLI writes what
they return with :func:`~presenter.export.writing.write_atomic` (a file) or
:func:`~presenter.export.folder.write_folder_atomic` (a folder).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from presenter.export.writing import write_atomic


@dataclass(frozen=True, slots=True)
class Format:
    """One export format."""

    name: str
    """What ``--format`` calls it."""
    target: str
    """``"module:function"`` of the export function (imported on first use)."""
    description: str
    """One line for ``--help`` and the README."""
    kind: str = "text"
    """``text`` (a str), ``binary`` (bytes) or ``directory`` (file name to content)."""

    @property
    def export(self) -> Callable[..., Any]:
        return _function(self.target)

    def __call__(self, deck, **options: Any) -> Any:
        return self.export(deck, **options)

    def stream(self, deck, **options: Any) -> Iterator[Any]:
        """The export in pieces (see the module docstring): ``stream_FORMAT`` beside ``export_FORMAT``."""
        return _function(self.target.replace(":export_", ":stream_", 1))(deck, **options)


def _function(target: str) -> Callable[..., Any]:
    module, _, function = target.partition(":")
    return getattr(import_module(module), function)


FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        Format("text", "presenter.export.text:export_text", "each slide as plain text under a numbered header"),
        Format("ansi", "presenter.export.ansi:export_ansi", "the text export in the theme's colours, for less -R"),
        Format("markdown", "presenter.export.markdown:export_markdown", "a Markdown deck presenter reads back to the same slides"),
        Format("html", "presenter.export.html:export_html", "one self-contained web page: arrow keys, #slide-N links, no network"),
        Format("svg", "presenter.export.svg:export_svgs", "one SVG image per slide (slide-01.svg, ...)", kind="directory"),
        Format("png", "presenter.export.png:export_pngs", "one PNG image per slide (needs the export extra)", kind="directory"),
        Format("pdf", "presenter.export.pdf:export_pdf", "one page per slide, selectable text (needs the export extra)", kind="binary"),
    )
}

__all__ = ["FORMATS", "Format", "write_atomic"]

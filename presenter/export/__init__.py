"""Write a deck to files: every format renders the same Rich renderables as the app."""

from __future__ import annotations

from presenter.export.text import export_text
from presenter.export.writing import write_atomic

FORMATS = {"text": export_text}

__all__ = ["FORMATS", "export_text", "write_atomic"]

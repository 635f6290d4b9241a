"""theme.tcss for the first frame, and whole when more is shown.

Textual parses the whole stylesheet before the first frame, and parsing is slow: ~7 million
instructions a kilobyte (``benchmarks/launch_ab.py --measure instructions``). The rules for
what the first frame never shows (the too-small message, help, the overview, search and the
presenter view) were 13 million of the launch. theme.tcss stays one file, the one users copy:
a marker comment splits it, and the app gives Textual the part before the marker first and
the whole file when one of those first opens (``PresenterApp.load_whole_theme``).
"""

from __future__ import annotations

#: The start of the comment that splits theme.tcss.
LATER = "/* ==== Parsed when first needed"


def first_frame_part(css: str) -> str:
    """The part of the stylesheet ``css`` before the marker (all of it without one)."""
    head, marker, _ = css.partition(LATER)
    return head if marker else css

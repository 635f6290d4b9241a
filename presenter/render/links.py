"""A link as a reader of a slide can follow it: a hyperlink, or its URL written out.

Where the output carries hyperlinks (the app, the ANSI and HTML exports) a link whose URL
is safe to open is drawn as one; anywhere else (text, SVG, PNG, PDF), and for any other
URL, the label is followed by `` (url)``, unless the label already is the URL.
"""

from __future__ import annotations

import re

#: http, https and mailto URLs, with nothing in them that acts on a terminal or splits a URL.
_FOLLOWABLE = re.compile(r"(?:https?://|mailto:)[^\x00-\x20\x7f-\x9f]+", re.IGNORECASE)
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:(?://)?", re.IGNORECASE)
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def followable(url: str) -> bool:
    """Whether ``url`` may become a hyperlink: ``javascript:``, ``file:`` or a relative
    path may not."""
    return _FOLLOWABLE.fullmatch(url) is not None


def url_suffix(label: str, url: str) -> str:
    """`` (url)`` to write after a link's ``label`` where it is no hyperlink; empty when the
    label is the URL, with or without its scheme (``<https://example.com>``, ``<me@example.org>``)."""
    shown = _CONTROLS.sub("", url)
    said = label.strip().casefold().rstrip("/")
    if not shown or said in (shown.casefold().rstrip("/"), _SCHEME.sub("", shown, count=1).casefold().rstrip("/")):
        return ""
    return f" ({shown})"

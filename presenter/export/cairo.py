"""Turn the slide SVGs into PNG images or one PDF with CairoSVG (an optional dependency).

CairoSVG draws each ``<text>`` in the first font of its ``font-family`` and has no
per-glyph fallback, so a run of text holding CJK characters is given an installed CJK
monospace font (``fc-list`` tells which; fonts-wqy-zenhei or fonts-noto-cjk on Debian).
Missing pieces give a one-line :class:`PresenterError` that says what to install.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from functools import lru_cache
from types import ModuleType

from presenter.errors import PresenterError
from presenter.export.svg import CJK_MONO_FONTS

INSTALL_EXTRA = "pip install 'presenter[export]'"


def require_cairosvg(fmt: str) -> ModuleType:
    """The ``cairosvg`` module, or a one-line error saying what to install."""
    try:
        import cairosvg
    except ImportError:
        raise PresenterError(None, None, f"{fmt} export needs CairoSVG: {INSTALL_EXTRA}") from None
    except OSError:  # cairocffi found no libcairo
        raise PresenterError(
            None,
            None,
            f"{fmt} export needs the Cairo library: apt-get install libcairo2 (Debian, Ubuntu) "
            "or brew install cairo (macOS)",
        ) from None
    return cairosvg


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The first installed font of :data:`CJK_MONO_FONTS`, or None if fontconfig knows none."""
    if shutil.which("fc-list") is None:
        return None
    try:
        listing = subprocess.run(
            ["fc-list", ":", "family"], capture_output=True, text=True, timeout=20, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    families = {name.strip() for line in listing.splitlines() for name in line.split(",")}
    return next((font for font in CJK_MONO_FONTS if font in families), None)


def _wide(text: str) -> bool:
    return any(unicodedata.east_asian_width(ch) in ("W", "F") for ch in text)


_TEXT = re.compile(r"<text ([^>]*)>([^<]*)</text>")


def with_cjk_font(svg: str, font: str | None = None) -> str:
    """``svg`` with every ``<text>`` holding a wide (CJK) character set in a CJK font."""
    font = font or cjk_font()
    if font is None:
        return svg

    def fix(match: re.Match[str]) -> str:
        attributes, text = match[1], match[2]
        if not _wide(text):
            return match[0]
        return f"<text {attributes} style=\"font-family: '{font}'\">{text}</text>"

    return _TEXT.sub(fix, svg)


def svg_to_png(svg: bytes, *, scale: float) -> bytes:
    cairosvg = require_cairosvg("png")
    return cairosvg.svg2png(bytestring=with_cjk_font(svg.decode("utf-8")).encode("utf-8"), scale=scale)


def pdf_document(svgs: Iterable[bytes], *, title: str) -> Iterator[bytes]:
    """One PDF with a page per SVG, as the bytes Cairo has written after each page (the
    fonts and the page index come last). Fails here, before any page, without CairoSVG."""
    cairosvg = require_cairosvg("pdf")
    return _pdf_pages(cairosvg, svgs, title)


def _pdf_pages(cairosvg: ModuleType, svgs: Iterable[bytes], title: str) -> Iterator[bytes]:
    import cairocffi
    from cairosvg.parser import Tree

    written = _Written()
    document = cairocffi.PDFSurface(written, 1, 1)

    class Page(cairosvg.surface.PDFSurface):
        """CairoSVG's PDF surface, drawing on the one document instead of a new one."""

        def _create_surface(self, width: float, height: float):
            document.set_size(width, height)
            return document, width, height

    try:
        for svg in svgs:
            Page(Tree(bytestring=with_cjk_font(svg.decode("utf-8")).encode("utf-8")), None, 96)
            document.show_page()
            yield written.take()
        try:
            document.set_metadata(cairocffi.PDF_METADATA_TITLE, title)
            document.set_metadata(cairocffi.PDF_METADATA_CREATOR, "presenter (CairoSVG)")
            if (stamp := _source_date()) is not None:
                document.set_metadata(cairocffi.PDF_METADATA_CREATE_DATE, stamp)
        except (AttributeError, cairocffi.CairoError):  # Cairo before 1.16 has no metadata
            pass
    finally:
        document.finish()
    yield written.take()


def _source_date() -> str | None:
    """The creation date reproducible builds ask for (``SOURCE_DATE_EPOCH``, seconds since
    1970), so the same deck exports to the same bytes; ``None`` leaves Cairo's clock."""
    try:
        seconds = int(os.environ["SOURCE_DATE_EPOCH"])
        return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (KeyError, ValueError, OverflowError, OSError):
        return None


class _Written:
    """Where Cairo writes the PDF: bytes held until the next :meth:`take`."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data, self._parts = b"".join(self._parts), []
        return data

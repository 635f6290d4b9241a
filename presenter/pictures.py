"""The pictures a deck shows: where an image path leads, and the picture read from it.

A deck's image paths are relative to the deck's folder and must stay inside it (a deck from
elsewhere cannot show, or export, a picture from the rest of the disk); a remote URL is
never fetched. A picture is read with Pillow once per file version and kept small (it is
drawn in terminal cells); anything that goes wrong is a one-line reason the slide shows in
the picture's place and ``check`` reports.
"""

from __future__ import annotations

import io
import re
import warnings
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

#: Larger files are not read (a photo is a few megabytes).
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Pictures are kept at most this many pixels across: a terminal cell is one pixel across
#: and two high (half-cell blocks), and no terminal is wider than this.
KEEP_PIXELS = 480
#: A picture the terminal draws from its pixels (kitty's protocol, Sixel) is read at most
#: this many pixels across: about ten pixels a cell, across a wide terminal.
SHARP_PIXELS = 2000
#: A cell is about twice as high as it is wide.
CELL_ASPECT = 2.0
#: Pixels of the picture drawn in one cell when shown at its own size (a typical cell is
#: about 10 pixels across), so a small icon stays small.
PIXELS_PER_CELL = 10

_REMOTE = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


class Picture(NamedTuple):
    """A picture read from a file, in RGB, at most :data:`KEEP_PIXELS` across."""

    pixels: object
    """The ``PIL.Image.Image`` (typed loosely so the model never imports Pillow)."""
    width: int
    """The file's own width in pixels."""
    height: int
    """The file's own height in pixels."""
    version: tuple[str, int, int]
    """The file, its size and modification time: which picture this is."""

    def cells(self, max_width: int, share: float | None = None) -> tuple[int, int]:
        """``(columns, rows)`` it takes at most ``max_width`` columns wide (``share`` of them,
        if the deck gave one), keeping its aspect: never wider than its own size."""
        own = max(1, round(self.width / PIXELS_PER_CELL))
        columns = max(1, round(max_width * share)) if share else min(max_width, own)
        columns = max(1, min(columns, max_width))
        return columns, self.rows_for(columns)

    def rows_for(self, columns: int) -> int:
        """Rows the picture takes ``columns`` wide."""
        return max(1, round(columns * self.height / self.width / CELL_ASPECT))

    def columns_for(self, rows: int) -> int:
        """Columns the picture takes ``rows`` high."""
        return max(1, round(rows * CELL_ASPECT * self.width / self.height))


def is_remote(path: str) -> bool:
    """Whether ``path`` is a URL (``https://...``, ``data:``...) rather than a file."""
    return bool(_REMOTE.match(path)) and not re.match(r"^[a-z]:[\\/]", path, re.IGNORECASE)


def locate(path: str, folder: Path) -> tuple[Path | None, str | None]:
    """The file an image ``path`` names, relative to the deck's ``folder``, or the reason
    there is none to show: a URL, or a place outside the folder."""
    if not path.strip():
        return None, "no image path"
    if is_remote(path):
        return None, f"not fetched: {path}"
    try:
        base = folder.resolve()
        file = (base / path).resolve()
    except (OSError, RuntimeError, ValueError):
        return None, f"cannot read {path}"
    if not file.is_relative_to(base):
        return None, f"outside the deck's folder: {path}"
    return file, None


def read_picture(file: Path) -> Picture | str:
    """The picture in ``file``, or a one-line reason it cannot be shown. Read once per
    version of the file (its size and modification time)."""
    try:
        stat = file.stat()
    except FileNotFoundError:
        return f"missing: {file.name}"
    except OSError as error:
        return f"cannot read {file.name}: {error.strerror or error}"
    if not file.is_file():
        return f"not a file: {file.name}"
    if stat.st_size > MAX_FILE_BYTES:
        return f"too large: {file.name} ({stat.st_size // 1_000_000} MB)"
    return read_version(str(file), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=32)
def read_version(file: str, size: int, mtime: int) -> Picture | str:
    """The picture read as ``version`` (the file, its size and modification time), at most
    :data:`KEEP_PIXELS` across."""
    return _read(file, size, mtime, KEEP_PIXELS)


@lru_cache(maxsize=2)  # sent to the terminal once for each size: kept only while it is sent
def read_sharp(file: str, size: int, mtime: int) -> Picture | str:
    """:func:`read_version` at most :data:`SHARP_PIXELS` across, for the terminal to draw."""
    return _read(file, size, mtime, SHARP_PIXELS)


def _read(file: str, size: int, mtime: int, keep: int) -> Picture | str:
    from PIL import Image, UnidentifiedImageError

    name = Path(file).name
    try:
        with open(file, "rb") as handle:  # never blocks on a FIFO: read_picture checked is_file
            data = handle.read(MAX_FILE_BYTES + 1)
        if name.lower().endswith(".svg"):
            data = _svg_to_png(data, keep)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as opened:
                width, height = opened.size
                opened.seek(0)  # an animation's first frame
                opened.draft("RGB", (keep, keep))  # a JPEG decodes at a fraction of its size
                picture = opened.convert("RGBA")
        flat = Image.new("RGB", picture.size, (0, 0, 0))
        flat.paste(picture, mask=picture.getchannel("A"))  # transparent parts on black
        flat.thumbnail((keep, keep * 2))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return f"too many pixels: {name}"
    except UnidentifiedImageError:
        return f"not a picture presenter can read: {name}"
    except _SvgUnavailable as error:
        return str(error)
    except (OSError, ValueError, SyntaxError, EOFError) as error:  # truncated or corrupt
        return f"cannot read {name}: {str(error).splitlines()[0] if str(error) else type(error).__name__}"
    if width < 1 or height < 1:
        return f"empty picture: {name}"
    return Picture(flat, width, height, (file, size, mtime))


class _SvgUnavailable(Exception):
    pass


class _Refused(ValueError):
    pass


def _fetch_nothing(url: str, resource_type: str) -> bytes:
    """What an SVG picture may load from elsewhere (a file, a URL): nothing."""
    raise _Refused(f"an SVG picture may not load {url[:80]}")


def _svg_to_png(data: bytes, width: int) -> bytes:
    try:
        import cairosvg
    except (ImportError, OSError) as error:
        raise _SvgUnavailable("an SVG picture needs CairoSVG: pip install 'presenter[export]'") from error
    try:
        return cairosvg.surface.PNGSurface.convert(bytestring=data, output_width=width, unsafe=False, url_fetcher=_fetch_nothing)
    except Exception as error:  # CairoSVG raises many kinds on a bad file
        raise ValueError(str(error) if isinstance(error, _Refused) else f"not a valid SVG ({type(error).__name__})") from error


#: A picture whose thumbnail has at most this many colours is a drawing, not a photo.
DRAWING_COLOURS = 4096


def is_photo(pixels: object) -> bool:
    """Whether ``pixels`` (a picture's, RGB) are a photo's: many colours of their own,
    counted on a thumbnail. A drawing (a diagram, a chart, a gradient sky) has few."""
    thumbnail = pixels.reduce(max(1, max(pixels.size) // 160))  # type: ignore[attr-defined]
    return thumbnail.getcolors(DRAWING_COLOURS) is None

"""PNG export: one image per slide, rasterised from the SVGs at a known scale."""

from __future__ import annotations

import math
import re
import struct
from pathlib import Path

from click.testing import CliRunner

from presenter.cli import cli
from presenter.export.png import SCALE
from presenter.export.svg import export_svgs
from tests.conftest import SLIDES
from tests.exporting import cairosvg_or_skip

DECK = SLIDES / "shanghai-tech-hub.txt"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_cli_writes_one_png_per_slide_of_the_svg_size(tmp_path: Path) -> None:
    cairosvg_or_skip()
    out = tmp_path / "png"
    result = CliRunner().invoke(cli, ["export", str(DECK), "--format", "png", "-o", str(out), "--width", "60"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"slide-{n:02d}.png" for n in range(1, 10)]
    from presenter.sources import load_deck

    svg = export_svgs(load_deck(DECK), width=60)["slide-01.svg"]
    width, height = (float(v) for v in re.search(rb'width="([\d.]+)" height="([\d.]+)"', svg).groups())
    for name in names:
        w, h = _png_size((out / name).read_bytes())
        assert abs(w - width * SCALE) <= 1 and abs(h - height * SCALE) <= 1
        assert (w, h) == _png_size((out / names[0]).read_bytes())
    assert math.isclose(w / h, width / height, rel_tol=0.01)


def test_missing_cairosvg_is_a_one_line_error(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setitem(__import__("sys").modules, "cairosvg", None)
    result = CliRunner().invoke(cli, ["export", str(DECK), "--format", "png", "-o", str(tmp_path / "p")])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == "presenter: png export needs CairoSVG: pip install 'presenter[export]'"
    assert not (tmp_path / "p").exists()


def test_a_picture_is_drawn_from_its_pixels_not_from_cells(tmp_path: Path) -> None:
    """Fine stripes, which half-cell blocks can only show as grey, keep their black and
    white in the PNG (and so in the PDF: both are drawn from the same SVG)."""
    cairosvg_or_skip()
    from PIL import Image as PILImage

    stripes = PILImage.new("RGB", (480, 270))
    stripes.putdata([(0, 0, 0) if (x // 3) % 2 else (255, 255, 255) for _ in range(270) for x in range(480)])
    stripes.save(tmp_path / "stripes.png")
    deck = tmp_path / "talk.md"
    deck.write_text("# Stripes\n\n![Stripes](stripes.png)\n", encoding="utf-8")
    out = tmp_path / "png"
    result = CliRunner().invoke(cli, ["export", str(deck), "--format", "png", "-o", str(out), "--width", "60"])
    assert result.exit_code == 0, result.output
    image = PILImage.open(out / "slide-01.png").convert("L")
    width, height = image.size
    row = [image.getpixel((x, int(height * 0.6))) for x in range(width // 4, 3 * width // 4)]  # across the picture
    assert sum(value < 60 for value in row) > len(row) // 4 and sum(value > 200 for value in row) > len(row) // 4

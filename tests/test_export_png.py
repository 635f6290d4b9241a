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

"""A non-editable install carries the stylesheet and the bundled decks."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest
from conftest import ROOT


def test_wheel_ships_theme_and_default_deck(tmp_path):
    pytest.importorskip("hatchling")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("presenter-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "presenter/data/theme.tcss" in names
    assert "presenter/data/slides/shanghai-tech-hub.txt" in names
    assert "presenter/cli.py" in names


def test_resources_found_from_any_directory(tmp_path):
    code = "from presenter.resources import theme_path, default_deck; print(theme_path().is_file(), default_deck().is_file())"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert result.stdout.split() == ["True", "True"], result.stderr

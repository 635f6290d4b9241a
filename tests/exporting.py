"""Helpers shared by the export and hardening tests: what this machine can do, skips where it
cannot, and what a one-line error looks like."""

from __future__ import annotations

import shutil

import pytest


def cairosvg_or_skip():
    """CairoSVG, or a skip naming what is missing (the package, or the Cairo library)."""
    try:
        import cairosvg
    except ImportError:
        pytest.skip("CairoSVG is not installed (pip install '.[export]')")
    except OSError:
        pytest.skip("the Cairo library is missing (apt-get install libcairo2)")
    return cairosvg


def chromium_paths() -> tuple[str, str] | None:
    """``(chromium, chromedriver)`` where both are installed."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


#: Flags that let headless Chromium start as root on a machine with no network.
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def one_line_error(result, *words: str) -> str:
    """The one line a CLI ``result`` printed for bad input (exit 2, no traceback), holding ``words``."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith("presenter: "), result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]

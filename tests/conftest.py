from __future__ import annotations

import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run, so the suite passes or fails the same
# way on a clean clone (CI); PRESENTER_HYPOTHESIS=explore draws new ones, to look for bugs.
settings.register_profile("same-every-run", derandomize=True, database=None)
settings.register_profile("explore")
settings.load_profile("explore" if os.environ.get("PRESENTER_HYPOTHESIS") == "explore" else "same-every-run")

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
ROOT = TESTS.parent
SLIDES = ROOT / "slides"
SEED = FIXTURES / "shanghai-tech-hub.txt"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@contextmanager
def private_rundir(prefix: str = "ps-"):
    """A private runtime directory with a short path (socket paths are limited to ~104 bytes)."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    os.chmod(path, 0o700)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def rundir():
    with private_rundir() as path:
        yield path


def without_pictures(text: str) -> str:
    """``text`` with each picture as one line: ANSI draws it in half blocks, text names it."""
    text = re.sub(r"^\[image: .*\]$", "<picture>", text, flags=re.M)
    return re.sub(r"(^ *▀+ *$\n?)+", "<picture>\n", text, flags=re.M)

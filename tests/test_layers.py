"""The core layers start without Textual: exports and checks run fast and anywhere."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

MODULES = [
    "presenter.model",
    "presenter.clean",
    "presenter.sources",
    "presenter.sources.article",
    "presenter.fit",
    "presenter.render",
    "presenter.render.slide",
    "presenter.export",
    "presenter.check",
    "presenter.themes",
]

SCRIPT = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
from presenter.sources import load_deck
from presenter.export.text import export_text
from presenter.check import check_report
deck = load_deck({seed!r})
export_text(deck, width=80)
check_report(deck)
leaked = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(",".join(leaked))
"""


def test_core_layers_do_not_import_textual() -> None:
    seed = str(ROOT / "slides" / "shanghai-tech-hub.txt")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(seed=seed), *MODULES],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"textual imported: {result.stdout.strip()}"


def test_model_imports_only_the_standard_library() -> None:
    code = (
        "import sys; before = set(sys.modules); import presenter.model; "
        "new = {m.split('.')[0] for m in set(sys.modules) - before}; "
        "print(','.join(sorted(new - set(sys.stdlib_module_names) - {'presenter'})))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""

"""PDF export: a page per slide, with text that can be selected, Chinese included."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from presenter.cli import cli
from presenter.sources import load_deck
from tests.conftest import FIXTURES, SLIDES
from tests.exporting import cairosvg_or_skip

DECK = SLIDES / "shanghai-tech-hub.txt"


def _pages(data: bytes):
    pypdf = pytest.importorskip("pypdf", reason="pypdf is not installed (pip install '.[test]')")
    return pypdf.PdfReader(io.BytesIO(data)).pages


def test_one_page_per_slide_with_selectable_text(tmp_path: Path) -> None:
    cairosvg_or_skip()
    target = tmp_path / "talk.pdf"
    result = CliRunner().invoke(cli, ["export", str(DECK), "--format", "pdf", "-o", str(target)])
    assert result.exit_code == 0, result.output
    pages = _pages(target.read_bytes())
    assert len(pages) == len(load_deck(DECK).slides) == 9
    first = pages[0].extract_text().replace("\xa0", " ")
    assert "Shanghai" in first and "Tech Hub" in first
    assert "34%" in " ".join(p.extract_text() for p in pages)


def test_chinese_text_extracts_from_the_pdf() -> None:
    cairosvg_or_skip()
    from presenter.export.cairo import cjk_font
    from presenter.export.pdf import export_pdf

    if cjk_font() is None:
        pytest.skip("no CJK monospace font installed (apt-get install fonts-wqy-zenhei)")
    deck = load_deck(FIXTURES / "chinese-article.txt")
    pages = _pages(export_pdf(deck, width=80))
    assert len(pages) == len(deck.slides)
    text = "".join(p.extract_text() for p in pages)
    assert "上海科技创新中心建设进展" in text
    assert "人才引进" in text


def test_pdf_export_needs_no_pypdf(monkeypatch, tmp_path: Path) -> None:
    """Cairo draws every page onto one PDF: pypdf only reads it back, in these tests."""
    cairosvg_or_skip()
    monkeypatch.setitem(sys.modules, "pypdf", None)
    result = CliRunner().invoke(cli, ["export", str(DECK), "--format", "pdf", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 0, result.output
    data = (tmp_path / "x.pdf").read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


def test_the_pdf_has_the_deck_title_and_pages_of_one_size() -> None:
    cairosvg_or_skip()
    pypdf = pytest.importorskip("pypdf", reason="pypdf is not installed (pip install '.[test]')")
    from presenter.export.pdf import export_pdf

    deck = load_deck(DECK)
    reader = pypdf.PdfReader(io.BytesIO(export_pdf(deck, width=80)))
    assert reader.metadata.title == deck.title
    assert len({(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages}) == 1


def test_missing_cairo_library_says_what_to_install(monkeypatch) -> None:
    import builtins

    from presenter.errors import PresenterError
    from presenter.export.cairo import require_cairosvg

    real_import = builtins.__import__

    def no_cairo(name, *args, **kwargs):
        if name == "cairosvg":
            raise OSError("no library called \"cairo-2\" was found")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "cairosvg", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_cairo)
    with pytest.raises(PresenterError, match="apt-get install libcairo2"):
        require_cairosvg("pdf")

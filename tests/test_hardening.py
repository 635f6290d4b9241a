"""Hardening: arbitrary Unicode, huge inputs, file system faults, terminal extremes, live reload.

Slow variants (a 50 MB file, a 10,000-slide deck) run with PRESENTER_SLOW=1; the default run
keeps a scaled-down version of each (5 MB, 2,000 slides, a 1 MB line) so CI exercises them.
"""

from __future__ import annotations

import errno
import html
import os
import re
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presenter.clean import clean_text
from presenter.cli import cli
from presenter.errors import PresenterError
from presenter.export import write_atomic
from presenter.export.text import export_text
from presenter.sources import load_deck, parse_text
from presenter.tui.app import make_app
from tests.exporting import one_line_error

SLOW = pytest.mark.skipif(not os.environ.get("PRESENTER_SLOW"), reason="slow: set PRESENTER_SLOW=1")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

FUZZ = settings(
    max_examples=int(os.environ.get("PRESENTER_EXAMPLES", "40")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# -- arbitrary Unicode ----------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        # escape sequences and controls, C0 and C1
        "\x1b[31m", "\x1b[0m", "\x1b]8;;http://e\x1b\\", "\x1b]0;title\x07", "\x1bP1$r\x1b\\", "\x1b", "\x9b31m",
        "\x9d0;t\x9c", "\x90q\x9c", "\x00", "\x07", "\x08", "\x0b", "\x0c", "\r", "\r\n", "\t", "\x7f", "\x85",
        # right-to-left text and bidi controls
        "مرحبا بالعالم", "שלום עולם", "\u202e", "\u202b", "\u2067", "\u200f", "\u061c",
        # combining marks, zero width, emoji sequences
        "e\u0301", "a\u0308\u0308\u0308\u0308", "\u0301", "\u200b", "\u200d", "\ufeff", "👩\u200d👩\u200d👧", "🇫🇷", "👍🏽",
        "\U0001f9d1\u200d\U0001f4bb", "\u2028", "\u2029",
        # deck structure
        "\n", "\n\n", "# ", "## ", "---\n", "===\n", "- ", "  - ", "    * ", "1. ", "10) ", "> ", "```\n", "~~~py\n",
        "<!-- pause -->\n", "<!-- end_slide -->\n", "<!-- speaker_note: x -->", "<!--", "-->", "| a | b |\n|---|---|\n",
        "[bold]", "[/]", "[link=http://x]", "**", "_", "`", "Title Case Heading\n", "Sentence ends here. ",
        "34%", "$2.5 billion", "8,000", "上海科技", "Москва",
    ]
)
_UNICODE = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
_DOC = st.lists(st.one_of(_PIECES, _PIECES, _UNICODE), max_size=60).map("".join)


def _nested(depth: int, marker: str) -> str:
    return "".join(f"{'  ' * level}{marker} item {level}\n" for level in range(depth))


_HARD = st.one_of(
    _DOC,
    st.builds(_nested, st.integers(1, 12), st.sampled_from(["-", "*", "1.", "•"])),  # deeply nested lists
    st.builds(lambda piece, n: piece * n, _PIECES, st.integers(100, 3000)),  # very long lines
    st.builds(lambda a, b: a + "x" * 20_000 + b, _DOC, _DOC),
)

#: C0 and C1 controls (and DEL); newline is the only one an export may contain.
_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def _check_parse_and_export(text: str, markdown: bool) -> None:
    try:
        deck = parse_text(text, markdown=markdown)
    except PresenterError:
        return
    out = export_text(deck, width=60)
    found = _UNSAFE.search(out)
    assert found is None, f"control {found.group(0)!r} in the export"


@FUZZ
@given(_HARD)
def test_article_parser_survives_any_unicode(text: str) -> None:
    _check_parse_and_export(text, markdown=False)


@FUZZ
@given(_HARD)
def test_markdown_parser_survives_any_unicode(text: str) -> None:
    _check_parse_and_export(text, markdown=True)


@FUZZ
@given(_HARD)
def test_cleaner_survives_any_unicode_and_leaves_no_control(text: str) -> None:
    cleaned = clean_text(text)
    for number, line in cleaned.lines:
        assert number >= 1
        assert _UNSAFE.search(line.replace("\t", " ")) is None, repr(line)
    for removal in cleaned.removed:
        assert _UNSAFE.search(removal.text) is None, "the report of a removal is safe to print"


@pytest.mark.parametrize(("markdown", "depth"), [(False, 12), (False, 60), (False, 300), (False, 2000), (True, 12), (True, 48)])
def test_deeply_nested_list_exports_every_item_at_most_eight_levels_deep(markdown: bool, depth: int) -> None:
    deck = parse_text("Intro\n\n" + _nested(depth, "-"), markdown=markdown)
    out = export_text(deck, width=80)
    assert all(f"item {k}" in out for k in range(depth))
    deepest = max(len(line) - len(line.lstrip()) for line in out.splitlines() if "item" in line)
    assert deepest == 2 * 7, "eight levels of two-cell bullet columns"
    assert deck.warnings == ("line 3: lists or quotes nested more than 8 levels deep are shown with their deeper blocks at level 8",)


@pytest.mark.parametrize("depth", [49, 300])
def test_markdown_nested_beyond_what_markdown_it_parses_is_an_error_not_a_loss(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.md"
    path.write_text("Intro\n\n" + _nested(depth, "-"), encoding="utf-8")
    with pytest.raises(PresenterError) as error:
        load_deck(path)
    assert str(error.value).startswith(f"{path}:")
    assert "nested more than 48 levels deep" in str(error.value)


# -- huge inputs ----------------------------------------------------------------------------------

_SECTION = (
    "Section {n} Review\n"
    "The port handled {n} containers this week, up 4% from last year. Cranes on the east quay were "
    "replaced and the rail link now runs at night.\n"
    "- Customs opened a second gate\n- Dredging finished early\n\n"
)


def _article_of(size_bytes: int) -> str:
    parts, total, n = ["---\ntitle: Huge\n---\nA very long article.\n\n"], 0, 0
    while total < size_bytes:
        n += 1
        part = _SECTION.format(n=n)
        parts.append(part)
        total += len(part)
    return "".join(parts)


def _markdown_of(slides: int) -> str:
    return "".join(f"# Slide {n} Title\n\nBody of slide {n}, 12% more.\n\n- one\n- two\n\n---\n\n" for n in range(1, slides + 1))


async def _present(path: Path, presses: tuple[str, ...] = ("right", "right", "end", "left", "home")) -> str:
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key in presses:
            await pilot.press(key)
        await pilot.press("end")
        await pilot.pause()
        total = len(app.deck.slides)
        assert app.index == total - 1
        return _screen(app)


def _screen(app) -> str:
    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S))).replace("\xa0", " ")


@pytest.mark.parametrize("megabytes", [5, pytest.param(50, marks=SLOW)])
async def test_a_huge_article_opens_and_presents(tmp_path: Path, megabytes: int) -> None:
    path = tmp_path / "huge.txt"
    path.write_text(_article_of(megabytes * 1_000_000), encoding="utf-8")
    screen = await _present(path)
    assert "Section" in screen and "Review" in screen


@pytest.mark.parametrize("slides", [2_000, pytest.param(10_000, marks=SLOW)])
async def test_a_deck_of_thousands_of_slides_opens_and_presents(tmp_path: Path, slides: int) -> None:
    path = tmp_path / "many.md"
    path.write_text(_markdown_of(slides), encoding="utf-8")
    screen = await _present(path)
    assert f"Slide {slides} Title" in screen
    assert f"{slides} / {slides}" in screen


@pytest.mark.parametrize("sentences", [False, True], ids=["one-sentence", "many-sentences"])
async def test_a_one_megabyte_line_does_not_freeze_the_app(tmp_path: Path, sentences: bool) -> None:
    word = "Harbour traffic grew. " if sentences else "harbour traffic grew "
    path = tmp_path / "line.txt"
    path.write_text("Intro line.\n\nLong Line\n" + word * (1_000_000 // len(word)) + "\n", encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "down", "right", "left", "end")
        await pilot.pause()
        assert "harbour traffic grew" in _screen(app).lower()
        assert app.index == len(app.deck.slides) - 1, "every key was handled"


def test_export_of_a_one_megabyte_line(tmp_path: Path) -> None:
    deck = parse_text("Intro line.\n\nLong Line\n" + "word " * 200_000 + "\n")
    out = export_text(deck, width=80)
    assert out.count("word word word") > 60_000, "the whole line is exported"


# -- file system faults -----------------------------------------------------------------------------


def _invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    path = tmp_path / "talk.txt"
    path.write_text("Intro paragraph.\n\nFirst Section\nSome body text here.\n", encoding="utf-8")
    return path


def test_an_unreadable_deck_is_a_one_line_error(deck_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def denied(path, *args, **kwargs):
        if Path(path) == deck_file:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    for command in (("check",), ("export",), ()):
        one_line_error(_invoke(*command, str(deck_file)), str(deck_file), "permission denied")


@pytest.mark.skipif(IS_ROOT, reason="root reads a chmod 000 file anyway (the monkeypatched test covers it)")
def test_a_chmod_000_deck_is_a_one_line_error(deck_file: Path) -> None:
    deck_file.chmod(0)
    try:
        one_line_error(_invoke("check", str(deck_file)), "permission denied")
    finally:
        deck_file.chmod(0o644)


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def test_an_output_folder_without_write_permission(deck_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    import tempfile

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    result = _invoke("export", str(deck_file), "-o", str(out_dir / "slides.txt"))
    one_line_error(result, "slides.txt", "Permission denied")
    assert _leftovers(out_dir) == []


@pytest.mark.skipif(IS_ROOT, reason="root writes into a read-only folder anyway (the monkeypatched test covers it)")
def test_a_read_only_output_folder(deck_file: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out_dir.chmod(0o555)
    try:
        one_line_error(_invoke("export", str(deck_file), "-o", str(out_dir / "slides.txt")), "slides.txt")
        assert _leftovers(out_dir) == []
    finally:
        out_dir.chmod(0o755)


class _FullDisk:
    """A file object that takes a few bytes, then fails as a full disk does."""

    def __init__(self, handle) -> None:
        self.handle = handle

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.handle.close()

    def write(self, data: str) -> int:
        self.handle.write(data[:10])
        self.handle.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name):
        return getattr(self.handle, name)


@pytest.mark.parametrize("existing", [False, True], ids=["new-file", "replacing"])
def test_a_full_disk_leaves_no_partial_output(
    deck_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "slides.txt"
    if existing:
        target.write_text("the old export\n", encoding="utf-8")
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: _FullDisk(real_fdopen(*a, **k)))
    result = _invoke("export", str(deck_file), "-o", str(target))
    one_line_error(result, "slides.txt", "No space left on device")
    if existing:
        assert _leftovers(out_dir) == ["slides.txt"]
        assert target.read_text(encoding="utf-8") == "the old export\n", "the old file is untouched"
    else:
        assert _leftovers(out_dir) == [], "no partial file and no temporary file"


def test_writing_to_a_fifo_writes_through_it_and_keeps_it(tmp_path: Path) -> None:
    """``-o /dev/stdout`` or a named pipe: written to, never replaced by a regular file."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, "through the pipe\n")
    reader.join(timeout=10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert _leftovers(tmp_path) == ["pipe"]


# -- terminal extremes -------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(20, 6), (300, 100)])
async def test_extreme_terminal_sizes(size: tuple[int, int]) -> None:
    from tests.conftest import SLIDES

    app = make_app(SLIDES / "tour.md")
    async with app.run_test(size=size) as pilot:
        await pilot.press("right", "right", "down", "end", "left", "o", "escape", "?", "escape", "home")
        await pilot.pause()
        text = _screen(app)
        if size[0] < 40:
            assert "40×12" in text
        else:
            assert "A Tour of presenter" in text or "Tour" in text
        assert app.is_running


async def test_rapid_resizes_while_turning_slides() -> None:
    from tests.conftest import SLIDES

    sizes = [(20, 6), (300, 100), (40, 12), (80, 24), (21, 7), (200, 50), (39, 11), (120, 40)]
    app = make_app(SLIDES / "shanghai-tech-hub.txt")
    async with app.run_test(size=(100, 30)) as pilot:
        for round_ in range(3):
            for width, height in sizes:
                await pilot.resize_terminal(width, height)
                await pilot.press("right" if round_ % 2 == 0 else "left")
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert app.is_running
        assert f"{app.index + 1} / {len(app.deck.slides)}" in _screen(app)


# -- live reload --------------------------------------------------------------------------------------

GOOD = "Intro paragraph.\n\nFirst Section\nBody of the first section.\n\nSecond Section\nBody of the second section.\n"


async def test_reload_keeps_the_last_good_deck_through_partial_writes_and_deletion(tmp_path: Path) -> None:
    path = tmp_path / "talk.txt"
    path.write_text(GOOD, encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("right", "right")
        assert "Second Section" in _screen(app)
        for broken in (b"", b"---\ntitle: [half a front matter\n---\n", b"\x00\x00\x00", None):
            if broken is None:
                path.unlink()
            else:
                path.write_bytes(broken)  # what a reader sees mid-save
            app.reload()
            await pilot.pause()
            assert app.deck.slides[2].title == "Second Section", "the last good deck stays"
            assert "Second Section" in _screen(app)
        path.write_text(GOOD.replace("Body of the second", "New body of the second"), encoding="utf-8")
        app.reload()
        await pilot.pause()
        assert "New body of the second section" in _screen(app)
        assert app.index == 2


async def test_watched_file_rewritten_in_bursts_and_deleted(tmp_path: Path) -> None:
    path = tmp_path / "talk.txt"
    path.write_text(GOOD, encoding="utf-8")
    app = make_app(path, watch=True)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("right", "right")
        data = GOOD.replace("Body of the second", "Rewritten body of the second").encode()
        with path.open("wb") as handle:  # written in pieces, flushed, as a slow editor does
            for start in range(0, len(data), 16):
                handle.write(data[start : start + 16])
                handle.flush()
                await pilot.pause(0.01)
        for _ in range(50):
            await pilot.pause(0.1)
            if "Rewritten body" in _screen(app):
                break
        assert "Rewritten body of the second section" in _screen(app)
        path.unlink()
        await pilot.pause(0.6)
        assert app.is_running
        assert "Rewritten body of the second section" in _screen(app), "deleting the file keeps the deck"
        assert app.index == 2

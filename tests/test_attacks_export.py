"""Attacks on export writing: -o onto the deck, device nodes and pipes as the output, a full
or closed stdout, temporaries left by a killed export, and decks too long to hold in memory.
"""

from __future__ import annotations


import os
import shutil
import stat
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from presenter.cli import cli
from presenter.export import FORMATS, write_atomic
from presenter.export.folder import write_folder_atomic
from presenter.export.leftovers import STALE_AFTER
from presenter.sources import load_deck, parse_text
from tests.conftest import ROOT, SLIDES
from tests.exporting import cairosvg_or_skip, one_line_error

TOUR = SLIDES / "tour.md"
SINGLE_FILE = ["text", "ansi", "markdown", "html", "pdf"]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
HAS_FIFO = hasattr(os, "mkfifo")


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def needs_cairo(fmt: str) -> None:
    if fmt in ("pdf", "png"):
        cairosvg_or_skip()


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    path = tmp_path / "deck.md"
    shutil.copyfile(TOUR, path)
    return path


# -- 1. -o onto the deck itself ----------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("how", ["same", "dot-slash", "symlink", "hard-link", "deck-is-a-link"])
def test_exporting_onto_the_deck_is_refused(deck: Path, tmp_path: Path, monkeypatch, fmt: str, how: str) -> None:
    before = deck.read_bytes()
    monkeypatch.chdir(tmp_path)
    source, output = str(deck), str(deck)
    if how == "dot-slash":
        source, output = "deck.md", "./deck.md"
    elif how == "symlink":
        (tmp_path / "link.md").symlink_to(deck)
        output = "link.md"
    elif how == "hard-link":
        os.link(deck, tmp_path / "same.md")
        output = "same.md"
    elif how == "deck-is-a-link":
        (tmp_path / "link.md").symlink_to(deck)
        source = "link.md"
    line = one_line_error(run("export", source, "-o", output, "--format", fmt), output, "is the deck being exported")
    assert "wrote" not in line
    assert deck.read_bytes() == before
    assert not deck.is_symlink() and stat.S_ISREG(deck.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [], "no temporary file"


def test_another_file_beside_the_deck_is_still_written(deck: Path) -> None:
    result = run("export", str(deck), "-o", str(deck.with_suffix(".txt")))
    assert result.exit_code == 0, result.output
    assert deck.with_suffix(".txt").read_text(encoding="utf-8").startswith("── 1/")


# -- 2. device nodes and named pipes are written through, never replaced -----------------------


@pytest.mark.skipif(not HAS_FIFO, reason="no FIFOs here")
@pytest.mark.parametrize("fmt", SINGLE_FILE)
def test_every_single_file_format_writes_through_a_fifo(deck: Path, tmp_path: Path, fmt: str) -> None:
    needs_cairo(fmt)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run("export", str(deck), "-o", str(fifo), "--format", fmt)
    reader.join(timeout=60)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the pipe is still a pipe"
    expected = FORMATS[fmt](load_deck(deck), width=80)
    if fmt == "pdf":
        assert received[0].startswith(b"%PDF-") and received[0].rstrip().endswith(b"%%EOF")
    else:
        assert received == [expected.encode("utf-8")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.md", "pipe"]


@pytest.fixture
def dev_null():
    """``/dev/null``; put back if an export replaced it (as root, one would: for every process)."""
    yield "/dev/null"
    if IS_ROOT and not stat.S_ISCHR(os.lstat("/dev/null").st_mode):
        os.unlink("/dev/null")
        os.mknod("/dev/null", stat.S_IFCHR | 0o666, os.makedev(1, 3))
        os.chmod("/dev/null", 0o666)
        pytest.fail("the export replaced /dev/null with a regular file (put back)")


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null here")
@pytest.mark.parametrize("fmt", SINGLE_FILE)
def test_dev_null_stays_a_device(deck: Path, dev_null: str, fmt: str) -> None:
    needs_cairo(fmt)
    result = run("export", str(deck), "-o", dev_null, "--format", fmt)
    assert stat.S_ISCHR(os.lstat(dev_null).st_mode)
    assert result.exit_code == 0, result.output
    assert not [name for name in os.listdir("/dev") if name.startswith(".null.")], "no temporary left in /dev"


@pytest.mark.skipif(not IS_ROOT, reason="needs root to make a device node")
@pytest.mark.parametrize("fmt", SINGLE_FILE)
def test_a_device_node_of_our_own_stays_a_device(deck: Path, tmp_path: Path, fmt: str) -> None:
    """The same as /dev/null, on a null device made for the test: a regression harms no one."""
    needs_cairo(fmt)
    device = tmp_path / "null"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    result = run("export", str(deck), "-o", str(device), "--format", fmt)
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.md", "null"]


@pytest.mark.skipif(not HAS_FIFO, reason="no FIFOs here")
@pytest.mark.parametrize("content", ["text é\n", b"%PDF bytes\x00\xff", ["one ", b"two ", "three\n"]], ids=["str", "bytes", "pieces"])
def test_write_atomic_takes_str_bytes_and_pieces_through_a_pipe(tmp_path: Path, content) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_atomic(fifo, content)
    reader.join(timeout=10)
    pieces = [content] if isinstance(content, (str, bytes)) else content
    assert received == [b"".join(p.encode("utf-8") if isinstance(p, str) else p for p in pieces)]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_link_to_a_file_stays_a_link_and_its_file_is_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, b"new\n")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == b"new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]


# -- 3. a full or closed standard output -------------------------------------------------------


def _presenter(*args: str, stdout) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "presenter", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


FULL_STDOUT = [
    ("export", str(TOUR)),
    ("export", str(TOUR), "--format", "html"),
    ("export", str(TOUR), "--format", "pdf"),
    ("check", str(TOUR)),
    ("check", "--json", str(TOUR)),
    ("--help",),
    ("export", "--help"),
    ("--version",),
]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("args", FULL_STDOUT, ids=[" ".join(a).replace(str(TOUR), "DECK") for a in FULL_STDOUT])
def test_a_full_stdout_is_one_line_error(args: tuple[str, ...]) -> None:
    if "pdf" in args:
        cairosvg_or_skip()
    with open("/dev/full", "w") as full:
        done = _presenter(*args, stdout=full)
    assert done.returncode == 2
    assert done.stderr == "presenter: error: cannot write to standard output: No space left on device\n"


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_a_closed_pipe_ends_quietly(tmp_path: Path, fmt: str) -> None:
    """``presenter export LONG | head -1``: the reader goes away long before the end."""
    long = tmp_path / "long.md"
    long.write_text("\n\n---\n\n".join(f"# Slide {n}\n\nText {n}." for n in range(1, 400)), encoding="utf-8")
    read, write = os.pipe()
    os.close(read)  # as head does once it has its line: every write now fails with EPIPE
    try:
        done = _presenter("export", str(long), "--format", fmt, stdout=write)
    finally:
        os.close(write)
    assert done.returncode == 1
    assert done.stderr == ""


# -- 4. temporaries a killed export left behind ------------------------------------------------

OLD = time.time() - STALE_AFTER - 600


def _leftover(path: Path, *, age: float = OLD) -> Path:
    path.write_bytes(b"half an export")
    os.utime(path, (age, age))
    return path


def test_stale_temporaries_of_the_same_output_are_removed(deck: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    stale = [_leftover(out / ".slides.txt.k3j_x9q2.tmp"), _leftover(out / ".slides.txt.00000000.tmp")]
    result = run("export", str(deck), "-o", str(out / "slides.txt"))
    assert result.exit_code == 0, result.output
    assert not any(path.exists() for path in stale)
    assert sorted(p.name for p in out.iterdir()) == ["slides.txt"]


def test_only_our_own_abandoned_temporaries_are_removed(deck: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "slides.txt"
    (tmp_path / "elsewhere").write_bytes(b"someone's file")
    kept = [
        _leftover(out / ".slides.txt.abcd1234.tmp", age=time.time()),  # fresh: may be an export running now
        _leftover(out / ".other.txt.abcd1234.tmp"),  # another output's
        _leftover(out / ".slides.txt.abc.tmp"),  # not tempfile's eight characters
        _leftover(out / ".slides.txt.ABCD1234.tmp"),
        _leftover(out / ".slides.txt.abcd1234.tmp.bak"),
        _leftover(out / "slides.txt.abcd1234.tmp"),
        _leftover(out / ".slides.txt.abcd12345.tmp"),
        _leftover(out / ".slides.txt.x.abcd1234.tmp"),
    ]
    link = out / ".slides.txt.linkxxxx.tmp"
    link.symlink_to(tmp_path / "elsewhere")
    os.utime(link, (OLD, OLD), follow_symlinks=False)
    folder = out / ".slides.txt.dirxxxxx.tmp"
    folder.mkdir()
    os.utime(folder, (OLD, OLD))
    hard = out / ".slides.txt.hardxxxx.tmp"
    os.link(tmp_path / "elsewhere", hard)
    os.utime(hard, (OLD, OLD))
    if HAS_FIFO:
        fifo = out / ".slides.txt.fifoxxxx.tmp"
        os.mkfifo(fifo)
        os.utime(fifo, (OLD, OLD))
    before = sorted(p.name for p in out.iterdir())
    result = run("export", str(deck), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted([*before, "slides.txt"])
    assert all(path.read_bytes() == b"half an export" for path in kept)
    assert (tmp_path / "elsewhere").read_bytes() == b"someone's file"


@pytest.mark.skipif(not HAS_FIFO, reason="no flock/FIFOs here")
def test_a_temporary_an_export_is_still_writing_is_kept(tmp_path: Path) -> None:
    import fcntl

    busy = _leftover(tmp_path / ".slides.txt.busy1234.tmp")
    with open(busy, "rb") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)  # as write_atomic holds its own temporary
        write_atomic(tmp_path / "slides.txt", "new\n")
        assert busy.exists()
    write_atomic(tmp_path / "slides.txt", "newer\n")
    assert not busy.exists()


@pytest.mark.skipif(not IS_ROOT, reason="needs root to give a file to another user")
def test_another_users_temporary_is_kept(tmp_path: Path) -> None:
    theirs = _leftover(tmp_path / ".slides.txt.theirs12.tmp")
    os.chown(theirs, 65534, 65534)
    os.utime(theirs, (OLD, OLD))
    write_atomic(tmp_path / "slides.txt", "new\n")
    assert theirs.exists()


# -- 5. long decks are written one slide at a time ---------------------------------------------

STREAMED = ["text", "ansi", "html", "svg"]


def _sections(count: int) -> str:
    return "Title\n\n" + "\n".join(f"Section S{k:05d}X Review\nUp {k % 90 + 5}% in May.\n" for k in range(1, count + 1))


def _export(fmt: str, deck, target: Path) -> int:
    """Export as the CLI does; the bytes written."""
    pieces = FORMATS[fmt].stream(deck, width=80)
    if FORMATS[fmt].kind == "directory":
        shutil.rmtree(target, ignore_errors=True)
        write_folder_atomic(target, pieces, fmt)
        return sum(p.stat().st_size for p in target.iterdir())
    write_atomic(target, pieces)
    return target.stat().st_size


def _peak(fmt: str, deck, target: Path) -> tuple[int, int]:
    """``(peak bytes allocated, bytes written)`` of one export."""
    tracemalloc.start()
    try:
        written = _export(fmt, deck, target)
        return tracemalloc.get_traced_memory()[1], written
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("fmt", STREAMED)
def test_memory_does_not_grow_with_the_export(tmp_path: Path, fmt: str) -> None:
    """Three (or six) times the slides: as many times the output, but about the same memory.

    Peak allocations (tracemalloc, not time) of exports of 80 and 240 or 480 slides: an export held
    whole in memory grows by at least the extra output (1 to 4 times it, before streaming).
    """
    # the larger export, the smaller Python's and Rich's bounded caches and free lists weigh in it
    small, large = (parse_text(_sections(n), markdown=False) for n in (80, 240 if fmt == "svg" else 480))
    _export(fmt, large, tmp_path / "warm")  # Rich's caches and Python's free lists, as full as the larger export fills them
    small_peak, small_size = _peak(fmt, small, tmp_path / "small")
    large_peak, large_size = _peak(fmt, large, tmp_path / "large")
    assert large_size > 2.5 * small_size
    assert large_peak - small_peak < (large_size - small_size) / 2  # per-slide caches of Rich's, not the output


@pytest.mark.parametrize("fmt", [*STREAMED, "markdown"])
def test_pieces_are_slides_and_join_to_the_whole_export(fmt: str) -> None:
    deck = parse_text(_sections(30), markdown=False)
    pieces = list(FORMATS[fmt].stream(deck, width=80))
    assert len(pieces) >= len(deck.slides)
    whole = FORMATS[fmt](deck, width=80)
    assert (dict(pieces) if isinstance(whole, dict) else "".join(pieces)) == whole


def test_the_pdf_is_written_a_page_at_a_time(monkeypatch) -> None:
    cairosvg_or_skip()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the creation date, else the clock's second
    deck = parse_text(_sections(6), markdown=False)
    pieces = list(FORMATS["pdf"].stream(deck, width=60))
    assert len([piece for piece in pieces if piece]) >= 3
    assert b"".join(pieces) == FORMATS["pdf"](deck, width=60)

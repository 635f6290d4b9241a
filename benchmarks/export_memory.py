"""Peak memory and time of ``presenter export`` on a very long article, one child per format.

    python benchmarks/export_memory.py                          # 100,000 sections: html, svg, text
    python benchmarks/export_memory.py --formats text,ansi,markdown,html,svg --sections 20000
    python benchmarks/export_memory.py --tree /tmp/old          # another checkout (git archive HEAD | tar -x -C /tmp/old)

The article has a title and ``--sections`` sections of a heading line and a one-line
paragraph (3.8 MB at 100,000 sections). Each export runs as its own child process,
``python -m presenter export ARTICLE -o OUT --format F``; the figures are its wall time and
its peak resident set (``ru_maxrss`` from ``os.wait4``, as ``/usr/bin/time -v`` reports it).
Run on demand, not by the test suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from decks import TITLE, slide_title


def sections_article(sections: int) -> str:
    """A plain-text article: a title, then ``sections`` headings each with a short paragraph."""
    parts = [f"---\ntitle: {TITLE}\n---\n"]
    parts.extend(f"{slide_title(k)}\nUp {k % 90 + 5}% in May.\n" for k in range(1, sections + 1))
    return "\n".join(parts)


def measure(article: Path, fmt: str, out: Path, tree: Path) -> tuple[float, float, int]:
    """``(seconds, peak MB, exit status)`` of one export in a child process importing
    presenter from ``tree`` (run in the article's folder: ``python -m`` puts the current
    folder first on the path)."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    command = [sys.executable, "-m", "presenter", "export", str(article), "-o", str(out), "--format", fmt]
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, cwd=article.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        print(f"  {fmt}: exit {child.returncode}: {child.stderr.read().decode(errors='replace').strip()}")
    child.stderr.close()
    return seconds, usage.ru_maxrss / 1024, child.returncode


def output_size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir())
    return path.stat().st_size if path.exists() else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sections", type=int, default=100_000)
    parser.add_argument("--formats", default="html,svg,text")
    parser.add_argument("--tree", type=Path, default=HERE.parent, help="the folder holding the presenter package to measure (default: this checkout)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="presenter-export-memory-"))
    try:
        article = work / "article.txt"
        article.write_text(sections_article(args.sections), encoding="utf-8")
        tree = args.tree.resolve()
        print(f"article: {args.sections:,} sections, {article.stat().st_size / 1e6:.1f} MB; presenter from {tree}")
        print(f"{'format':<10}{'seconds':>9}{'peak MB':>9}{'output MB':>11}")
        for fmt in args.formats.split(","):
            out = work / f"out-{fmt}"
            seconds, peak, status = measure(article, fmt, out, tree)
            size = output_size(out) / 1e6
            print(f"{fmt:<10}{seconds:>9.1f}{peak:>9.0f}{size:>11.1f}" + ("" if status == 0 else "  (failed)"), flush=True)
            shutil.rmtree(out, ignore_errors=True) if out.is_dir() else out.unlink(missing_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

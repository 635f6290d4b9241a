"""Launch to first slide, interleaved: the bare Textual app and one or more presenter trees.

    python benchmarks/launch_ab.py DECK [TREE ...] [--runs 9]

Launch times on a shared VM swing by 50-100 ms between sittings, so a ratio read off two
separate runs means little. This launches the bare app (``benchmarks/bare_app.py``) and
``python -m presenter DECK`` from each TREE (a checkout, e.g. ``git worktree add /tmp/old
REV``; default: this one) in turn, ``--runs`` times each, in one private tmux server, and
prints each median and its ratio to the bare app's. Each tree's bytecode is compiled first. A launch is timed from starting the
command to the subtitle of the generated decks' title slide being on screen (see
benchmarks/decks.py; the bare app shows the same text).
"""

from __future__ import annotations

import argparse
import compileall
import statistics
import subprocess
import time
from pathlib import Path

from decks import SUBTITLE

HERE = Path(__file__).resolve().parent
TMUX = ["tmux", "-L", "presenter-launch-ab"]


def launch_ms(command: str, timeout: float = 20.0) -> float:
    subprocess.run([*TMUX, "respawn-pane", "-k", "-t", "ab", "sleep 100000"], check=True)
    time.sleep(0.4)
    start = time.perf_counter()
    subprocess.run([*TMUX, "respawn-pane", "-k", "-t", "ab", command], check=True)
    while time.perf_counter() - start < timeout:
        screen = subprocess.run([*TMUX, "capture-pane", "-p", "-t", "ab"], capture_output=True, text=True).stdout
        if SUBTITLE in screen:
            return (time.perf_counter() - start) * 1000
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("deck", type=Path)
    parser.add_argument("trees", nargs="*", type=Path, default=[HERE.parent])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    commands = {"bare": f"cd {HERE} && exec python bare_app.py"}
    for tree in args.trees:
        # As an install does (run.py does the same): under PYTHONDONTWRITEBYTECODE every
        # launch would otherwise compile presenter again.
        compileall.compile_dir(tree / "presenter", quiet=1)
        commands[str(tree)] = f"cd {tree.resolve()} && exec python -m presenter {args.deck.resolve()}"
    subprocess.run([*TMUX, "kill-server"], capture_output=True)
    subprocess.run([*TMUX, "new", "-d", "-s", "ab", "-x", "100", "-y", "30", "sleep 100000"], check=True)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    try:
        for _ in range(args.runs):
            for name, command in commands.items():
                samples[name].append(launch_ms(command))
                time.sleep(1.5)  # let it settle; a big deck is read in the background
    finally:
        subprocess.run([*TMUX, "kill-server"], capture_output=True)
    bare = statistics.median(samples["bare"])
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"{name}: median {median:.0f} ms, {median / bare:.2f}x bare  ({', '.join(f'{v:.0f}' for v in values)})")


if __name__ == "__main__":
    main()

"""Launch to first slide, interleaved: the bare Textual app and one or more presenter trees.

    python benchmarks/launch_ab.py DECK [TREE ...] [--runs 9]

Launch times on a shared VM swing by 50-100 ms between sittings, so a ratio read off two
separate runs means little. This launches the bare app and presenter from each TREE (a
checkout, e.g. ``git worktree add /tmp/old REV``; default: this one) in turn, ``--runs``
times each, in one tmux server, the way ``run.py`` launches them (its commands, probe and
bytecode compiling), and prints each median and its ratio to the bare app's.
"""

from __future__ import annotations

import argparse
import compileall
import shlex
import statistics
import time
from pathlib import Path

from decks import SUBTITLE
from run import BARE, PRESENTER, TERMINAL, Tmux, wait_for

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("deck", type=Path)
    parser.add_argument("trees", nargs="*", type=Path, default=[HERE.parent])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    commands = {"bare": BARE}
    for tree in args.trees:
        compileall.compile_dir(tree / "presenter", quiet=1)  # as an install does (see run.precompile)
        launch = PRESENTER.format(deck=shlex.quote(str(args.deck.resolve())))
        commands[str(tree)] = f"sh -c {shlex.quote(f'cd {shlex.quote(str(tree.resolve()))} && exec {launch}')}"
    samples: dict[str, list[float]] = {name: [] for name in commands}
    tmux = Tmux(TERMINAL)
    try:
        for _ in range(args.runs):
            for name, command in commands.items():
                tmux.start("sleep 100000", {})  # a blank, idle pane between launches
                time.sleep(0.4)
                start = time.perf_counter()
                tmux.start(command, {})
                took = wait_for(tmux, SUBTITLE, start, poll=0.001, timeout=20)
                samples[name].append(float("nan") if took is None else took * 1000)
                time.sleep(1.5)  # let it settle; a big deck is read in the background
    finally:
        tmux.close()
    bare = statistics.median(samples["bare"])
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"{name}: median {median:.0f} ms, {median / bare:.2f}x bare  ({', '.join(f'{v:.0f}' for v in values)})")


if __name__ == "__main__":
    main()

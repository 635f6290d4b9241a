"""Launch to first slide, interleaved: the bare Textual app and one or more presenter trees.

    python benchmarks/launch_ab.py DECK [TREE ...] [--runs 9]
    python benchmarks/launch_ab.py DECK [TREE ...] --measure cpu
    python benchmarks/launch_ab.py DECK [TREE ...] --measure instructions [--runs 1]

Launch times on a shared VM swing by 50-100 ms between sittings, so a ratio read off two
separate runs means little. This launches the bare app and presenter from each TREE (a
checkout, e.g. ``git worktree add /tmp/old REV``; default: this one) in turn, ``--runs``
times each, in one tmux server, and prints each median and its ratio to the bare app's.

``--measure`` picks the figure:

- ``wall`` (default): milliseconds from starting the command until the deck's subtitle is
  on screen, launched and probed the way ``run.py`` does (its commands, probe and bytecode
  compiling).
- ``cpu``: the CPU time the process has used when it first writes the subtitle to the
  terminal (``time.process_time()``, interpreter start-up included). The child wraps
  Textual's Linux driver to record it at that write, then ends. It still drifts with load.
- ``instructions``: the same launch under valgrind (``cachegrind --cache-sim=no``), counting
  the instructions the process executed to its first frame: the same figure to within 0.1%
  from run to run, whatever else the machine does. A launch takes ~5 s this way. Work done
  in another process (the forked child that reads the deck) is not counted: that is the
  point of doing it there, on another core; the wall-clock figure shows whether it pays.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def child(kind: str, deck: str, out: str) -> None:
    """Run the bare app or presenter; at the first frame showing the subtitle, record and exit.

    Only what the launch itself needs is imported before this runs: the child's imports
    count in its figures.
    """
    from decks import SUBTITLE
    from textual.drivers.linux_driver import LinuxDriver

    write = LinuxDriver.write

    def recording_write(self: LinuxDriver, data: str) -> None:
        write(self, data)
        if SUBTITLE in data:
            cpu = time.process_time()
            self.flush()
            Path(out).write_text(json.dumps({"cpu": cpu, "pid": os.getpid()}))
            os._exit(0)

    LinuxDriver.write = recording_write  # type: ignore[method-assign]
    if kind == "bare":
        from bare_app import BareApp

        BareApp().run()
    else:
        sys.argv = ["presenter", "--no-watch", "--no-sync", deck]
        from presenter.launch import main

        main()


def instructions(log: Path) -> float:
    """The instruction count in a cachegrind log (``I refs: 1,234``)."""
    for line in log.read_text().splitlines():
        if "I   refs:" in line:
            return float(line.rsplit(":", 1)[1].replace(",", ""))
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("deck", type=Path)
    parser.add_argument("trees", nargs="*", type=Path, default=[HERE.parent])
    parser.add_argument("--runs", type=int, default=None, help="launches of each (default 9, or 1 for instructions)")
    parser.add_argument("--measure", choices=("wall", "cpu", "instructions"), default="wall")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], str(args.deck), args.child[1])
        return
    import compileall
    import shlex
    import shutil
    import statistics
    import tempfile

    from decks import SUBTITLE
    from run import BARE, PRESENTER, PYTHON, TERMINAL, Tmux, wait_for

    if args.measure == "instructions" and shutil.which("valgrind") is None:
        sys.exit("--measure instructions needs valgrind")
    runs = args.runs or (1 if args.measure == "instructions" else 9)
    deck = shlex.quote(str(args.deck.resolve()))
    me = shlex.quote(str(Path(__file__).resolve()))
    trees = {"bare": HERE.parent}
    for tree in args.trees:
        compileall.compile_dir(tree / "presenter", quiet=1)  # as an install does (see run.precompile)
        trees[str(tree)] = tree.resolve()
    unit = {"wall": "ms", "cpu": "ms CPU", "instructions": "M instructions"}[args.measure]
    samples: dict[str, list[float]] = {name: [] for name in trees}
    tmux = Tmux(TERMINAL)
    with tempfile.TemporaryDirectory() as scratch:
        try:
            for run in range(runs):
                for number, (name, tree) in enumerate(trees.items()):
                    kind = "bare" if name == "bare" else "presenter"
                    tmux.start("sleep 100000", {})  # a blank, idle pane between launches
                    time.sleep(0.4)
                    if args.measure == "wall":
                        launch = BARE if kind == "bare" else PRESENTER.format(deck=deck)
                        start = time.perf_counter()
                        tmux.start(f"sh -c {shlex.quote(f'cd {shlex.quote(str(tree))} && exec {launch}')}", {})
                        took = wait_for(tmux, SUBTITLE, start, poll=0.001, timeout=20)
                        samples[name].append(float("nan") if took is None else took * 1000)
                        time.sleep(1.5)  # let it settle; a big deck is read in the background
                        continue
                    out = Path(scratch, f"{run}-{number}.json")
                    python = shlex.quote(PYTHON)
                    if args.measure == "instructions":  # %p: a forked child writes a log of its own
                        log = shlex.quote(str(Path(scratch, f"{run}-{number}.%p.log")))
                        python = f"valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null --log-file={log} {python}"
                    path = f"{shlex.quote(str(tree))}:{shlex.quote(str(HERE))}"
                    command = f"cd {shlex.quote(str(tree))} && PYTHONPATH={path} exec {python} {me} {deck} --child {kind} {out}"
                    tmux.start(f"sh -c {shlex.quote(command)}", {})
                    deadline = time.monotonic() + (120 if args.measure == "instructions" else 20)
                    while not out.exists() and time.monotonic() < deadline:
                        time.sleep(0.01)
                    time.sleep(1.0 if args.measure == "instructions" else 0.05)  # valgrind writes its log at exit
                    if not out.exists():
                        samples[name].append(float("nan"))
                    elif args.measure == "instructions":
                        pid = json.loads(out.read_text())["pid"]
                        samples[name].append(instructions(Path(scratch, f"{run}-{number}.{pid}.log")) / 1e6)
                    else:
                        samples[name].append(json.loads(out.read_text())["cpu"] * 1000)
        finally:
            tmux.close()
    bare = statistics.median(samples["bare"])
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"{name}: median {median:.0f} {unit}, {median / bare:.3f}x bare  ({', '.join(f'{v:.0f}' for v in values)})")


if __name__ == "__main__":
    main()

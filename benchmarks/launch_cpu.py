"""The work of a launch up to the first frame: the bare app against presenter trees.

    python benchmarks/launch_cpu.py DECK [TREE ...] [--runs 9]
    python benchmarks/launch_cpu.py DECK [TREE ...] --instructions [--runs 1]

Wall-clock launch times (``run.py``, ``launch_ab.py``) swing with whatever else the machine
is doing. This counts the work instead. Each launch runs in a real terminal (tmux), the
bare app and each TREE in turn; the child wraps Textual's Linux driver so that the first
write holding the deck's subtitle (the first frame) records the process's figures and ends
it. Prints each median and its ratio to the bare app's.

- By default the figure is ``time.process_time()``: CPU seconds since the process started,
  interpreter start-up included. It still drifts with load (caches, frequency).
- ``--instructions`` runs each launch under valgrind (``cachegrind --cache-sim=no``) and
  counts the instructions the process executed to its first frame: the same figure to within
  0.1% from run to run, whatever else the machine does. A launch takes ~5 s this way. Work
  done in another process (a forked child reading the deck) is not counted: that is the
  point of doing it there, on another core; the wall-clock benchmarks show whether it pays.
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
    """Run the bare app or presenter; at the first frame showing the subtitle, record and exit."""
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
        sys.path.insert(0, str(HERE))
        from bare_app import BareApp

        BareApp().run()
    else:
        sys.argv = ["presenter", "--no-watch", "--no-sync", deck]
        from presenter.cli import main

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
    parser.add_argument("--runs", type=int, default=None, help="launches of each (default 9, or 1 with --instructions)")
    parser.add_argument("--instructions", action="store_true", help="count instructions under valgrind")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], str(args.deck), args.child[1])
        return
    import compileall  # here, not above: the child's imports count in its figures
    import shlex
    import shutil
    import statistics
    import tempfile

    from run import PYTHON, TERMINAL, Tmux

    if args.instructions and shutil.which("valgrind") is None:
        sys.exit("--instructions needs valgrind")
    runs = args.runs or (1 if args.instructions else 9)
    deck = shlex.quote(str(args.deck.resolve()))
    me = shlex.quote(str(Path(__file__).resolve()))
    variants = {"bare": (HERE.parent, "bare")}
    for tree in args.trees:
        compileall.compile_dir(tree / "presenter", quiet=1)  # as an install does
        variants[str(tree)] = (tree.resolve(), "presenter")
    samples: dict[str, list[float]] = {name: [] for name in variants}
    unit = "M instructions" if args.instructions else "ms CPU"
    tmux = Tmux(TERMINAL)
    with tempfile.TemporaryDirectory() as scratch:
        try:
            for run in range(runs):
                for number, (name, (tree, kind)) in enumerate(variants.items()):
                    out = Path(scratch, f"{run}-{number}.json")
                    python = shlex.quote(PYTHON)
                    if args.instructions:  # %p: a forked child writes a log of its own
                        log = shlex.quote(str(Path(scratch, f"{run}-{number}.%p.log")))
                        python = f"valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null --log-file={log} {python}"
                    tmux.start("sleep 100000", {})
                    time.sleep(0.3)
                    command = f"cd {shlex.quote(str(tree))} && PYTHONPATH={shlex.quote(str(tree))} exec {python} {me} {deck} --child {kind} {out}"
                    tmux.start(f"sh -c {shlex.quote(command)}", {})
                    deadline = time.monotonic() + (120 if args.instructions else 20)
                    while not out.exists() and time.monotonic() < deadline:
                        time.sleep(0.01)
                    time.sleep(1.0 if args.instructions else 0.05)  # valgrind writes its log at exit
                    if not out.exists():
                        samples[name].append(float("nan"))
                    elif args.instructions:
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

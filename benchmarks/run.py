"""presenter's benchmarks: launch, key press, memory, parse, check and export, in one table.

    python benchmarks/run.py                 # 10, 200 and 1,000 slides; article, Markdown, styled
    python benchmarks/run.py --quick         # 10 and 200 slides, 3 runs
    python benchmarks/run.py --sizes 10000 --runs 1 --presses 10   # a very long deck
    python benchmarks/run.py --compare "other-tool {deck}" --compare-name other
    python benchmarks/run.py --kinds pictures --runs 3 --presses 100   # 20 slides of 1920x1080 photos

Every figure is a median over ``--runs`` runs; key presses give the median and the 95th
percentile over ``--presses`` presses. The run ends with presenter's targets, each checked
against figures of this run. How each figure is measured: benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import math
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from decks import PICTURES, SUBTITLE, deck_slides, photo_name, slide_title, write_decks  # noqa: E402

PYTHON = sys.executable
PRESENTER = f"{shlex.quote(PYTHON)} -m presenter --no-watch --no-sync {{deck}}"
BARE = f"{shlex.quote(PYTHON)} {shlex.quote(str(HERE / 'bare_app.py'))}"
TERMINAL = (100, 30)


# -- the machine ---------------------------------------------------------------------------


def reference_ms() -> float:
    """Milliseconds this machine takes now for a fixed piece of pure Python (best of three).

    A shared VM's speed drifts through the day, and by half again from hour to hour: printed
    at the start and the end of a run, this says how fast the machine was while it ran, so
    figures from different runs can be set side by side.
    """
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for number in range(2_000_000):
            total += number
        best = min(best, time.perf_counter() - start)
    return best * 1000


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for name in ("textual", "rich", "markdown-it-py"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "-"
    tmux = subprocess.run(["tmux", "-V"], capture_output=True, text=True).stdout.strip()
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "textual": versions["textual"],
        "rich": versions["rich"],
        "markdown-it-py": versions["markdown-it-py"],
        "tmux": tmux,
    }


# -- tmux over one control-mode connection ---------------------------------------------------


class Tmux:
    """A private tmux server and one control-mode client to drive it cheaply."""

    def __init__(self, size: tuple[int, int]) -> None:
        self.socket = f"presenter-bench-{os.getpid()}"
        self.size = size
        self.home = tempfile.mkdtemp(prefix="presenter-bench-cwd-")
        """An empty folder the measured commands start in: from the repository's root,
        ``python -m presenter`` would import the checkout there, whatever PYTHONPATH says."""
        base = ["tmux", "-L", self.socket, "-f", "/dev/null"]
        subprocess.run(
            [*base, "new-session", "-d", "-s", "bench", "-x", str(size[0]), "-y", str(size[1]), "sleep 100000"],
            check=True,
            env={**os.environ, "TMUX": ""},
        )
        # The control client sits in a session of its own, so the app's output is not
        # streamed to it (%output notifications): it only reads replies to its commands.
        subprocess.run([*base, "new-session", "-d", "-s", "ctl", "sleep 100000"], check=True, env={**os.environ, "TMUX": ""})
        self.proc = subprocess.Popen(
            [*base, "-C", "attach", "-t", "ctl"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=-1,
            env={**os.environ, "TMUX": ""},
        )
        self._count = 0
        self._sync()
        for command in (
            "set -g window-size manual",
            "set -g default-terminal tmux-256color",
            "set -g remain-on-exit on",
            f"resize-window -t bench -x {size[0]} -y {size[1]}",
        ):
            self.command(command)

    def _sync(self) -> None:
        """Skip the reply to the attach itself: read replies until our marker comes back."""
        marker = f"bench-sync-{os.getpid()}"
        self.proc.stdin.write(f"display-message -p {marker}\n".encode())
        self.proc.stdin.flush()
        while marker not in self._reply():
            pass

    def _reply(self) -> list[str]:
        out: list[str] = []
        inside = False
        for raw in self.proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            if not inside:
                if line.startswith("%begin"):
                    inside = True
                continue
            if line.startswith("%end") or line.startswith("%error"):
                if line.startswith("%error"):
                    raise RuntimeError(" ".join(out))
                return out
            out.append(line)
        raise RuntimeError("tmux control client closed")

    def command(self, command: str) -> list[str]:
        """Run a tmux command; return its output lines (raise on %error)."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self._count += 1
        marker = f"bench-end-{self._count}"
        # A marker after each command keeps replies aligned even if tmux sends a block
        # we did not ask for: the reply is the last block before the marker's.
        self.proc.stdin.write((command + "\n" + f"display-message -p {marker}\n").encode())
        self.proc.stdin.flush()
        try:
            previous: list[str] = []
            while True:
                block = self._reply()
                if block == [marker]:
                    return previous
                previous = block
        except RuntimeError as error:
            raise RuntimeError(f"tmux {command!r}: {error}") from None

    def screen(self) -> str:
        return "\n".join(self.command("capture-pane -p -t bench"))

    def start(self, shell_command: str, env: dict[str, str]) -> None:
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        line = f"exec env {exports} {shell_command}" if exports else f"exec {shell_command}"
        self.command(f"respawn-pane -k -c {_tmux_quote(self.home)} -t bench {_tmux_quote(line)}")

    def pane_pid(self) -> int:
        return int(self.command("display-message -p -t bench '#{pane_pid}'")[0])

    def key(self, key: str) -> None:
        self.command(f"send-keys -t bench {key}")

    def close(self) -> None:
        try:
            self.command("kill-server")
        except (RuntimeError, BrokenPipeError, OSError):
            pass
        self.proc.wait(timeout=5)
        shutil.rmtree(self.home, ignore_errors=True)


def _tmux_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def peak_rss_mb(pid: int) -> float | None:
    """VmHWM of ``pid`` or its largest descendant (the command may run under a wrapper), in MiB."""
    best = None
    for current in _family(pid):
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    kb = int(line.split()[1])
                    best = kb if best is None else max(best, kb)
        except (OSError, ValueError):
            continue
    return None if best is None else best / 1024


def _family(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                pending.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return found


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of ``pid`` and its descendants (those still running, and
    those that have ended and been waited for), in seconds."""
    ticks = 0
    for current in _family(pid):
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += sum(int(field) for field in fields[11:15])  # utime, stime, cutime, cstime
        except (OSError, ValueError, IndexError):
            continue
    return ticks / os.sysconf("SC_CLK_TCK")


def wait_idle(pid: int, *, quiet: float = 0.5, timeout: float = 60.0) -> None:
    """Wait until ``pid``'s family has used (almost) no CPU for ``quiet`` seconds: a deck that is
    still being read in the background has been read whole, so its peak RSS is reached."""
    give_up = time.perf_counter() + timeout
    before = cpu_seconds(pid)
    while time.perf_counter() < give_up:
        time.sleep(quiet)
        now = cpu_seconds(pid)
        if now - before < quiet * 0.1:
            return
        before = now


def wait_for(tmux: Tmux, marker: str, since: float, *, poll: float, timeout: float) -> float | None:
    """Seconds from ``since`` until ``marker`` is on screen (reply of the poll that saw it)."""
    while True:
        screen = tmux.screen()
        now = time.perf_counter()
        if marker in screen:
            return now - since
        if now - since > timeout:
            return None
        if poll:
            time.sleep(poll)


def press_plan(slides: int, presses: int, first: int = 0) -> list[tuple[str, str]]:
    """``(key, marker on the slide it leads to)``: forward to the end, back to the start, ...

    ``first`` is the deck slide the tool opens on: 1 for a tool that makes no title slide.
    """
    markers = ([SUBTITLE] + [slide_title(k) for k in range(1, slides)])[first:]
    plan, here, step = [], 0, 1
    while len(plan) < presses:
        if not 0 <= here + step < len(markers):
            step = -step
        here += step
        plan.append(("Right" if step > 0 else "Left", markers[here]))
    return plan


@dataclass
class Terminal:
    launch: list[float] = field(default_factory=list)
    keys: list[float] = field(default_factory=list)
    first_visit: list[bool] = field(default_factory=list)
    """For each of :attr:`keys`: whether the press led to a slide not shown before in the run."""
    rss: list[float] = field(default_factory=list)
    written: float | None = None
    """Bytes the program wrote to the terminal per key press (tmux ``pipe-pane``)."""
    failures: list[str] = field(default_factory=list)
    beside: list[float] = field(default_factory=list)
    """Launches of the ``beside`` command, one before each launch measured."""


def measure_terminal(
    tmux: Tmux, command: str, slides: int, *, runs: int, presses: int, poll: float, gap: float, timeout: float,
    launch_marker: str = SUBTITLE, first: int = 0, beside: str | None = None,
) -> Terminal:
    """Launch ``command`` ``runs`` times; in the first run, also press keys and read RSS.

    The launch ends when ``launch_marker`` is on screen; key presses start from deck slide
    ``first`` (see :func:`press_plan`). ``beside``: a command (the bare app) launched just
    before each launch measured, so the two compare at the same speed of the machine.
    """
    result = Terminal()
    env = {"TEXTUAL_ANIMATIONS": os.environ.get("TEXTUAL_ANIMATIONS", "full")}
    for run in range(runs):
        if beside is not None:
            tmux.start("sleep 100000", {})
            time.sleep(0.3)
            start = time.perf_counter()
            tmux.start(beside, env)
            took = wait_for(tmux, SUBTITLE, start, poll=poll, timeout=timeout)
            if took is not None:
                result.beside.append(took)
        tmux.start("sleep 100000", {})  # a blank, idle pane between runs
        time.sleep(0.3)
        start = time.perf_counter()
        tmux.start(command, env)
        took = wait_for(tmux, launch_marker, start, poll=poll, timeout=timeout)
        if took is None:
            result.failures.append(f"launch timed out after {timeout:.0f} s; screen:\n{tmux.screen()}")
            return result
        result.launch.append(took)
        time.sleep(0.3)  # let the first frame settle (and any deferred start-up work run)
        if run == 0:
            seen = {launch_marker}
            output = Path(tempfile.mkdtemp(prefix="presenter-bench-")) / "output"
            tmux.command(f"pipe-pane -t bench {_tmux_quote('cat > ' + shlex.quote(str(output)))}")
            for key, marker in press_plan(slides, presses, first):
                time.sleep(gap)
                start = time.perf_counter()
                tmux.key(key)
                took = wait_for(tmux, marker, start, poll=poll, timeout=10)
                if took is None:
                    result.failures.append(f"{key} did not show {marker!r}")
                    break
                result.keys.append(took)
                result.first_visit.append(marker not in seen)
                seen.add(marker)
            time.sleep(gap)
            tmux.command("pipe-pane -t bench")  # stops the copy
            time.sleep(0.2)
            if result.keys and output.exists():
                result.written = output.stat().st_size / len(result.keys)
            shutil.rmtree(output.parent, ignore_errors=True)
        wait_idle(tmux.pane_pid())  # RSS of the whole deck, not of the part read so far
        rss = peak_rss_mb(tmux.pane_pid())
        if rss is not None:
            result.rss.append(rss)
    tmux.start("sleep 100000", {})
    return result


def poll_round_trip(tmux: Tmux) -> float:
    samples = []
    for _ in range(200):
        start = time.perf_counter()
        tmux.screen()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


# -- parse, check, export -----------------------------------------------------------------------

PARSE_CHECK = r"""
import json, sys, time
from pathlib import Path
from presenter.sources import load_deck
from presenter.check import check_report, format_report
path = Path(sys.argv[1])
start = time.perf_counter(); deck = load_deck(path); parsed = time.perf_counter()
format_report(check_report(deck)); checked = time.perf_counter()
print(json.dumps({"parse": parsed - start, "check": checked - parsed, "slides": len(deck.slides)}))
"""


def measure_pipeline(deck: Path, runs: int, out_dir: Path) -> dict[str, list[float]]:
    figures: dict[str, list[float]] = {"parse": [], "check": [], "export": []}
    for _ in range(runs):
        out = subprocess.run([PYTHON, "-c", PARSE_CHECK, str(deck)], capture_output=True, text=True, check=True)
        data = json.loads(out.stdout)
        figures["parse"].append(data["parse"])
        figures["check"].append(data["check"])
        target = out_dir / (deck.name + ".export.txt")
        start = time.perf_counter()
        subprocess.run(
            [PYTHON, "-m", "presenter", "export", str(deck), "--format", "text", "-o", str(target)],
            check=True,
            capture_output=True,
        )
        figures["export"].append(time.perf_counter() - start)
    return figures


# -- the table ----------------------------------------------------------------------------------


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f}" if values else "-"


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


def key_ms(values: list[float]) -> str:
    if not values:
        return "-"
    return f"{statistics.median(values) * 1000:.1f} / {p95(values) * 1000:.1f}"


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda cells: "| " + " | ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(cells, widths))) + " |"  # noqa: E731
    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])


def precompile() -> str:
    """Compile presenter's modules to bytecode, as ``pip install`` does for an installed package.

    Textual and Rich come with their bytecode compiled at install time; a checkout installed
    with ``pip install -e .`` (or run with PYTHONDONTWRITEBYTECODE set, as on CI machines)
    would compile presenter's 40 modules at every launch, 30-45 ms that no installed user
    pays, and compare unfairly with the bare app.
    """
    spec = importlib.util.find_spec("presenter")
    if spec is None or not spec.submodule_search_locations:
        return "bytecode: presenter is not installed for this Python"
    ok = compileall.compile_dir(spec.submodule_search_locations[0], quiet=1)
    return f"bytecode: presenter's modules compiled ahead ({'ok' if ok else 'with errors'}), as an install does"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10 and 200 slides, 3 runs, 20 presses")
    parser.add_argument("--sizes", default=None, help="comma-separated deck sizes (default 10,200,1000)")
    parser.add_argument("--kinds", default="article,markdown,styled",
                        help="article, markdown, styled (Markdown with inline markup) and/or pictures (a deck of "
                             "--photos slides of 1920x1080 JPEGs, measured once whatever --sizes says)")
    parser.add_argument("--photos", type=int, default=20, help="photo slides in the pictures deck (default 20)")
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (default 5)")
    parser.add_argument("--presses", type=int, default=None, help="key presses per deck (default 50)")
    parser.add_argument("--poll", type=float, default=1.0, help="ms between screen polls (default 1)")
    parser.add_argument("--gap", type=float, default=150.0, help="ms between key presses (default 150)")
    parser.add_argument("--compare", default=None, help='another command to measure, e.g. "tool {deck}"')
    parser.add_argument("--compare-name", default="other", help="its name in the table")
    parser.add_argument("--compare-no-title-slide", action="store_true",
                        help="the other tool makes no title slide of the front matter (lookatme): probe its launch "
                             "for the first content slide's title and walk the content slides")
    parser.add_argument("--compare-marker", default=None,
                        help="text the other tool's launch probe waits for (default: the subtitle, or the first "
                             "content slide's title with --compare-no-title-slide)")
    parser.add_argument("--compare-strip-comments", action="store_true",
                        help="give the other tool decks without their whole-line HTML comments (speaker notes)")
    parser.add_argument("--no-terminal", action="store_true", help="skip the tmux measurements")
    parser.add_argument("--no-pipeline", action="store_true", help="skip parse, check and export")
    parser.add_argument("--json", type=Path, default=None, help="also write every sample to this file")
    args = parser.parse_args(argv)

    sizes = tuple(int(s) for s in (args.sizes or ("10,200" if args.quick else "10,200,1000")).split(","))
    kinds = tuple(k.strip() for k in args.kinds.split(","))
    runs = args.runs or (3 if args.quick else 5)
    presses = args.presses or (20 if args.quick else 50)
    poll, gap = args.poll / 1000, args.gap / 1000
    if not args.no_terminal and shutil.which("tmux") is None:
        sys.exit("benchmarks: tmux is needed for the terminal measurements (or pass --no-terminal)")

    info = machine()
    info["reference ms at start"] = f"{reference_ms():.0f}"
    print("machine: " + ", ".join(f"{k} {v}" for k, v in info.items()), flush=True)
    print(precompile(), flush=True)
    work = Path(tempfile.mkdtemp(prefix="presenter-bench-"))
    decks = write_decks(work, sizes, kinds, photos=args.photos)
    jobs = [(kind, size) for size in sizes for kind in kinds if kind != PICTURES]
    if PICTURES in kinds:
        jobs.append((PICTURES, args.photos))
        # every photo is first shown in the first pass (photos presses): leave as many again after it
        picture_presses = max(presses, 2 * args.photos + 10)
        print(f"pictures deck: {args.photos} slides of 1920x1080 JPEGs; {picture_presses} key presses, of which the "
              f"first {args.photos} show each picture for the first time (first pass), the rest decoded ones", flush=True)
    commands = {"presenter": PRESENTER}
    peer_first = 1 if args.compare_no_title_slide else 0
    peer_marker = args.compare_marker or (slide_title(1) if peer_first else SUBTITLE)
    if args.compare:
        commands[args.compare_name] = args.compare
        print(f"{args.compare_name}: launch probe waits for {peer_marker!r}; key presses from deck slide "
              f"{peer_first + 1}" + ("; decks without HTML comment lines" if args.compare_strip_comments else ""),
              flush=True)
    samples: dict[str, dict] = {}
    rows: list[list[str]] = []
    tmux = None if args.no_terminal else Tmux(TERMINAL)
    try:
        if tmux is not None:
            rtt = poll_round_trip(tmux)
            print(f"tmux capture-pane round trip: {rtt * 1000:.2f} ms (median of 200)", flush=True)
            bare = measure_terminal(tmux, BARE, 2, runs=runs, presses=presses, poll=poll, gap=gap, timeout=30)
            samples["bare"] = {"launch": bare.launch, "keys": bare.keys, "rss": bare.rss, "written": bare.written}
            rows.append(["bare Textual (1 static slide)", "-", median_ms(bare.launch), key_ms(bare.keys), _kb(bare.written), _mb(bare.rss), "-", "-", "-", "-"])
            print(table(rows[-1:], HEADER), flush=True)
        for kind, size in jobs:
            deck = decks[(kind, size)]
            label = f"{kind} {size:,}"
            slides = deck_slides(kind, size)
            deck_presses = picture_presses if kind == PICTURES else presses
            for name, command in commands.items():
                peer = name != "presenter"
                shown = strip_comments(deck) if peer and args.compare_strip_comments else deck
                files = [shown, *(deck.parent / photo_name(k) for k in range(1, size + 1))] if kind == PICTURES else [shown]
                row = [f"{name}: {label}", f"{sum(f.stat().st_size for f in files) / 1e6:.2f}"]
                entry: dict = {}
                if tmux is not None:
                    timeout = 60 + size / 100
                    probe = {"launch_marker": peer_marker, "first": peer_first} if peer else {}
                    term = measure_terminal(tmux, command.format(deck=shlex.quote(str(shown))), slides, runs=runs,
                                            presses=deck_presses, poll=poll, gap=gap, timeout=timeout,
                                            beside=None if peer else BARE, **probe)
                    for failure in term.failures:
                        print(f"  {name} {label}: {failure}", file=sys.stderr)
                    keys_first = [k for k, new in zip(term.keys, term.first_visit) if new]
                    keys_again = [k for k, new in zip(term.keys, term.first_visit) if not new]
                    entry.update(launch=term.launch, keys=term.keys, keys_first=keys_first, keys_again=keys_again,
                                 rss=term.rss, written=term.written, bare_beside=term.beside)
                    row += [median_ms(term.launch), key_ms(term.keys), _kb(term.written), _mb(term.rss)]
                else:
                    row += ["-", "-", "-", "-"]
                if name == "presenter" and not args.no_pipeline:
                    figures = measure_pipeline(deck, runs, work)
                    entry.update(figures)
                    export = statistics.median(figures["export"])
                    row += [median_ms(figures["parse"]), median_ms(figures["check"]), median_ms(figures["export"]),
                            f"{slides / export:,.0f}"]
                else:
                    row += ["-", "-", "-", "-"]
                samples[f"{name}: {label}"] = entry
                rows.append(row)
                if kind == PICTURES and entry.get("keys"):  # the same presses, split
                    blank = ["-"] * (len(HEADER) - 4)  # the bytes are counted over all presses
                    rows.append([f"  first pass ({len(entry['keys_first'])} presses)", "", "-",
                                 key_ms(entry["keys_first"]), *blank])
                    rows.append([f"  pictures decoded ({len(entry['keys_again'])} presses)", "", "-",
                                 key_ms(entry["keys_again"]), *blank])
                    print(table(rows[-3:], HEADER), flush=True)
                else:
                    print(table(rows[-1:], HEADER), flush=True)
    finally:
        if tmux is not None:
            tmux.close()
    info["reference ms at end"] = f"{reference_ms():.0f}"
    print()
    print(f"presenter benchmarks: medians of {runs} runs; key presses: median / p95 of {presses}"
          + (f" ({picture_presses} on the pictures deck)" if PICTURES in kinds else "") + ", ms; RSS: peak, MiB")
    print("machine: " + ", ".join(f"{k} {v}" for k, v in info.items()))
    print(table(rows, HEADER))
    verdicts = targets(samples, args.compare_name if args.compare else None)
    if verdicts:
        print()
        print("targets (figures of this run):")
        for line in verdicts:
            print(f"  {line}")
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "runs": runs, "presses": presses, "samples": samples}, indent=1))
    shutil.rmtree(work, ignore_errors=True)
    return 0


HEADER = ["deck", "MB", "launch ms", "key ms p50/p95", "KB/press", "RSS MiB", "parse ms", "check ms", "export ms", "export slides/s"]


def targets(samples: dict[str, dict], peer: str | None) -> list[str]:
    """presenter's targets, each checked against this run's samples (those it measured)."""
    out = []

    def median(key: str, figure: str) -> float | None:
        values = samples.get(key, {}).get(figure)
        return statistics.median(values) if values else None

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT MET"

    bare = median("bare", "launch")
    for key in samples:
        if not key.startswith("presenter: "):
            continue
        label = key.removeprefix("presenter: ")
        kind, size = label.split(" ")[0], int(label.split(" ")[1].replace(",", ""))
        launch = median(key, "launch")
        beside = median(key, "bare_beside")  # launched just before each of these: the same speed of the machine
        if launch and (beside or bare) and size <= 200:
            base = beside or bare
            which = f"the bare app launched beside it ({base * 1000:.0f} ms)" if beside else "the bare app"
            out.append(f"launch {label}: {launch * 1000:.0f} ms = {launch / base:.2f}x {which} (at most 1.4x): {verdict(launch / base <= 1.4)}")
        other = median(f"{peer}: {label}", "launch") if peer else None
        if launch and other and size >= 1000:
            out.append(f"launch {label}: {launch * 1000:.0f} ms against {peer}'s {other * 1000:.0f} ms (faster): {verdict(launch < other)}")
        keys = samples[key].get("keys")
        again = samples[key].get("keys_again")
        if kind == PICTURES and again:
            first = samples[key].get("keys_first") or []
            out.append(f"key press {label}, every picture decoded: p95 {p95(again) * 1000:.1f} ms (under 16 ms): "
                       f"{verdict(p95(again) < 0.016)}" + (f" (first pass p95 {p95(first) * 1000:.1f} ms)" if first else ""))
        if keys and size >= 1000:
            out.append(f"key press {label}: p95 {p95(keys) * 1000:.1f} ms (under 16 ms): {verdict(p95(keys) < 0.016)}")
        export = median(key, "export")
        if export and kind == "styled" and size in (200, 1000):
            limit = 0.6 if size == 200 else 2.5
            out.append(f"text export {label}: {export:.2f} s (under {limit} s): {verdict(export < limit)}")
        rss = samples[key].get("rss")
        if rss and size >= 1000:
            out.append(f"peak RSS {label}: {max(rss):.0f} MiB (under 80): {verdict(max(rss) < 80)}")
    return out


def strip_comments(deck: Path) -> Path:
    """A copy of ``deck`` beside it without its whole-line HTML comments (``<!-- ... -->``)."""
    copy = deck.with_name(deck.stem + ".nocomments" + deck.suffix)
    if not copy.exists():
        lines = deck.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not (line.lstrip().startswith("<!--") and line.rstrip().endswith("-->"))]
        copy.write_text("".join(kept), encoding="utf-8")
    return copy


def _kb(written: float | None) -> str:
    return "-" if written is None else f"{written / 1000:.1f}"


def _mb(values: list[float]) -> str:
    return f"{max(values):.0f}" if values else "-"


if __name__ == "__main__":
    sys.exit(main())

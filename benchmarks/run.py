"""presenter's benchmarks: launch, key press, memory, parse, check and export, in one table.

    python benchmarks/run.py            # the full run (10, 1,000 and 10,000 slides; ~6-9 minutes on 2 cores)
    python benchmarks/run.py --quick    # 10 and 1,000 slides, fewer runs (~1-2 minutes)
    python benchmarks/run.py --compare "other-tool {deck}" --compare-name other

Every figure is a median over ``--runs`` runs (at least 5 in the full run); key presses give
the median and the 95th percentile over ``--presses`` presses. Decks are generated
(benchmarks/decks.py): a plain-text article and a Markdown deck of each size.

How each figure is measured
---------------------------
* **launch**: in a real terminal. A tmux server of our own (its own socket, a 100x30 window)
  runs the command in a pane; we poll the pane's text (``capture-pane``) until the title
  slide's subtitle appears. Polls go over one tmux *control-mode* connection, so a poll is a
  round trip on a pipe, not a new process; the round-trip time is printed with the table.
  A figure is the time from asking tmux to start the command to the reply of the first poll
  showing the slide: it overstates the truth by at most one poll round trip.
* **key (tmux)**: the same terminal; we send Right (or Left) with ``send-keys`` and poll every
  ``--poll`` ms until the next slide's title (unique per slide) is on screen. A pause of
  ``--gap`` ms between presses lets the slide transition finish, as between a speaker's presses.
* **key (in-process)**: the app run headless (``App.run_test``): the time from posting the key
  event to the app until every widget has processed its messages (Pilot's internal
  ``_wait_for_screen``, twice, and again until presenter is on its next place) and the slide
  widget has rendered its lines. No terminal, no
  tmux, no frame timer: the app's own work per key press. Compare with the bare app's figure.
* **RSS**: the larger of two peaks. ``VmHWM`` (peak resident set) from ``/proc/PID/status``
  of the app's process, read after the key presses, once the app has been idle (no CPU) for
  0.5 s, before quitting: a big deck is read in the background after the first slide shows,
  and its peak is only reached when it has been read whole. And, in the last run, the peak of
  the app and the child that reads its deck (presenter/readahead.py) together, sampled every
  20 ms as the sum of their ``Pss`` (a page they share counts once; the child is gone by
  the time the app is idle).
* **parse / check**: ``load_deck`` and ``check_report`` + ``format_report`` timed in a fresh
  Python process per run (cold caches, as a user's command has).
* **export**: the wall-clock time of the whole ``presenter export DECK --format text -o FILE``
  command (start-up, reading, parsing, rendering and writing); the rate is slides per
  second of that.

The bare-Textual baseline is benchmarks/bare_app.py: one static slide with the same subtitle.

Comparing with another tool
---------------------------
``--compare "CMD {deck}"`` runs the same terminal measurements (launch, key presses in tmux,
RSS) on another command, deck by deck, in the same run as presenter's (so both share the
machine's load at the time). By default the other tool is probed exactly as presenter is:
its launch ends when the subtitle shows, and each key press when the next slide's title
shows. Tools that show a deck differently can be probed fairly with:

* ``--compare-no-title-slide``: the tool makes no title slide of the front matter (lookatme
  puts the title in a header and never shows the subtitle): its first slide is the deck's first
  content slide, so its launch probe waits for that slide's title ("Section S00001X Review")
  and its key presses walk the deck's ``n - 1`` content slides. Both tools are then timed to
  the moment their first slide is on screen.
* ``--compare-marker TEXT``: the text its launch probe waits for instead (any text of its
  first screen).
* ``--compare-strip-comments``: give it a copy of each deck without its whole-line HTML
  comments (the styled deck's speaker notes), for a tool that cannot read them (lookatme 2.5.5
  stops with ``no attribute 'render_close_html'``). Its MB column is the copy's size.

Presenter's own measurements are the same with or without these options. The other tool has
no in-process, parse, check or export figures ("-"). For lookatme 2.5.5 (its pins predate
Python 3.11's wheels: PyYAML 5.4 must be built with Cython < 3, and urwid >= 2.2 breaks it)::

    python -m venv /tmp/peer-venv && /tmp/peer-venv/bin/pip install "cython<3" wheel setuptools
    /tmp/peer-venv/bin/pip install --no-build-isolation pyyaml==5.4.1
    /tmp/peer-venv/bin/pip install lookatme urwid==2.1.2
    python benchmarks/run.py --kinds markdown,styled --no-pipeline --compare "/tmp/peer-venv/bin/lookatme {deck}" \
        --compare-name lookatme --compare-no-title-slide --compare-strip-comments
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

from decks import SUBTITLE, slide_title, write_decks  # noqa: E402

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
        self.command(f"respawn-pane -k -t bench {_tmux_quote(line)}")

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


def _tmux_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def peak_rss_mb(pid: int) -> float | None:
    """VmHWM of ``pid`` or its largest descendant (the command may run under a wrapper), in MB."""
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


class FamilyPeak:
    """The peak of the memory a process and its descendants take together, sampled.

    ``presenter`` reads a deck in a forked child that is gone by the time the app is idle,
    so the largest VmHWM left to read misses the time when both were alive. This samples the
    family's proportional set size (Pss: a page shared by parent and child counts once) every
    ``every`` seconds from :meth:`start` to :meth:`stop`.
    """

    def __init__(self, pid: int, every: float = 0.02) -> None:
        import threading

        self.peak_kb = 0
        self._pid, self._every = pid, every
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def start(self) -> FamilyPeak:
        self._thread.start()
        return self

    def stop(self) -> float:
        """Stop sampling; the peak in MB."""
        self._done.set()
        self._thread.join()
        return self.peak_kb / 1024

    def _sample(self) -> None:
        while not self._done.wait(self._every):
            total = 0
            for current in _family(self._pid):
                try:
                    for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                        if line.startswith("Pss:"):
                            total += int(line.split()[1])
                            break
                except (OSError, ValueError):
                    continue
            self.peak_kb = max(self.peak_kb, total)


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
    rss: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def measure_terminal(
    tmux: Tmux, command: str, slides: int, *, runs: int, presses: int, poll: float, gap: float, timeout: float,
    launch_marker: str = SUBTITLE, first: int = 0,
) -> Terminal:
    """Launch ``command`` ``runs`` times; in the first run, also press keys and read RSS.

    The launch ends when ``launch_marker`` is on screen; key presses start from deck slide
    ``first`` (see :func:`press_plan`).
    """
    result = Terminal()
    env = {"TEXTUAL_ANIMATIONS": os.environ.get("TEXTUAL_ANIMATIONS", "full")}
    for run in range(runs):
        tmux.start("sleep 100000", {})  # a blank, idle pane between runs
        time.sleep(0.3)
        start = time.perf_counter()
        tmux.start(command, env)
        # Memory is sampled in the last run, not the first, whose key presses it would slow.
        family = FamilyPeak(tmux.pane_pid()).start() if run == runs - 1 else None  # tmux is driven from this thread only
        took = wait_for(tmux, launch_marker, start, poll=poll, timeout=timeout)
        if took is None:
            result.failures.append(f"launch timed out after {timeout:.0f} s; screen:\n{tmux.screen()}")
            return result
        result.launch.append(took)
        time.sleep(0.3)  # let the first frame settle (and any deferred start-up work run)
        if run == 0:
            for key, marker in press_plan(slides, presses, first):
                time.sleep(gap)
                start = time.perf_counter()
                tmux.key(key)
                took = wait_for(tmux, marker, start, poll=poll, timeout=10)
                if took is None:
                    result.failures.append(f"{key} did not show {marker!r}")
                    break
                result.keys.append(took)
        wait_idle(tmux.pane_pid())  # RSS of the whole deck, not of the part read so far
        rss = peak_rss_mb(tmux.pane_pid())
        if family is not None:  # with any child that read the deck while it was alive
            together = family.stop()
            rss = together if rss is None else max(rss, together)
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


# -- in-process: Pilot ------------------------------------------------------------------------

INPROCESS = r"""
import asyncio, json, sys, time
sys.path.insert(0, {here!r})
from decks import SUBTITLE, slide_title
from run import press_plan
deck, slides, presses = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
if deck == "-":
    from bare_app import BareApp
    app = BareApp()
    plan = [("right" if i % 2 == 0 else "left", "") for i in range(presses)]
else:
    from presenter.tui.app import make_app
    app = make_app(deck, animate=False)
    plan = [(key.lower(), "") for key, _ in press_plan(slides, presses)]
times = []
from textual import events
from textual.geometry import Region
async def main():
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key, _ in plan:
            await asyncio.sleep(0.02)
            place = getattr(app, "place", None)  # presenter's (slide, piece, step); the bare app has none
            start = time.perf_counter()
            app._driver.send_message(events.Key(key, None))
            await pilot._wait_for_screen()  # the key handled, the slide widget updated
            await pilot._wait_for_screen()
            for _ in range(20):  # a key bubbling up from the focused widget can take longer
                if place is None or app.place != place:
                    break
                await pilot._wait_for_screen()
            slide = app.query_one("#slide")
            slide.render_lines(Region(0, 0, slide.size.width, slide.size.height))  # and drawn
            times.append(time.perf_counter() - start)
asyncio.run(main())
print(json.dumps(times))
"""


def measure_inprocess(deck: Path | None, slides: int, presses: int) -> list[float]:
    script = INPROCESS.format(here=str(HERE))
    argv = [PYTHON, "-c", script, str(deck) if deck else "-", str(slides), str(presses)]
    out = subprocess.run(argv, capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


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
    parser.add_argument("--quick", action="store_true", help="10 and 1,000 slides, 3 runs, 20 presses")
    parser.add_argument("--sizes", default=None, help="comma-separated deck sizes (default 10,1000,10000)")
    parser.add_argument("--kinds", default="article,markdown,styled", help="article, markdown and/or styled (Markdown with inline markup)")
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

    sizes = tuple(int(s) for s in (args.sizes or ("10,1000" if args.quick else "10,1000,10000")).split(","))
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
    decks = write_decks(work, sizes, kinds)
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
            bare_in = measure_inprocess(None, 2, presses)
            samples["bare"] = {"launch": bare.launch, "keys": bare.keys, "rss": bare.rss, "keys_inprocess": bare_in}
            rows.append(["bare Textual (1 static slide)", "-", median_ms(bare.launch), key_ms(bare.keys),
                         key_ms(bare_in), _mb(bare.rss), "-", "-", "-", "-"])
            print(table(rows[-1:], HEADER), flush=True)
        for size in sizes:
            for kind in kinds:
                deck = decks[(kind, size)]
                label = f"{kind} {size:,}"
                for name, command in commands.items():
                    peer = name != "presenter"
                    shown = strip_comments(deck) if peer and args.compare_strip_comments else deck
                    row = [f"{name}: {label}", f"{shown.stat().st_size / 1e6:.2f}"]
                    entry: dict = {}
                    if tmux is not None:
                        timeout = 60 + size / 100
                        probe = {"launch_marker": peer_marker, "first": peer_first} if peer else {}
                        term = measure_terminal(tmux, command.format(deck=shlex.quote(str(shown))), size, runs=runs,
                                                presses=presses, poll=poll, gap=gap, timeout=timeout, **probe)
                        for failure in term.failures:
                            print(f"  {name} {label}: {failure}", file=sys.stderr)
                        entry.update(launch=term.launch, keys=term.keys, rss=term.rss)
                        inproc = measure_inprocess(deck, size, presses) if name == "presenter" else []
                        entry["keys_inprocess"] = inproc
                        row += [median_ms(term.launch), key_ms(term.keys), key_ms(inproc) if inproc else "-", _peak_mb(term.rss)]
                    else:
                        row += ["-", "-", "-", "-"]
                    if name == "presenter" and not args.no_pipeline:
                        figures = measure_pipeline(deck, runs, work)
                        entry.update(figures)
                        export = statistics.median(figures["export"])
                        row += [median_ms(figures["parse"]), median_ms(figures["check"]), median_ms(figures["export"]),
                                f"{size / export:,.0f}"]
                    else:
                        row += ["-", "-", "-", "-"]
                    samples[f"{name}: {label}"] = entry
                    rows.append(row)
                    print(table(rows[-1:], HEADER), flush=True)
    finally:
        if tmux is not None:
            tmux.close()
    info["reference ms at end"] = f"{reference_ms():.0f}"
    print()
    print(f"presenter benchmarks: medians of {runs} runs; key presses: median / p95 of {presses}, ms")
    print("machine: " + ", ".join(f"{k} {v}" for k, v in info.items()))
    print(table(rows, HEADER))
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "runs": runs, "presses": presses, "samples": samples}, indent=1))
    shutil.rmtree(work, ignore_errors=True)
    return 0


HEADER = ["deck", "MB", "launch ms", "key tmux ms p50/p95", "key in-proc ms p50/p95", "RSS MB",
          "parse ms", "check ms", "export ms", "export slides/s"]


def strip_comments(deck: Path) -> Path:
    """A copy of ``deck`` beside it without its whole-line HTML comments (``<!-- ... -->``)."""
    copy = deck.with_name(deck.stem + ".nocomments" + deck.suffix)
    if not copy.exists():
        lines = deck.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not (line.lstrip().startswith("<!--") and line.rstrip().endswith("-->"))]
        copy.write_text("".join(kept), encoding="utf-8")
    return copy


def _mb(values: list[float]) -> str:
    return f"{statistics.median(values):.0f}" if values else "-"


def _peak_mb(values: list[float]) -> str:
    """The largest: only the last run samples the reading child's memory too."""
    return f"{max(values):.0f}" if values else "-"


if __name__ == "__main__":
    sys.exit(main())

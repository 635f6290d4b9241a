"""Code that runs: presenterm's ``+exec`` and ``+exec_replace`` blocks, and every block of a
``slides`` deck in a language with a runner, run only when presenter was started with
``--exec``.

A block runs as a file in a temporary folder (hidden lines included, without their hiding
prefix), from the deck's folder, in a process group of its own, so that stopping it (its
time limit, the slide changing, presenter quitting) leaves no process behind. What it
prints is kept as text without control characters or escapes, at most
:data:`MAX_OUTPUT_CHARS`.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

from presenter.clean import strip_controls
from presenter.errors import PresenterError
from presenter.block_tree import map_blocks
from presenter.model import Block, Code, Deck, Output, Slide
from presenter.sources.codeinfo import hiding_prefixes

#: Seconds a run may take unless the front matter's ``exec_timeout`` says otherwise.
DEFAULT_TIMEOUT = 30.0
#: What is kept of a run's output.
MAX_OUTPUT_CHARS = 64_000
#: How often a run's output is shown while it comes, in seconds.
UPDATE_SECONDS = 0.1
#: The hint under a runnable block when presenter was started without ``--exec``.
NOT_ALLOWED = "run with --exec to run this"
#: The hint under a runnable block when it may run.
ALLOWED = "Ctrl+E runs this"

_RUNNERS = {
    "bash": ["bash", "{file}"],
    "sh": ["sh", "{file}"],
    "shell": ["sh", "{file}"],
    "zsh": ["zsh", "{file}"],
    "python": [sys.executable, "{file}"],
    "python3": [sys.executable, "{file}"],
    "py": [sys.executable, "{file}"],
    # what slides runs too (each needs its interpreter installed)
    "javascript": ["node", "{file}"],
    "js": ["node", "{file}"],
    "ruby": ["ruby", "{file}"],
    "perl": ["perl", "{file}"],
    "elixir": ["elixir", "{file}"],
    "go": ["go", "run", "{file}"],
}
_SUFFIXES = {"python": ".py", "python3": ".py", "py": ".py", "javascript": ".js", "ruby": ".rb", "perl": ".pl", "elixir": ".exs"}


def runners_of(deck: Deck) -> dict[str, list[str]]:
    """The commands blocks run with, by language: bash, sh, python, and (as ``slides`` runs
    them) javascript, ruby, perl, elixir and go; the front matter's ``runners: {ruby:
    "ruby {file}"}`` adds or changes one (``{file}`` is the block's file)."""
    runners = dict(_RUNNERS)
    extra = deck.meta.get("runners")
    if extra is None:
        return runners
    if not isinstance(extra, Mapping):
        raise PresenterError(deck.source, None, "front matter runners: must map a language to a command, like {ruby: \"ruby {file}\"}")
    for language, command in extra.items():
        try:
            words = shlex.split(str(command))
        except ValueError as error:
            raise PresenterError(deck.source, None, f"front matter runners: {language}: {error}") from None
        if not words:
            raise PresenterError(deck.source, None, f"front matter runners: {language} has no command")
        runners[str(language).lower()] = words if "{file}" in " ".join(words) else [*words, "{file}"]
    return runners


def timeout_of(deck: Deck) -> float:
    """Seconds a run may take: the front matter's ``exec_timeout``, else 30."""
    value = deck.meta.get("exec_timeout")
    if value is None:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = -1.0
    if not 0 < seconds <= 24 * 3600:
        raise PresenterError(deck.source, None, f"front matter exec_timeout: {value!r} is not a number of seconds")
    return seconds


def runnable(block: Block, deck: Deck) -> bool:
    """Whether ``block`` is code that can run: marked ``+exec`` (or ``+exec_replace``), or in
    a ``slides`` deck, any block in a language with a runner."""
    if not isinstance(block, Code):
        return False
    if {"exec", "exec_replace"} & set(block.attributes):
        return True
    return deck.flavor == "slides" and (block.language or "").lower() in _RUNNERS


def runnable_blocks(slide: Slide, deck: Deck) -> list[Code]:
    """The blocks of ``slide`` that can run, in reading order."""
    found: list[Code] = []

    def note(block: Block) -> Block:
        if isinstance(block, Code) and runnable(block, deck):
            found.append(block)
        return block

    map_blocks(slide.blocks, note)
    return found


def with_outputs(slide: Slide, deck: Deck, outputs: Mapping[int, Output | None]) -> Slide:
    """``slide`` with output ``outputs[n]`` under its ``n``-th runnable block (0-based)."""
    count = -1

    def change(block: Block) -> Block:
        nonlocal count
        if not runnable(block, deck):
            return block
        count += 1
        return replace(block, output=outputs[count]) if count in outputs else block  # type: ignore[arg-type]

    return replace(slide, blocks=map_blocks(slide.blocks, change))


def with_hints(deck: Deck, allowed: bool) -> Deck:
    """``deck`` with a hint under every block that can run: Ctrl+E runs it, or it needs ``--exec``."""
    hint = Output(status=ALLOWED if allowed else NOT_ALLOWED)
    slides = []
    for slide in deck.slides:
        count = len(runnable_blocks(slide, deck))
        slides.append(with_outputs(slide, deck, dict.fromkeys(range(count), hint)) if count else slide)
    return replace(deck, slides=tuple(slides))


def run_all(deck: Deck, *, replace_only: bool = False) -> Deck:
    """``deck`` with every block that can run run once, its output under it; an
    ``+exec_replace`` block is replaced by its output. With ``replace_only`` (presenting: the
    rest run on Ctrl+E) only those are run."""
    runners, timeout = runners_of(deck), timeout_of(deck)
    folder = deck.source.parent if deck.source is not None else Path.cwd()

    def change(block: Block) -> Block:
        if not runnable(block, deck):
            return block
        assert isinstance(block, Code)
        replacing = "exec_replace" in block.attributes
        if replace_only and not replacing:
            return block
        output = Run(block, runners, timeout=timeout, folder=folder).result()
        if replacing:
            return Code(output.text, None, lines=block.lines)
        return replace(block, output=output)

    return replace(deck, slides=tuple(replace(slide, blocks=map_blocks(slide.blocks, change)) for slide in deck.slides))


def source_of(block: Code) -> str:
    """What runs: every line, a hidden one without its hiding prefix."""
    prefixes = hiding_prefixes(block.language)
    hidden = set(block.hidden)
    lines = []
    for index, line in enumerate(block.code.split("\n")):
        if index in hidden:
            prefix = next((p for p in prefixes if line.startswith(p)), None)
            line = line[len(prefix) :] if prefix else ""
        lines.append(line)
    return "\n".join(lines) + "\n"


class Run:
    """One run of a code block: :meth:`start`, then :meth:`read` until it ends; :meth:`stop`
    (from any thread) kills it and everything it started."""

    def __init__(self, block: Code, runners: Mapping[str, list[str]], *, timeout: float, folder: Path) -> None:
        self.block = block
        self.language = (block.language or "").lower()
        self.command = runners.get(self.language)
        self.timeout = timeout
        self.folder = folder
        self.process: subprocess.Popen[bytes] | None = None
        self.stopped: str | None = None
        """Why the run was stopped, if it was."""
        self._lock = threading.Lock()

    def result(self) -> Output:
        """Run to the end and say what came of it."""
        if (output := self.start()) is not None:
            return output
        return self.read()

    def start(self) -> Output | None:
        """Start the run; an :class:`Output` saying why, if it cannot start."""
        if self.command is None:
            return Output(status=f"no runner for {self.language or 'a block without a language'} (front matter runners:)", done=True)
        self._folder = tempfile.TemporaryDirectory(prefix="presenter-run-")
        file = Path(self._folder.name) / f"block{_SUFFIXES.get(self.language, '.' + (self.language or 'txt'))}"
        file.write_text(source_of(self.block), encoding="utf-8")
        argv = [word.replace("{file}", str(file)) for word in self.command]
        try:
            self.process = subprocess.Popen(
                argv,
                cwd=self.folder,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stop() kills what it started too
            )
        except FileNotFoundError:
            self._folder.cleanup()
            return Output(status=f"cannot run {self.language}: {argv[0]} is not installed", done=True)
        except OSError as error:
            self._folder.cleanup()
            return Output(status=f"cannot run {argv[0]}: {error.strerror or error}", done=True)
        self._deadline = threading.Timer(self.timeout, self.stop, args=(f"killed after {self.timeout:g} s (exec_timeout)",))
        self._deadline.daemon = True
        self._deadline.start()
        return None

    def read(self, shown: Callable[[Output], None] | None = None) -> Output:
        """Read the output until the run ends, passing what has come so far to ``shown``
        every :data:`UPDATE_SECONDS`; the final :class:`Output`."""
        assert self.process is not None and self.process.stdout is not None
        pieces: list[str] = []
        size, last = 0, time.monotonic()
        decoder = _decoder()
        try:
            while chunk := self.process.stdout.read1(65536):  # type: ignore[attr-defined]
                if size < MAX_OUTPUT_CHARS:
                    text = decoder.decode(chunk)
                    pieces.append(text)
                    size += len(text)
                if shown is not None and time.monotonic() - last >= UPDATE_SECONDS:
                    last = time.monotonic()
                    shown(Output(_clean("".join(pieces)), "running…"))
            code = self.process.wait()
        finally:
            self._deadline.cancel()
            self.stop(None)
            self._folder.cleanup()
        text = _clean("".join(pieces) + decoder.decode(b"", final=True))
        if size >= MAX_OUTPUT_CHARS:
            text = text[:MAX_OUTPUT_CHARS] + f"\n… (output cut at {MAX_OUTPUT_CHARS:,} characters)"
        return Output(text, self.stopped or (f"exit {code}" if code >= 0 else f"killed by signal {-code}"), done=True)

    def stop(self, reason: str | None = "stopped") -> None:
        """Kill the run and every process it started (None: only those left over)."""
        with self._lock:
            if self.process is None:
                return
            if reason is not None and self.process.poll() is None and self.stopped is None:
                self.stopped = reason
            try:
                if hasattr(os, "killpg"):
                    os.killpg(self.process.pid, signal.SIGKILL)
                elif self.process.poll() is None:
                    self.process.kill()
            except (ProcessLookupError, PermissionError):
                pass


def _decoder():
    import codecs

    return codecs.getincrementaldecoder("utf-8")(errors="replace")


def _clean(text: str) -> str:
    return "\n".join(strip_controls(line).rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip("\n")

"""Ctrl+E: run the code on the slide (presenter/execute.py), its output shown under it as
it comes. Only when presenter was started with ``--exec``; a run stops when its time is up,
when the slide changes or when presenter quits."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from presenter.execute import Run, run_all, runnable_blocks, runners_of, timeout_of, with_hints, with_outputs
from presenter.model import Deck, Output


class Running:
    """A mixin of :class:`~presenter.tui.app.PresenterApp`: ``run_code`` says whether blocks
    may run; the run in progress is ``(slide index, Run)``."""

    run_code: bool = False
    _run: tuple[int, Run] | None = None
    _outputs: dict[int, dict[int, Output]] | None = None
    """The outputs shown, by slide index and block number: kept while the rest of the deck is read."""

    def prepared(self, deck: Deck) -> Deck:
        """``deck`` as presented: with ``--exec`` its ``+exec_replace`` blocks replaced by
        their output, a hint under each block that can run, and the outputs of the runs
        made (the same deck with more of it read keeps them). Raises
        :class:`PresenterError` for bad ``runners:`` or ``exec_timeout:`` with ``--exec``."""
        if self.run_code:
            runners_of(deck)  # the front matter comes whole with a long deck's first slides:
            timeout_of(deck)  # its settings are checked before any slide shows
            if not deck.partial:  # a long deck's parts as they are read: run once, when whole
                deck = run_all(deck, replace_only=True)
        return _shown(with_hints(deck, self.run_code), self._outputs or {})

    def forget_runs(self, reason: str) -> None:
        """A new deck (the file was saved): stop the run in progress and drop the outputs."""
        self.stop_run(reason)
        self._outputs = None

    def on_unmount(self) -> None:
        self.stop_run("stopped: presenter quit")

    def action_run_code(self) -> None:
        index = self.place.index
        slide = self.deck.slides[index]
        blocks = runnable_blocks(slide, self.deck)
        if not blocks:
            self.notify("No code to run on this slide.", timeout=2)
            return
        if not self.run_code:
            self.notify("Start presenter with --exec to run code.", severity="warning", timeout=3)
            return
        if self._run is not None:
            self.notify("Code is running already.", timeout=2)
            return
        number = next((n for n, block in enumerate(blocks) if block.output is None or not block.output.done), 0)
        deck = self.deck
        folder = deck.source.parent if deck.source is not None else Path.cwd()
        run = Run(blocks[number], runners_of(deck), timeout=timeout_of(deck), folder=folder)  # (checked by prepared)
        if (failed := run.start()) is not None:
            self._set_output(index, number, failed)
            return
        self._run = (index, run)
        self._set_output(index, number, Output(status="running…"))
        self.run_worker(lambda: self._follow_run(index, number, run), thread=True, group="run")

    def _follow_run(self, index: int, number: int, run: Run) -> None:
        """In a worker thread: the run's output, shown as it comes."""
        try:
            final = run.read(lambda output: self.call_from_thread(self._set_output, index, number, output))
        except OSError as error:
            final = Output(status=f"could not read its output: {error}", done=True)
        self.call_from_thread(self._finished, index, number, run, final)

    def _finished(self, index: int, number: int, run: Run, output: Output) -> None:
        if self._run is not None and self._run[1] is run:
            self._run = None
        self._set_output(index, number, output)

    def _set_output(self, index: int, number: int, output: Output) -> None:
        if index >= len(self.deck.slides):
            return
        if self._outputs is None:
            self._outputs = {}
        self._outputs.setdefault(index, {})[number] = output
        self.deck = _shown(self.deck, {index: {number: output}})
        if index == self.place.index:
            self._refit()

    def stop_run(self, reason: str) -> None:
        """Stop the run in progress, if any (the slide changed, presenter quits)."""
        if self._run is not None:
            self._run[1].stop(reason)


def _shown(deck: Deck, outputs: dict[int, dict[int, Output]]) -> Deck:
    """``deck`` with ``outputs`` (by slide index and block number) under their blocks."""
    if not outputs:
        return deck
    slides = list(deck.slides)
    for index, shown in outputs.items():
        if index < len(slides):
            slides[index] = with_outputs(slides[index], deck, shown)
    return replace(deck, slides=tuple(slides))

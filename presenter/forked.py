"""Work done on a second core by a forked child process, as an accelerator only.

``presenter DECK`` reads a small deck in a child while it imports Textual and builds the app
(presenter/cli.py). The child is forked, so it starts with everything the parent has
imported, and sends back one ``bytes`` result through a pipe. It is only ever a shortcut:
when it fails in any way (an error in the deck, a bug, a kill, no ``fork`` on this system,
no answer in time), :meth:`Forked.result` gives ``None`` and the caller does the work
itself, so what the user sees, errors included, is what a single process gives.

The child ignores Ctrl-C (the parent handles it and stops the child), runs nothing at exit
(it leaves through ``os._exit``), writes nothing but the pipe, and is always reaped by
:meth:`Forked.close`. A raw ``os.fork`` and pipe, not :mod:`multiprocessing`: importing that
cost ~2 ms of the launch this exists to shorten.
"""

from __future__ import annotations

import os
import select
import signal
import sys
from typing import Callable

#: Turned off by tests to compare with the serial path.
ENABLED = True


def can_fork() -> bool:
    """Whether there is a second core and a ``fork`` to use it with."""
    return ENABLED and (os.cpu_count() or 1) >= 2 and hasattr(os, "fork")


class Forked:
    """``work()`` running in a forked child; :meth:`result` waits for its bytes."""

    def __init__(self, work: Callable[[], bytes]) -> None:
        for stream in (sys.stdout, sys.stderr):  # nothing buffered is written twice
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns to the caller
            try:
                os.close(read_end)
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                try:
                    data = b"\1" + work()
                except BaseException:  # the parent does this itself, and meets any error there
                    data = b"\0"
                view = memoryview(data)
                while view:
                    view = view[os.write(write_end, view) :]
            finally:
                os._exit(0)
        os.close(write_end)
        self._pid: int | None = pid
        self._read_end = read_end

    def result(self, timeout: float | None = None) -> bytes | None:
        """The child's bytes, or None if it failed or gave no answer within ``timeout`` seconds."""
        chunks: list[bytes] = []
        try:
            while True:
                if timeout is not None and not select.select([self._read_end], [], [], timeout)[0]:
                    return None
                chunk = os.read(self._read_end, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
        except OSError:
            return None
        finally:
            self.close()
        data = b"".join(chunks)
        return data[1:] if data[:1] == b"\1" else None

    def close(self) -> None:
        """Stop the child if it is still running, and reap it (once; later calls do nothing)."""
        if self._pid is None:
            return
        pid, self._pid = self._pid, None
        os.close(self._read_end)
        try:
            if os.waitpid(pid, os.WNOHANG) == (0, 0):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
        except ChildProcessError:
            pass

    def __enter__(self) -> Forked:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

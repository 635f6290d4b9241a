"""Work done on a second core by a forked child process, as an accelerator only.

A big export or check parses (and draws) one part of the deck in a child while the parent
does the rest. The child is forked, so it starts with everything the parent has read, and
sends back one ``bytes`` result through a pipe. It is only ever a shortcut: when it fails
in any way (an error in the deck, a bug, a kill, no ``fork`` on this system), :meth:`Forked.result`
gives ``None`` and the caller does that part itself, so what the user sees, errors
included, is what a single process gives.

The child ignores Ctrl-C (the parent handles it and stops the child), runs nothing at exit
(it leaves through ``os._exit``), and writes no files; :meth:`Forked.close` kills and reaps
it, so none is left behind.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any, Callable

#: Turned off by tests (and on systems without ``fork``) to compare with the serial path.
ENABLED = True


def can_fork() -> bool:
    """Whether there is a second core and a ``fork`` to use it with."""
    if not ENABLED or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        return False
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _child(work: Callable[[], bytes], conn: Any) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us on Ctrl-C
    try:
        data = work()
    except BaseException:  # the parent does this part itself, and meets any error there
        data = None
    try:
        if data is None:
            conn.send_bytes(b"\0")
        else:
            conn.send_bytes(b"\1" + data)
    except OSError:  # the parent has gone
        pass
    finally:
        conn.close()


class Forked:
    """``work()`` running in a forked child; :meth:`result` waits for its bytes."""

    def __init__(self, work: Callable[[], bytes]) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        for stream in (sys.stdout, sys.stderr):  # nothing buffered is written twice
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        self._process = context.Process(target=_child, args=(work, send), daemon=True)
        self._process.start()
        send.close()  # the child holds the sending end: its exit is our end of file

    def result(self) -> bytes | None:
        """The child's bytes, or None if it failed (the caller then does the work itself)."""
        try:
            data = self._receive.recv_bytes()
        except (EOFError, OSError):
            data = b""
        finally:
            self.close()
        return data[1:] if data[:1] == b"\1" else None

    def close(self) -> None:
        """Stop the child if it is still running, and reap it (once; later calls do nothing)."""
        if self._receive.closed:
            return
        self._receive.close()
        process = self._process
        process.join(0.05)
        if process.exitcode is None:
            process.kill()
            process.join()

    def __enter__(self) -> Forked:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

"""Work done on a second core by a forked child process, as an accelerator only.

``presenter DECK`` reads the deck in a child while it imports Textual and builds the app
(presenter/readahead.py). The child is forked, so it starts with everything the parent has
imported, and sends ``bytes`` messages back through a pipe. It is only ever a shortcut:
when it fails in any way (an error of its own, a kill, no ``fork`` on this system, no
answer in time), the parent is told so and does the work itself, so what the user sees,
errors included, is what a single process gives.

The child ignores Ctrl-C (the parent handles it and stops the child), runs nothing at exit
(it leaves through ``os._exit``), writes nothing but the pipe, and is always reaped by
:meth:`Forked.close`. A raw ``os.fork`` and pipe, not :mod:`multiprocessing`: importing that
cost ~2 ms of the launch this exists to shorten.

Messages are framed as a 4-byte length and the bytes. A child whose work returns sends an
empty message last, so a pipe that ends without one means that the child failed.
"""

from __future__ import annotations

import os
import select
import signal
import sys
from typing import Callable

#: Turned off by tests to compare with the serial path.
ENABLED = True

Send = Callable[["bytes | memoryview"], None]


def can_fork() -> bool:
    """Whether there is a second core and a ``fork`` to use it with."""
    return ENABLED and (os.cpu_count() or 1) >= 2 and hasattr(os, "fork")


class ChildFailed(Exception):
    """The child ended without finishing its work (or gave no sign of life in time)."""


class Forked:
    """``work(send)`` running in a forked child; :meth:`receive` gives what it sends."""

    def __init__(self, work: Callable[[Send], None]) -> None:
        for stream in (sys.stdout, sys.stderr):  # nothing buffered is written twice
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        self._buffer = bytearray()
        self.finished = False
        """Whether the child's last (empty) message has been received."""
        self._pid: int | None = None
        try:
            read_end, write_end = os.pipe()
        except OSError:  # no file descriptors left: the caller does the work
            return
        try:
            pid = os.fork()
        except OSError:  # no processes left, or forking is not allowed here
            os.close(read_end)
            os.close(write_end)
            return
        if pid == 0:  # the child: never returns to the caller
            try:
                os.close(read_end)
                signal.signal(signal.SIGINT, signal.SIG_IGN)

                def send(message: bytes | memoryview) -> None:
                    for part in (len(message).to_bytes(4, "big"), message):  # no copy of a big message
                        view = memoryview(part)
                        while view:
                            view = view[os.write(write_end, view) :]

                work(send)
                send(b"")
            finally:
                os._exit(0)
        os.close(write_end)
        self._pid = pid
        self._read_end = read_end

    def receive(self, timeout: float | None = None) -> bytes | None:
        """The child's next message; None if none came within ``timeout`` seconds (None:
        wait as long as it takes), ``b""`` once it has finished. Raises :class:`ChildFailed`
        if the child ended without finishing."""
        while True:
            if len(self._buffer) >= 4:
                size = int.from_bytes(self._buffer[:4], "big")
                if len(self._buffer) >= 4 + size:
                    with memoryview(self._buffer) as view:
                        message = bytes(view[4 : 4 + size])  # one copy (a slice of the buffer is another)
                    if len(self._buffer) == 4 + size:
                        self._buffer = bytearray()  # not its room for the biggest message so far
                    else:
                        del self._buffer[: 4 + size]
                    if not message:
                        self.finished = True
                        self.close()
                    return message
            if self._pid is None:
                raise ChildFailed("the child has been stopped")
            if timeout is not None and not select.select([self._read_end], [], [], timeout)[0]:
                return None
            try:
                chunk = os.read(self._read_end, 1 << 20)
            except OSError as error:
                self.close()
                raise ChildFailed(str(error)) from None
            if not chunk:
                self.close()
                raise ChildFailed("the child ended without finishing")
            self._buffer += chunk

    def result(self, timeout: float | None = None) -> bytes | None:
        """The one message of a child that sends one, or None if it failed or gave no sign of
        life within ``timeout`` seconds (the caller then does the work itself)."""
        try:
            message = self.receive(timeout)
            if message and self.receive(timeout) == b"":
                return message
            return None
        except ChildFailed:
            return None
        finally:
            self.close()

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


def one_result(work: Callable[[], bytes]) -> Callable[[Send], None]:
    """``work`` as a child's work that sends its one result (see :meth:`Forked.result`)."""
    return lambda send: send(work())

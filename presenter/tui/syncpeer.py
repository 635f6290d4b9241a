"""One connection of the sync channel (:mod:`presenter.tui.sync`): only the latest state
waits to be sent on it, and it is sent once the peer has read the ones before."""

from __future__ import annotations

import asyncio
import logging
import socket

from presenter.tui.syncchannel import State, encode_state

log = logging.getLogger("presenter.tui.sync")

#: The send buffer of each connection: states waiting there are stale, so keep it small (a
#: peer is sent the latest state only once the socket took the one before).
MAX_BUFFERED = 64 * 1024


class Peer:
    """One connection, and the latest state waiting to be sent on it (older ones are dropped)."""

    __slots__ = ("dropped", "pending", "wake", "writer")

    def __init__(self, writer: asyncio.StreamWriter) -> None:
        self.writer = writer
        self.pending: State | None = None
        self.wake = asyncio.Event()
        self.dropped = False
        sock = writer.get_extra_info("socket")
        if sock is not None:
            try:  # states waiting in the socket are stale ones: keep few
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, MAX_BUFFERED)
            except OSError:
                pass
        # drain() then waits until all that was written has reached the socket.
        writer.transport.set_write_buffer_limits(high=0)

    def queue(self, state: State) -> None:
        """Make ``state`` the next one sent, replacing any not sent yet."""
        if not self.dropped:
            self.pending = state
            self.wake.set()

    async def pump(self, stall: float) -> None:
        """Send the latest state whenever the peer has read the previous ones; drop the peer
        if it reads nothing for ``stall`` seconds (or its connection fails)."""
        try:
            while not self.dropped:
                await self.wake.wait()
                self.wake.clear()
                state, self.pending = self.pending, None
                if state is None or self.dropped:
                    continue
                self.writer.write(encode_state(*state))
                async with asyncio.timeout(stall):
                    await self.writer.drain()
        except TimeoutError:
            log.info("presenter sync: dropped a peer that stopped reading")
        except (ConnectionError, OSError, RuntimeError):
            pass
        finally:
            self.drop()

    def drop(self) -> None:
        """Close the connection now, discarding whatever it was not sent."""
        self.pending = None
        if not self.dropped:
            self.dropped = True
            self.wake.set()  # its pump ends
        self.writer.transport.abort()  # close() would wait, forever, for a peer that never reads

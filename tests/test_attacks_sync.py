"""Sync must not give up silently: a failed accept(), a flooding peer, a peer that stops reading,
a host that vanishes with nobody able to take over."""

from __future__ import annotations

import asyncio
import errno
import os
import socket
from pathlib import Path

import pytest
from conftest import private_rundir
from test_sync import DECK, SIZE, Peer, paused_deck, settle, state, until

import presenter.tui.sync as sync_module
from presenter.tui.app import PresenterApp
from presenter.tui.sync import LOST_AFTER_FAILURES, SlideSync
from presenter.tui.syncchannel import encode_state, parse_state, socket_path

pytestmark = pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="Unix sockets only")


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch):
    """Back off for a millisecond, not for seconds: the tests wait for conditions, not for time."""
    monkeypatch.setattr(sync_module, "RETRY_FIRST", 0.001)
    monkeypatch.setattr(sync_module, "RETRY_MAX", 0.01)


def failing_accept(monkeypatch, code: int, times: int) -> list[int]:
    """Make the first ``times`` calls of ``socket.accept`` fail with ``code``; returns the call log."""
    real = socket.socket.accept
    calls: list[int] = []

    def accept(self):
        calls.append(code)
        if len(calls) <= times:
            raise OSError(code, os.strerror(code))
        return real(self)

    monkeypatch.setattr(socket.socket, "accept", accept)
    return calls


def lines(n: int, last: tuple[int, int]) -> bytes:
    """``n`` state lines, all different, ending with ``last``."""
    return b"".join(encode_state(i % 997, i % 5) for i in range(n - 1)) + encode_state(*last)


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


# -- accept() failing ----------------------------------------------------------------


@pytest.mark.parametrize("code", [errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM, errno.ECONNABORTED])
async def test_the_host_keeps_accepting_after_a_transient_accept_error(rundir, monkeypatch, code):
    calls = failing_accept(monkeypatch, code, times=2)
    a, b = Peer(rundir), Peer(rundir)
    async with a as host:
        await until(lambda: len(calls) >= 1)  # the listener failed before anyone came
        async with b as guest:
            await until(lambda: host.peers == 1)
            guest.send(4, 1)
            await until(lambda: a.received == [(4, 1)])
            host.send(5, 0)
            await until(lambda: b.received == [(5, 0)])
    assert host.lost is None, "a passing error is not reported"


async def test_accept_failing_again_and_again_is_reported_then_recovers(rundir, monkeypatch):
    calls = failing_accept(monkeypatch, errno.EMFILE, times=LOST_AFTER_FAILURES)
    reports: list[str | None] = []
    host = SlideSync(DECK, print, directory=rundir, on_status=reports.append)
    await host.start()
    try:
        await until(lambda: reports != [])
        assert reports == ["cannot accept connections: " + os.strerror(errno.EMFILE)]
        assert host.lost == reports[0]
        await until(lambda: len(calls) > LOST_AFTER_FAILURES)  # still trying
        guest = Peer(rundir)
        async with guest:
            await until(lambda: host.peers == 1)
            assert reports[-1] is None and host.lost is None
            host.send(2, 0)
            await until(lambda: guest.received == [(2, 0)])
    finally:
        await host.close()
    assert reports == ["cannot accept connections: " + os.strerror(errno.EMFILE), None]


# -- a flooding peer -----------------------------------------------------------------


async def test_a_flood_of_states_is_coalesced_to_the_latest(rundir):
    n = 20_000
    a, b = Peer(rundir), Peer(rundir)
    async with a as host, b as guest:
        _reader, writer = await asyncio.open_unix_connection(os.fspath(host.path))
        await until(lambda: host.peers == 2)
        writer.write(lines(n, (4321, 3)))
        await writer.drain()
        await until(lambda: a.received[-1:] == [(4321, 3)] and b.received[-1:] == [(4321, 3)], timeout=10)
        assert len(a.received) < n // 20, f"the host's callback ran {len(a.received)} times"
        assert len(b.received) < n // 20, f"the other guest was relayed {len(b.received)} states"
        # The channel still works both ways.
        guest.send(7, 0)
        await until(lambda: a.received[-1] == (7, 0))
        host.send(8, 1)
        await until(lambda: b.received[-1] == (8, 1))
        writer.close()


async def test_a_flood_does_not_queue_a_move_per_line_in_the_app(rundir, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(rundir))
    app = PresenterApp(paused_deck(tmp_path / "talk.md"), sync=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, pilot, lambda: app._slide_sync is not None and app._slide_sync.role == "host")
        moves = []
        go = app.go

        def counting_go(*args, **kwargs):
            if app._applying_remote:
                moves.append(state(app))
            return go(*args, **kwargs)

        monkeypatch.setattr(app, "go", counting_go)
        n = 5_000
        reader, writer = await asyncio.open_unix_connection(os.fspath(app._slide_sync.path))
        flood = b"".join(encode_state(2 * (i % 2), 0) for i in range(n - 1)) + encode_state(1, 1)
        writer.write(flood)
        await writer.drain()
        await settle(pilot, pilot, lambda: state(app) == (1, 1), timeout=10)
        assert len(moves) < n // 20, f"the app moved {len(moves)} times for {n} states"
        await pilot.press("right")  # keys still move the presenter, and are shared
        assert state(app) == (1, 2)
        while (line := await asyncio.wait_for(reader.readline(), 5)) and parse_state(line) != (1, 2):
            pass
        assert parse_state(line) == (1, 2)
        writer.close()


# -- a peer that does not read ----------------------------------------------------------


async def test_a_slow_peer_gets_the_latest_state_not_a_backlog(rundir):
    n = 20_000
    b = Peer(rundir)
    host = SlideSync(DECK, print, directory=rundir, stall=600)
    await host.start()
    slow = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        slow.connect(os.fspath(host.path))
        slow.setblocking(False)
        async with b:
            await until(lambda: host.peers == 2)
            for i in range(n):  # each its own turn of the loop: no coalescing by send() itself
                host.send(i, 0)
                await asyncio.sleep(0)
                await asyncio.sleep(0)
            await until(lambda: b.received[-1:] == [(n - 1, 0)])
            assert host.peers == 2, "a peer that is merely slow is kept"
            data = b""

            def read_all() -> bool:
                nonlocal data
                try:
                    data += slow.recv(1 << 20)
                except BlockingIOError:
                    pass
                return data.endswith(encode_state(n - 1, 0))

            await until(read_all, timeout=10)
            queued = data.count(b"\n")
            assert queued < n // 4, f"{queued} of {n} states were queued for the slow peer"
    finally:
        slow.close()
        await host.close()


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts descriptors in /proc")
async def test_a_peer_that_stops_reading_is_dropped_and_its_socket_closed(rundir):
    b = Peer(rundir)
    host = SlideSync(DECK, print, directory=rundir, stall=0.2)
    await host.start()
    stuck = None
    try:
        async with b:
            await until(lambda: host.peers == 1)
            before = open_fds()
            stuck = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            stuck.connect(os.fspath(host.path))
            stuck.setblocking(False)
            await until(lambda: host.peers == 2)
            assert open_fds() == before + 2  # our end and the host's
            sent = 0
            loop = asyncio.get_running_loop()
            deadline = loop.time() + 20
            while host.peers == 2:  # a new state every turn of the loop, until the host gives up
                assert loop.time() < deadline, "the peer that reads nothing was never dropped"
                sent += 1
                host.send(sent, 0)
                await asyncio.sleep(0)
                await asyncio.sleep(0)
            await until(lambda: open_fds() == before + 1)  # only our end is left open

            def at_the_end() -> bool:  # what reached the socket, then the end: the host closed its side
                try:
                    return not stuck.recv(1 << 20)
                except BlockingIOError:
                    return False
                except ConnectionResetError:
                    return True

            await until(at_the_end)
            # The reading peer was not held up.
            await until(lambda: b.received[-1:] == [(sent, 0)])
    finally:
        if stuck is not None:
            stuck.close()
        await host.close()


# -- losing the host ------------------------------------------------------------------


class FakeHost:
    """A listening socket at the deck's socket path that the test controls."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(os.fspath(path))
        self.listener.listen(1)
        self.listener.setblocking(False)
        self.conn: socket.socket | None = None

    async def accept(self) -> None:
        self.conn, _ = await asyncio.get_running_loop().sock_accept(self.listener)

    def vanish_leaving(self, planted: str) -> None:
        """Quit, leaving a file that is not a socket where the socket was: nobody can take over."""
        self.listener.close()
        os.unlink(self.path)
        self.path.write_text(planted)
        assert self.conn is not None
        self.conn.close()


async def test_a_guest_that_cannot_take_over_reports_it_and_recovers(rundir):
    path = socket_path(rundir, DECK)
    fake = FakeHost(path)
    reports: list[str | None] = []
    received: list[tuple[int, int]] = []
    guest = SlideSync(DECK, lambda *state: received.append(state), directory=rundir, on_status=reports.append)
    await guest.start()
    try:
        assert guest.role == "guest"
        await fake.accept()
        fake.vanish_leaving("not a socket")
        await until(lambda: reports != [])
        assert reports == [f"{path} is not a socket of yours"]
        assert guest.lost == reports[0] and guest.role == "alone"
        os.unlink(path)  # now it can take over
        await until(lambda: guest.role == "host")
        await until(lambda: reports[-1:] == [None])
        assert reports == [f"{path} is not a socket of yours", None] and guest.lost is None
        async with Peer(rundir) as newcomer:
            await until(lambda: guest.peers == 1)
            newcomer.send(3, 0)
            await until(lambda: received == [(3, 0)])
    finally:
        await guest.close()


@pytest.fixture
def markup_rundir():
    """A private runtime directory whose name is markup to Textual: notices must show it as text."""
    with private_rundir("ps[b]-") as path:
        yield path


async def test_the_app_says_when_sync_is_lost_and_when_it_is_back(markup_rundir, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(markup_rundir))
    source = tmp_path / "talk.md"
    path = socket_path(markup_rundir, source)
    fake = FakeHost(path)
    app = PresenterApp(paused_deck(source), sync=True)
    notices: list[tuple[str, dict]] = []
    notify = app.notify

    def recording_notify(message, **options):
        notices.append((message, options))
        return notify(message, **options)

    monkeypatch.setattr(app, "notify", recording_notify)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, pilot, lambda: app._slide_sync is not None and app._slide_sync.role == "guest")
        await fake.accept()
        fake.vanish_leaving("planted")
        await settle(pilot, pilot, lambda: notices != [])
        lost = f"Sync with other terminals lost: {path} is not a socket of yours"
        assert notices[0][0] == lost
        assert notices[0][1].get("markup") is False and notices[0][1].get("severity") == "warning"
        os.unlink(path)
        await settle(pilot, pilot, lambda: len(notices) == 2)
        assert notices[1][0] == "Sync with other terminals restored"
        assert notices[1][1].get("markup") is False
        assert app._slide_sync.role == "host"
        await pilot.press("right")
        assert app.index == 1

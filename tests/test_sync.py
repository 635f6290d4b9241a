"""Two terminals on one deck: the socket channel alone, then two apps driving each other."""

from __future__ import annotations

import asyncio
import os
import socket
import stat
import tempfile
from pathlib import Path

import pytest
from conftest import SLIDES

from presenter.model import Deck, Lines, Paragraph, Pause, Slide, Span
from presenter.sources import deck_stages, first_deck
from presenter.tui.app import PresenterApp, make_app
from presenter.tui.sync import SlideSync, SyncError, parse_state, runtime_dir, socket_path

pytestmark = pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="Unix sockets only")

SIZE = (100, 30)
DECK = SLIDES / "shanghai-tech-hub.txt"


class Peer:
    """A SlideSync that records what it receives."""

    def __init__(self, directory: Path, deck: Path = DECK) -> None:
        self.received: list[tuple[int, int]] = []
        self.sync = SlideSync(deck, lambda index, step: self.received.append((index, step)), directory=directory)

    async def __aenter__(self) -> SlideSync:
        await self.sync.start()
        return self.sync

    async def __aexit__(self, *exc) -> None:
        await self.sync.close()


async def until(condition, timeout: float = 3.0) -> None:
    """Wait for ``condition()`` in short steps; fail after ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("timed out waiting for the peer")
        await asyncio.sleep(0.01)


# -- the channel ----------------------------------------------------------------


async def test_first_hosts_second_joins_and_both_directions_work(rundir):
    a, b = Peer(rundir), Peer(rundir)
    async with a as host, b as guest:
        assert (host.role, guest.role) == ("host", "guest")
        await until(lambda: host.peers == 1)
        host.send(3, 1)
        await until(lambda: b.received == [(3, 1)])
        guest.send(5, 0)
        await until(lambda: a.received == [(5, 0)])
        assert b.received == [(3, 1)], "a sender does not hear its own state back"


async def test_socket_and_directory_are_private(rundir):
    async with Peer(rundir) as host:
        assert host.path == socket_path(rundir, DECK)
        assert host.path.parent == rundir
        assert stat.S_ISSOCK(os.lstat(host.path).st_mode)
        assert stat.S_IMODE(os.lstat(host.path).st_mode) == 0o600
        assert stat.S_IMODE(os.lstat(host.path.with_suffix(".lock")).st_mode) == 0o600
    assert not host.path.exists(), "the host removes its socket when it closes"
    assert not host.path.with_suffix(".lock").exists()


async def test_one_socket_per_deck_file(rundir, tmp_path):
    other = tmp_path / "other.md"
    other.write_text("# Other\n", encoding="utf-8")
    assert socket_path(rundir, DECK) != socket_path(rundir, other)
    assert socket_path(rundir, DECK) == socket_path(rundir, DECK.parent / ".." / DECK.parent.name / DECK.name)
    async with Peer(rundir) as one, Peer(rundir, other) as two:
        assert (one.role, two.role) == ("host", "host")


async def test_a_newcomer_starts_where_the_host_is(rundir):
    a, b = Peer(rundir), Peer(rundir)
    async with a as host:
        host.send(4, 2)
        await asyncio.sleep(0)
        async with b:
            await until(lambda: b.received == [(4, 2)])


async def test_three_peers_host_relays(rundir):
    a, b, c = Peer(rundir), Peer(rundir), Peer(rundir)
    async with a as host, b as one, c as two:
        await until(lambda: host.peers == 2)
        one.send(2, 0)
        await until(lambda: a.received == [(2, 0)] and c.received == [(2, 0)])
        assert b.received == []


async def test_guest_carries_on_and_hosts_when_the_host_quits(rundir):
    a, b, c = Peer(rundir), Peer(rundir), Peer(rundir)
    await a.sync.start()
    async with b as guest:
        assert guest.role == "guest"
        await a.sync.close()
        await until(lambda: guest.role == "host")
        guest.send(6, 0)  # alone now: nothing to send to, and nothing breaks
        async with c as newcomer:
            assert newcomer.role == "guest"
            await until(lambda: c.received == [(6, 0)])
            newcomer.send(1, 1)
            await until(lambda: b.received == [(1, 1)])


async def test_host_carries_on_when_the_guest_quits(rundir):
    a, b, c = Peer(rundir), Peer(rundir), Peer(rundir)
    async with a as host:
        async with b:
            await until(lambda: host.peers == 1)
        await until(lambda: host.peers == 0)
        host.send(2, 0)
        async with c:
            await until(lambda: c.received == [(2, 0)])
            c.sync.send(3, 0)
            await until(lambda: a.received == [(3, 0)])


async def test_stale_socket_is_replaced(rundir):
    path = socket_path(rundir, DECK)
    crashed = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    crashed.bind(os.fspath(path))  # bound, never listening, then gone: connections are refused
    crashed.close()
    assert path.exists()
    a, b = Peer(rundir), Peer(rundir)
    async with a as host, b as guest:
        assert (host.role, guest.role) == ("host", "guest")
        guest.send(1, 0)
        await until(lambda: a.received == [(1, 0)])


async def test_a_live_hosts_socket_is_not_taken_over(rundir):
    a, b = Peer(rundir), Peer(rundir)
    async with a as host:
        inode = os.lstat(host.path).st_ino
        async with b as guest:
            assert guest.role == "guest"
            assert os.lstat(host.path).st_ino == inode


async def test_malformed_lines_are_ignored(rundir):
    a = Peer(rundir)
    async with a as host:
        reader, writer = await asyncio.open_unix_connection(os.fspath(host.path))
        for line in (
            b"not json",
            b"[1, 2]",
            b'{"index": "3"}',
            b'{"index": true, "step": 0}',
            b'{"index": -1, "step": 0}',
            b'{"index": 2, "step": 1.5}',
            b'{"index": 99999999999, "step": 0}',
            b"\xff\xfe",
            b"",
            b'{"index": 2, "step": 1}',
        ):
            writer.write(line + b"\n")
        await writer.drain()
        await until(lambda: a.received == [(2, 1)])
        writer.close()


async def test_an_overlong_line_drops_only_that_peer(rundir):
    a, b = Peer(rundir), Peer(rundir)
    async with a as host, b:
        reader, writer = await asyncio.open_unix_connection(os.fspath(host.path))
        await until(lambda: host.peers == 2)
        writer.write(b"x" * 100_000 + b"\n")
        await until(lambda: host.peers == 1)
        b.sync.send(7, 0)
        await until(lambda: a.received == [(7, 0)])
        writer.close()


async def test_a_failing_callback_does_not_end_the_channel(rundir):
    calls = []

    def explode(index: int, step: int) -> None:
        calls.append(index)
        raise RuntimeError("boom")

    host = SlideSync(DECK, explode, directory=rundir)
    b = Peer(rundir)
    await host.start()
    async with b as guest:
        guest.send(1, 0)
        await until(lambda: calls == [1])
        guest.send(2, 0)
        await until(lambda: calls == [1, 2])
    await host.close()


async def test_sends_are_coalesced_and_unchanged_states_not_resent(rundir):
    a, b = Peer(rundir), Peer(rundir)
    async with a as host, b:
        await until(lambda: host.peers == 1)
        host.send(1, 3)  # as _go sets the index, then the step
        host.send(1, 0)
        host.send(1, 0)
        await until(lambda: b.received == [(1, 0)])
        b.sync.send(2, 0)
        await until(lambda: a.received == [(2, 0)])
        host.send(2, 0)  # applying the received state echoes nothing
        host.send(3, 0)
        await until(lambda: b.received == [(1, 0), (3, 0)])


def test_parse_state():
    assert parse_state(b'{"index": 3, "step": 1}\n') == (3, 1)
    assert parse_state(b'{"index": 3}') == (3, 0)
    assert parse_state(b'{"index": 3, "step": null}') is None
    assert parse_state(b'"3"') is None


# -- the runtime directory --------------------------------------------------------


async def test_a_group_or_world_accessible_directory_is_refused(rundir):
    for mode in (0o750, 0o705, 0o777):
        os.chmod(rundir, mode)
        with pytest.raises(SyncError):
            await SlideSync(DECK, print, directory=rundir).start()
    os.chmod(rundir, 0o700)


async def test_a_symlinked_directory_is_refused(rundir):
    private = rundir / "private"
    private.mkdir(mode=0o700)
    link = rundir / "link"
    link.symlink_to(private)
    with pytest.raises(SyncError):
        await SlideSync(DECK, print, directory=link).start()


async def test_a_foreign_file_at_the_socket_path_is_refused(rundir):
    socket_path(rundir, DECK).write_text("not a socket")
    with pytest.raises(SyncError):
        await SlideSync(DECK, print, directory=rundir, timeout=0.2).start()


def test_runtime_dir_uses_a_private_xdg_runtime_dir(rundir, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(rundir))
    assert runtime_dir() == rundir


def test_runtime_dir_falls_back_to_a_private_temp_dir(rundir, monkeypatch):
    os.chmod(rundir, 0o755)  # an XDG_RUNTIME_DIR others can enter is not used
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(rundir))
    temp = rundir / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    path = runtime_dir()
    assert path == temp / f"presenter-{os.getuid()}"
    assert stat.S_IMODE(os.lstat(path).st_mode) == 0o700
    assert runtime_dir() == path, "an existing private directory is reused"
    os.chmod(path, 0o770)
    with pytest.raises(SyncError):
        runtime_dir()
    os.chmod(path, 0o700)
    os.chmod(rundir, 0o700)


def test_runtime_dir_refuses_a_planted_symlink(rundir, monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(rundir))
    (rundir / "elsewhere").mkdir(mode=0o700)
    (rundir / f"presenter-{os.getuid()}").symlink_to(rundir / "elsewhere")
    with pytest.raises(SyncError):
        runtime_dir()


# -- two apps ---------------------------------------------------------------------


def paused_deck(source: Path) -> Deck:
    def para(text: str) -> Paragraph:
        return Paragraph((Span(text),), Lines(1, 1))

    slides = (
        Slide("First", (para("alpha"),)),
        Slide("Second", (para("beta"), Pause(), para("gamma"), Pause(), para("delta"))),
        Slide("Third", (para("epsilon"),)),
    )
    return Deck("Paused", slides=slides, source=source)


def state(app: PresenterApp) -> tuple[int, int]:
    return app.index, app.step


async def settle(pilot_a, pilot_b, condition, timeout: float = 3.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("the apps did not converge")
        await pilot_a.pause(0.01)
        await pilot_b.pause(0.01)


async def test_two_apps_follow_each_other_slide_and_step(rundir, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(rundir))
    source = tmp_path / "talk.md"
    audience = PresenterApp(paused_deck(source), sync=True)
    speaker = PresenterApp(paused_deck(source), sync=True)
    async with audience.run_test(size=SIZE) as pa:
        await settle(pa, pa, lambda: audience._slide_sync is not None and audience._slide_sync.role == "host")
        await pa.press("right")  # the audience moves on before the speaker's console opens
        async with speaker.run_test(size=SIZE) as pb:
            await settle(pa, pb, lambda: state(speaker) == (1, 0), timeout=5)
            await pb.press("right")  # the speaker reveals a step
            await settle(pa, pb, lambda: state(audience) == (1, 1))
            await pa.press("right", "right")  # the audience drives back
            await settle(pa, pb, lambda: state(speaker) == (2, 0))
            await pb.press("left")  # back onto the fully revealed paused slide
            await settle(pa, pb, lambda: state(audience) == (1, 2))
            await pb.press("home")
            await settle(pa, pb, lambda: state(audience) == (0, 0))
            assert state(speaker) == (0, 0)
        # The speaker quit: the audience carries on alone.
        await pa.press("end")
        assert state(audience) == (2, 0)
        assert audience._slide_sync.role == "host"


async def test_the_host_quitting_leaves_the_guest_working(rundir, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(rundir))
    first, second = make_app(DECK, sync=True), make_app(DECK, sync=True)
    async with second.run_test(size=SIZE) as pb:
        async with first.run_test(size=SIZE) as pa:
            await settle(pa, pb, lambda: first._slide_sync is not None and second._slide_sync is not None
                         and {first._slide_sync.role, second._slide_sync.role} == {"host", "guest"})
            await pa.press("right")
            await settle(pa, pb, lambda: second.index == 1)
        await settle(pb, pb, lambda: second._slide_sync.role == "host")
        await pb.press("right")
        assert second.index == 2


async def test_a_terminal_still_reading_the_deck_goes_where_the_other_is(rundir, monkeypatch, tmp_path):
    """The second terminal opens on the first slides of a long deck: a slide further on that
    the first one shows is gone to once it is read, not left at the last slide read."""
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(rundir))
    source = tmp_path / "long.md"
    source.write_text("\n\n---\n\n".join(f"# Slide {k}\n\nText {k}." for k in range(60)) + "\n", encoding="utf-8")
    speaker = make_app(source, sync=True)
    async with speaker.run_test(size=SIZE) as pa:
        await settle(pa, pa, lambda: speaker._slide_sync is not None and speaker._slide_sync.role == "host")
        await pa.press("4", "0", "enter")
        stages = deck_stages(source)
        audience = make_app(first_deck(stages), rest=stages, sync=True)
        async with audience.run_test(size=SIZE) as pb:
            assert len(audience.deck.slides) < 40
            await settle(pa, pb, lambda: state(audience) == (39, 0), timeout=10)


async def test_remote_states_are_clamped_and_garbage_ignored(rundir, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(rundir))
    app = PresenterApp(paused_deck(tmp_path / "talk.md"), sync=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, pilot, lambda: app._slide_sync is not None and app._slide_sync.role == "host")
        reader, writer = await asyncio.open_unix_connection(os.fspath(app._slide_sync.path))
        writer.write(b'{"index": 1, "step": 99}\n{"bad json\n{"index": 500, "step": 0}\n')
        await writer.drain()
        await settle(pilot, pilot, lambda: state(app) == (2, 0))
        writer.write(b'{"index": 1, "step": 99}\n')
        await writer.drain()
        await settle(pilot, pilot, lambda: state(app) == (1, 2))
        writer.close()
        assert app.is_running


async def test_sync_is_off_by_default_and_for_decks_without_a_file(rundir, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(rundir))
    assert not make_app(DECK).sync
    assert not PresenterApp(paused_deck(None), sync=True).sync  # type: ignore[arg-type]
    async with make_app(DECK).run_test(size=SIZE) as pilot:
        await pilot.press("right")
        assert list(rundir.iterdir()) == []


async def test_an_unsafe_runtime_dir_means_presenting_alone(rundir, monkeypatch, tmp_path):
    os.chmod(rundir, 0o777)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(rundir))
    monkeypatch.setattr(tempfile, "tempdir", str(rundir))  # the fallback under it is ours, so plant a bad one
    (rundir / f"presenter-{os.getuid()}").mkdir(mode=0o777)
    os.chmod(rundir / f"presenter-{os.getuid()}", 0o777)
    app = make_app(DECK, sync=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.05)
        await pilot.press("right")
        assert app.index == 1 and app._slide_sync is None


def test_cli_presenter_and_no_sync_flags(monkeypatch):
    from click.testing import CliRunner

    import presenter.tui.app as app_module
    from presenter.cli import cli

    calls = []

    class Stub:
        rehearsal = None
        read_error = None
        return_code = 0

        def run(self) -> None:
            pass

    def fake_make_app(deck, **options):
        calls.append(options)
        return Stub()

    monkeypatch.setattr(app_module, "make_app", fake_make_app)
    runner = CliRunner()
    assert runner.invoke(cli, [str(DECK)]).exit_code == 0
    assert runner.invoke(cli, [str(DECK), "--presenter"]).exit_code == 0
    assert runner.invoke(cli, ["show", str(DECK), "--presenter", "--no-sync"]).exit_code == 0
    assert [(c["presenter_view"], c["sync"]) for c in calls] == [(False, True), (True, True), (True, False)]

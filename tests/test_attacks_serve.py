"""``presenter serve`` against other web pages: foreign origins, no token, too many tabs.

Each test talks HTTP and websockets to the aiohttp app that serve runs, as a browser or a
script would. textual-serve's ``AppService`` (one presenter process per websocket) is
replaced by a fake that records what it would have started, so no process runs.
"""

from __future__ import annotations

import asyncio
import re
import socket
from typing import ClassVar

import pytest

pytest.importorskip("textual_serve", reason="textual-serve is not installed (pip install '.[serve]')")

import aiohttp
from aiohttp.test_utils import TestClient, TestServer
from yarl import URL

from presenter.serve import NEEDS_TOKEN, PresenterServer, serve_command
from tests.conftest import SLIDES

DECK = SLIDES / "tour.md"
SHUTDOWN = 2.0  # seconds the test server waits for websockets a failed test left open


class FakeSession:
    """Stands in for textual-serve's AppService: records starts instead of running presenter."""

    started: ClassVar[list[FakeSession]] = []
    stopped: ClassVar[list[FakeSession]] = []

    def __init__(self, command: str, **_: object) -> None:
        self.command = command

    async def start(self, width: int, height: int) -> None:
        FakeSession.started.append(self)

    async def stop(self) -> None:
        FakeSession.stopped.append(self)

    async def send_bytes(self, data: bytes) -> bool:
        return True

    async def set_terminal_size(self, width: int, height: int) -> None: ...

    async def blur(self) -> None: ...

    async def focus(self) -> None: ...


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def sessions(monkeypatch: pytest.MonkeyPatch) -> list[FakeSession]:
    import textual_serve.server

    monkeypatch.setattr(textual_serve.server, "AppService", FakeSession)
    FakeSession.started = []
    FakeSession.stopped = []
    return FakeSession.started


@pytest.fixture
async def served(sessions: list[FakeSession]):
    """(server, client) for a default serve of the tour deck, listening where its link points."""
    port = free_port()
    server = PresenterServer(serve_command(DECK), host="127.0.0.1", port=port, title=DECK.name)
    client = TestClient(TestServer(await server._make_app(), host="127.0.0.1", port=port, shutdown_timeout=SHUTDOWN))
    await client.start_server()
    try:
        yield server, client
    finally:
        await client.close()


def own_origin(server: PresenterServer) -> dict[str, str]:
    return {"Origin": server.public_url}


async def handshake_status(client: TestClient, path: str, headers: dict[str, str]) -> int:
    """The HTTP status a websocket upgrade gets (101 when it is accepted)."""
    try:
        ws = await client.ws_connect(path, headers=headers)
    except aiohttp.WSServerHandshakeError as error:
        return error.status
    await ws.close()
    return 101


async def wait_for(condition, timeout: float = 10.0) -> None:
    """Wait until condition() holds (the server reacts to a closed socket on its own turn)."""

    async def poll() -> None:
        while not condition():
            await asyncio.sleep(0.01)

    await asyncio.wait_for(poll(), timeout)


# -- the user's browser ------------------------------------------------------------------------


async def test_printed_link_then_its_websocket_runs_one_presenter(served) -> None:
    """What a browser does with the printed link: load the page, open the websocket it names."""
    server, client = served
    page = await client.get(server.link.removeprefix(server.public_url))
    assert page.status == 200
    html = await page.text()
    assert DECK.name in html
    cookie = page.cookies[server.cookie]
    assert cookie.value == server.token and cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/"
    assert page.headers["Referrer-Policy"] == "no-referrer"  # the token stays out of other sites' logs

    websocket_url = re.search(r'data-session-websocket-url="([^"]+)"', html).group(1)
    assert websocket_url == f"ws://127.0.0.1:{server.port}/ws"  # textual.js appends ?width=..&height=..
    ws = await client.ws_connect(URL(websocket_url).path + "?width=100&height=30", headers=own_origin(server))
    await ws.send_json(["ping", "42"])
    assert await ws.receive_json() == ["pong", "42"]
    assert [session.command for session in FakeSession.started] == [serve_command(DECK)]
    assert server.viewers == 1
    await ws.close()
    await wait_for(lambda: server.viewers == 0)


async def test_a_script_with_the_token_and_no_origin_is_served(served) -> None:
    server, client = served
    status = await handshake_status(client, f"/ws?token={server.token}", {})
    assert status == 101 and len(FakeSession.started) == 1


# -- origin ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "origin",
    [
        "http://evil.example",
        "null",  # a local HTML file opened in the browser
        "http://127.0.0.1:{other}",  # another local server's page
        "https://127.0.0.1:{port}",
        "http://localhost:{port}",  # not the printed spelling: a page there could be another server's
        "http://127.0.0.1.evil.example:{port}",
        "not a url",
    ],
)
async def test_websocket_from_another_origin_is_refused_and_starts_nothing(served, origin: str) -> None:
    server, client = served
    origin = origin.format(port=server.port, other=server.port + 1)
    status = await handshake_status(client, f"/ws?token={server.token}", {"Origin": origin})
    assert status == 403
    assert server.viewers == 0
    assert FakeSession.started == []


async def test_page_fetched_by_another_site_is_refused(served) -> None:
    server, client = served
    response = await client.get(f"/?token={server.token}", headers={"Origin": "http://evil.example"})
    body = await response.text()
    assert response.status == 403
    assert "other sites" in body and DECK.name not in body
    assert "Set-Cookie" not in response.headers


async def test_another_site_cannot_use_the_cookie_either(served) -> None:
    server, client = served
    assert (await client.get(f"/?token={server.token}")).status == 200  # the user opened the link
    status = await handshake_status(client, "/ws", {"Origin": "http://evil.example"})
    assert status == 403
    assert FakeSession.started == []


# -- token -------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "?token=", "?token=wrong", "?token=%C3%A9t%C3%A9", "?token={token}x", "?TOKEN={token}"])
async def test_page_without_the_token_is_refused(served, query: str) -> None:
    server, client = served
    response = await client.get("/" + query.format(token=server.token))
    body = await response.text()
    assert response.status == 403
    assert body.strip() == NEEDS_TOKEN
    assert DECK.name not in body and "websocket" not in body.lower()
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize("query", ["", "?token=wrong", "?width=80&height=24"])
async def test_websocket_without_the_token_is_refused_and_starts_nothing(served, query: str) -> None:
    server, client = served
    status = await handshake_status(client, "/ws" + query, own_origin(server))
    assert status == 403
    assert FakeSession.started == []


async def test_a_forged_cookie_is_refused(served) -> None:
    server, client = served
    client.session.cookie_jar.update_cookies({server.cookie: "guess"})
    assert (await client.get("/")).status == 403
    assert await handshake_status(client, "/ws", own_origin(server)) == 403
    assert FakeSession.started == []


async def test_every_route_but_static_needs_the_token(served) -> None:
    _, client = served
    guarded = []
    for resource in client.app.router.resources():
        if resource.name == "static":
            continue
        path = resource.url_for(**{name: "x" for name in ("key",) if "{key}" in resource.canonical}).path
        response = await client.get(path)
        assert response.status == 403, path
        assert (await response.text()).strip() == NEEDS_TOKEN
        guarded.append(path)
    assert sorted(guarded) == ["/", "/download/x", "/ws"]


async def test_static_assets_stay_public_and_hold_no_deck(served) -> None:
    _, client = served
    response = await client.get("/static/js/textual.js")
    assert response.status == 200
    assert "tour" not in (await response.text()).lower()


async def test_tokens_differ_between_runs() -> None:
    first = PresenterServer("true", host="127.0.0.1", port=8000, title="a")
    second = PresenterServer("true", host="127.0.0.1", port=8000, title="a")
    assert first.token != second.token and len(first.token) >= 40
    assert first.link == f"http://127.0.0.1:8000/?token={first.token}"


# -- viewers -----------------------------------------------------------------------------------


async def open_viewers(server: PresenterServer, client: TestClient, count: int) -> list:
    return [await client.ws_connect(f"/ws?token={server.token}", headers=own_origin(server)) for _ in range(count)]


async def test_ninth_viewer_is_refused_and_starts_nothing(served) -> None:
    server, client = served
    viewers = await open_viewers(server, client, 8)
    assert len(FakeSession.started) == 8 and server.viewers == 8

    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect(f"/ws?token={server.token}", headers=own_origin(server))
    assert refused.value.status == 503
    assert len(FakeSession.started) == 8

    page = await client.get(f"/?token={server.token}")
    assert page.status == 503
    assert (await page.text()).strip() == "presenter serve: 8 viewers already connected (--max-viewers 8)"
    for ws in viewers:
        await ws.close()


async def test_closed_session_frees_its_slot(served) -> None:
    server, client = served
    viewers = await open_viewers(server, client, 8)
    await viewers.pop().close()
    await wait_for(lambda: server.viewers == 7)
    assert len(FakeSession.stopped) >= 1

    viewers += await open_viewers(server, client, 1)
    assert len(FakeSession.started) == 9 and server.viewers == 8
    for ws in viewers:
        await ws.close()
    await wait_for(lambda: server.viewers == 0)


async def test_max_viewers_is_what_serve_was_given(sessions: list[FakeSession]) -> None:
    port = free_port()
    server = PresenterServer("true", host="127.0.0.1", port=port, title="a", max_viewers=1)
    async with TestClient(TestServer(await server._make_app(), host="127.0.0.1", port=port, shutdown_timeout=SHUTDOWN)) as client:
        first = await client.ws_connect(f"/ws?token={server.token}", headers=own_origin(server))
        status = await handshake_status(client, f"/ws?token={server.token}", own_origin(server))
        assert status == 503 and len(sessions) == 1
        await first.close()


async def test_the_websocket_checks_again_without_the_middleware(sessions: list[FakeSession]) -> None:
    """Were textual-serve to build its app elsewhere than _make_app, processes would still be guarded."""
    from textual_serve.server import Server

    server = PresenterServer("true", host="127.0.0.1", port=8000, title="a")
    async with TestClient(TestServer(await Server._make_app(server), shutdown_timeout=SHUTDOWN)) as client:
        assert await handshake_status(client, "/ws", {}) == 403
        assert await handshake_status(client, f"/ws?token={server.token}", {"Origin": "http://evil.example"}) == 403
        assert sessions == []

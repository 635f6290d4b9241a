"""``presenter serve``: the real app in a web browser, through textual-serve.

textual-serve runs ``presenter show DECK`` as a subprocess for each browser tab and relays
its screen over a websocket. It listens on loopback unless told ``--public``: whoever can
open the page can drive a presenter process on this machine. Served processes never start
an editor (``e`` would otherwise run ``$EDITOR`` on the server for any visitor) and do not
sync with each other, so one viewer cannot move everyone's slides.

Any web page the user visits can also reach a loopback port, so :class:`PresenterServer`
guards textual-serve's routes (only ``/static/``, which holds no deck data, stays open):

* a request whose ``Origin`` header is present and is not the printed origin gets 403;
* every request needs the random token of the printed link (``/?token=...``), in the
  query or in the cookie the tokened page sets (the page's own websocket carries that
  cookie: textual-serve's script appends ``?width=..`` to a fixed websocket URL);
* at most ``--max-viewers`` websockets run a presenter process at once.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import os
import secrets
import shlex
import socket
import sys
from pathlib import Path

import click

from presenter.errors import PresenterError

try:
    from aiohttp import web
    from textual_serve.server import Server
    from yarl import URL
except ImportError:  # the serve extra is missing: serve_deck says how to install it
    Server = object

INSTALL = "pip install 'presenter[serve]'"
MAX_VIEWERS = 8
NEEDS_TOKEN = "presenter serve: this link needs the token printed by `presenter serve`"

log = logging.getLogger("presenter.serve")


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_host(host: str, *, public: bool) -> str | None:
    """A warning for a public host allowed by ``--public``; an error without it."""
    if is_loopback(host):
        return None
    if not public:
        raise PresenterError(
            None,
            None,
            f"--host {host} can be reached from other machines; add --public to serve there "
            "(anyone who reaches it can run presenter here)",
        )
    return (
        f"serving on {host}, reachable from other machines: anyone who can open the page "
        "runs presenter on this machine"
    )


def serve_command(deck: Path, *, theme: str | None = None) -> str:
    """The shell command textual-serve runs for each browser tab."""
    argv = [sys.executable, "-m", "presenter", "show", str(deck.resolve()), "--no-sync", "--images", "halfcell"]  # a browser draws no kitty graphics
    if theme:
        argv += ["--theme", theme]
    return shlex.join(argv)


def url(host: str, port: int) -> str:
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    return f"http://{shown}:{port}"


def origin_of(address: str) -> tuple[str, str, int | None] | None:
    """``(scheme, host, port)`` of a URL or ``Origin`` header (default ports filled in); None for ``null`` or junk."""
    try:
        parsed = URL(address)
    except (ValueError, TypeError):
        return None
    if not parsed.scheme or not parsed.host:
        return None
    return parsed.scheme.lower(), parsed.host.lower(), parsed.port


def refuse(status: int, message: str) -> web.Response:
    """A short plain-text page: what a refused browser tab (or script) sees."""
    return web.Response(
        status=status,
        text=message + "\n",
        headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"},
    )


def matches(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode("utf-8", "surrogatepass"), token.encode())


class PresenterServer(Server):
    """textual-serve's ``Server``, reachable only from its own page with the printed token."""

    def __init__(self, command: str, *, host: str, port: int, title: str, max_viewers: int = MAX_VIEWERS) -> None:
        address = url(host, port)
        super().__init__(command, host=host.strip("[]"), port=port, title=title, public_url=address)
        self.origin = origin_of(address)
        self.token = secrets.token_urlsafe(32)
        self.cookie = f"presenter-serve-{port}"  # cookies ignore the port: one name per server
        self.max_viewers = max_viewers
        self.viewers = 0

    @property
    def link(self) -> str:
        """The URL to open: the served origin and the token."""
        return f"{self.public_url}/?token={self.token}"

    @property
    def full(self) -> str | None:
        if self.viewers < self.max_viewers:
            return None
        return f"presenter serve: {self.viewers} viewers already connected (--max-viewers {self.max_viewers})"

    def refusal(self, request: web.Request) -> web.Response | None:
        """403 for a foreign ``Origin`` or a missing token; None when the request may go on."""
        origin = request.headers.get("Origin")
        if origin is not None and origin_of(origin) != self.origin:
            log.warning("presenter serve: refused a request from another site (Origin %.100s)", origin)
            return refuse(403, f"presenter serve: requests from other sites are refused; open {self.public_url}/?token=...")
        resource = request.match_info.route.resource
        if resource is not None and resource.name == "static":
            return None
        if matches(request.query.get("token"), self.token) or matches(request.cookies.get(self.cookie), self.token):
            return None
        return refuse(403, NEEDS_TOKEN)

    async def guard(self, request: web.Request, handler) -> web.StreamResponse:
        """The middleware: refuse, or answer and give a tokened page the cookie its websocket needs."""
        if (refused := self.refusal(request)) is not None:
            return refused
        response = await handler(request)
        if not response.prepared:  # a websocket has sent its headers already
            if matches(request.query.get("token"), self.token):
                response.set_cookie(self.cookie, self.token, path="/", httponly=True, samesite="Strict")
            response.headers.setdefault("Referrer-Policy", "no-referrer")
            response.headers.setdefault("X-Frame-Options", "DENY")
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    # Overrides textual-serve's private Server._make_app: the only place its aiohttp app is
    # built (Server.serve runs it). handle_websocket checks again in case that ever changes.
    async def _make_app(self) -> web.Application:
        app = await super()._make_app()

        @web.middleware
        async def guard(request: web.Request, handler) -> web.StreamResponse:
            return await self.guard(request, handler)

        app.middlewares.append(guard)
        return app

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """Overrides Server.handle_index: a full server says so instead of showing a page that cannot connect."""
        if message := self.full:
            return refuse(503, message)
        return await super().handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        """Overrides Server.handle_websocket: checked and counted before textual-serve starts a process."""
        if (refused := self.refusal(request)) is not None:
            return refused
        if message := self.full:
            log.warning("%s: refused a viewer", message)
            return refuse(503, message)
        self.viewers += 1  # no await since the check: concurrent upgrades cannot both take the last slot
        try:
            return await super().handle_websocket(request)
        finally:
            self.viewers -= 1

    async def on_startup(self, app: web.Application) -> None:
        """Overrides Server.on_startup: serve_deck prints the link; textual-serve's banner has no token."""


def serve_deck(deck: Path, *, host: str, port: int, public: bool, theme: str | None = None, max_viewers: int = MAX_VIEWERS) -> None:
    """Check the deck and the address, then serve until interrupted."""
    from presenter.sources import load_deck
    from presenter.themes import get_theme

    warning = check_host(host, public=public)
    if theme:
        get_theme(theme)
    load_deck(deck)  # a broken deck is a one-line error here, not in every browser tab
    if Server is object:
        raise PresenterError(None, None, f"serve needs textual-serve: {INSTALL}")
    if warning:
        click.echo(f"presenter: warning: {warning}", err=True)
    for name in ("VISUAL", "EDITOR"):
        os.environ.pop(name, None)
    server = PresenterServer(serve_command(deck, theme=theme), host=host, port=port, title=deck.name, max_viewers=max_viewers)
    try:
        socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET).close()  # before saying it serves
        click.echo(f"presenter: serving {deck} at {server.link} (at most {max_viewers} viewers; Ctrl+C stops)", err=True)
        server.serve()
    except OSError as error:  # the port is taken, or the address is not this machine's
        reason = os.strerror(error.errno) if error.errno else str(error)
        raise PresenterError(None, None, f"cannot serve at {server.public_url}: {reason}") from None

"""``presenter serve``: the real app in a web browser, through textual-serve.

textual-serve runs ``presenter show DECK`` as a subprocess for each browser tab and relays
its screen over a websocket. It listens on loopback unless told ``--public``: whoever can
open the page can drive a presenter process on this machine. Served processes never start
an editor (``e`` would otherwise run ``$EDITOR`` on the server for any visitor) and do not
sync with each other, so one viewer cannot move everyone's slides.
"""

from __future__ import annotations

import ipaddress
import os
import shlex
import sys
from pathlib import Path

import click

from presenter.errors import PresenterError

INSTALL = "pip install 'presenter[serve]'"


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
    argv = [sys.executable, "-m", "presenter", "show", str(deck.resolve()), "--no-sync"]
    if theme:
        argv += ["--theme", theme]
    return shlex.join(argv)


def url(host: str, port: int) -> str:
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    return f"http://{shown}:{port}"


def serve_deck(deck: Path, *, host: str, port: int, public: bool, theme: str | None = None) -> None:
    """Check the deck and the address, then serve until interrupted."""
    from presenter.sources import load_deck
    from presenter.themes import get_theme

    warning = check_host(host, public=public)
    if theme:
        get_theme(theme)
    load_deck(deck)  # a broken deck is a one-line error here, not in every browser tab
    try:
        from textual_serve.server import Server
    except ImportError:
        raise PresenterError(None, None, f"serve needs textual-serve: {INSTALL}") from None
    if warning:
        click.echo(f"presenter: warning: {warning}", err=True)
    for name in ("VISUAL", "EDITOR"):
        os.environ.pop(name, None)
    address = url(host, port)
    click.echo(f"presenter: serving {deck} at {address} (Ctrl+C stops)", err=True)
    server = Server(serve_command(deck, theme=theme), host=host.strip("[]"), port=port, title=deck.name, public_url=address)
    server.serve()

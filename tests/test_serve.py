"""``presenter serve``: loopback by default; a real server answers over HTTP."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from click.testing import CliRunner

from presenter.cli import cli
from presenter.serve import check_host, is_loopback, serve_command
from tests.conftest import ROOT, SLIDES

DECK = SLIDES / "tour.md"


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
def test_loopback_hosts_need_no_flag(host: str) -> None:
    assert is_loopback(host)
    assert check_host(host, public=False) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.org"])
def test_other_hosts_need_public(host: str) -> None:
    assert not is_loopback(host)
    assert "reachable from other machines" in check_host(host, public=True)


def test_public_host_without_the_flag_is_a_one_line_error() -> None:
    result = CliRunner().invoke(cli, ["serve", str(DECK), "--host", "0.0.0.0"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "add --public" in lines[0]


def test_each_tab_runs_the_app_unsynced() -> None:
    command = serve_command(DECK, theme="light")
    assert "-m presenter show" in command and "--no-sync" in command and "--theme light" in command


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_answers_on_loopback() -> None:
    pytest.importorskip("textual_serve", reason="textual-serve is not installed (pip install '.[serve]')")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "presenter", "serve", str(DECK), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        body = None
        while time.monotonic() < deadline and body is None:
            if process.poll() is not None:
                pytest.fail(f"serve exited: {process.stderr.read().decode(errors='replace')}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    assert response.status == 200
                    body = response.read().decode("utf-8")
            except OSError:
                time.sleep(0.2)
        assert body is not None, "serve did not answer within 30 s"
        assert "textual" in body.lower() and "websocket" in body.lower()
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()

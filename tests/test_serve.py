"""``presenter serve``: loopback by default; a real server answers the printed, tokened link."""

from __future__ import annotations

import re
import select
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from click.testing import CliRunner

from presenter.cli import cli
from presenter.serve import MAX_VIEWERS, NEEDS_TOKEN, PresenterServer, check_host, is_loopback, serve_command
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


def read_link(process: subprocess.Popen, deadline: float) -> str:
    """The tokened link from serve's "presenter: serving DECK at LINK" line on stderr."""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stderr], [], [], max(0.0, deadline - time.monotonic()))
        line = process.stderr.readline().decode(errors="replace") if ready else ""
        if match := re.search(r"serving .* at (http://\S+)", line):
            return match.group(1)
        if ready and not line:
            pytest.fail(f"serve exited with {process.wait()}")
    pytest.fail("serve printed no link within 30 s")


def get(address: str, **headers: str) -> tuple[int, str, dict[str, str]]:
    request = urllib.request.Request(address, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode("utf-8"), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8"), dict(error.headers)


def test_serve_answers_the_printed_link_only() -> None:
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
        link = read_link(process, deadline)
        assert re.fullmatch(rf"http://127\.0\.0\.1:{port}/\?token=[\w-]{{40,}}", link)
        body = None
        while time.monotonic() < deadline and body is None:
            if process.poll() is not None:
                pytest.fail(f"serve exited with {process.returncode}")
            try:
                status, body, headers = get(link)
            except OSError:
                time.sleep(0.2)
        assert body is not None, "serve did not answer within 30 s"
        assert status == 200 and "websocket" in body.lower() and "HttpOnly" in headers["Set-Cookie"]
        assert get(f"http://127.0.0.1:{port}/")[:2] == (403, NEEDS_TOKEN + "\n")
        assert get(link, Origin="http://evil.example")[0] == 403
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()


def test_a_taken_port_is_a_one_line_error() -> None:
    pytest.importorskip("textual_serve", reason="textual-serve is not installed (pip install '.[serve]')")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "presenter", "serve", str(DECK), "--port", str(port)],
            cwd=ROOT,
            capture_output=True,
            check=False,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "serving" not in result.stderr  # it said "serving ... at <link>" before it failed
    assert result.stderr.strip() == f"presenter: cannot serve at http://127.0.0.1:{port}: Address already in use"


# -- --max-viewers -------------------------------------------------------------------------------


def test_max_viewers_is_in_the_help() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--max-viewers" in result.output and f"default: {MAX_VIEWERS}" in result.output


@pytest.mark.parametrize("value", ["0", "-3", "many", ""])
def test_bad_max_viewers_is_a_one_line_usage_error(value: str) -> None:
    result = CliRunner().invoke(cli, ["serve", str(DECK), "--max-viewers", value])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "'--max-viewers'" in errors[0]


@pytest.mark.parametrize(("args", "expected"), [((), 8), (("--max-viewers", "3"), 3)])
def test_serve_runs_with_the_viewer_limit_and_prints_the_tokened_link(
    monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], expected: int
) -> None:
    pytest.importorskip("textual_serve", reason="textual-serve is not installed (pip install '.[serve]')")
    for name in ("VISUAL", "EDITOR"):  # serve drops them from os.environ: restore them afterwards
        monkeypatch.delenv(name, raising=False)
    ran = []
    monkeypatch.setattr(PresenterServer, "serve", lambda server: ran.append(server))
    result = CliRunner().invoke(cli, ["serve", str(DECK), "--port", "8123", *args])
    assert result.exit_code == 0, result.output
    (server,) = ran
    assert server.max_viewers == expected
    assert f"http://127.0.0.1:8123/?token={server.token}" in result.output
    assert f"at most {expected} viewers" in result.output

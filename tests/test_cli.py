"""The command line: check, export and every kind of bad input, through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from textual.app import App
from rich.cells import cell_len

from presenter import __version__
from presenter.cli import cli
from presenter.tui.app import PresenterApp
from tests.conftest import SEED

SPAM_LINES = [13, 21, 29]


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def assert_one_line_error(result: Result, path: Path | str, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("presenter: ")
    assert str(path) in lines[0]
    for word in words:
        assert word in lines[0]


# -- check -------------------------------------------------------------------------------------


def test_check_lists_slides_and_removed_fragments() -> None:
    result = run("check", str(SEED))
    assert result.exit_code == 0
    out = result.stdout
    assert "'Shanghai Tech Hub', 9 slides" in out
    for title in ("The Numbers Tell the Story", "Challenges Ahead", "Global Tech Giants Betting on Shanghai"):
        assert title in out
    assert "removed 3:" in out
    for line, fragment in zip(SPAM_LINES, ("上海神女论坛", "爱上海论坛", "上海夜网论坛")):
        assert f"line {line}: '{fragment}'" in out


def test_check_json() -> None:
    result = run("check", "--json", str(SEED))
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["title"] == "Shanghai Tech Hub"
    assert len(report["slides"]) == 9
    assert report["slides"][0]["title_slide"] is True
    assert report["slides"][5]["blocks"] == ["Paragraph", "NumberedList"]
    assert [(r["line"], r["text"]) for r in report["removed"]] == [
        (13, "上海神女论坛"),
        (21, "爱上海论坛"),
        (29, "上海夜网论坛"),
    ]
    assert report["warnings"] == []
    stats = [s["value"] for slide in report["slides"] for s in slide["stats"]]
    assert stats == ["34%", "$28.7 billion", "8,000", "250,000", "$15 billion", "$500 million"]


def test_check_reports_control_characters(tmp_path: Path) -> None:
    deck = tmp_path / "escapes.txt"
    deck.write_text("A lede line.\n\nA Heading\nText with \x1b[31mcolour\x1b[0m here.\n", encoding="utf-8")
    result = run("check", str(deck))
    assert result.exit_code == 0
    assert "\x1b" not in result.output
    assert "line 4:" in result.stdout
    assert "control characters" in result.stdout


# -- export ------------------------------------------------------------------------------------


def test_export_text_to_stdout() -> None:
    result = run("export", str(SEED), "--format", "text")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("── 1/9 · Shanghai Tech Hub ")
    assert "── 9/9 · The Road Ahead " in out
    assert "3. U.S. technology export controls affecting semiconductor development" in out
    assert "论坛" not in out
    assert "\x1b" not in out
    # the fragments are mentioned on stderr, never in the export
    assert "dropped 3 injected fragment(s) (line 13, 21, 29)" in result.stderr


def test_export_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "deck.txt"
    result = run("export", str(SEED), "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "wrote 9 slides" in result.stderr
    assert target.read_text(encoding="utf-8") == run("export", str(SEED)).stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.txt"]  # no temp files left


def test_export_replaces_an_existing_file_completely(tmp_path: Path) -> None:
    target = tmp_path / "deck.txt"
    target.write_text("old content\n" * 10_000, encoding="utf-8")
    result = run("export", str(SEED), "-o", str(target))
    assert result.exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "old content" not in text
    assert text == run("export", str(SEED)).stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.txt"]


def test_export_into_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "deck.txt"
    result = run("export", str(SEED), "-o", str(target))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.strip().split("\n") if not line.startswith("presenter: " + str(SEED))]
    assert len(errors) == 1
    assert str(target) in errors[0]
    assert "does not exist" in errors[0]
    assert not (tmp_path / "missing").exists()


def test_export_onto_a_directory_is_an_error(tmp_path: Path) -> None:
    result = run("export", str(SEED), "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "is a directory" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_width_changes_the_output_and_bounds_every_line() -> None:
    narrow = run("export", str(SEED), "--width", "60").stdout
    wide = run("export", str(SEED)).stdout
    assert narrow != wide
    assert max(cell_len(line) for line in narrow.split("\n")) == 60
    assert max(cell_len(line) for line in wide.split("\n")) == 80


def test_width_below_the_minimum_is_a_usage_error() -> None:
    result = run("export", str(SEED), "--width", "5")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# -- bad inputs ----------------------------------------------------------------------------------

COMMANDS = [("check",), ("check", "--json"), ("export",), ("show",)]


@pytest.fixture
def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "missing": tmp_path / "missing.txt",
        "directory": tmp_path / "folder",
        "binary": tmp_path / "image.txt",
        "garbage": tmp_path / "garbage.txt",
        "empty": tmp_path / "empty.txt",
        "blank": tmp_path / "blank.txt",
    }
    paths["directory"].mkdir()
    paths["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    paths["garbage"].write_bytes(bytes(range(0x80, 0x100)) * 8)
    paths["empty"].write_bytes(b"")
    paths["blank"].write_bytes(b"  \n\t\n\r\n   \n")
    return paths


EXPECTED_MESSAGE = {
    "missing": "no such file",
    "directory": "is a directory",
    "binary": "binary",
    "garbage": "not UTF-8",
    "empty": "empty",
    "blank": "empty",
}


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("kind", list(EXPECTED_MESSAGE))
def test_bad_input_is_a_one_line_error(bad_inputs: dict[str, Path], command: tuple[str, ...], kind: str) -> None:
    path = bad_inputs[kind]
    result = run(*command, str(path))
    assert_one_line_error(result, path, EXPECTED_MESSAGE[kind])


def test_bad_input_as_the_default_command(bad_inputs: dict[str, Path]) -> None:
    result = run(str(bad_inputs["missing"]))
    assert_one_line_error(result, bad_inputs["missing"], "no such file")


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """Mostly text, with one undecodable byte on line 4."""
    path = tmp_path / "damaged.txt"
    text = SEED.read_bytes()
    lines = text.split(b"\n")
    lines[3] = lines[3].replace(b"Shanghai", b"Shangh\xffai", 1)
    path.write_bytes(b"\n".join(lines))
    return path


def test_export_of_damaged_utf8_works_with_a_warning(damaged: Path) -> None:
    result = run("export", str(damaged))
    assert result.exit_code == 0
    assert "Shangh\ufffdai" in result.stdout
    warnings = [line for line in result.stderr.split("\n") if "warning" in line]
    assert len(warnings) == 1
    assert f"{damaged}:4:" in warnings[0]
    assert "invalid UTF-8" in warnings[0]


def test_check_of_damaged_utf8_reports_the_warning(damaged: Path) -> None:
    result = run("check", str(damaged))
    assert result.exit_code == 0
    assert f"{damaged}:4:" in result.output
    assert "invalid UTF-8" in result.output


def test_check_of_damaged_utf8_warns_on_stderr(damaged: Path) -> None:
    result = run("check", str(damaged))
    assert f"{damaged}:4:" in result.stderr


def test_check_json_of_damaged_utf8_keeps_stdout_json(damaged: Path) -> None:
    result = run("check", "--json", str(damaged))
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert any(f"{damaged}:4:" in warning for warning in report["warnings"])


def test_byte_order_mark_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / SEED.name
    path.write_bytes(b"\xef\xbb\xbf" + SEED.read_bytes())
    assert run("export", str(path)).stdout == run("export", str(SEED)).stdout


# -- version and help ------------------------------------------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"presenter, version {__version__}"


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help(flag: str) -> None:
    result = run(flag)
    assert result.exit_code == 0
    for command in ("check", "export", "show"):
        assert command in result.stdout


@pytest.mark.parametrize("command", ["check", "export", "show"])
def test_command_help(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "DECK" in result.stdout


def test_utf16_file_with_a_byte_order_mark_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / SEED.name
    path.write_bytes(SEED.read_text(encoding="utf-8").encode("utf-16"))
    result = run("export", str(path))
    assert result.exit_code == 0
    assert result.stdout == run("export", str(SEED)).stdout


def test_huge_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from presenter.sources import reading

    monkeypatch.setattr(reading, "MAX_BYTES", 1000)
    result = run("check", str(SEED))
    assert_one_line_error(result, SEED, "too big")


def test_a_character_device_does_not_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    from presenter.sources import reading

    monkeypatch.setattr(reading, "MAX_BYTES", 1000)
    result = run("check", "/dev/zero")
    assert_one_line_error(result, "/dev/zero")


def test_an_app_that_fails_ends_presenter_with_a_failure_status(monkeypatch) -> None:
    """Textual shows the traceback of an error in the app and ends it; presenter then ended
    with status 0, as if the talk had gone well (a script could not tell)."""

    def broken(self):
        raise RuntimeError("a bug")

    monkeypatch.setattr(PresenterApp, "compose", broken)
    monkeypatch.setattr(PresenterApp, "run", lambda self, **options: App.run(self, headless=True, size=(100, 30)))
    result = CliRunner().invoke(cli, ["show", str(SEED), "--no-sync", "--no-watch"])
    assert "RuntimeError: a bug" in result.output
    assert result.exit_code == 1

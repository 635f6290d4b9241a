"""Repair before removing: text decoded with the wrong encoding is repaired (and reported),
then control characters are removed; sound text in any script keeps every character."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presenter.cli import cli
from presenter.repair import repair_and_clean, repair_line, repair_text

ROOT = Path(__file__).parent.parent


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def article(tmp_path: Path, text: str, name: str = "notes.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def export(path: Path) -> str:
    result = run("export", str(path), "--format", "text")
    assert result.exit_code == 0, result.output
    return result.stdout


# -- what an audience sees -------------------------------------------------------------------------

#: An article saved in cp1252 and read as Latin-1: every ’ became U+0092, a C1 control.
CP1252_AS_LATIN1 = (
    "Lessons Learned\n"
    "I\x92m sure it doesn\x92t matter.\n"
    "\n"
    "What Comes Next\n"
    "We don\x92t stop here. He said \x93soon\x94.\n"
)


def test_cp1252_apostrophes_read_as_c1_controls_are_repaired_not_removed(tmp_path: Path) -> None:
    out = export(article(tmp_path, CP1252_AS_LATIN1))
    assert "I’m sure it doesn’t matter." in out
    assert "We don’t stop here. He said “soon”." in out
    assert "dont" not in out and "Im " not in out and "doesnt" not in out
    assert not any("\x80" <= char <= "\x9f" for char in out)


def test_mojibake_is_repaired(tmp_path: Path) -> None:
    text = "The Plan\nWe donâ€™t stop â€” not yet. Ð¿Ñ€Ð¸Ð²ÐµÑ‚ means hello.\n"
    out = export(article(tmp_path, text))
    assert "We don’t stop — not yet. привет means hello." in out
    assert "â€" not in out


def test_check_lists_each_repair_with_its_line_number(tmp_path: Path) -> None:
    path = article(tmp_path, "The Plan\nSome text.\nWe donâ€™t stop.\nI\x92m sure it doesn\x92t.\n")
    out = run("check", str(path)).stdout
    assert "repaired 2 lines:" in out
    assert "  line 3: 'donâ€™t' → 'don’t' (mojibake: UTF-8 read as cp1252)" in out
    assert "  line 4: 'I\\x92m' → 'I’m', 'doesn\\x92t.' → 'doesn’t.' (cp1252 characters read as C1 controls)" in out
    assert "removed nothing" in out
    assert "\x92" not in out, "the report is safe to print"


def test_check_json_keeps_repairs_apart_from_removals(tmp_path: Path) -> None:
    path = article(tmp_path, "The Plan\nWe donâ€™t stop \x1b[31mhere\x1b[0m.\n")
    report = json.loads(run("check", "--json", str(path)).stdout)
    assert report["repaired"] == [
        {"line": 2, "text": "'donâ€™t' → 'don’t'", "reason": "repaired mojibake: UTF-8 read as cp1252"}
    ]
    assert [(r["line"], r["reason"]) for r in report["removed"]] == [(2, "control characters")]


def test_a_deck_without_damage_reports_no_repair(tmp_path: Path) -> None:
    path = article(tmp_path, "The Plan\nIt’s “fine”: café, naïve, Ｆｕｌｌ ｗｉｄｔｈ, ﬁne, &amp; e\u0301.\n")
    out = run("check", str(path)).stdout
    assert "repaired" not in out
    assert "It’s “fine”: café, naïve, Ｆｕｌｌ ｗｉｄｔｈ, ﬁne, &amp; e\u0301." in export(path)


def test_a_repaired_line_keeps_everything_else_as_written(tmp_path: Path) -> None:
    """ftfy runs on this line (it has a C1 control) but changes nothing else in it: curly
    quotes, full-width letters, ligatures, entities and decomposed accents stay."""
    line = "It\x92s “fine”: Ｆｕｌｌ ｗｉｄｔｈ, ﬁne, &amp; e\u0301, 上海, Москва."
    out = export(article(tmp_path, f"The Plan\n{line}\n"))
    assert line.replace("\x92", "’") in out


def test_controls_and_escape_sequences_still_never_reach_the_terminal(tmp_path: Path) -> None:
    text = "The Plan\nWe don\x92t \x1b[31mstop\x1b[0m \x9b31mhere\x9b0m.\nTitle \x9d0;pwned\x9c set.\n"
    path = article(tmp_path, text)
    out = export(path)
    assert "We don’t stop here." in out
    assert "Title  set." in out
    assert "\x1b" not in out and not any("\x80" <= char <= "\x9f" for char in out)
    check = run("check", str(path)).stdout
    assert "line 2: 'don\\x92t' → 'don’t'" in check
    assert r"line 2: '\\x1b[31m \\x1b[0m \\x9b31m \\x9b0m' (control characters)" in check


def test_markdown_deck_is_repaired_outside_code(tmp_path: Path) -> None:
    deck = (
        "# Encodings\n"
        "\n"
        "We donâ€™t panic, I\x92m sure.\n"
        "\n"
        "```python\n"
        "print('donâ€™t')\n"
        "```\n"
        "\n"
        "Mojibake looks like `donâ€™t` on screen.\n"
    )
    path = article(tmp_path, deck, "talk.md")
    out = export(path)
    assert "We don’t panic, I’m sure." in out
    assert "print('donâ€™t')" in out
    assert "Mojibake looks like donâ€™t on screen." in out
    check = run("check", str(path)).stdout
    assert "repaired 1 line:" in check
    assert "line 3: 'donâ€™t' → 'don’t', 'I\\x92m' → 'I’m'" in check


def test_ftfy_is_not_imported_for_sound_text() -> None:
    code = (
        "import sys; from presenter.sources import load_deck\n"
        "load_deck('slides/shanghai-tech-hub.txt')\n"
        "assert 'ftfy' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


# -- nothing sound is changed ----------------------------------------------------------------------

# Letters of one script each. Latin leaves out Â, Ã, Œ/œ, Š/š and Ž/ž: after an accented
# letter they spell UTF-8 read as cp1252 (mojibake markers), which is what is repaired.
_LATIN = st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßÀÁÈÉÊÍÑÓÔÖÚÜÇ")
_CYRILLIC = st.characters(min_codepoint=0x0410, max_codepoint=0x044F) | st.sampled_from("ёЁ")
_CHINESE = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_ARABIC = st.characters(min_codepoint=0x0621, max_codepoint=0x064A)
_OPENERS = st.sampled_from(["", "", "", "“", "‘", "«\xa0", "«", "(", '"', "'", "„", "¿", "¡", "「", "《"])
_CLOSERS = st.sampled_from(
    ["", "", "", ".", ",", ";", ":", "!", "?", "…", "”", "’", "\xa0»", "»", ")", "—", "–", "’s", '"', "'"]
    + ["。", "，", "」", "》", "،", "؟"]
)


def _script_text(letters: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    word = st.builds(lambda o, w, c: o + w + c, _OPENERS, st.text(letters, min_size=1, max_size=9), _CLOSERS)
    line = st.builds(lambda words, sep: sep.join(words), st.lists(word, max_size=10), st.sampled_from([" ", "  ", "\xa0"]))
    return st.lists(line, min_size=1, max_size=8).map("\n".join)


_SOUND_TEXT = st.one_of(_script_text(_LATIN), _script_text(_CYRILLIC), _script_text(_CHINESE), _script_text(_ARABIC))
SETTINGS = settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(_SOUND_TEXT)
def test_repair_and_cleaning_keep_every_character_of_sound_text(text: str) -> None:
    for markdown in (False, True):
        cleaned = repair_and_clean(text, fragments=not markdown, markdown=markdown)
        assert [line for _, line in cleaned.lines] == text.split("\n")
        assert cleaned.removed == ()


@SETTINGS
@given(_SOUND_TEXT)
def test_a_line_that_needs_repair_changes_only_where_it_is_damaged(text: str) -> None:
    """Each line gains a C1 apostrophe, so ftfy reads it: only that character changes."""
    damaged = "\n".join(f"{line} it\x92s" for line in text.split("\n"))
    repaired = repair_text(damaged)
    assert repaired.text == damaged.replace("\x92", "’")
    assert len(repaired.repairs) == text.count("\n") + 1
    for line in text.split("\n"):
        assert repair_line(line)[0] == line

"""Peers' decks read by their own rules: presenterm, ``slides``, lookatme and patat.

Each flavor has a deck in ``tests/fixtures/flavors/`` whose text export is pinned by a
golden file (``tests/golden/flavor-NAME.txt``). Regenerate them after an intended change
with ``PRESENTER_UPDATE_GOLDEN=1 pytest tests/test_flavors.py`` and read the diff before
committing it.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from presenter.cli import cli
from presenter.errors import PresenterError
from presenter.export.text import export_text
from presenter.block_tree import pictures_in
from presenter.model import Alignment, Code, NumberedList, Rule, Space, plain
from presenter.render.console import fixed_console
from presenter.render.slide import SlideRenderable, pause_count
from presenter.sources import load_deck
from presenter.sources.flavor import detect_flavor
from presenter.sources.markdown import parse_markdown
from tests.conftest import FIXTURES, TESTS

DECKS = FIXTURES / "flavors"
FLAVORS = ["presenterm", "slides", "lookatme", "patat", "commonmark"]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def titles(deck) -> list[str]:
    return [slide.title for slide in deck.slides]


def kinds(slide) -> list[str]:
    return [type(block).__name__ for block in slide.blocks]


def not_supported(deck) -> list[tuple[int, str]]:
    return [(r.line, r.reason) for r in deck.removed if r.reason.startswith("not supported yet")]


# --------------------------------------------------------------------------- each flavor's deck


@pytest.mark.parametrize("flavor", FLAVORS)
def test_each_fixture_is_detected_as_its_flavor(flavor: str) -> None:
    assert load_deck(DECKS / f"{flavor}.md").flavor == flavor


@pytest.mark.parametrize(
    ("flavor", "expected"),
    [
        ("presenterm", ["Growing potatoes", "Soil", "Varieties", "Harvest"]),
        ("slides", ["Potatoes in slides", "Potatoes in slides", "Everything is markdown", "Code"]),
        ("lookatme", ["Potatoes in lookatme", "Introduction", "Why potatoes", "How to store them"]),
        ("patat", ["Potatoes, briefly", "Growing", "Planting", "Care", "Eating", "Cooking"]),
        ("commonmark", ["Potatoes", "Planting", "Harvest"]),
    ],
)
def test_each_flavor_makes_its_slides(flavor: str, expected: list[str]) -> None:
    assert titles(load_deck(DECKS / f"{flavor}.md")) == expected


@pytest.mark.parametrize("flavor", FLAVORS)
def test_text_export_matches_the_golden_file(flavor: str) -> None:
    result = run("export", str(DECKS / f"{flavor}.md"), "--format", "text", "--width", "80")
    assert result.exit_code == 0, result.output
    golden = TESTS / "golden" / f"flavor-{flavor}.txt"
    if os.environ.get("PRESENTER_UPDATE_GOLDEN") == "1":
        golden.write_text(result.stdout, encoding="utf-8", newline="\n")
    assert result.stdout == golden.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- detection


@pytest.mark.parametrize(
    ("meta", "text", "flavor"),
    [
        ({"patat": {"wrap": True}}, "# A\n", "patat"),
        ({"styles": {"style": "monokai"}}, "# A\n", "lookatme"),
        ({"extensions": ["qrcode"]}, "# A\n", "lookatme"),
        ({"options": {"implicit_slide_ends": True}}, "# A\n", "presenterm"),
        ({"sub_title": "b"}, "# A\n", "presenterm"),
        ({"authors": ["a", "b"]}, "# A\n", "presenterm"),
        ({"theme": {"name": "dark"}}, "# A\n", "presenterm"),
        ({"theme": {"override": {}}}, "# A\n", "presenterm"),
        ({"paging": "%d"}, "# A\n", "slides"),
        ({}, "A\n\n<!-- end_slide -->\n\nB\n", "presenterm"),
        ({}, "A\n\n<!-- pause -->\n\nB\n", "presenterm"),
        ({}, "<!-- jump_to_middle -->\n\nA\n", "presenterm"),
        ({}, "<!-- column_layout: [1, 2] -->\n\nA\n", "presenterm"),
        ({}, "A\n\n<!-- stop -->\n\nB\n", "lookatme"),
        ({"title": "t"}, "# A\n\nLegen\n\n. . .\n\nDary\n\n---\n\n# B\n", "patat"),
        ({}, "```go\n/// package main\nfunc main() {}\n```\n", "slides"),
        ({}, "```rust\n/// Adds one.\nfn add(x: i32) -> i32 { x + 1 }\n```\n", "commonmark"),
        ({}, "# A\n\n---\n\n# B\n", "slides"),
        ({}, "# A\n\n## B\n\n## C\n", "commonmark"),
        ({}, "Title\n---\n\ntext\n", "commonmark"),  # a setext underline is no break
        ({}, "```\n<!-- end_slide -->\n---\n```\n", "commonmark"),  # inside code: no command, no break
        ({"theme": "./theme.json"}, "# A\n", "commonmark"),
    ],
)
def test_detection(meta: dict, text: str, flavor: str) -> None:
    assert detect_flavor(meta, text.split("\n")) == flavor


def test_check_prints_the_flavor_it_read_the_deck_as() -> None:
    result = run("check", str(DECKS / "patat.md"))
    assert result.stdout.split("\n")[1] == "read as a patat deck (--flavor to choose another)"
    report = json.loads(run("check", "--json", str(DECKS / "patat.md")).stdout)
    assert report["flavor"] == "patat"


# --------------------------------------------------------------------------- --flavor


def test_flavor_option_forces_the_rules_on_export_and_check() -> None:
    deck = str(DECKS / "presenterm.md")
    forced = run("export", deck, "--flavor", "commonmark")
    assert forced.exit_code == 0
    assert "── 3/5 · Drained, never wet ──" in forced.stdout  # `---` ends the slide again
    assert "── 4/5 · Draft slide ──" in forced.stdout  # skip_slide is presenterm's
    assert "Harvest" not in forced.stdout  # and so is include
    check = run("check", deck, "--flavor", "commonmark")
    assert "read as a commonmark deck" in check.stdout
    assert "ignored comment command: skip_slide (presenterm's: --flavor presenterm reads it)" in check.stdout


def test_flavor_option_reaches_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    import presenter.cli

    seen = {}
    monkeypatch.setattr(presenter.cli, "present", lambda deck, **options: seen.update(options))
    assert run("show", str(DECKS / "slides.md"), "--flavor", "patat").exit_code == 0
    assert seen["flavor"] == "patat"


def test_an_unknown_flavor_is_refused() -> None:
    result = CliRunner().invoke(cli, ["check", str(DECKS / "slides.md"), "--flavor", "marp"])
    assert result.exit_code == 2
    assert "'marp' is not one of" in result.output
    with pytest.raises(PresenterError, match="unknown flavor 'marp'"):
        parse_markdown("# A\n", flavor="marp")


def test_flavor_reads_a_text_file_as_markdown(tmp_path: Path) -> None:
    deck = tmp_path / "talk.txt"
    deck.write_text("# One\n\na\n\n---\n\n# Two\n\nb\n", encoding="utf-8")
    assert titles(load_deck(deck, flavor="slides")) == ["One", "Two"]


# --------------------------------------------------------------------------- presenterm

PRESENTERM = "Intro\n=====\n\none\n\n---\n\ntwo\n\n<!-- end_slide -->\n\nNext\n====\n\nthree\n"


def test_presenterm_rule_is_drawn_inside_the_slide_when_the_deck_uses_end_slide() -> None:
    deck = parse_markdown(PRESENTERM)
    assert titles(deck) == ["Intro", "Next"]
    assert kinds(deck.slides[0]) == ["Paragraph", "Rule", "Paragraph"]
    assert "╌" * 80 in export_text(deck, width=80)


def test_presenterm_end_slide_shorthand_makes_the_rule_a_break_again() -> None:
    deck = parse_markdown("---\noptions:\n  end_slide_shorthand: true\n---\n\n" + PRESENTERM)
    assert titles(deck) == ["Intro", "two", "Next"]
    assert not any(isinstance(block, Rule) for slide in deck.slides for block in slide.blocks)


def test_presenterm_deck_without_end_slide_keeps_rules_as_breaks() -> None:
    deck = parse_markdown("Intro\n=====\n\none\n\n<!-- pause -->\n\n---\n\nNext\n====\n")
    assert deck.flavor == "presenterm"
    assert titles(deck) == ["Intro", "Next"]


def test_presenterm_implicit_slide_ends_start_a_slide_at_each_setext_title() -> None:
    text = "---\noptions:\n  implicit_slide_ends: true\n---\n\nTasty\n=====\n\n* Potato\n\n# Not a title\n\nAwful\n=====\n\n* Lettuce\n"
    deck = parse_markdown(text)
    assert titles(deck) == ["Tasty", "Awful"]
    assert kinds(deck.slides[0]) == ["BulletList", "Heading"]


def test_presenterm_h1_slide_titles_make_hash_headings_titles_too() -> None:
    text = "---\noptions:\n  implicit_slide_ends: true\n  h1_slide_titles: true\n---\n\n# Tasty\n\n* Potato\n\n# Awful\n\n* Lettuce\n"
    assert titles(parse_markdown(text)) == ["Tasty", "Awful"]


def test_presenterm_skip_slide_is_left_out_of_presenting_and_exports() -> None:
    deck = load_deck(DECKS / "presenterm.md")
    assert "Draft slide" not in titles(deck)
    out = run("export", str(DECKS / "presenterm.md")).stdout
    assert "Draft slide" not in out and "Not ready yet" not in out
    check = run("check", str(DECKS / "presenterm.md")).stdout
    assert "line 43: 'Draft slide' (slide left out (skip_slide), lines 39-45)" in check


def test_presenterm_include_reads_the_file_in_its_place() -> None:
    deck = load_deck(DECKS / "presenterm.md")
    harvest = deck.slides[-1]
    assert harvest.title == "Harvest"
    assert plain(harvest.blocks[0].content) == "When the leaves die back."
    assert harvest.blocks[0].lines.first == 74  # the include comment's line in the deck


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("../outside.md", "include: ../outside.md is outside the deck's folder"),
        ("/etc/hostname", "include: /etc/hostname is outside the deck's folder"),
        ("missing.md", "include: missing.md: no such file"),
        ("talk.md", "include: talk.md leads back to itself (an include loop)"),
    ],
)
def test_presenterm_bad_include_is_a_one_line_error_with_file_and_line(tmp_path: Path, target: str, message: str) -> None:
    folder = tmp_path / "deck"
    folder.mkdir()
    (tmp_path / "outside.md").write_text("secret\n", encoding="utf-8")
    deck = folder / "talk.md"
    deck.write_text(f"A\n=\n\n<!-- end_slide -->\n\n<!-- include: {target} -->\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(deck)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"presenter: {deck}:6: {message}\n"


def test_presenterm_include_loop_through_another_file_names_where_it_closes(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("A\n=\n\n<!-- include: b.md -->\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("B\n\n<!-- include: a.md -->\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "a.md"), "--flavor", "presenterm"])
    assert result.stderr == f"presenter: {tmp_path / 'b.md'}:3: include: a.md leads back to itself (an include loop)\n"


def test_presenterm_include_through_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "outside.md").write_text("secret\n", encoding="utf-8")
    folder = tmp_path / "deck"
    folder.mkdir()
    (folder / "link.md").symlink_to(tmp_path / "outside.md")
    (folder / "talk.md").write_text("A\n=\n\n<!-- include: link.md -->\n", encoding="utf-8")
    with pytest.raises(PresenterError, match="link.md is outside the deck's folder") as error:
        load_deck(folder / "talk.md", flavor="presenterm")
    assert error.value.line == 4


def test_presenterm_include_inside_code_is_only_text(tmp_path: Path) -> None:
    deck = tmp_path / "talk.md"
    deck.write_text("A\n=\n\n```\n<!-- include: ../../etc/passwd -->\n```\n\n<!-- end_slide -->\n", encoding="utf-8")
    assert "include" in load_deck(deck).slides[0].blocks[0].code


def test_presenterm_command_prefix() -> None:
    text = (
        '---\noptions:\n  command_prefix: "cmd:"\n---\n\n<!-- remember potato -->\n\n'
        "A\n=\n\none\n\n<!-- cmd:pause -->\n\ntwo\n\n<!-- pause -->\n"
    )
    deck = parse_markdown(text)
    assert kinds(deck.slides[0]) == ["Paragraph", "Pause", "Paragraph"]
    assert [r.reason for r in deck.removed] == ["ignored comment", "ignored comment"]


def test_presenterm_incremental_lists_option_and_comment() -> None:
    text = (
        "---\noptions:\n  incremental_lists: true\n---\n\nA\n=\n\n* a\n* b\n\n<!-- incremental_lists: false -->\n\n"
        "* c\n* d\n\n<!-- end_slide -->\n\nB\n=\n\n* e\n* f\n"
    )
    deck = parse_markdown(text)
    assert [(kind, block.reveal) for kind, block in zip(kinds(deck.slides[0]), deck.slides[0].blocks)] == [
        ("BulletList", True), ("BulletList", False)
    ]  # an item a key press until the comment says otherwise
    assert [pause_count(slide) for slide in deck.slides] == [1, 1]


def _blank_rows_between(out: str, above: str, below: str) -> int:
    lines = out.split("\n")
    top = next(i for i, line in enumerate(lines) if line.strip().endswith(above))
    bottom = next(i for i, line in enumerate(lines) if line.strip().endswith(below))
    return bottom - top - 1


def test_presenterm_new_lines_add_blank_rows() -> None:
    base = "A\n=\n\nhi\n\n{}\n\nmom\n\n<!-- end_slide -->\n"
    plain_gap = _blank_rows_between(export_text(parse_markdown(base.format("")), width=40), "hi", "mom")
    for command, more in (("<!-- new_lines: 3 -->", 3), ("<!-- newlines: 2 -->", 2), ("<!-- new_line -->", 1)):
        deck = parse_markdown(base.format(command))
        assert Space(more, lines=deck.slides[0].blocks[1].lines) in deck.slides[0].blocks
        assert _blank_rows_between(export_text(deck, width=40), "hi", "mom") == plain_gap + more


def test_presenterm_new_lines_above_a_title_leave_it_the_title() -> None:
    deck = parse_markdown("A\n=\n\na\n\n<!-- end_slide -->\n\n<!-- new_lines: 5 -->\n\nFarming\n=======\n\n<!-- end_slide -->\n")
    assert titles(deck) == ["A", "Farming"]
    assert deck.slides[1].blocks == ()


def test_presenterm_list_item_newlines_space_the_items() -> None:
    for source, gap in (("<!-- list_item_newlines: 3 -->\n\n", 2), ("", 0)):
        deck = parse_markdown(f"A\n=\n\n{source}* one\n* two\n\n<!-- end_slide -->\n")
        assert _blank_rows_between(export_text(deck, width=40), "one", "two") == gap
    option = parse_markdown("---\noptions:\n  list_item_newlines: 2\n---\n\nA\n=\n\n1. one\n2. two\n")
    assert _blank_rows_between(export_text(option, width=40), "one", "two") == 1
    assert [block.items[0].number for block in option.slides[0].blocks if isinstance(block, NumberedList)] == [1, 2]


def test_presenterm_title_slide_has_every_front_matter_field() -> None:
    title = load_deck(DECKS / "presenterm.md").slides[0]
    assert title.is_title and title.title == "Growing potatoes"
    assert title.subtitle == "A field guide\nPotatoConf · Ghent\nAnn, Bob · 2025-05-01"
    assert title.notes == "Welcome everyone."


def test_presenterm_title_slide_survives_the_markdown_export() -> None:
    from presenter.export.markdown import export_markdown

    deck = load_deck(DECKS / "presenterm.md")
    back = parse_markdown(export_markdown(deck))
    assert back.slides[0].subtitle == deck.slides[0].subtitle


def test_check_names_each_unsupported_thing_once_with_its_lines() -> None:
    deck = load_deck(DECKS / "presenterm.md")
    assert not_supported(deck) == [
        (11, "not supported yet: options.auto_render_languages"),
        (13, "not supported yet: theme.override"),
    ]
    twice = parse_markdown("A\n=\n\n<!-- font_size: 2 -->\n\ntext\n\n<!-- font_size: 3 -->\n\n<!-- end_slide -->\n")
    assert not_supported(twice) == [(4, "not supported yet: font_size (also line 8)")]
    out = run("check", str(DECKS / "presenterm.md")).stdout
    assert "warning: line 61: image missing: bintje.png" in out  # the width is read; the file is not there
    for name in ("column_layout", "column:", "reset_layout"):  # read: presenterm's columns
        assert name not in out


def test_presenterm_slide_commands_are_read_and_no_longer_named_in_check() -> None:
    harvest = load_deck(DECKS / "presenterm.md").slides[-1]  # jump_to_middle, alignment, then no_footer
    assert (harvest.title, harvest.middle, harvest.align, harvest.footer) == ("Harvest", True, "center", False)
    out = run("check", str(DECKS / "presenterm.md")).stdout
    for name in ("jump_to_middle", "alignment", "no_footer"):
        assert name not in out


def test_presenterm_alignment_centres_the_text_after_it_not_before() -> None:
    deck = parse_markdown(
        "A\n=\n\nBefore it.\n\n<!-- alignment: center -->\n\nAfter it.\n\n"
        "<!-- alignment: right -->\n\nAt the right.\n\n<!-- end_slide -->\n\nB\n=\n\nNext slide.\n"
    )
    assert kinds(deck.slides[0]) == ["Paragraph", "Alignment", "Paragraph", "Alignment", "Paragraph"]
    lines = export_text(deck, width=60).split("\n")
    assert "Before it." in lines and "Next slide." in lines  # left, as written
    after = next(line for line in lines if "After it." in line)
    assert after == " " * ((60 - len("After it.")) // 2) + "After it."
    assert next(line for line in lines if "At the right." in line) == " " * (60 - len("At the right.")) + "At the right."


def test_presenterm_alignment_above_the_title_aligns_the_title_too() -> None:
    deck = parse_markdown("<!-- alignment: center -->\n\nA\n=\n\ntext\n\n<!-- end_slide -->\n")
    slide = deck.slides[0]
    assert (slide.title, slide.align, kinds(slide)) == ("A", "center", ["Paragraph"])
    lines = export_text(deck, width=60).split("\n")
    assert " " * 29 + "A" in lines and " " * 28 + "text" in lines


async def test_presenterm_jump_to_middle_below_content_starts_what_follows_at_the_middle_row() -> None:
    from presenter.export.markdown import export_markdown
    from presenter.tui.app import make_app

    text = "A\n=\n\nOn top\n\n<!-- jump_to_middle -->\n\nThe end\n\n<!-- end_slide -->\n"
    deck = parse_markdown(text)
    assert not deck.slides[0].middle and not_supported(deck) == []
    app = make_app(deck)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = screen_rows(app)
        assert next(n for n, row in enumerate(rows) if row.strip() == "A") == 1  # the title and the text above stay on top
        assert next(n for n, row in enumerate(rows) if row.strip() == "On top") == 4
        assert next(n for n, row in enumerate(rows) if row.strip() == "The end") == 1 + 22 // 2  # the middle of the slide area
    back = parse_markdown(export_markdown(deck))
    assert [b.to_middle for b in back.slides[0].blocks if isinstance(b, Space)] == [True]


def test_presenterm_slide_commands_survive_the_markdown_export() -> None:
    from presenter.export.markdown import export_markdown

    text = (
        "A\n=\n\n<!-- no_footer -->\n\none\n\n<!-- alignment: right -->\n\ntwo\n\n<!-- end_slide -->\n\n"
        "<!-- jump_to_middle -->\n<!-- alignment: center -->\n\nThe end\n---\n"
    )
    deck = parse_markdown(text)
    markdown = export_markdown(deck)
    assert "<!-- jump_to_middle -->" in markdown and "<!-- no_footer -->" in markdown
    back = parse_markdown(markdown)
    assert [(s.title, s.align, s.middle, s.footer) for s in back.slides] == [("A", "left", False, False), ("The end", "center", True, True)]
    assert [b.to for b in back.slides[0].blocks if isinstance(b, Alignment)] == ["right"]


def screen_rows(app) -> list[str]:
    """The app's screen as the rows a user reads, top to bottom."""
    rows: dict[int, str] = {}
    for number, text in re.findall(r'<text[^>]*line-(\d+)\)"[^>]*>(.*?)</text>', app.export_screenshot(), flags=re.S):
        rows[int(number)] = rows.get(int(number), "") + html.unescape(text).replace("\xa0", " ").strip("\n")
    return [rows.get(number, "") for number in range(max(rows, default=-1) + 1)]


MIDDLE_DECK = (
    "A\n=\n\nfirst\n\n<!-- end_slide -->\n\n<!-- jump_to_middle -->\n\nThe end\n---\n\n<!-- end_slide -->\n\n"
    "C\n=\n\n<!-- no_footer -->\n\nquiet\n\n<!-- end_slide -->\n\nD\n=\n"
)


async def test_presenterm_jump_to_middle_shows_the_slide_in_the_middle_of_the_screen() -> None:
    from presenter.tui.app import make_app

    app = make_app(parse_markdown(MIDDLE_DECK))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert next(n for n, row in enumerate(screen_rows(app)) if row.strip() == "A") == 1  # on top
        await pilot.press("right")
        await pilot.pause()
        rows = screen_rows(app)
        assert 9 <= next(n for n, row in enumerate(rows) if row.strip() == "The end") <= 12  # of 24 rows
        await pilot.press("right")
        await pilot.pause()
        assert next(n for n, row in enumerate(screen_rows(app)) if row.strip() == "C") == 1  # the next is on top again


async def test_presenterm_no_footer_hides_the_footer_on_that_slide_only() -> None:
    from presenter.tui.app import make_app

    app = make_app(parse_markdown(MIDDLE_DECK))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "right")
        await pilot.pause()
        rows = screen_rows(app)
        assert "quiet" in "".join(rows) and "3 / 4" not in "".join(rows) and rows[-1].strip() == ""
        await pilot.press("right")
        await pilot.pause()
        assert "4 / 4" in screen_rows(app)[-1]
        await pilot.press("left", "left")
        await pilot.pause()
        assert "2 / 4" in screen_rows(app)[-1]


def test_an_image_width_is_its_share_of_the_slide() -> None:
    out = run("export", str(DECKS / "presenterm.md")).stdout
    assert "[image: bintje.png]" in out and "Waxy or floury." in out  # no alt text: the path names it
    (image,) = [b for slide in load_deck(DECKS / "presenterm.md").slides for block in slide.blocks for b in pictures_in(block)]
    assert image.share == 0.5


# --------------------------------------------------------------------------- patat


def test_patat_dots_pause() -> None:
    deck = parse_markdown("---\npatat:\n  wrap: true\n...\n\n# A\n\nLegen\n\n. . .\n\nwait for it\n\n. . .\n\nDary!\n")
    assert kinds(deck.slides[-1]) == ["Paragraph", "Pause", "Paragraph", "Pause", "Paragraph"]
    assert ". . ." not in export_text(deck, width=80)


def test_dots_are_text_in_other_flavors() -> None:
    deck = parse_markdown("# A\n\nLegen\n\n. . .\n\nDary!\n", flavor="commonmark")
    assert kinds(deck.slides[0]) == ["Paragraph", "Paragraph", "Paragraph"]


def test_patat_slide_level_is_the_highest_heading_followed_by_content() -> None:
    deck = load_deck(DECKS / "patat.md")  # h1s are followed by h2s, h2s by text: level 2
    assert [(s.title, s.is_title) for s in deck.slides[1:]] == [
        ("Growing", True), ("Planting", False), ("Care", False), ("Eating", True), ("Cooking", False),
    ]  # fmt: skip
    level_one = parse_markdown("---\npatat: {}\n---\n\n# A\n\ntext\n\n## a1\n\nx\n\n# B\n\ny\n")
    assert titles(level_one) == ["A", "B"]


def test_sections_of_subsections_only_read_as_patat_reads_them_without_front_matter() -> None:
    """patat's headers.md and slidelevel3.md: no front matter, no breaks; each top heading
    is followed straight by a subheading, so it is a title slide and the subsections slides."""
    headers = parse_markdown("# Could be a title\n\n## Nested\n\nSome content\n\n## Also nested\n\nMore\n\n# Another topic\n\n## Going on?\n\nSlides\n")
    assert [(s.title, s.is_title) for s in headers.slides] == [
        ("Could be a title", True), ("Nested", False), ("Also nested", False), ("Another topic", True), ("Going on?", False),
    ]  # fmt: skip
    level3 = parse_markdown("# T\n\n## Sub\n\n### Slide\n\nx\n\n# T2\n\n## Sub2\n\n### Slide2\n\ny\n")
    assert titles(level3) == ["T", "Sub", "Slide", "T2", "Sub2", "Slide2"]
    own_text = parse_markdown("# A\n\ntext\n\n## a1\n\nx\n\n# B\n\n## b1\n\ny\n")  # A has text of its own
    assert titles(own_text) == ["A", "B"]


def test_patat_slide_level_from_the_front_matter() -> None:
    deck = parse_markdown("---\npatat:\n  slideLevel: 1\n...\n\n# A\n\n## a1\n\nx\n\n# B\n\n## b1\n\ny\n")
    assert titles(deck) == ["A", "B"]
    assert kinds(deck.slides[0]) == ["Heading", "Paragraph"]


def test_patat_rules_split_alone_when_the_deck_has_any() -> None:
    deck = parse_markdown("---\npatat: {}\n---\n\n# A\n\n## a1\n\nx\n\n---\n\n## b1\n\ny\n")
    assert titles(deck) == ["A", "b1"]


def test_patat_incremental_lists_and_comments_as_notes() -> None:
    deck = load_deck(DECKS / "patat.md")
    planting, care = deck.slides[2], deck.slides[3]
    assert kinds(care) == ["Pause", "BulletList"] and care.blocks[1].reveal  # patat: the first item too
    assert planting.notes == "Say: eyes facing up."
    config = parse_markdown("---\npatat: {}\n---\n\n# A\n\n<!--config:\nslideNumber: false\n-->\n\nx\n")
    assert not_supported(config) == [(7, "not supported yet: config")]
    assert not_supported(deck) == [(6, "not supported yet: patat.wrap")]


# --------------------------------------------------------------------------- lookatme


def test_lookatme_splits_at_the_highest_level_below_a_single_title_heading() -> None:
    text = "# Deck\n\n## A\n\na\n\n### x\n\nx\n\n### y\n\ny\n"
    assert titles(parse_markdown(text, flavor="lookatme")) == ["Deck", "A"]
    assert titles(parse_markdown(text, flavor="commonmark")) == ["Deck", "A", "x", "y"]  # the repeated ###


def test_lookatme_rules_split_alone_when_the_deck_has_any() -> None:
    deck = parse_markdown("---\nstyles: {}\n---\n\n# A\n\n## a1\n\n## a2\n\n---\n\n# B\n")
    assert titles(deck) == ["A", "B"]


def test_lookatme_stop_pauses_and_front_matter_makes_the_title_slide() -> None:
    deck = load_deck(DECKS / "lookatme.md")
    assert deck.slides[0].is_title and deck.slides[0].subtitle == "d0c-s4vage · 2019-12-04"
    assert kinds(deck.slides[2])[:3] == ["Paragraph", "Pause", "Paragraph"]
    assert [name for _, name in not_supported(deck)] == ["not supported yet: styles", "not supported yet: extensions"]


# --------------------------------------------------------------------------- slides


def test_slides_splits_only_at_rules() -> None:
    text = "# One\n\n## a\n\nx\n\n## b\n\ny\n"
    assert titles(parse_markdown(text, flavor="slides")) == ["One"]
    assert titles(parse_markdown(text, flavor="commonmark")) == ["One", "a", "b"]


def test_slides_paging_is_named_and_author_and_date_shown() -> None:
    deck = load_deck(DECKS / "slides.md")
    assert not_supported(deck) == [(5, "not supported yet: paging")]
    assert deck.slides[0].subtitle == "Gopher · January 2, 2006"
    assert len([s for s in deck.slides if not s.is_title]) == 3



def test_peer_examples_details_patat_slide_level_zero_pandoc_fences_and_empty_links() -> None:
    deck = parse_markdown("---\npatat:\n  slideLevel: 0\n---\n\n# A\n\nx\n\n# B\n\n~~~{.haskell}\nmain = print 1\n~~~\n\n* [](https://example.com/)\n")
    assert [slide.title for slide in deck.slides] == ["A"]  # slideLevel 0: headings never split
    code = next(block for block in deck.slides[0].blocks if isinstance(block, Code))
    assert code.language == "haskell"
    assert "• https://example.com/" in export_text(deck, width=60)


def test_patat_incremental_lists_reveal_the_first_item_after_the_text_before_it() -> None:
    deck = parse_markdown("---\npatat:\n  incrementalLists: true\n---\n\n# S\n\nIntro\n\n- a\n- b\n\n1. c\n2. d\n")
    kinds = [type(block).__name__ for block in deck.slides[-1].blocks]
    assert kinds == ["Paragraph", "Pause", "BulletList", "Pause", "NumberedList"]
    assert pause_count(deck.slides[-1]) == 4  # Intro, a, b, c, d: five steps, as patat shows them


def test_an_introduction_under_the_deck_heading_joins_the_title_slide_as_lookatme_shows_it() -> None:
    deck = parse_markdown("# Deck Title\n\nintro para\n\n## A\n\na text\n\n## B\n\nb text\n", flavor="lookatme")
    assert [(slide.title, slide.subtitle) for slide in deck.slides] == [("Deck Title", "intro para"), ("A", ""), ("B", "")]


def test_a_deck_from_standard_input_cannot_include_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "secret.md").write_text("secret words\n", encoding="utf-8")
    deck = "# A\n\n<!-- end_slide -->\n\n<!-- include: secret.md -->\n"
    monkeypatch.chdir(tmp_path)  # its folder would be wherever presenter runs
    result = CliRunner().invoke(cli, ["export", "-"], input=deck)
    assert result.exit_code == 2 and "secret words" not in result.output
    assert "<stdin>:5: include: a deck read from standard input cannot include files" in result.output


def test_front_matter_closed_with_dots_as_pandoc_closes_it_is_a_patat_deck() -> None:
    deck = parse_markdown("---\ntitle: Talk\n...\n\n# One\n\ntext\n\n---\n\n# Two\n\nmore\n")
    assert deck.flavor == "patat"


def test_a_middle_slide_is_drawn_in_the_middle_of_its_exported_screen() -> None:
    """presenterm's jump_to_middle: the app centres the slide; the SVG (and PNG, PDF, HTML) export did not."""
    from presenter.export import FORMATS

    deck = parse_markdown(
        "# One\n\nA slide with some text.\n\nMore.\n\nAnd more.\n\nAnd even more lines.\n\n<!-- end_slide -->\n\n"
        "<!-- jump_to_middle -->\n\nThe middle\n==========\n\n<!-- end_slide -->\n"
    )
    first, middle = (page.decode("utf-8") for page in FORMATS["svg"](deck, width=60).values())

    def title_row(svg: str, title: str) -> float:
        return next(float(y) for y, text in re.findall(r'<text[^>]*\by="([^"]+)"[^>]*>(.*?)</text>', svg, flags=re.S) if title in text.replace("&#160;", " "))

    assert title_row(middle, "The middle") > title_row(first, "One") + 40  # rows lower: about halfway down


def test_a_patat_pause_inside_a_list_item_is_a_step_not_text() -> None:
    """patat's fragments02.md: '. . .' inside item 1 showed literally."""
    deck = parse_markdown(
        "---\npatat:\n  incrementalLists: true\n...\n\n# Slide\n\n1.  This is fragmented\n\n    . . .\n\n    Inside a list\n\n2.  Lol ok\n"
    )
    slide = deck.slides[-1]
    console = fixed_console(60)

    def shown(step: int) -> str:
        lines = console.render_lines(SlideRenderable(slide, step=step), console.options.update_width(60), pad=False)
        return "\n".join("".join(segment.text for segment in line) for line in lines)

    assert pause_count(slide) == 3  # the list after what came before, the rest of item 1, item 2
    assert "This is fragmented" in shown(1) and "Inside a list" not in shown(1)
    assert "Inside a list" in shown(2) and "Lol ok" not in shown(2)
    assert "Lol ok" in shown(3) and ". . ." not in export_text(deck, width=60)


def test_slides_splits_only_at_lines_of_exactly_three_dashes() -> None:
    """slides splits the file at "\\n---\\n" before reading it: '***' is a rule, and '---' under text ends the slide."""
    deck = parse_markdown('---\npaging: "%d / %d"\n---\n# First\n\nSome text\n---\n# Second\n\n***\n\nafter the rule\n\n---\n\n# Third\n')
    assert [slide.title for slide in deck.slides] == ["First", "Second", "Third"]
    assert [type(block).__name__ for block in deck.slides[1].blocks] == ["Rule", "Paragraph"]
    plain_deck = parse_markdown("# First\n\nIntro\n---\ntext\n\n---\n\n# Second\n")  # no slides front matter: CommonMark's heading
    assert [slide.title for slide in plain_deck.slides] == ["First", "Second"]

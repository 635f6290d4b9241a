"""``--images``: pictures drawn by the terminal (kitty's graphics protocol), in half-cell
blocks, or named in one line; and which of them ``auto`` picks."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image as PILImage
from textual.geometry import Region

from presenter.cli import cli
from presenter.block_tree import pictures_on
from presenter.graphics import choose_graphics, has_pictures
from presenter.sources import deck_stages, first_deck, load_deck
from presenter.tui.app import make_app
from tests.test_pictures import deck_with, picture_rows, shown, two_colour_picture

PLACEHOLDER = chr(0x10EEEE)  # kitty's Unicode placeholder: the terminal draws the picture over it


@pytest.fixture
def sent(monkeypatch) -> list[dict]:
    """What presenter sends the terminal through kitty's graphics protocol (kept, not written)."""
    from textual_image.renderable import tgp

    messages: list[dict] = []
    monkeypatch.setattr(tgp, "_send_tgp_message", lambda **message: messages.append(message))
    return messages


def picture_deck(tmp_path: Path) -> Path:
    deck = deck_with(tmp_path, "Above the picture.\n\n![flag](flag.png)\n\n---\n\n# Next\n\nNo picture here.")
    two_colour_picture(deck.parent / "flag.png", size=(400, 200))
    return deck


async def test_kitty_graphics_send_the_picture_once_and_fill_its_cells_with_placeholders(tmp_path: Path, sent: list[dict]) -> None:
    app = make_app(picture_deck(tmp_path), sync=False, watch=False, images="kitty")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = shown(app.export_screenshot())
        assert "Above the picture." in screen
        rows = [line for line in screen.split("\n") if PLACEHOLDER in line]
        assert len(rows) == 10 and all(line.count(PLACEHOLDER) == 40 for line in rows)  # 400x200 pixels: 40x10 cells
        assert picture_rows(app.export_screenshot()) == 0  # no half-cell blocks
        data = "".join(message["payload"] for message in sent if message.get("f") == 100)
        picture = PILImage.open(io.BytesIO(base64.b64decode(data))).convert("RGB")
        assert picture.getpixel((0, 0)) == (255, 0, 0) and picture.getpixel((0, picture.height - 1)) == (0, 0, 255)
        assert [message for message in sent if message.get("a") == "p"][0] | {"i": 0} == {"a": "p", "i": 0, "c": 40, "r": 10, "U": 1, "q": 2}
        count = len(sent)
        await pilot.press("right")
        await pilot.press("left")
        await pilot.pause()
        assert PLACEHOLDER in shown(app.export_screenshot())
        assert len(sent) == count  # shown again, not sent again


@pytest.fixture
def xterm_cells(monkeypatch) -> tuple[int, int]:
    """A terminal whose cells are 8x17 pixels (xterm's): taller than twice their width,
    where the slide sizes a picture's box for cells twice as tall as wide."""
    from textual_image._terminal import CellSize, get_cell_size

    monkeypatch.setattr(get_cell_size, "_result", CellSize(8, 17), raising=False)
    return 8, 17


def drawn_within_a_row(width: int, height: int, cell_height: int) -> bool:
    """Whether a 400x200 picture drawn ``width`` x ``height`` pixels keeps its shape, but for
    rounding to whole rows of cells."""
    return abs(height - width / 2) <= cell_height / 2


async def test_kitty_graphics_keep_the_pictures_proportions_in_the_terminals_cells(tmp_path: Path, sent: list[dict], xterm_cells) -> None:
    cell_width, cell_height = xterm_cells
    app = make_app(picture_deck(tmp_path), sync=False, watch=False, images="kitty")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        placement = [message for message in sent if message.get("a") == "p"][0]
        assert drawn_within_a_row(placement["c"] * cell_width, placement["r"] * cell_height, cell_height)
        rows = [line for line in shown(app.export_screenshot()).split("\n") if PLACEHOLDER in line]
        assert len(rows) == placement["r"] and all(line.count(PLACEHOLDER) == placement["c"] for line in rows)


async def test_sixel_graphics_keep_the_pictures_proportions_in_the_terminals_cells(tmp_path: Path, xterm_cells) -> None:
    app = make_app(picture_deck(tmp_path), sync=False, watch=False, images="sixel")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.query_one("#slide")
        drawn = "".join(strip.text for strip in view.render_lines(Region(0, 0, view.size.width, view.size.height)))
        width, height = (int(n) for n in re.search(r'\x1bP[\d;]*q"1;1;(\d+);(\d+)', drawn).groups())
        assert drawn_within_a_row(width, height, xterm_cells[1])


async def test_a_picture_the_terminal_draws_is_sent_sharp(tmp_path: Path, sent: list[dict]) -> None:
    """Pictures are kept small for half-cells; the terminal gets one read at its own size."""
    deck = deck_with(tmp_path, "![stripes](stripes.png)")
    stripes = PILImage.new("L", (900, 300), 0)  # 90 cells across, drawn at its own size
    for x in range(0, 900, 4):
        stripes.paste(255, (x, 0, x + 2, 300))  # two pixels white, two black
    stripes.save(deck.parent / "stripes.png")
    app = make_app(deck, sync=False, watch=False, images="kitty")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
    data = "".join(message["payload"] for message in sent if message.get("f") == 100)
    picture = PILImage.open(io.BytesIO(base64.b64decode(data))).convert("L")
    row = [picture.getpixel((x, picture.height // 2)) for x in range(picture.width // 4, picture.width // 2)]
    assert min(row) < 20 and max(row) > 235  # the stripes, not a grey blur of them


async def test_sixel_graphics_draw_the_picture_over_its_blank_cells(tmp_path: Path) -> None:
    app = make_app(picture_deck(tmp_path), sync=False, watch=False, images="sixel")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.query_one("#slide")
        lines = [strip.text for strip in view.render_lines(Region(0, 0, view.size.width, view.size.height))]
        assert picture_rows(app.export_screenshot()) == 0 and PLACEHOLDER not in "".join(lines)
        first = next(n for n, line in enumerate(lines) if "Above the picture." in line) + 2  # a blank row, then the picture
        sixels = [n for n, line in enumerate(lines) if "\x1bP" in line]
        assert sixels == [first + 9]  # written once, after the picture's last row (10 rows)
        region = view.content_region
        x = region.x + (region.width - 40) // 2  # the picture is centred, 40 cells wide
        assert f"\x1b[{view.region.y + first + 1};{x + 1}H\x1bP" in lines[sixels[0]]  # drawn from its first cell
        await pilot.press("right")
        await pilot.pause()
        assert not any("\x1bP" in strip.text for strip in view.render_lines(Region(0, 0, view.size.width, view.size.height)))


async def test_images_none_names_each_picture_in_one_line(tmp_path: Path) -> None:
    app = make_app(picture_deck(tmp_path), sync=False, watch=False, images="none")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = shown(app.export_screenshot())
        assert "[image: flag (flag.png)]" in screen and PLACEHOLDER not in screen
        assert picture_rows(app.export_screenshot()) == 0


def test_auto_draws_half_cells_unless_a_terminal_with_kitty_graphics_shows_a_picture(tmp_path: Path) -> None:
    pictures = load_deck(picture_deck(tmp_path))
    (tmp_path / "other").mkdir()
    words = load_deck(deck_with(tmp_path / "other", "No picture."))
    assert choose_graphics("auto", words, {}) == "halfcell"  # no picture: the terminal is not asked
    assert choose_graphics("auto", pictures, {"TMUX": "/tmp/tmux-0/default,1,0"}) == "halfcell"
    assert choose_graphics("auto", pictures, {}) == "halfcell"  # the tests' stdout is no terminal
    assert choose_graphics("none", pictures, {}) == "none"
    assert choose_graphics("halfcell", pictures, {}) == "halfcell"
    assert choose_graphics("kitty", pictures, {}) == "kitty"
    assert choose_graphics("sixel", pictures, {}) == "sixel"


def test_a_long_deck_whose_first_picture_comes_after_its_first_slides_has_pictures(tmp_path: Path) -> None:
    """A long deck opens on its first slides: a picture on slide 30 counts as much as one on
    slide 1 when auto decides whether to ask the terminal how it draws pictures (it did not,
    and the deck's pictures were half-cells in kitty and Sixel terminals)."""
    later = "".join(f"\n\n---\n\n# Slide {k}\n\nText {k}." for k in range(40))
    deck = deck_with(tmp_path, f"No picture yet.{later}\n\n---\n\n# Photo\n\n![flag](flag.png)\n")
    two_colour_picture(deck.parent / "flag.png", size=(40, 20))
    opened = first_deck(deck_stages(deck))
    assert opened.partial and not any(list(pictures_on(slide)) for slide in opened.slides)
    assert has_pictures(opened)
    (tmp_path / "other").mkdir()
    words = deck_with(tmp_path / "other", f"No picture.{later}")
    assert not has_pictures(first_deck(deck_stages(words)))


def test_an_unknown_images_mode_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["show", str(picture_deck(tmp_path)), "--images", "sixels"])
    assert result.exit_code == 2 and "Invalid value for '--images'" in result.output


def test_in_256_colours_cells_the_terminal_shows_alike_are_written_once(tmp_path: Path) -> None:
    import os
    import re

    from rich.color import ColorSystem
    from rich.console import Console

    from presenter.render.picture import halfcell_lines
    from presenter.tui.pictures import halfcell_strips

    path = tmp_path / "sky.png"
    sky = PILImage.new("RGB", (400, 200))
    sky.putdata([(20 + x // 8, 80 + y // 16, 160 if (x // 40 + y // 50) % 2 else 60) for y in range(200) for x in range(400)])  # a slow gradient, in patches
    sky.save(path)
    stat = os.stat(path)
    version, columns, rows = (str(path), stat.st_size, stat.st_mtime_ns), 40, 10

    def written(colors: str) -> list[str]:
        """Each row as the terminal gets it."""
        console = Console(color_system=colors, force_terminal=True, width=columns)  # type: ignore[arg-type]
        return [strip.render(console) for strip in halfcell_strips(version, columns, rows, colors)]

    def shown(row: str) -> list[tuple[str, str]]:
        """Each cell's upper and lower colour, as the terminal shows the row."""
        cells = []
        for codes, text in re.findall(r"\x1b\[([\d;]+)m([^\x1b]+)", row):
            fg = re.search(r"(?:^|;)38;5;(\d+)", codes)
            bg = re.search(r"(?:^|;)48;5;(\d+)", codes)
            color, bgcolor = fg and fg.group(1), bg and bg.group(1)
            halves = {"▀": (color, bgcolor), "▄": (bgcolor, color), " ": (bgcolor, bgcolor), "█": (color, color)}
            cells += [halves[char] for char in text]
        return cells

    eight_bit = [  # every cell in the 256 colours the terminal shows it in
        [(str(s.style.color.downgrade(ColorSystem.EIGHT_BIT).number), str(s.style.bgcolor.downgrade(ColorSystem.EIGHT_BIT).number)) for s in line]
        for line in halfcell_lines(version, columns, rows)
    ]
    assert [shown(row) for row in written("256")] == eight_bit
    runs = sum(row.count("\x1b[") - row.count("\x1b[0m") for row in written("256"))
    assert runs < columns * rows // 2  # a code for each run, not each cell
    assert sum(row.count("\x1b[38") for row in written("truecolor")) > columns * rows // 2  # every colour kept


def test_in_256_colours_a_two_colour_pattern_is_written_as_one_run_a_row(tmp_path: Path) -> None:
    """A cell of two colours either way up, or of one colour on both halves, joins the run
    before it: a row of a checkerboard of two colours, then a stripe of one of them, takes
    one colour code."""
    import os

    from rich.console import Console

    from presenter.tui.pictures import halfcell_strips

    path = tmp_path / "board.png"
    columns, rows = 40, 10
    board = PILImage.new("RGB", (columns, rows * 2))
    colours = [(200, 40, 40), (40, 40, 200)]
    board.putdata([colours[(x + y) % 2] if x < 20 else colours[(y // 2) % 2] for y in range(rows * 2) for x in range(columns)])
    board.save(path)
    stat = os.stat(path)
    console = Console(color_system="256", force_terminal=True, width=columns)
    written = [strip.render(console) for strip in halfcell_strips((str(path), stat.st_size, stat.st_mtime_ns), columns, rows, "256")]
    for row in written:
        assert row.count("\x1b[") - row.count("\x1b[0m") == 1
        assert "▀▄▀▄" in row


def test_sixel_graphics_of_a_drawing_use_the_colours_sixel_has(tmp_path: Path) -> None:
    """A smooth gradient (a drawing's sky) is sent in most of Sixel's 256 colour registers,
    not banded into a few dozen; a photo keeps the fast quantizer, which fills them too."""
    import os
    import random
    import re

    from presenter.tui.pictures import sixel_data

    def registers(path: Path) -> int:
        stat = os.stat(path)
        data = sixel_data((str(path), stat.st_size, stat.st_mtime_ns), 40, 12)
        return len(set(re.findall(r"#(\d+);2;", data)))

    sky = tmp_path / "sky.png"
    image = PILImage.new("RGB", (640, 360))
    image.putdata([(20 + y // 3, 30 + y // 4, 90 + y // 3) for y in range(360) for _ in range(640)])  # 120 shades, top to bottom
    image.save(sky)
    assert registers(sky) >= 100
    noise = tmp_path / "noise.png"
    rng = random.Random(7)
    image.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(640 * 360)])
    image.save(noise)
    assert registers(noise) >= 200


def test_sixel_graphics_define_every_colour_before_the_first_pixel(tmp_path: Path) -> None:
    """xterm draws a Sixel picture whose colours are defined band by band with stripes of
    wrong colours across it; sent with every colour first, it draws it right."""
    import os
    import re

    from presenter.tui.pictures import colours_first, sixel_data

    path = tmp_path / "sky.png"
    image = PILImage.new("RGB", (320, 180))
    image.putdata([(20 + y // 2, 30 + y // 3, 90 + y // 2) for y in range(180) for _ in range(320)])
    image.save(path)
    stat = os.stat(path)
    data = sixel_data((str(path), stat.st_size, stat.st_mtime_ns), 32, 9)
    body = data[re.match(r'\x1bP[\d;]*q("[\d;]*)?', data).end() : -2]
    first_pixel = re.search(r"[?-~]", body).start()  # a sixel: six pixels of a column
    assert max(match.end() for match in re.finditer(r"#\d+;2;\d+;\d+;\d+", body)) <= first_pixel
    assert len(re.findall(r"#\d+;2;", data)) == len(set(re.findall(r"#(\d+);2;", data))) > 20  # each defined once
    redefined = '\x1bP0;0;0q"1;1;2;6#1;2;0;0;0!2~$#1;2;100;0;0!2~\x1b\\'
    assert colours_first(redefined) == redefined  # a register that changes colour stays where it is


@pytest.mark.parametrize(
    ("answer", "reads"),
    [
        (b"\x1b_Gi=31;OK\x1b\\\x1b[?62;4c", True),  # kitty 0.28 and later: the query answered, then DA1
        (b"\x1b[?62;c", False),  # kitty 0.26 refuses the placeholder key: DA1 alone
        (b"", False),  # no answer at all: the wait ends
    ],
)
def test_auto_uses_kittys_protocol_only_where_the_terminal_reads_its_placeholders(answer: bytes, reads: bool) -> None:
    """An older kitty says it draws pictures, then shows kitty's placeholders as boxes: it is
    asked with the placeholder key, in a terminal (a pseudo-terminal here) it answers."""
    import os
    import pty
    import termios
    import threading

    from presenter.graphics import reads_placeholders

    main, follower = pty.openpty()
    asked = []

    def terminal() -> None:  # reads the question, answers it
        asked.append(os.read(main, 1024))
        if answer:
            os.write(main, answer)

    thread = threading.Thread(target=terminal)
    thread.start()
    try:
        before = termios.tcgetattr(follower)
        assert reads_placeholders(follower, follower, timeout=0.3) is reads
        thread.join(2)
        assert b"U=1" in asked[0] and asked[0].endswith(b"\x1b[c")
        assert termios.tcgetattr(follower) == before  # echo and line editing as they were
    finally:
        os.close(main)
        os.close(follower)

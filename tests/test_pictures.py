"""Pictures on slides: drawn in half-cell blocks where they can be, a placeholder that says
why where they cannot, and never a file from outside the deck's folder."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image as PILImage

from presenter.cli import cli
from presenter.export import FORMATS
from presenter.export.markdown import export_markdown
from presenter.sources import load_deck
from presenter.tui.app import make_app
from tests.conftest import SLIDES

TWO_COLOURS = ((255, 0, 0), (0, 0, 255))  # red above blue


def two_colour_picture(path: Path, size: tuple[int, int] = (200, 100), fmt: str | None = None) -> Path:
    picture = PILImage.new("RGB", size, TWO_COLOURS[1])
    picture.paste(TWO_COLOURS[0], (0, 0, size[0], size[1] // 2))
    picture.save(path, format=fmt)
    return path


def deck_with(tmp_path: Path, body: str) -> Path:
    deck = tmp_path / "talk" / "deck.md"
    deck.parent.mkdir(exist_ok=True)
    deck.write_text(f"# Picture\n\n{body}\n", encoding="utf-8")
    return deck


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def svg_page(deck_path: Path, width: int) -> str:
    """The SVG export of the deck's first slide."""
    return next(iter(FORMATS["svg"](load_deck(deck_path), width=width).values())).decode("utf-8")


def shown(svg: str) -> str:
    """The characters an SVG shows."""
    return html.unescape("".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S))).replace("\xa0", " ")


def svg_pictures(svg: str) -> list[tuple[int, PILImage.Image]]:
    """Each picture an SVG export draws from its pixels: its width in cells, and the picture."""
    import base64
    import io

    from presenter.export.svg import FONT_ASPECT_RATIO

    cell = 20 * FONT_ASPECT_RATIO  # Rich draws a cell 20 units tall
    found = re.findall(r'<image x="[^"]+" y="[^"]+" width="([^"]+)"[^>]*href="data:image/png;base64,([^"]+)"', svg)
    return [(round(float(width) / cell), PILImage.open(io.BytesIO(base64.b64decode(data))).convert("RGB")) for width, data in found]


def picture_rows(screen_svg: str) -> int:
    """Rows of half blocks in a screenshot."""
    return len({y for y, text in re.findall(r'<text[^>]*\by="([^"]+)"[^>]*>(.*?)</text>', screen_svg, flags=re.S) if "▀" in text})


async def test_a_picture_is_drawn_in_its_colours_and_fits_the_window(tmp_path: Path) -> None:
    deck = deck_with(tmp_path, "Above the picture.\n\n![flag](flag.png)")
    two_colour_picture(deck.parent / "flag.png", size=(1000, 500))  # its own size: 100 columns, 25 rows
    app = make_app(deck, sync=False, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        big = app.export_screenshot()
        assert "#ff0000" in big and "#0000ff" in big  # the upper and lower halves of the cells
        assert "Above the picture." in shown(big)
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        small = app.export_screenshot()
        assert 0 < picture_rows(small) < picture_rows(big) <= 30 - 6  # it shrinks with the window
        assert "1 / 1" in shown(small)  # one piece: the picture made room for the text


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "WEBP"])
def test_each_picture_format_is_drawn(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "talk").mkdir()
    two_colour_picture(tmp_path / "talk" / f"flag.{fmt.lower()}", fmt=fmt)
    svg = svg_page(deck_with(tmp_path, f"![flag](flag.{fmt.lower()})"), 60)
    ((_columns, picture),) = svg_pictures(svg)
    top, bottom = picture.getpixel((0, 0)), picture.getpixel((0, picture.height - 1))
    assert all(abs(a - b) < 24 for a, b in zip(top + bottom, TWO_COLOURS[0] + TWO_COLOURS[1]))  # (JPEG, WebP: near)
    assert "cannot" not in shown(svg)


def test_pictures_that_cannot_be_shown_say_why_with_their_line(tmp_path: Path, monkeypatch) -> None:
    talk = tmp_path / "talk"
    talk.mkdir()
    (talk / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    two_colour_picture(talk / "huge.png")
    two_colour_picture(tmp_path / "secret.png")  # exists, but outside the deck's folder
    os.mkfifo(talk / "pipe.png")  # never opened: reading it would wait forever
    monkeypatch.setattr(PILImage, "MAX_IMAGE_PIXELS", 1000)  # 200x100 is then a decompression bomb
    deck = deck_with(
        tmp_path,
        "![gone](missing.png)\n\n![bad](broken.png)\n\n![bomb](huge.png)\n\n![web](https://example.com/a.png)\n\n"
        "![secret](../secret.png)\n\n![pipe](pipe.png)",
    )
    result = run("check", str(deck))
    assert result.exit_code == 0, result.output
    assert [line for line in result.stdout.splitlines() if "image" in line] == [
        "warning: line 3: image missing: missing.png",
        "warning: line 5: image cannot read broken.png: " + _pillow_reason(talk / "broken.png"),
        "warning: line 7: image too many pixels: huge.png",
        "warning: line 9: image not fetched: https://example.com/a.png",
        "warning: line 11: image outside the deck's folder: ../secret.png",
        "warning: line 13: image not a file: pipe.png",
    ]
    svg = shown(svg_page(deck, 100))
    for reason in ("missing: missing.png", "too many pixels: huge.png", "not fetched", "outside the deck", "not a file"):
        assert reason in svg
    assert "▀" not in svg
    text = run("export", str(deck)).stdout
    assert "[image: gone (missing.png)]" in text and "[image: secret (../secret.png)]" in text


def _pillow_reason(path: Path) -> str:
    try:
        PILImage.open(path).load()
    except Exception as error:  # whatever Pillow says about this file, first line
        return str(error).splitlines()[0] if str(error) else type(error).__name__
    raise AssertionError("the broken file opened")


def test_a_picture_outside_the_deck_folder_never_reaches_an_export(tmp_path: Path) -> None:
    secret = PILImage.new("RGB", (100, 60), (0x12, 0x34, 0x56))
    secret.save(tmp_path / "secret.png")
    (tmp_path / "talk").mkdir()
    os.symlink(tmp_path / "secret.png", tmp_path / "talk" / "link.png")  # a link out is outside too
    deck = load_deck(deck_with(tmp_path, f"![a](../secret.png)\n\n![b]({tmp_path / 'secret.png'})\n\n![c](link.png)"))
    page = FORMATS["html"](deck, width=80)
    assert "#123456" not in page.lower() and page.count("outside the deck") == 3


def test_an_svg_picture_may_not_load_other_files(tmp_path: Path) -> None:
    pytest.importorskip("cairosvg")
    talk = tmp_path / "talk"
    talk.mkdir()
    (talk / "ok.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="red"/></svg>')
    (talk / "peek.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20">'
        f'<image xlink:href="file://{tmp_path}/secret.png" width="40" height="20"/></svg>'
    )
    two_colour_picture(tmp_path / "secret.png")
    svg = svg_page(deck_with(tmp_path, "![ok](ok.svg)\n\n![peek](peek.svg)"), 60)
    ((_columns, picture),) = svg_pictures(svg)  # the plain SVG is drawn
    assert picture.getpixel((picture.width // 2, picture.height // 2)) == (255, 0, 0)
    assert "may not load" in shown(svg)


def test_the_markdown_export_keeps_the_picture_as_written(tmp_path: Path) -> None:
    deck = load_deck(deck_with(tmp_path, "![image:width:50%](a.png)\n\n![A chart](img/chart.png)"))
    markdown = export_markdown(deck)
    assert "![image:width:50%](a.png)" in markdown and "![A chart](img/chart.png)" in markdown


def test_a_width_share_sets_the_picture_width(tmp_path: Path) -> None:
    (tmp_path / "talk").mkdir()
    two_colour_picture(tmp_path / "talk" / "wide.png", size=(2000, 200))
    widths = {}
    for share in ("25", "50"):
        ((widths[share], _picture),) = svg_pictures(svg_page(deck_with(tmp_path, f"![image:width:{share}%](wide.png)"), 80))
    assert widths == {"25": 20, "50": 40}


def test_the_tour_draws_its_picture() -> None:
    deck = load_deck(SLIDES / "tour.md")
    (slide,) = [s for s in deck.slides if s.title == "Pictures"]
    assert sum(len(svg_pictures(page.decode("utf-8"))) for page in FORMATS["svg"](deck, width=80).values()) == 1
    assert "[image: The Shanghai skyline at dusk (skyline.png)]" in FORMATS["text"](deck, width=80)
    assert slide.blocks[-1].file == str(SLIDES / "skyline.png")


def test_the_html_export_embeds_the_picture_itself(tmp_path: Path) -> None:
    import base64
    import io

    deck = deck_with(tmp_path, "![A flag](flag.png)")
    two_colour_picture(deck.parent / "flag.png")
    page = FORMATS["html"](load_deck(deck), width=80)
    assert "img-src data:;" in page  # the policy allows embedded pictures, nothing fetched
    (encoded,) = re.findall(r'<img style="[^"]+" alt="A flag" src="data:image/png;base64,([^"]+)">', page)
    picture = PILImage.open(io.BytesIO(base64.b64decode(encoded))).convert("RGB")
    assert picture.getpixel((0, 0)) == TWO_COLOURS[0] and picture.getpixel((0, picture.height - 1)) == TWO_COLOURS[1]


async def test_a_pause_after_a_picture_does_not_resize_it(tmp_path: Path) -> None:
    deck = deck_with(tmp_path, "Above the picture.\n\n![flag](flag.png)\n\n<!-- pause -->\n\n- one\n- two\n- three\n- four")
    two_colour_picture(deck.parent / "flag.png", size=(1000, 500))  # taller than the room it has
    app = make_app(deck, sync=False, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        before = picture_rows(app.export_screenshot())
        await pilot.press("right")
        await pilot.pause()
        after = app.export_screenshot()
        assert "four" in shown(after)
        assert picture_rows(after) == before > 0  # sized for the whole slide from the start


def test_an_export_embeds_a_photo_as_a_jpeg_and_a_drawing_as_a_png(tmp_path: Path) -> None:
    """A photo's many colours make a PNG several times a JPEG's size; a drawing's few keep
    their edges in a PNG."""
    import random

    deck = deck_with(tmp_path, "![A photo](photo.png)\n\n---\n\n# Drawing\n\n![A flag](flag.png)")
    rng = random.Random(3)
    photo = PILImage.new("RGB", (320, 180))
    photo.putdata([(x + rng.randrange(40), y + rng.randrange(40), 120 + rng.randrange(40)) for y in range(180) for x in range(320)])
    photo.save(deck.parent / "photo.png")
    two_colour_picture(deck.parent / "flag.png")
    page = FORMATS["html"](load_deck(deck), width=80)
    assert re.findall(r'alt="A photo" src="data:image/(\w+);', page) == ["jpeg"]
    assert re.findall(r'alt="A flag" src="data:image/(\w+);', page) == ["png"]

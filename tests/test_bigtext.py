"""Block letters for the title slide, rendered at fixed widths and compared exactly."""

from __future__ import annotations

import io

from rich.console import Console
from rich.measure import Measurement

from presenter.render.bigtext import FONT, BigText, glyph


def render(renderable, width: int) -> list[str]:
    console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False, _environ={})
    with console.capture() as capture:
        console.print(renderable)
    return [line.rstrip() for line in capture.get().split("\n")][:-1]


HI = [
    "█  █ ▀█▀",
    "█▀▀█  █",
    "▀  ▀ ▀▀▀",
]


def test_a_short_word_in_block_letters() -> None:
    assert render(BigText("Hi", justify="left"), 20) == HI


def test_lowercase_is_drawn_as_capitals() -> None:
    assert render(BigText("hi", justify="left"), 20) == render(BigText("HI", justify="left"), 20)


def test_centred_by_default() -> None:
    assert render(BigText("Hi"), 20) == [" " * 6 + line for line in HI]


def test_words_share_a_line_while_they_fit_then_wrap() -> None:
    rows = ("█  █ ▀█▀", "█▀▀█  █ ", "▀  ▀ ▀▀▀")
    assert render(BigText("Hi Hi", justify="left"), 19) == [(row + "   " + row).rstrip() for row in rows]
    assert render(BigText("Hi Hi", justify="left"), 18) == HI + HI


def test_digits_and_punctuation() -> None:
    assert render(BigText("1.5!", justify="left"), 40) == [
        "▄█    █▀▀▀ █",
        " █    ▀▀▀▄ ▀",
        "▀▀▀ ▀ ▀▀▀  ▀",
    ]


def test_a_character_outside_the_font_falls_back_to_ordinary_text() -> None:
    assert glyph("上") is None
    assert render(BigText("上海 Hub", justify="left"), 40) == ["上海 Hub"]


def test_too_narrow_falls_back_to_ordinary_text() -> None:
    assert render(BigText("Hi", justify="left"), 7) == ["Hi"]


def test_measure() -> None:
    console = Console(width=80, _environ={})
    assert Measurement.get(console, console.options, BigText("Hi Hi")) == Measurement(8, 19)
    narrow = console.options.update_width(5)
    assert Measurement.get(console, narrow, BigText("Hi")) == Measurement(2, 2)
    assert Measurement.get(console, console.options, BigText("上海")) == Measurement(4, 4)


def test_font_covers_letters_digits_and_punctuation() -> None:
    for character in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.,!?:;-'\"()/%&+_’—":
        assert glyph(character) is not None, character
    for rows in FONT.values():
        assert len(rows) == 5 and len({len(row) for row in rows}) == 1


def test_repr_and_deterministic() -> None:
    assert repr(BigText("A  Tour")) == "BigText('A Tour')"
    assert render(BigText("Tour 2025"), 60) == render(BigText("Tour 2025"), 60)

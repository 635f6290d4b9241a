"""Large block letters for a deck title, drawn with half-block characters.

Each glyph is 5 pixels high; two pixel rows share one line of text (``▀``, ``▄``, ``█``), so a
line of big text takes 3 lines of terminal. Words wrap onto further big lines. Text the font
cannot draw (CJK, say), or a word wider than the space, falls back to ordinary text.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, JustifyMethod, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text

_GLYPHS = """
A .##. #..# #### #..# #..#
B ###. #..# ###. #..# ###.
C .### #... #... #... .###
D ###. #..# #..# #..# ###.
E #### #... ###. #... ####
F #### #... ###. #... #...
G .### #... #.## #..# .###
H #..# #..# #### #..# #..#
I ### .#. .#. .#. ###
J ..## ...# ...# #..# .##.
K #..# #.#. ##.. #.#. #..#
L #... #... #... #... ####
M #...# ##.## #.#.# #...# #...#
N #...# ##..# #.#.# #..## #...#
O .##. #..# #..# #..# .##.
P ###. #..# ###. #... #...
Q .##. #..# #..# #.#. .#.#
R ###. #..# ###. #.#. #..#
S .### #... .##. ...# ###.
T ##### ..#.. ..#.. ..#.. ..#..
U #..# #..# #..# #..# .##.
V #...# #...# #...# .#.#. ..#..
W #...# #...# #.#.# ##.## #...#
X #...# .#.#. ..#.. .#.#. #...#
Y #...# .#.#. ..#.. ..#.. ..#..
Z #### ...# .##. #... ####
0 .##. #..# #.## ##.# .##.
1 .#. ##. .#. .#. ###
2 ###. ...# .##. #... ####
3 ###. ...# .##. ...# ###.
4 #..# #..# #### ...# ...#
5 #### #... ###. ...# ###.
6 .##. #... ###. #..# .##.
7 #### ...# ..#. .#.. .#..
8 .##. #..# .##. #..# .##.
9 .##. #..# .### ...# .##.
. . . . . #
, . . . # #
! # # # . #
? ###. ...# .##. .... .#..
: . # . # .
; . # . # #
- ... ... ### ... ...
+ ... .#. ### .#. ...
' # # . . .
" #.# #.# ... ... ...
( .# #. #. #. .#
) #. .# .# .# #.
/ ..# ..# .#. #.. #..
% #..# ...# ..#. .#.. #..#
& .##. #..# .##. #.#. .#.#
_ .... .... .... .... ####
"""

#: Each character's pixel rows ("#" on, "." off), all 5 rows of one width.
FONT: dict[str, tuple[str, ...]] = {
    line[0]: tuple(line[2:].split()) for line in _GLYPHS.strip().splitlines()
}
#: Characters drawn with another's glyph: lowercase as capitals, typographic punctuation.
ALIASES = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"}

HEIGHT = 5
LETTER_GAP = 1
WORD_GAP = 3
_HALF_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def glyph(character: str) -> tuple[str, ...] | None:
    """The pixel rows of ``character``, or None if the font lacks it."""
    character = ALIASES.get(character, character)
    return FONT.get(character.upper()) if character.upper() in FONT else FONT.get(character)


def word_width(word: str) -> int:
    return sum(len(glyph(c)[0]) for c in word) + LETTER_GAP * (len(word) - 1)  # type: ignore[index]


def render_word_line(words: list[str]) -> list[str]:
    """One line of big words as 3 lines of half-block characters, all of the same width."""
    rows = [""] * HEIGHT
    for index, word in enumerate(words):
        for position, character in enumerate(word):
            pixels = glyph(character)
            assert pixels is not None
            gap = WORD_GAP if index and not position else (LETTER_GAP if position else 0)
            for row in range(HEIGHT):
                rows[row] += "." * gap + pixels[row]
    rows.append("." * len(rows[0]))  # the lower half of the last line of text is empty
    lines = []
    for top, bottom in zip(rows[0::2], rows[1::2]):
        lines.append("".join(_HALF_BLOCKS[a == "#", b == "#"] for a, b in zip(top, bottom)))
    return lines


class BigText:
    """``text`` in block letters where it fits, else as ordinary text in the same style."""

    def __init__(self, text: str, *, style: Style | str = "", justify: JustifyMethod = "center") -> None:
        self.text = " ".join(text.split())
        self.style = style
        self.justify = justify

    def __repr__(self) -> str:
        return f"BigText({self.text!r})"

    @property
    def drawable(self) -> bool:
        """True when the font has every character of the text."""
        return bool(self.text) and all(glyph(c) is not None for c in self.text.replace(" ", ""))

    def _wrap(self, width: int) -> list[list[str]] | None:
        """Words grouped into big lines no wider than ``width``; None if it cannot be drawn."""
        if not self.drawable:
            return None
        lines: list[list[str]] = []
        used = 0
        for word in self.text.split(" "):
            size = word_width(word)
            if size > width:
                return None
            if lines and used + WORD_GAP + size <= width:
                lines[-1].append(word)
                used += WORD_GAP + size
            else:
                lines.append([word])
                used = size
        return lines

    def _plain(self) -> Text:
        return Text(self.text, style=self.style, justify=self.justify)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        wrapped = self._wrap(options.max_width)
        if wrapped is None:
            yield self._plain()
            return
        for words in wrapped:
            for line in render_word_line(words):
                yield Text(line, style=self.style, justify=self.justify, no_wrap=True, overflow="crop")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        if not self.drawable:
            return Measurement.get(console, options, self._plain())
        sizes = [word_width(word) for word in self.text.split(" ")]
        widest = max(sizes)
        whole = sum(sizes) + WORD_GAP * (len(sizes) - 1)
        if widest > options.max_width:  # drawn as plain text
            return Measurement.get(console, options, self._plain())
        return Measurement(widest, min(whole, options.max_width))

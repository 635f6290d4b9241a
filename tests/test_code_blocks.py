"""Code blocks as presenterm and ``slides`` authors write them: hidden lines, ``+line_numbers``,
``{1-4|all}`` highlight steps, and the other ``+attributes`` kept and reported."""

from __future__ import annotations

import html
import re
from dataclasses import replace

from presenter.check import check_report, format_report
from presenter.export.markdown import export_markdown
from presenter.export.text import export_text
from presenter.fit import fit_slide
from presenter.model import Code
from presenter.navigation import Navigator
from presenter.render.console import fixed_console
from presenter.render.slide import SlideRenderable, pause_count
from presenter.sources.codeinfo import parse_info
from presenter.sources.markdown import parse_markdown
from presenter.tui.app import make_app

RUST = """## Adding

```rust +line_numbers
# fn main() {
#
let sum = 1 + 2;
#[allow(unused)]
/// Doc comments are the author's text.
println!("{sum}");
# }
```
"""

SLIDES_DECK = """## Shell

```bash
/// cd /tmp/setup
ls -la
```

```python
# a comment stays
print(1)
```
"""

STEPS = """## Steps

```rust {1|2|all} +line_numbers
let a = 1;
let b = 1;
```

Below the code.

<!-- pause -->

Last.
"""


def code_lines(text: str) -> list[str]:
    """The lines inside code panels, without the borders."""
    return [line.strip("│ ").rstrip() for line in text.splitlines() if line.startswith("│")]


def test_hidden_lines_are_not_shown_but_written_back() -> None:
    deck = parse_markdown(RUST)
    text = export_text(deck, width=60)
    assert code_lines(text) == [
        "1 let sum = 1 + 2;", "2 #[allow(unused)]", "3 /// Doc comments are the author's text.", '4 println!("{sum}");'
    ]
    markdown = export_markdown(deck)
    assert "```rust +line_numbers\n# fn main() {\n#\nlet sum = 1 + 2;\n#[allow(unused)]\n/// Doc comments" in markdown
    back = parse_markdown(markdown).slides[0].blocks
    assert [replace(b, lines=None) for b in back] == [replace(b, lines=None) for b in deck.slides[0].blocks]


def test_slides_hides_triple_slash_lines_in_any_language_but_hash_only_in_rust() -> None:
    deck = parse_markdown(SLIDES_DECK)
    text = export_text(deck, width=60)
    assert "cd /tmp/setup" not in text and "ls -la" in text
    assert "# a comment stays" in text
    assert "/// cd /tmp/setup" in export_markdown(deck)


def test_line_numbers_show_in_the_text_export() -> None:
    deck = parse_markdown("## N\n\n```python +line_numbers\nx = 1\ny = 2\n```\n")
    assert code_lines(export_text(deck, width=40)) == ["1 x = 1", "2 y = 2"]
    plain = parse_markdown("## N\n\n```python\nx = 1\ny = 2\n```\n")
    assert code_lines(export_text(plain, width=40)) == ["x = 1", "y = 2"]


def test_the_info_string_is_split_into_language_highlight_and_attributes() -> None:
    info = parse_info("rust {1-4, 6 | all} +line_numbers +exec +id:setup")
    assert (info.language, info.attributes) == ("rust", ("line_numbers", "exec", "id:setup"))
    assert info.highlight_groups == (((1, 4), (6, 6)), ())
    assert parse_info("{python}").language == "{python}", "Quarto's braces stay a language"
    deck = parse_markdown("## C\n\n```rust {1-4|all} +line_numbers +exec_replace\nfn f() {}\n```\n")
    block = deck.slides[0].blocks[0]
    assert isinstance(block, Code) and block.language == "rust" and block.attributes == ("line_numbers", "exec_replace")
    assert "```rust {1-4|all} +line_numbers +exec_replace\n" in export_markdown(deck)


def test_check_names_unsupported_attributes() -> None:
    deck = parse_markdown("## C\n\n```bash +acquire_terminal +exec +line_numbers\nls\n```\n\n```rust {1|x}\nz\n```\n")
    report = format_report(check_report(deck))
    assert "line 3: 'bash +acquire_terminal +exec +line_numbers' (not supported yet: code +acquire_terminal)" in report
    assert "code +line_numbers" not in report and "code +exec" not in report
    assert "warning: line 7: code highlight {1|x} is not understood" in report


def test_highlight_groups_are_steps_of_the_slide() -> None:
    slide = parse_markdown(STEPS).slides[0]
    assert pause_count(slide) == 3  # two highlight moves, then the pause
    navigator = Navigator(1, lambda index: (slide,))
    place = navigator.arrive(0)
    steps = [place.step]
    while (place := navigator.forward(place)) is not None:
        steps.append(place.step)
    assert steps == [0, 1, 2, 3]


def test_a_tall_slide_keeps_its_highlight_steps_with_the_code() -> None:
    items = "\n".join(f"- point number {n}" for n in range(30))
    slide = parse_markdown(f"## Tall\n\n{items}\n\n```rust {{1|2|all}}\nlet a = 1;\nlet b = 1;\n```\n").slides[0]
    pieces = fit_slide(slide, 60, 20)
    assert len(pieces) > 1
    assert [pause_count(piece) for piece in pieces] == [0] * (len(pieces) - 1) + [2]
    navigator = Navigator(1, lambda index: pieces)
    place, places = navigator.arrive(0), []
    while place is not None:
        places.append((place.part, place.step))
        place = navigator.forward(place)
    last = len(pieces) - 1
    assert places[-3:] == [(last, 0), (last, 1), (last, 2)]


def _ansi_lines(slide, step: int | None) -> list[str]:
    console = fixed_console(50, color=True)
    console.print(SlideRenderable(slide, step=step))
    return [line for line in console.file.getvalue().splitlines() if "let" in line]


def test_a_step_draws_the_other_lines_muted() -> None:
    slide = parse_markdown(STEPS).slides[0]
    muted = "38;5;244"  # grey50, the palette's muted colour
    first = _ansi_lines(slide, 0)
    assert "❱" in first[0] and "❱" not in first[1]
    assert f"{muted};49mlet" not in first[0] and f"{muted};49mlet" in first[1]
    second = _ansi_lines(slide, 1)
    assert f"{muted};49mlet" in second[0] and f"{muted};49mlet" not in second[1] and "❱" in second[1]
    final = _ansi_lines(slide, None)
    assert not any("❱" in line or f"{muted};49mlet" in line for line in final), "exports show the last step: all lines"
    assert "Below the code." in export_text(parse_markdown(STEPS), width=50)


def _let_fills(app) -> list[str]:
    """The colour of ``let`` on each code line on screen, as the screenshot draws it."""
    svg = app.export_screenshot()
    fills = dict(re.findall(r"\.(terminal-[\w-]+) \{ fill: (#[0-9a-f]{6})", svg))
    texts = re.findall(r'<text class="([^"]+)"[^>]*>([^<]*)</text>', svg)
    return [fills[cls] for cls, text in texts if html.unescape(text).startswith("let")]


async def test_the_app_moves_the_highlight_on_each_key_press() -> None:
    app = make_app(parse_markdown(STEPS))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lit, dim = _let_fills(app)
        assert lit != dim
        await pilot.press("right")
        await pilot.pause()
        assert _let_fills(app) == [dim, lit]
        await pilot.press("right")
        await pilot.pause()
        assert _let_fills(app) == [lit, lit]
        await pilot.press("left")
        await pilot.pause()
        assert _let_fills(app) == [dim, lit]

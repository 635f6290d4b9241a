"""Generated decks for the benchmarks: articles and Markdown decks of a given number of slides.

Every deck opens on a title slide whose subtitle carries :data:`SUBTITLE` (the launch probe
looks for it), and content slide ``k`` (1-based, slide ``k + 1`` of the deck) is titled
:func:`slide_title` ``(k)``, a string found nowhere else in the deck, so a poll of the screen
can tell exactly which slide is showing. Sections are short enough that neither the parser
nor the app splits them at 80x24 or larger: an ``n``-slide deck has exactly ``n`` slides.
"""

from __future__ import annotations

from pathlib import Path

#: Shown on the title slide of every generated deck (and of the bare Textual baseline).
SUBTITLE = "Generated deck for the presenter benchmarks"
TITLE = "Benchmark Deck"

_BODY = (
    "Harbour traffic grew steadily through the year, and the port authority expects "
    "the new terminal to lift capacity by {pct}% once the dredging work is finished."
)
_ITEMS = ("Cranes replaced on the east quay", "Rail link to the inland depot", "Night shifts for customs")


def slide_title(k: int) -> str:
    """The title of content slide ``k`` (1-based): unique, and title-like for the article parser."""
    return f"Section S{k:05d}X Review"


def article(slides: int) -> str:
    """A plain-text article that presents as ``slides`` slides (the title slide included)."""
    parts = [f"---\ntitle: {TITLE}\n---\n", f"{SUBTITLE}.\n"]
    for k in range(1, slides):
        parts.append(f"{slide_title(k)}\n{_BODY.format(pct=k % 90 + 5)}\n")
        parts.append("\n".join(f"- {item}" for item in _ITEMS) + "\n")
    return "\n".join(parts)


def markdown(slides: int) -> str:
    """A Markdown deck of ``slides`` slides (the title slide from front matter included)."""
    parts = [f"---\ntitle: {TITLE}\nsubtitle: {SUBTITLE}\n---\n"]
    for k in range(1, slides):
        body = _BODY.format(pct=k % 90 + 5)
        items = "\n".join(f"- {item}" for item in _ITEMS)
        parts.append(f"# {slide_title(k)}\n\n{body}\n\n{items}\n\n---\n")
    return "\n".join(parts).rstrip("-\n") + "\n"


_STYLED_BODY = (
    "Harbour traffic grew **steadily** through the year, and the *port authority* expects "
    "the `new terminal` to lift capacity by {pct}% once the [dredging work](https://example.com/{k}) is finished."
)
_STYLED_ITEMS = "1. Cranes replaced on the **east quay**\n2. Rail link to the *inland depot*\n   - night shifts for `customs`"
_STYLED_QUOTE = '> "We expect more ships next year," said Dr. Li Wei, director of the port.'


def styled_markdown(slides: int) -> str:
    """:func:`markdown` with the markup real decks carry: bold, italic, code, a link, a
    numbered list with a nested item, a quote and a speaker note on every slide (so that
    markdown-it parses every piece, where the plain deck's pieces take a faster path)."""
    parts = [f"---\ntitle: {TITLE}\nsubtitle: {SUBTITLE}\n---\n"]
    for k in range(1, slides):
        body = _STYLED_BODY.format(pct=k % 90 + 5, k=k)
        note = f"<!-- speaker_note: mention slide {k} -->"
        parts.append(f"# {slide_title(k)}\n\n{body}\n\n{_STYLED_ITEMS}\n\n{_STYLED_QUOTE}\n\n{note}\n\n---\n")
    return "\n".join(parts).rstrip("-\n") + "\n"


KINDS = {"article": (article, ".txt"), "markdown": (markdown, ".md"), "styled": (styled_markdown, ".md")}
"""Deck kinds: a plain article, a plain Markdown deck, a Markdown deck with inline markup."""


def write_decks(
    directory: Path, sizes: tuple[int, ...], kinds: tuple[str, ...] = tuple(KINDS)
) -> dict[tuple[str, int], Path]:
    """Write a deck of each kind and size; return ``{(kind, size): path}``."""
    directory.mkdir(parents=True, exist_ok=True)
    out = {}
    for size in sizes:
        for kind in kinds:
            make, suffix = KINDS[kind]
            path = directory / f"deck-{kind}-{size}{suffix}"
            path.write_text(make(size), encoding="utf-8")
            out[(kind, size)] = path
    return out

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


def write_decks(directory: Path, sizes: tuple[int, ...]) -> dict[tuple[str, int], Path]:
    """Write an article and a Markdown deck of each size; return ``{(kind, size): path}``."""
    directory.mkdir(parents=True, exist_ok=True)
    out = {}
    for size in sizes:
        for kind, make, suffix in (("article", article, ".txt"), ("markdown", markdown, ".md")):
            path = directory / f"deck-{kind}-{size}{suffix}"
            path.write_text(make(size), encoding="utf-8")
            out[(kind, size)] = path
    return out

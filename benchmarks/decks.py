"""Generated decks for the benchmarks: articles and Markdown decks of a given number of slides.

Every deck opens on a title slide whose subtitle carries :data:`SUBTITLE` (the launch probe
looks for it), and content slide ``k`` (1-based, slide ``k + 1`` of the deck) is titled
:func:`slide_title` ``(k)``, a string found nowhere else in the deck, so a poll of the screen
can tell exactly which slide is showing. Sections are short enough that neither the parser
nor the app splits them at 80x24 or larger: an ``n``-slide deck has exactly ``n`` slides.

The pictures deck (:func:`write_pictures_deck`) is the exception to sizes: a title slide and
``photos`` slides, each with a 1920x1080 photo-like JPEG written beside the deck.
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

#: The deck of photos (:func:`write_pictures_deck`): a kind of its own, written once at
#: ``photos`` photo slides whatever the sizes asked for.
PICTURES = "pictures"
PHOTO_SIZE = (1920, 1080)


def photo(k: int, size: tuple[int, int] = PHOTO_SIZE):
    """A photo-like RGB picture, different for each ``k``: colour gradients, soft shapes and
    sensor-like grain, so that it compresses (and decodes) like a photo, not like a flat
    drawing. Deterministic."""
    import random

    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    rng = random.Random(k)
    width, height = size
    # sky-to-ground gradients: one per channel, each turned its own way
    channels = []
    for _ in range(3):
        gradient = Image.radial_gradient("L") if rng.random() < 0.4 else Image.linear_gradient("L")
        gradient = gradient.rotate(rng.uniform(0, 360), resample=Image.Resampling.BICUBIC, expand=False, fillcolor=rng.randrange(256))
        channels.append(gradient.resize(size, Image.Resampling.BICUBIC))
    picture = Image.merge("RGB", channels)
    draw = ImageDraw.Draw(picture, "RGBA")
    for _ in range(rng.randint(25, 40)):  # hills, windows, leaves: shapes of many sizes
        x, y = rng.randrange(-200, width), rng.randrange(-200, height)
        w, h = rng.randrange(20, 700), rng.randrange(20, 500)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256), rng.randrange(90, 230))
        shape = rng.randrange(3)
        if shape == 0:
            draw.ellipse((x, y, x + w, y + h), fill=colour)
        elif shape == 1:
            draw.rectangle((x, y, x + w, y + h), fill=colour)
        else:
            draw.polygon([(x + rng.randrange(w), y + rng.randrange(h)) for _ in range(rng.randint(3, 7))], fill=colour)
    picture = picture.filter(ImageFilter.GaussianBlur(1.5))  # a lens's softness
    grain = Image.merge("RGB", [Image.effect_noise(size, 18) for _ in range(3)])
    return ImageChops.add(picture, grain, scale=1.0, offset=-128)  # noise centred on 128: +/- grain


def photo_name(k: int) -> str:
    return f"photo-{k:02d}.jpg"


def pictures_markdown(photos: int) -> str:
    """A Markdown deck of a title slide and ``photos`` slides, each with a title
    (:func:`slide_title`), one line of text and the photo :func:`photo_name` ``(k)``."""
    parts = [f"---\ntitle: {TITLE}\nsubtitle: {SUBTITLE}\n---\n"]
    for k in range(1, photos + 1):
        parts.append(f"# {slide_title(k)}\n\nThe east quay at dawn, seen from pier {k}.\n\n![Photo {k}]({photo_name(k)})\n\n---\n")
    return "\n".join(parts).rstrip("-\n") + "\n"


def write_pictures_deck(directory: Path, photos: int) -> Path:
    """Write :func:`pictures_markdown` and its ``photos`` JPEGs (1920x1080) beside it."""
    directory.mkdir(parents=True, exist_ok=True)
    for k in range(1, photos + 1):
        photo(k).save(directory / photo_name(k), "JPEG", quality=85)
    path = directory / f"deck-{PICTURES}-{photos}.md"
    path.write_text(pictures_markdown(photos), encoding="utf-8")
    return path


def deck_slides(kind: str, size: int) -> int:
    """Slides in the deck written as ``(kind, size)``: ``size``, or for the pictures deck
    ``size`` photo slides after the title slide."""
    return size + 1 if kind == PICTURES else size


def write_decks(
    directory: Path, sizes: tuple[int, ...], kinds: tuple[str, ...] = tuple(KINDS), *, photos: int = 20
) -> dict[tuple[str, int], Path]:
    """Write a deck of each kind and size; return ``{(kind, size): path}``. The pictures
    kind is written once, as ``(PICTURES, photos)``."""
    directory.mkdir(parents=True, exist_ok=True)
    out = {}
    for size in sizes:
        for kind in kinds:
            if kind == PICTURES:
                continue
            make, suffix = KINDS[kind]
            path = directory / f"deck-{kind}-{size}{suffix}"
            path.write_text(make(size), encoding="utf-8")
            out[(kind, size)] = path
    if PICTURES in kinds:
        out[(PICTURES, photos)] = write_pictures_deck(directory, photos)
    return out

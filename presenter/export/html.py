"""HTML export: one self-contained page, every slide in the theme's colours.

The page fetches nothing: no external CSS, script, font or image, and a
Content-Security-Policy says so to the browser (``default-src 'none'``; the one inline
script is allowed by its hash). A picture on a slide is a PNG in a ``data:`` URI, laid
over the half-cell blocks that draw it in the slide's text. A link in the deck to an http, https or mailto URL is an
``<a href rel="noopener noreferrer">`` a reader can follow, opened only when clicked; any
other URL is written after its label, as in the text export. Every piece of deck text is
HTML-escaped.

With JavaScript off, the slides stack vertically, each under its ``n / N`` link. The script
adds the ``js`` class to ``<html>``, which shows one slide at a time with a counter, and
handles the keys (arrows, Space, PageUp/PageDown, Home/End) and ``#slide-N`` deep links.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from html import escape
from itertools import groupby
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.terminal_theme import TerminalTheme

from presenter.export.screen import Screen, iter_screens, picture_data, resolve_theme, terminal_theme
from presenter.export.whole import whole
from presenter.model import Deck
from presenter.render.picture import PICTURE_META
from presenter.render.links import followable
from presenter.themes import DEFAULT_THEME, PresenterTheme

if TYPE_CHECKING:
    from presenter.export.selection import SlideSelection

DEFAULT_WIDTH = 80
#: A screen row's height, in ems of its font.
LINE_HEIGHT = 1.25

_SCRIPT = """\
(function () {
  var root = document.documentElement;
  var slides = Array.prototype.slice.call(document.querySelectorAll("section.slide"));
  var counter = document.getElementById("counter");
  var current = 0;
  root.classList.add("js");
  function numberOf(slide) { return parseInt(slide.getAttribute("data-number"), 10); }
  function fromHash() {
    var match = /^#slide-(\\d+)$/.exec(window.location.hash);
    if (!match) { return null; }
    var n = parseInt(match[1], 10);
    var index = 0;  /* the slide with that number (its first piece), or the nearest one before it */
    slides.forEach(function (slide, i) {
      var m = numberOf(slide);
      if (m < n || (m === n && numberOf(slides[index]) < n)) { index = i; }
    });
    return index;
  }
  function show(index, updateHash) {
    current = Math.min(Math.max(index, 0), slides.length - 1);
    var slide = slides[current];
    slides.forEach(function (other, i) { other.classList.toggle("current", i === current); });
    counter.textContent = numberOf(slide) + " / " + root.getAttribute("data-total");
    document.title = slide.getAttribute("data-title") + " \\u2014 " + root.getAttribute("data-deck");
    if (updateHash && window.location.hash !== "#" + slide.id) {
      history.replaceState(null, "", "#" + slide.id);
    }
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var keys = {
      ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1, Spacebar: 1,
      ArrowLeft: -1, ArrowUp: -1, PageUp: -1
    };
    if (event.key === "Home") { show(0, true); }
    else if (event.key === "End") { show(slides.length - 1, true); }
    else if (keys[event.key]) { show(current + keys[event.key], true); }
    else { return; }
    event.preventDefault();
  });
  document.getElementById("prev").addEventListener("click", function () { show(current - 1, true); });
  document.getElementById("next").addEventListener("click", function () { show(current + 1, true); });
  window.addEventListener("hashchange", function () {
    var index = fromHash();
    if (index !== null) { show(index, false); }
  });
  var start = fromHash();
  show(start === null ? 0 : start, start !== null);
})();
"""

_CSS = """\
html { background: BG; color: FG; }
body { margin: 0; padding: 1.5rem; font-family: ui-monospace, "DejaVu Sans Mono", "Noto Sans Mono",
  Menlo, Consolas, "Liberation Mono", "Noto Sans Mono CJK SC", "WenQuanYi Zen Hei Mono", monospace; }
h1 { font-size: 1rem; font-weight: normal; margin: 0 0 1rem; opacity: 0.75; }
section.slide { margin: 0 auto 2rem; width: max-content; max-width: 100%; }
.notes { display: block; white-space: pre-wrap; max-width: 80ch; margin: 0.75rem 0 0; padding: 0.5rem 0.75rem;
  border-left: 3px solid BORDER; opacity: 0.85; }
.label { display: block; font-size: 0.85rem; margin-bottom: 0.25rem; color: inherit; opacity: 0.7; }
pre.screen { margin: 0; padding: 0; overflow-x: auto; font: inherit; font-size: 16px; line-height: LINE_HEIGHT;
  background: BG; color: FG; border: 1px solid BORDER; border-radius: 6px; }
pre.screen a { color: inherit; }
.picture { position: relative; }
.picture img { position: absolute; left: 0; top: 0; object-fit: contain; }
nav { display: none; }
.js body { padding: 0; min-height: 100vh; display: flex; flex-direction: column; }
.js h1, .js .label { display: none; }
.js main { flex: 1; display: flex; align-items: center; justify-content: center; padding: 1rem; }
.js section.slide { display: none; margin: 0; }
.js section.slide.current { display: block; }
.js nav { display: flex; gap: 1rem; align-items: center; justify-content: center; padding: 0.5rem; }
nav button { font: inherit; background: none; color: inherit; border: 1px solid BORDER; border-radius: 4px;
  padding: 0.1rem 0.8rem; cursor: pointer; }
@media print {
  .js section.slide { display: block; page-break-after: always; }
  .js nav { display: none; }
}
"""


def _script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _line_html(line: list[Segment], theme: TerminalTheme) -> str:
    """One row of a screen; the segments of a link's label inside one ``<a>``."""
    out = []
    for link, run in groupby((segment for segment in line if not segment.control), key=_link):
        body = "".join(_span_html(segment, theme) for segment in run)
        out.append(f'<a href="{escape(link)}" rel="noopener noreferrer">{body}</a>' if link else body)
    return "".join(out)


def _link(segment: Segment) -> str | None:
    """Where ``segment`` links to, if it is a link a page may hold (http, https, mailto)."""
    link = segment.style.link if segment.style else None
    return link if link and followable(link) else None


def _span_html(segment: Segment, theme: TerminalTheme) -> str:
    text = escape(segment.text, quote=False)
    css = segment.style.get_html_style(theme) if segment.style else ""
    shown = f'<span style="{escape(css)}">{text}</span>' if css else text
    picture = segment.style.meta.get(PICTURE_META) if segment.style else None
    return _picture_html(*picture) + shown if picture else shown


def _picture_html(version: tuple[str, int, int], columns: int, rows: int, alt: str) -> str:
    """The picture itself, as a PNG in a data URI, laid over the half-cell blocks that draw
    it in the text (they show where images are off)."""
    data = picture_data(version)
    if data is None:
        return ""
    size = f"width:{columns}ch;height:{rows * LINE_HEIGHT}em"
    return f'<span class="picture"><img style="{size}" alt="{escape(alt)}" src="{data}"></span>'


def stream_html(
    deck: Deck,
    *,
    width: int = DEFAULT_WIDTH,
    theme: PresenterTheme | str = DEFAULT_THEME,
    height: int | None = None,
    notes: bool = False,
    slides: SlideSelection | None = None,
) -> Iterator[str]:
    """The whole deck as one self-contained HTML page (speaker notes under each slide with ``notes``), in pieces: the head, each slide's section, the end of the page."""
    look = resolve_theme(theme)
    screens = iter_screens(deck, width=width, theme=look, height=height, slides=slides, hyperlinks=True)
    return _page(deck, look, screens, notes)


def _page(deck: Deck, look: PresenterTheme, screens: Iterator[Screen], notes: bool) -> Iterator[str]:
    colours = terminal_theme(look)
    background = colours.background_color.hex
    foreground = colours.foreground_color.hex
    border = "#444444" if look.name != "light" else "#cccccc"
    total = len(deck.slides)
    css = _CSS.replace("BORDER", border).replace("BG", background).replace("FG", foreground).replace("LINE_HEIGHT", str(LINE_HEIGHT))
    deck_title = escape(deck.title or "Slides")
    policy = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src '{_script_hash(_SCRIPT)}'"
    yield (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(deck.meta_value("lang") or "en")}" data-deck="{deck_title}" data-total="{total}">\n<head>\n'
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="presenter">\n'
        f"<title>{deck_title}</title>\n<style>\n{css}</style>\n</head>\n<body>\n"
        f"<h1>{deck_title}</h1>\n<main>\n"
    )
    first = 0
    for screen in screens:
        yield ("\n" if first else "") + _section(screen, total, colours, notes)
        first = first or screen.number
    yield (
        "\n</main>\n"
        '<nav aria-label="Slides"><button id="prev" type="button" aria-label="Previous slide">‹</button>'
        f'<span id="counter" aria-live="polite">{first} / {total}</span>'
        '<button id="next" type="button" aria-label="Next slide">›</button></nav>\n'
        f"<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )


def _section(screen: Screen, total: int, colours: TerminalTheme, notes: bool) -> str:
    body = "\n".join(_line_html(line, colours) for line in screen.lines)
    title = escape(screen.title)
    aside = ""
    if notes and screen.notes.strip():
        aside = f'<aside class="notes" aria-label="Speaker notes">{escape(screen.notes.strip())}</aside>\n'
    return (
        f'<section class="slide" id="slide-{screen.name}" data-number="{screen.number}" data-title="{title}" '
        f'aria-label="Slide {screen.number} of {total}: {title}">\n'
        f'<a class="label" href="#slide-{screen.name}">{screen.number} / {total} · {title}</a>\n'
        f'<pre class="screen">{body}</pre>\n{aside}</section>'
    )


export_html = whole(stream_html)

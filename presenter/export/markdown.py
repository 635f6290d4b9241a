"""Markdown export: a deck that :mod:`presenter.sources.markdown` reads back to the same slides.

This is how an article becomes an editable deck, so the output is written for people:
front matter, one ``## Title`` section per slide between ``---`` lines, one line per
paragraph, tight nested lists, padded tables, and escapes only where a character would
otherwise mean Markdown.

Round trip: ``parse_markdown(export_markdown(deck))`` has the same slides, titles, blocks
(with their styles, links, list numbers, alignment), quotes and their speakers, notes and
pauses as ``deck``. What it does not keep, by design or by the format's limits:

- source line numbers (they point into the new file) and the :attr:`Deck.removed` report;
- the ``stat`` style is not written: the parser finds the figures again;
- spans Markdown cannot tell apart come back as one: neighbouring spans with the same
  styles and link, and neighbouring code spans (```a``b``` is one code span); white space at
  the edge of a bold/italic/struck span moves outside its markers (``**a **`` is no
  emphasis), and a paragraph's outer white space, or a paragraph of white space alone, goes;
- a hard line break inside a heading or table cell becomes a space;
- ``Deck.meta`` gains ``title`` and ``subtitle`` (an article's come from its file name and
  lede); ``author`` and ``date`` stay only if the title slide showed them as the parser would
  (else they are kept as ``# author: ...`` comments in the front matter); a deck with no title
  slide gets no ``title`` (the parser then names it after the file);
- a quote's attribution clause is written as its last line (``— says Dr. Li Wei, director
  of ...``) when it names a speech verb, and read back whole; any other clause is replaced
  by ``— speaker, role``. A quote with no speaker whose last line starts with a dash reads
  back as a byline;
- image paths and link targets are written as they are; the parser percent-encodes spaces
  and non-ASCII characters in them;
- ``width`` and ``height`` do not apply (Markdown has no size); ``theme`` is written to the
  front matter only if the deck already names one.

Inline styles are written the natural way (``**bold**``, ``*italic*``, ``~~strike~~``,
backtick code spans); every paragraph is then parsed back with the deck parser, and where
CommonMark's emphasis rules would read it differently (``a**(b)**c``) the letters next to
the markers are written as character references (``&#97;**(b)**&#99;``), which read back
as the same letters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import Any

from rich.cells import cell_len

from presenter.export.selection import SlideSelection, numbered_slides
from presenter.model import (
    Block,
    BulletList,
    Code,
    Deck,
    Heading,
    Image,
    Inline,
    ListItem,
    NumberedList,
    Paragraph,
    Pause,
    Quote,
    Slide,
    Span,
    Table,
    plain,
)
from presenter.sources.frontmatter import title_fields
from presenter.themes import DEFAULT_THEME, PresenterTheme

#: Emphasis styles, outermost first, and their markers.
_MARKERS = {"strike": "~~", "bold": "**", "italic": "*"}
#: Where the natural markers read back wrong: ``_`` never merges with a ``**`` beside it.
_SAFE_MARKERS = {"strike": "~~", "bold": "**", "italic": "_"}
_ALWAYS = set("\\`*[]<~")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_LIST_START = re.compile(r"^(\d{1,9})([.)])")
_BYLINE_START = re.compile(r"^\s*(?:—|–|--)")
_TITLE_KEYS = ("subtitle", "sub_title", "author", "authors", "date")
_BARE_UNDERSCORE = re.compile(r"(?<!\\)((?:\\\\)*)_")


def export_markdown(
    deck: Deck,
    *,
    width: int = 80,
    theme: PresenterTheme | str = DEFAULT_THEME,
    height: int | None = None,
    notes: bool = True,
    slides: SlideSelection | None = None,
) -> str:
    """``deck`` as a Markdown deck (see the module docstring for what round-trips).

    Speaker notes are always written (they are part of the deck); ``notes`` is accepted for
    the common signature. ``width``, ``height`` and ``theme`` do not apply to Markdown.
    """
    numbered, _ = numbered_slides(deck, width=width, height=None, slides=slides)
    chosen = [slide for _, slide in numbered]
    title_slide = chosen[0] if chosen and chosen[0].is_title else None
    body = chosen[1:] if title_slide is not None else chosen
    out: list[str] = []
    out.extend(_front_matter(deck, title_slide))
    if title_slide is not None:
        if title_slide.blocks:  # never made by the parsers; kept as a slide of its own
            body = [replace(title_slide, is_title=False, subtitle=""), *body]
        if title_slide.notes.strip():
            out.extend(["", *_note(title_slide.notes)])
    for slide in body:
        if out:
            out.extend(["", "---", ""])
        out.extend(_slide(slide))
    if len(body) == 1 and not out[0] == "---":
        # With no break at all the parser would cut slides at headings instead.
        out.extend(["", "<!-- end_slide -->"])
    return "\n".join(out).rstrip("\n") + "\n"


# --------------------------------------------------------------------------- deck and slides


def _front_matter(deck: Deck, title_slide: Slide | None) -> list[str]:
    """``---`` / YAML / ``---``, or nothing for a deck without a title slide and meta."""
    import yaml

    meta = dict(deck.meta)
    commented: list[tuple[str, str]] = []
    if title_slide is None:  # a deck read back without one shows no title slide either
        meta = {key: value for key, value in meta.items() if key not in ("title", *_TITLE_KEYS)}
    else:
        fields = title_fields(meta)
        byline = " · ".join(value for value in (fields["author"], fields["date"]) if value)
        composed = "\n".join(part for part in (fields["subtitle"], byline) if part)
        head: dict[str, Any] = {"title": title_slide.title}
        if not (byline and composed == title_slide.subtitle):  # the meta does not say what the slide shows
            if title_slide.subtitle:
                head["subtitle"] = " ".join(title_slide.subtitle.split("\n"))
            commented = [(key, fields[key]) for key in ("author", "date") if fields[key]]
            meta = {key: value for key, value in meta.items() if key not in _TITLE_KEYS}
        meta = {**head, **{key: value for key, value in meta.items() if key not in head}}
    if not meta and not commented:
        return []
    dumped = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1_000_000) if meta else ""
    return ["---", *dumped.splitlines(), *(f"# {key}: {value}" for key, value in commented), "---"]


def _slide(slide: Slide) -> list[str]:
    out = [f"## {_heading_text(slide.title)}"]
    out.extend(_blocks(slide.blocks))
    if slide.notes.strip():
        out.extend(["", *_note(slide.notes)])
    return out


def _note(notes: str) -> list[str]:
    """``<!-- speaker_note: ... -->``, a ``|`` block when the note has several lines."""
    text = re.sub(r"--(\\*)>", lambda m: "--" + m.group(1) + "\\>", notes.strip())
    lines = [line.rstrip() for line in text.split("\n")]
    single = len(lines) == 1 and not (text[:1] in "|>\"'" or text[-1:] in "\"'")
    if single:
        return [f"<!-- speaker_note: {text} -->"]
    # "<!--" alone on its line: "speaker_note: |" above a line of dashes would read as a table.
    return ["<!--", "speaker_note: |", *(f"  {line}".rstrip() for line in lines), "-->"]


# --------------------------------------------------------------------------- blocks


def _blocks(blocks: tuple[Block, ...] | list[Block]) -> list[str]:
    out: list[str] = []
    previous: Block | None = None
    alternate = False
    for block in blocks:
        same_list = isinstance(block, (BulletList, NumberedList)) and type(previous) is type(block)
        alternate = (not alternate) if same_list else False
        lines = _block(block, alternate)
        if lines is None:
            continue
        out.append("")
        out.extend(lines)
        previous = block
    return out


def _block(block: Block, alternate: bool = False) -> list[str] | None:
    if isinstance(block, Paragraph):
        text = _paragraph_text(block.content)
        return text.split("\n") if text else None
    if isinstance(block, Heading):
        text = _inline(block.content).replace("\\\n", " ")  # a heading is one line
        return [f"{'#' * min(6, max(1, block.level))} {_closing_hashes(text)}"]
    if isinstance(block, (BulletList, NumberedList)):
        return _list(block, alternate)
    if isinstance(block, Quote):
        return _quote(block)
    if isinstance(block, Code):
        return _code(block)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Image):
        return [f"![{_escape(block.alt)}]({_destination(block.path)})"]
    if isinstance(block, Pause):
        return ["<!-- pause -->"]
    return None


def _list(block: BulletList | NumberedList, alternate: bool) -> list[str]:
    numbered = isinstance(block, NumberedList)
    out: list[str] = []
    for index, item in enumerate(block.items):
        if numbered:
            number = item.number if item.number is not None else index + 1
            marker = f"{number}{')' if alternate else '.'}"
        else:
            marker = "*" if alternate else "-"
        out.extend(_item(item, marker))
    return out


def _item(item: ListItem, marker: str) -> list[str]:
    indent = " " * (len(marker) + 1)
    text = _paragraph_text(item.content)
    lines = text.split("\n") if text else [""]
    out = [f"{marker} {lines[0]}".rstrip()] + [f"{indent}{line}" for line in lines[1:]]
    children = _blocks(item.children)
    if children and (_tight(item) or not item.content):
        children = children[1:]  # a nested list right under the item's line
    out.extend(f"{indent}{line}" if line else "" for line in children)
    return out


def _tight(item: ListItem) -> bool:
    """Whether the item's first child may follow its text without a blank line."""
    first = item.children[0] if item.children else None
    if not item.content or not isinstance(first, (BulletList, NumberedList)) or not first.items:
        return False
    if not first.items[0].content:
        return False  # an empty item cannot interrupt a paragraph
    return isinstance(first, BulletList) or first.items[0].number in (None, 1)


def _quote(block: Quote) -> list[str]:
    paragraphs = [part for part in _split_lines(block.content)]
    out: list[str] = []
    for index, part in enumerate(paragraphs):
        if index:
            out.append(">")
        out.extend(f"> {line}".rstrip() for line in (_paragraph_text(part) or "").split("\n"))
    byline = _byline(block)
    if byline:
        if not out:
            out.append(">")
        out.append(f"> — {byline}")
    return out or [">"]


def _byline(block: Quote) -> str:
    from presenter.sources.quotes import parse_attribution

    if block.attribution and block.speaker and parse_attribution(block.attribution) == (block.speaker, block.role):
        return _escape(block.attribution)
    if block.speaker:
        return _escape(block.speaker) + (f", {_escape(block.role)}" if block.role else "")
    return ""


def _split_lines(content: Inline) -> list[Inline]:
    """Inline content cut at newlines: one piece per paragraph of a quote."""
    pieces: list[list[Span]] = [[]]
    for span in content:
        parts = span.text.split("\n")
        for index, part in enumerate(parts):
            if index:
                pieces.append([])
            if part:
                pieces[-1].append(Span(part, span.styles, span.link))
    return [tuple(piece) for piece in pieces if plain(tuple(piece)).strip()]


def _code(block: Code) -> list[str]:
    code = block.code
    runs = [len(run) for run in re.findall(r"`+", code)]
    language = block.language or ""
    fence_char = "~" if "`" in language else "`"
    if fence_char == "~":
        runs = [len(run) for run in re.findall(r"~+", code)]
    fence = fence_char * max(3, max(runs, default=0) + 1)
    body = code.split("\n") if code else []
    return [f"{fence}{language}", *body, fence]


def _table(block: Table) -> list[str]:
    columns = max(len(block.header), *(len(row) for row in block.rows)) if block.rows else len(block.header)
    columns = max(columns, 1)

    def cells(row: tuple[Inline, ...]) -> list[str]:
        texts = [_inline(cell, table=True) for cell in row]
        return texts + [""] * (columns - len(texts))

    header = cells(block.header)
    rows = [cells(row) for row in block.rows]
    align = list(block.align) + ["left"] * (columns - len(block.align))
    widths = [max(3, *(cell_len(row[i]) for row in [header, *rows])) for i in range(columns)]

    def line(row: list[str]) -> str:
        return "| " + " | ".join(text + " " * (widths[i] - cell_len(text)) for i, text in enumerate(row)) + " |"

    def rule(i: int) -> str:
        width, how = widths[i], align[i]
        if how == "center":
            return ":" + "-" * (width - 2) + ":"
        if how == "right":
            return "-" * (width - 1) + ":"
        return "-" * width

    return [line(header), "|" + "|".join(f" {rule(i)} " for i in range(columns)) + "|", *(line(row) for row in rows)]


# --------------------------------------------------------------------------- inline


def _escape(text: str, *, table: bool = False) -> str:
    """``text`` with every character that would mean Markdown backslash-escaped."""
    out: list[str] = []
    for index, char in enumerate(text):
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if char in _ALWAYS or (char == "|" and table):
            out.append("\\" + char)
        elif char == "_" and not (before.isalnum() and after.isalnum()):
            out.append("\\_")
        elif char == "&" and _ENTITY.match(text, index):
            out.append("\\&")
        elif char == "\n":
            out.append("\\\n")  # a hard line break
        elif char == "!" and after == "[":
            out.append("\\!")
        else:
            out.append(char)
    return "".join(out)


def _line_start(line: str) -> str:
    """Escape what would start a block at the beginning of a line (heading, list, quote ...)."""
    if not line:
        return line
    if line[0] in "#>-+=":
        return "\\" + line
    match = _LIST_START.match(line)
    if match:
        return f"{match.group(1)}\\{line[match.end(1):]}"
    return line


def _heading_text(text: str) -> str:
    return _closing_hashes(_escape(text.replace("\n", " ").strip()))


def _closing_hashes(escaped: str) -> str:
    trailing = len(escaped) - len(escaped.rstrip("#"))
    if trailing:  # "C#" would lose its "#" as a closing sequence
        escaped = escaped[:-trailing] + "\\#" * trailing
    return escaped


def _paragraph_text(content: Inline) -> str:
    """A paragraph's Markdown: inline syntax, each line's start escaped, hard breaks as ``\\``."""
    text = _inline(content)
    return "\n".join(_line_start(line.strip()) for line in text.split("\n"))


def _inline(content: Inline, *, table: bool = False) -> str:
    """Inline spans as Markdown that the deck parser reads back to the same spans."""
    spans = _canonical(content)
    if not spans:
        return ""
    from presenter.sources.mdsyntax import parse_inline

    natural = _render(spans, safe=False, table=False)
    safe = _canonical(parse_inline(natural)) != spans
    return _render(spans, safe=safe, table=table) if safe or table else natural


def _canonical(content: Inline) -> tuple[Span, ...]:
    """Spans without the ``stat`` style, empty spans or outer white space, equal runs merged."""
    spans: list[Span] = []
    for span in content:
        styles = tuple(style for style in ("strike", "bold", "italic", "code") if style in span.styles)
        if not span.text:
            continue
        if spans and spans[-1].styles == styles and spans[-1].link == span.link:  # `a``b` is one code span
            spans[-1] = Span(spans[-1].text + span.text, styles, span.link)
        else:
            spans.append(Span(span.text, styles, span.link))
    while spans and "code" not in spans[0].styles and not spans[0].text.strip():
        spans.pop(0)
    while spans and "code" not in spans[-1].styles and not spans[-1].text.strip():
        spans.pop()
    if spans and "code" not in spans[0].styles:
        spans[0] = replace(spans[0], text=spans[0].text.lstrip())
    if spans and "code" not in spans[-1].styles:
        spans[-1] = replace(spans[-1], text=spans[-1].text.rstrip())
    return tuple(spans)


def _render(spans: tuple[Span, ...], *, safe: bool, table: bool) -> str:
    """Spans as Markdown; ``safe`` writes letters beside markers as character references."""
    tokens: list[tuple[str, str]] = []  # ("text" | "open" | "close" | "raw", markdown)
    groups: list[list[Span]] = []
    for span in spans:
        if groups and groups[-1][0].link == span.link:
            groups[-1].append(span)
        else:
            groups.append([span])
    for group in groups:
        link = group[0].link
        if link is not None:
            tokens.append(("open", "["))
        tokens.extend(_styled(group, table=table, markers=_SAFE_MARKERS if safe else _MARKERS))
        if link is not None:
            tokens.append(("close", f"]({_destination(link)})"))
    if safe:
        tokens = _safe_tokens(tokens)
    for index in range(len(tokens) - 1):  # "!" before a link would make it an image
        kind, text = tokens[index]
        backslashes = len(text[:-1]) - len(text[:-1].rstrip("\\"))
        if kind == "text" and text.endswith("!") and backslashes % 2 == 0 and tokens[index + 1][1].startswith("["):
            tokens[index] = (kind, text[:-1] + "\\!")
    return "".join(text for _, text in tokens)


def _styled(spans: list[Span], *, table: bool, markers: dict[str, str]) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    stack: list[str] = []
    pending = ""  # white space held back from the end of a styled run
    for span in spans:
        wanted = [style for style in _MARKERS if style in span.styles]
        code = "code" in span.styles
        text = span.text
        lead = "" if code else text[: len(text) - len(text.lstrip())]
        core = text if code else text.strip()
        trail = "" if code else text[len(text.rstrip()) :] if core else ""
        if not core:  # white space alone: outside any marker that ends or starts here
            while stack and not all(style in wanted for style in stack):
                tokens.append(("close", markers[stack.pop()]))
            pending += text
            continue
        while stack and not all(style in wanted for style in stack):
            tokens.append(("close", markers[stack.pop()]))
        if pending or lead:
            tokens.append(("text", _escape(pending + lead, table=table)))
            pending = ""
        for style in wanted:
            if style not in stack:
                stack.append(style)
                tokens.append(("open", markers[style]))
        tokens.append(("raw" if code else "text", _code_span(core, table) if code else _escape(core, table=table)))
        pending = trail
    while stack:
        tokens.append(("close", markers[stack.pop()]))
    if pending:
        tokens.append(("text", _escape(pending, table=table)))
    return tokens


def _safe_tokens(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Letters beside markers written as character references, so every marker can open and close."""
    out = list(tokens)
    for index, (kind, text) in enumerate(out):
        if kind != "text" or not text:
            continue
        if index + 1 < len(out) and out[index + 1][0] in ("open", "close"):
            text = _reference_last(text)
        if index and out[index - 1][0] in ("open", "close"):
            text = _reference_first(text)
        # a "_" between letters is no marker, but it may now stand beside a reference's ";"
        text = _BARE_UNDERSCORE.sub(lambda m: m.group(1) + "\\_", text)
        out[index] = (kind, text)
    return out


def _flanks(char: str) -> bool:
    """Whether a marker beside ``char`` can open and close (white space or punctuation)."""
    return char.isspace() or unicodedata.category(char)[0] in "PS"


def _reference_first(text: str) -> str:
    return text if _flanks(text[0]) else f"&#{ord(text[0])};{text[1:]}"


def _reference_last(text: str) -> str:
    if _flanks(text[-1]) or text.endswith(";") :
        return text
    return f"{text[:-1]}&#{ord(text[-1])};"


def _code_span(code: str, table: bool) -> str:
    runs = [len(run) for run in re.findall(r"`+", code)]
    fence = "`" * (max(runs, default=0) + 1)
    while fence in (run for run in re.findall(r"`+", code)):
        fence += "`"
    if code[:1] == "`" or code[-1:] == "`" or (code[:1] == " " and code[-1:] == " " and code.strip()):
        code = f" {code} "
    if table:
        code = code.replace("|", "\\|")
    return f"{fence}{code}{fence}"


def _destination(target: str) -> str:
    if not target or any(char in target for char in " <>()\n") or any(char.isspace() for char in target):
        return "<" + target.replace("\\", "\\\\").replace(">", "\\>").replace("<", "\\<") + ">"
    return target.replace("\\", "\\\\")

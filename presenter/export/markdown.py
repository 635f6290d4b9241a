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
- presenterm's ``jump_to_middle``, ``alignment``, ``no_footer`` and column layouts are written
  back as its comment commands (a deck that has them reads back as presenterm's);
- a code block keeps its hidden lines and its info string's language, ``{1-4|all}`` and
  ``+attributes`` (written in that order); other words of an info string are not kept;
- ``width`` and ``height`` do not apply (Markdown has no size); ``theme`` is written to the
  front matter only if the deck already names one.

Inline text is written by :mod:`presenter.export.mdinline`.
"""

from __future__ import annotations

from itertools import groupby

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from rich.cells import cell_len

from presenter.export.mdinline import closing_hashes, destination, escape, heading_text, inline_markdown, paragraph_text
from presenter.export.selection import SlideSelection, numbered_slides
from presenter.export.whole import whole
from presenter.model import (
    Alignment,
    Block,
    BulletList,
    Code,
    Columns,
    Deck,
    Footnote,
    Heading,
    Image,
    Inline,
    ListItem,
    NumberedList,
    Paragraph,
    Pause,
    Quote,
    Rule,
    Slide,
    Space,
    Span,
    Table,
)
from presenter.sources.codeinfo import info_string
from presenter.sources.frontmatter import title_fields, title_subtitle
from presenter.themes import DEFAULT_THEME, PresenterTheme

_TITLE_KEYS = ("subtitle", "sub_title", "author", "authors", "date", "event", "location")


def stream_markdown(
    deck: Deck,
    *,
    width: int = 80,
    theme: PresenterTheme | str = DEFAULT_THEME,
    height: int | None = None,
    notes: bool = True,
    slides: SlideSelection | None = None,
) -> Iterator[str]:
    """``deck`` as a Markdown deck (see the module docstring for what round-trips).

    Speaker notes are always written (they are part of the deck); ``notes`` is accepted for
    the common signature. ``width``, ``height`` and ``theme`` do not apply to Markdown.

    Yielded one slide at a time.
    """
    numbered, _ = numbered_slides(deck, width=width, height=None, slides=slides)
    return _one_final_newline(_joined(_parts(deck, [slide for _, slide in numbered])))


def _parts(deck: Deck, chosen: list[Slide]) -> Iterator[list[str]]:
    """The document's lines: the front matter, then each slide's."""
    title_slide = chosen[0] if chosen and chosen[0].is_title else None
    body = chosen[1:] if title_slide is not None else chosen
    head = _front_matter(deck, title_slide)
    if title_slide is not None:
        if title_slide.blocks:  # never made by the parsers; kept as a slide of its own
            body = [replace(title_slide, is_title=False, subtitle=""), *body]
        if title_slide.notes.strip():
            head = [*head, "", *_note(title_slide.notes)]
    yield head
    started = bool(head)
    # A deck with rules in its slides ends them with end_slide, where --- is a rule (presenterm's reading).
    separator = "<!-- end_slide -->" if any(isinstance(b, Rule) for slide in body for b in slide.blocks) else "---"
    for slide in body:
        yield (["", separator, ""] if started else []) + _slide(slide)
        started = True
    if len(body) == 1 and head[:1] != ["---"]:
        # With no break at all the parser would cut slides at headings instead.
        yield ["", "<!-- end_slide -->"]


def _joined(parts: Iterator[list[str]]) -> Iterator[str]:
    """Every line of ``parts``, joined by newlines."""
    first = True
    for lines in parts:
        if lines:
            yield ("" if first else "\n") + "\n".join(lines)
            first = False


def _one_final_newline(chunks: Iterator[str]) -> Iterator[str]:
    """``chunks`` with the newlines at the very end replaced by one."""
    held = ""  # newlines that end the text so far: written only if more text follows
    for chunk in chunks:
        text = chunk.rstrip("\n")
        if text:
            yield held + text
            held = chunk[len(text):]
        else:
            held += chunk
    yield "\n"


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
        composed = title_subtitle(fields)
        from presenter.sources.mdsyntax import markdown_title

        raw = meta.get("title")  # as written, when it reads as the slide's title; else escaped Markdown
        written = raw if isinstance(raw, str) and markdown_title(raw) == title_slide.title else escape(title_slide.title)
        head: dict[str, Any] = {"title": written}
        if not (byline and composed == title_slide.subtitle):  # the meta does not say what the slide shows
            if title_slide.subtitle:
                head["subtitle"] = " ".join(title_slide.subtitle.split("\n"))
            commented = [(key, fields[key]) for key in ("author", "date", "event", "location") if fields[key]]
            meta = {key: value for key, value in meta.items() if key not in _TITLE_KEYS}
        meta = {**head, **{key: value for key, value in meta.items() if key not in head}}
    if not meta and not commented:
        return []
    dumped = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1_000_000) if meta else ""
    return ["---", *dumped.splitlines(), *(f"# {key}: {value}" for key, value in commented), "---"]


def _slide(slide: Slide) -> list[str]:
    if slide.is_title:  # a section's title slide (an article's heading with no text of its own): centred, its headings under it
        held = (Paragraph((Span(slide.subtitle),)),) if slide.subtitle else ()
        slide = replace(slide, is_title=False, subtitle="", middle=True, align="center", blocks=(*held, *slide.blocks))
    if slide.untitled:  # read back, it is untitled again
        out = _blocks(slide.blocks)[1:]
    else:
        out = [f"## {heading_text(slide.title)}", *_blocks(slide.blocks)]
    head = _slide_commands(slide)
    if head:  # above the title and content, where presenterm reads them as the whole slide's
        out = [*head, "", *out]
    if slide.notes.strip():
        out.extend(["", *_note(slide.notes)])
    return out


def _slide_commands(slide: Slide) -> list[str]:
    """presenterm's commands for the whole slide: ``jump_to_middle``, ``alignment``, ``no_footer``."""
    out = ["<!-- jump_to_middle -->"] if slide.middle else []
    if slide.align != "left":
        out.append(f"<!-- alignment: {slide.align} -->")
    if not slide.footer:
        out.append("<!-- no_footer -->")
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
        text = paragraph_text(block.content)
        return text.split("\n") if text else None
    if isinstance(block, Heading):
        text = inline_markdown(block.content).replace("\\\n", " ")  # a heading is one line
        return [f"{'#' * min(6, max(1, block.level))} {closing_hashes(text)}"]
    if isinstance(block, (BulletList, NumberedList)) and block.reveal:  # an item a key press
        return ["<!-- incremental_lists: true -->", "", *_list(block, alternate), "", "<!-- incremental_lists: false -->"]
    if isinstance(block, (BulletList, NumberedList)):
        return _list(block, alternate)
    if isinstance(block, Quote):
        return _quote(block)
    if isinstance(block, Code):
        return _code(block)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Image):
        alt = f"image:width:{round(block.share * 100)}%" if block.share else escape(block.alt)
        return [f"![{alt}]({destination(block.path)})"]
    if isinstance(block, Pause):
        return ["<!-- pause -->"]
    if isinstance(block, Rule):  # slides then end with end_slide (see _parts)
        return ["---"]
    if isinstance(block, Space):
        return ["<!-- jump_to_middle -->" if block.to_middle else f"<!-- new_lines: {block.rows} -->"]
    if isinstance(block, Alignment):
        return [f"<!-- alignment: {block.to} -->"]
    if isinstance(block, Footnote):
        return [f"[^{block.label}]: {paragraph_text(block.content)}".rstrip()]
    if isinstance(block, Columns):
        return _columns(block)
    return None


def _columns(block: Columns) -> list[str]:
    """presenterm's layout commands around each column's blocks."""
    out = [f"<!-- column_layout: [{', '.join(map(str, block.widths))}] -->"]
    places = block.order or tuple((c, i) for c, column in enumerate(block.columns) for i in range(len(column)))
    for column, run in groupby(places, key=lambda place: place[0]):  # in the order written
        out += ["", f"<!-- column: {column} -->", *_blocks(tuple(block.columns[column][index] for _, index in run))]
    return out + ["", "<!-- reset_layout -->"]


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
    text = paragraph_text(item.content)
    lines = text.split("\n") if text else [""]
    box = "" if item.checked is None else ("[x] " if item.checked else "[ ] ")
    out = [f"{marker} {box}{lines[0]}".rstrip()] + [f"{indent}{line}" for line in lines[1:]]
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
    """The quote's blocks, each line after ``>``, and the byline as its last line."""
    text = paragraph_text(block.content) if block.content else ""
    alert = [f"[!{block.alert.upper()}]"] if block.alert else []
    inner = alert + (text.split("\n") if text else []) + _blocks(block.children)[0 if text or alert else 1 :]
    byline = _byline(block)
    if byline:
        inner += ["", f"— {byline}"] if (block.children and not isinstance(block.children[-1], Paragraph)) else [f"— {byline}"]
    return [f"> {line}" if line else ">" for line in inner] or [">"]  # code keeps its trailing spaces


def _byline(block: Quote) -> str:
    from presenter.sources.quotes import parse_attribution

    if block.attribution and block.speaker and parse_attribution(block.attribution) == (block.speaker, block.role):
        return escape(block.attribution)
    if block.speaker:
        return escape(block.speaker) + (f", {escape(block.role)}" if block.role else "")
    return ""


def _code(block: Code) -> list[str]:
    code = block.code  # hidden lines included: they read back hidden
    runs = [len(run) for run in re.findall(r"`+", code)]
    language = info_string(block.language, block.attributes, block.highlight_groups)
    fence_char = "~" if "`" in language else "`"
    if fence_char == "~":
        runs = [len(run) for run in re.findall(r"~+", code)]
    fence = fence_char * max(3, max(runs, default=0) + 1)
    body = code.split("\n") if code else []
    out = [f"{fence}{language}", *body, fence]
    if block.output is not None and block.output.done:  # a run's output (export --exec): kept as text
        out += ["", *_code(Code(block.output.text or f"({block.output.status})", "text"))]
    return out


def _table(block: Table) -> list[str]:
    columns = max(len(block.header), *(len(row) for row in block.rows)) if block.rows else len(block.header)
    columns = max(columns, 1)

    def cells(row: tuple[Inline, ...]) -> list[str]:
        texts = [inline_markdown(cell, table=True) for cell in row]
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


export_markdown = whole(stream_markdown)

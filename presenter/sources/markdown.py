"""Markdown decks (presenterm, ``slides`` and lookatme style) to a :class:`~presenter.model.Deck`.

The text is repaired and cleaned line by line (:func:`presenter.repair.repair_and_clean`) and rebuilt from the
kept lines (:mod:`presenter.sources.mdsyntax` maps each back to the user's file), cut into
pieces at slide breaks (:mod:`presenter.sources.mdchunks`), and each piece parsed by
markdown-it-py into a syntax tree whose nodes become blocks (:mod:`presenter.sources.mdblocks`),
gathered into slides by :mod:`presenter.sources.mdslides`.

Each deck is read by the rules of the tool it was written for (its flavor, detected or
given: :mod:`presenter.sources.flavor`). By default (``commonmark``, and ``slides``,
lookatme and patat alike) slides break at a top-level ``---`` (any thematic break) and at
``<!-- end_slide -->``; a deck with neither splits at headings, by the flavor's rule
(:mod:`presenter.sources.splitplan`). A presenterm deck that uses ``end_slide`` draws
``---`` as a rule inside the slide (unless ``options: end_slide_shorthand``), may end
slides at its slide titles (``implicit_slide_ends``), and reads ``skip_slide``,
``include`` (:mod:`presenter.sources.include`), ``new_lines`` and ``list_item_newlines``
(:mod:`presenter.sources.peercommands`). A patat deck pauses at ``. . .`` and keeps its
comments as speaker notes.

HTML comments carry commands in every flavor: ``speaker_note``, ``notes`` ... ``/notes``,
``pause`` (lookatme's ``stop``), ``end_slide`` and ``incremental_lists``. A peer's command
or setting presenter does not follow yet is reported once in :attr:`Deck.removed
<presenter.model.Deck.removed>` as ``not supported yet: NAME`` (with the other lines it is
used on); any other comment as ``ignored comment command: NAME`` or ``ignored comment``,
so ``presenter check`` lists them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from presenter.errors import PresenterError
from presenter.model import Deck, Lines, Paragraph, Removed, Slide, plain
from presenter.repair import repair_and_clean
from presenter.sources import FIRST_SLIDES, last_deck
from presenter.sources.article import title_from_filename
from presenter.sources.flavor import FLAVORS, Rules, deck_rules, detect_flavor, unsupported_settings, uses_command
from presenter.sources.frontmatter import key_line, split_front_matter, title_field_warnings, title_fields, title_subtitle
from presenter.sources.include import expand_includes
from presenter.sources.mdchunks import piece_starts
from presenter.sources.mdslides import SlideBuilder
from presenter.sources.mdsyntax import Node, Source, comment_commands, markdown_title, parse_nodes, plain_text
from presenter.sources.peercommands import unprefixed
from presenter.sources.splitplan import Plan, split_plan

def _is_break(node: Node, rules: Rules) -> bool:
    if node.type == "hr":
        return rules.rule_breaks
    if node.type == "html_block":
        return any(unprefixed(command, rules.command_prefix).name == "end_slide" for command in comment_commands(node.content))
    return False


def _title_slide(fields: dict[str, str], title: str, lines: Lines | None) -> Slide:
    return Slide(title=title, subtitle=title_subtitle(fields), is_title=True, source_lines=lines)


def parse_markdown(text: str, *, source: Path | None = None, clean: bool = False, flavor: str | None = None) -> Deck:
    """Turn a Markdown deck into a :class:`Deck` (a pure function of its arguments, and of
    the files a presenterm deck includes)."""
    return last_deck(markdown_stages(text, source=source, clean=clean, flavor=flavor))


def markdown_stages(
    text: str, *, source: Path | None = None, first: int = FIRST_SLIDES, clean: bool = False, flavor: str | None = None
) -> Iterator[Deck | None]:
    """Parse a Markdown deck a piece at a time, for a deck shown while it is read.

    Text decoded with the wrong encoding (mojibake, cp1252 quotes read as C1 controls) is
    repaired first, outside fenced code and code spans (:mod:`presenter.repair`). Control
    characters and escape sequences are always removed; injected fragments in a
    foreign script (:func:`presenter.clean.clean_text`) only with ``clean``: the author
    wrote the deck, and ``ありがとう`` in it is meant.

    The text is cut at top-level slide breaks (:mod:`presenter.sources.mdchunks`) and each
    piece parsed on its own: the result is the same as parsing the whole text. Yields
    ``None`` after each piece (a point to pause at), a partial deck whenever the slides
    built so far reach ``first``, twice ``first``, ... (its last slide may still gain notes),
    and the complete deck last. Where the text is found to be broken, the slides before the
    broken piece come as a partial deck, then the :class:`PresenterError`.

    ``flavor`` (one of :data:`~presenter.sources.flavor.FLAVORS`) names the tool the deck
    was written for, whose rules cut it into slides; None detects it
    (:func:`~presenter.sources.flavor.detect_flavor`).
    """
    if flavor is not None and flavor not in FLAVORS:
        raise PresenterError(source, None, f"unknown flavor {flavor!r}: one of {', '.join(FLAVORS)}")
    cleaned = repair_and_clean(text, fragments=clean, markdown=True)
    lines = list(cleaned.lines)
    meta, fm_lines, body_start, meta_removed = split_front_matter(lines, source)
    body = [line for _, line in lines[body_start:]]
    pandoc = fm_lines is not None and lines[body_start - 1][1].strip() == "..."  # closed as pandoc (patat) closes it
    chosen = flavor is not None
    flavor = flavor or detect_flavor(meta, body, pandoc=pandoc)
    removed = [*cleaned.removed, *meta_removed]
    if flavor == "presenterm":
        prefix = deck_rules(flavor, meta, ()).command_prefix
        if uses_command(body, "include", prefix):
            lines, included = expand_includes(lines, body_start, source, _cleaner(clean), prefix=prefix)
            removed += included
            body = [line for _, line in lines[body_start:]]
    rules = deck_rules(flavor, meta, body)
    if rules.exact_breaks and not (chosen or "paging" in meta):
        rules = rules._replace(exact_breaks=False)  # a deck of `---` breaks may be any tool's: only slides' own splits so
    src = Source([line for _, line in lines], [number for number, _ in lines], source, removed)
    fields = title_fields(meta)
    fields["title"] = markdown_title(fields["title"])  # presenterm: "Introducing _presenterm_"
    starts = piece_starts(src.texts, body_start, rule_breaks=rules.rule_breaks)
    ends = [*starts[1:], len(src.texts)]
    nodes = parse_nodes(src, starts[0], ends[0])
    plan = Plan()
    if len(starts) == 1 and not any(_is_break(node, rules) for node in nodes):
        plan = split_plan(nodes, rules, bool(fields["title"]))
    split_level, deck_heading = plan.level, plan.deck_heading
    builder = SlideBuilder(src, split_level, rules, title_slides=plan.title_slides)
    builder.first_number = 2 if any(fields.values()) or deck_heading is not None else 1  # after the title slide
    front = cleaned.lines[:body_start]
    for path, name in unsupported_settings(flavor, meta):
        line = key_line(front, path) or (fm_lines.first if fm_lines else 1)
        builder.not_supported(name, line, next((text.strip() for number, text in front if number == line), name))
    src.warnings.extend(title_field_warnings(meta, front))
    builder.draft = builder.new_draft(nodes[0].map[0] if nodes and nodes[0].map else starts[0])
    first_h1 = ""
    shown = first
    for index in range(len(starts)):
        try:
            if index:
                nodes = parse_nodes(src, starts[index], ends[index])
            for node in nodes:
                if not first_h1 and node.type == "heading" and node.tag == "h1":
                    first_h1 = plain_text(node).strip()
                if node is deck_heading:
                    builder.finish(node.map[0] if node.map else 0)
                    builder.draft = builder.new_draft(node.map[1] if node.map else 0)
                    continue
                builder.node(node)
        except PresenterError:
            if index and builder.slides:  # the slides before the broken piece, for the app to keep
                yield replace(_deck(src, meta, fields, fm_lines, builder, first_h1, None), partial=True)
            raise
        if index == len(starts) - 1:
            break
        if len(builder.slides) >= shown:
            shown *= 2
            yield replace(_deck(src, meta, fields, fm_lines, builder, first_h1, None), partial=True)
        else:
            yield None
    builder.finish(len(src.texts))
    yield _deck(src, meta, fields, fm_lines, builder, first_h1, deck_heading)


def _deck(
    src: Source,
    meta: Mapping[str, Any],
    fields: dict[str, str],
    fm_lines: Lines | None,
    builder: SlideBuilder,
    first_h1: str,
    deck_heading: Node | None,
) -> Deck:
    """The deck of the slides built so far, with its title slide."""
    source = src.path
    deck_title = fields["title"]
    if not deck_title and deck_heading is not None:
        deck_title = plain_text(deck_heading).strip()
    head: tuple[Slide, ...] = ()
    if any(fields.values()) or deck_title:
        title = deck_title or first_h1 or title_from_filename(source)
        lines = fm_lines if deck_heading is None else src.lines(deck_heading)
        head = (replace(_title_slide(fields, title, lines), notes="\n\n".join(builder.leading_notes)),)
        deck_title = title
    slides = list(builder.slides)
    if deck_heading is not None and head and slides and _is_intro(slides[0]):
        # "# Talk" then a line of introduction, then the slides: the title slide holds both (lookatme's reading)
        intro = slides.pop(0)
        subtitle = "\n".join(filter(None, (plain(intro.blocks[0].content), head[0].subtitle)))  # type: ignore[union-attr]
        notes = "\n\n".join(filter(None, (head[0].notes, intro.notes)))
        head = (replace(head[0], subtitle=subtitle, notes=notes),)
    if not head and not slides:
        raise PresenterError(source, None, "has no text to present")
    removed = [*src.removed, *builder.skipped, *_unsupported(src.unsupported)]
    return Deck(
        title=deck_title or first_h1 or title_from_filename(source),
        subtitle=fields["subtitle"],
        meta=meta,
        slides=(*head, *slides),
        source=source,
        removed=tuple(sorted(removed, key=lambda r: r.line)),
        warnings=tuple(src.warnings),
        flavor=builder.rules.flavor,
    )


#: The longest introduction under a deck's top heading that its title slide shows.
MAX_INTRO = 300


def _is_intro(slide: Slide) -> bool:
    """Whether ``slide`` is one short untitled paragraph: the introduction under the deck's heading."""
    blocks = slide.blocks
    return slide.untitled and len(blocks) == 1 and isinstance(blocks[0], Paragraph) and len(plain(blocks[0].content)) <= MAX_INTRO


def _unsupported(uses: dict[str, list[tuple[int, str]]]) -> list[Removed]:
    """One entry per thing not supported yet, at its first use, naming the other lines."""
    out = []
    for name, found in uses.items():
        (line, text), more = found[0], sorted({line for line, _ in found[1:]} - {found[0][0]})
        also = f" (also line{'s' if len(more) > 1 else ''} {', '.join(map(str, more))})" if more else ""
        out.append(Removed(line, " ".join(text.split())[:60], f"not supported yet: {name}{also}"))
    return out


def _cleaner(clean: bool):
    """How an included file's text is cleaned: as the deck's own (see :func:`markdown_stages`)."""

    def cleaned(text: str) -> tuple[list[tuple[int, str]], list[Removed]]:
        result = repair_and_clean(text, fragments=clean, markdown=True)
        return list(result.lines), list(result.removed)

    return cleaned

"""Markdown syntax nodes to slides: the builder that walks a deck's top-level nodes once,
cutting slides at breaks (or split headings) and acting on comment commands.

Part of the Markdown deck parser (:mod:`presenter.sources.markdown`, which says which
breaks and commands each flavor reads); the nodes become blocks in
:mod:`presenter.sources.mdblocks`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from presenter.block_tree import map_blocks
from presenter.model import MARKERS, Alignment, Block, BulletList, Footnote, Image, Lines, NumberedList, Paragraph, Pause, Removed, Rule, Slide, Space, plain
from presenter.plaintext import block_text
from presenter.sources.article import section_slide, title_from_text
from presenter.sources.columnlayout import Layout, gather_columns
from presenter.sources.flavor import COMMON_COMMANDS, PRESENTERM_COMMANDS, PRESENTERM_UNSUPPORTED, Rules
from presenter.sources.mdblocks import TRUE_WORDS, convert, fallback_text, footnote_labels
from presenter.sources.mdsyntax import Command, Node, Source, commands, html_paragraph, ignore_command, inline_of, inline_spans, note_text, plain_text
from presenter.sources.nesting import DEEP_LIST_WARNING, clamp_lists
from presenter.sources.peercommands import MAX_NEW_LINES, column_widths, comment_text, count_value, is_dot_pause, list_pieces, unprefixed


@dataclass
class SlideDraft:
    """The slide being collected."""

    start: int
    title: str | None = None
    title_line: int | None = None
    blocks: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    notes_from: int | None = None
    incremental: bool = False
    list_newlines: int = 1
    """presenterm's ``list_item_newlines`` for the rest of the slide."""
    skip: int | None = None
    """The line of a ``<!-- skip_slide -->``: the slide is left out."""
    last: int | None = None
    align: str = "left"
    """presenterm's ``alignment`` above the title and content (:attr:`Slide.align`)."""
    middle: bool = False
    """presenterm's ``jump_to_middle`` above the title and content."""
    footer: bool = True
    """False after presenterm's ``no_footer``."""
    layout: Layout | None = None
    """presenterm's open ``column_layout``, until ``reset_layout`` or the slide's end."""

    def started(self) -> bool:
        """Whether the slide has its title or a block that shows something yet."""
        return self.title is not None or any(not isinstance(block, MARKERS) for block in self.blocks)

    def empty(self) -> bool:
        return not self.started() and not self.notes and self.notes_from is None


class SlideBuilder:
    """Walks the top-level nodes once, cutting slides at breaks (or split headings)."""

    def __init__(self, src: Source, split_level: int | None, rules: Rules = Rules(), *, title_slides: bool = False) -> None:
        self.src = src
        self.split_level = split_level
        self.rules = rules
        self.title_slides = title_slides
        """Headings above ``split_level`` are title slides of their own (patat)."""
        self.skipped: list[Removed] = []
        """Slides left out by ``<!-- skip_slide -->``."""
        self.slides: list[Slide] = []
        self.leading_notes: list[str] = []
        """Notes written before the first slide's content: the title slide's."""
        self.draft = self.new_draft(0)
        self.first_number = 1
        """The number of the first slide built: 2 when a title slide comes before it."""

    def new_draft(self, start: int) -> SlideDraft:
        """An empty slide from rebuilt line ``start``, with the deck's defaults."""
        return SlideDraft(start=start, incremental=self.rules.incremental_lists, list_newlines=self.rules.list_item_newlines)

    def node(self, node: Node) -> None:
        start = node.map[0] if node.map else self.draft.start
        if self.rules.exact_breaks and node.type == "heading" and node.markup == "-" and node.map and self.src.texts[node.map[1] - 1] == "---":
            self.touch(node)  # slides: "Text" over "---" is the end of a slide, not a heading
            self.draft.blocks.append(Paragraph(inline_of(node, self.src), lines=self.src.lines(node)))
            self.finish(node.map[1] - 1)
            self.draft = self.new_draft(node.map[1])
            return
        exact = not self.rules.exact_breaks or (node.map is not None and self.src.texts[node.map[0]] == "---")
        if node.type == "hr" and self.rules.rule_breaks and exact:
            self.finish(start)
            self.draft = self.new_draft(node.map[1] if node.map else start)
            return
        if node.type == "hr" or (self.rules.dot_pauses and is_dot_pause(node)):
            if self.draft.notes_from is None:  # presenterm's rule inside a slide; patat's ". . ." pause
                self.touch(node)
                lines = self.src.lines(node)
                self.draft.blocks.append(Rule(lines=lines) if node.type == "hr" else Pause(lines=lines))
            return
        if node.type == "footnote_block":
            self.place_footnotes(convert(node, self.src))
            return
        if node.type == "html_block":
            for command in commands(node.content, start, self.src):
                self.command(command, node)
            paragraph = html_paragraph(node, self.src)
            if paragraph is not None and self.draft.notes_from is None:
                self.touch(node)
                self.draft.blocks.append(paragraph)
            return
        if node.type == "heading" and self.title_slides and self.split_level is not None and int(node.tag[1:]) < self.split_level:
            self.finish(start)  # patat: a heading above the slide level is a slide of its own
            self.slides.append(Slide(title=plain_text(node).strip() or "…", is_title=True, source_lines=self.src.lines(node)))
            self.draft = self.new_draft(node.map[1] if node.map else start)
            return
        if node.type == "heading" and (
            (self.split_level is not None and int(node.tag[1:]) == self.split_level)
            or (self.rules.heading_split == "titles" and self.slide_title(node) and not self.draft.empty())
        ):
            self.finish(start)  # also ends an unclosed <!-- notes --> region
            self.draft = self.new_draft(start)
        if self.draft.notes_from is not None:
            return  # inside <!-- notes --> ... <!-- /notes -->
        self.touch(node)
        if node.type == "heading" and not self.draft.started():
            inline = next((c for c in node.children if c.type == "inline"), None)
            self.draft.title = plain(inline_spans(inline.children if inline else (), self.src, start)).strip() or None
            self.draft.title_line = self.src.number(start)
            # new_lines above a title pushed it down: the title stays on top, so they go
            self.draft.blocks = [block for block in self.draft.blocks if not isinstance(block, Space)]
            if self.draft.layout is not None:  # only markers were collected: nothing moves
                size = len(self.draft.blocks)
                layout = self.draft.layout
                layout.start = min(layout.start, size)
                layout.columns = [(column, min(index, size)) for column, index in layout.columns]
            return
        blocks = [self.clamped(block) for block in convert(node, self.src)]
        if self.rules.dot_pauses:
            blocks = [dot_pauses_in(block, revealed=self.draft.incremental) for block in blocks]
        draft = self.draft
        pieces: list[Block] = []
        for block in blocks:
            revealed = draft.incremental and isinstance(block, (BulletList, NumberedList))
            if revealed and draft.list_newlines < 2:  # one list, an item (nested ones too) a key press
                shown: list[Block] = [replace(block, reveal=True)]
            else:  # spaced items (presenterm's list_item_newlines): a list an item, pauses between
                shown = list_pieces(block, newlines=draft.list_newlines, incremental=draft.incremental)
            if self.rules.dot_pauses and revealed:
                pieces.append(Pause(lines=block.lines))  # patat reveals the first item too, after what came before
            pieces.extend(shown)
        blocks = pieces
        if self.rules.presenterm_commands:
            self.image_attributes(blocks)
        draft.blocks.extend(blocks)

    def slide_title(self, node: Node) -> bool:
        """Whether a heading is a presenterm slide title: setext (underlined), or ``#`` with
        ``h1_slide_titles``."""
        return node.markup in ("=", "-") or (self.rules.h1_slide_titles and node.tag == "h1")

    def image_attributes(self, blocks: list[Block]) -> None:
        """presenterm's image attributes other than ``image:width:50%`` (read with the image):
        not supported yet (the alt text shows)."""
        for block in blocks:
            if isinstance(block, Image) and block.alt.lower().startswith("image:") and block.lines:
                self.not_supported("image attributes", block.lines.first, block.alt)

    def not_supported(self, name: str, line: int, text: str) -> None:
        self.src.not_supported(name, line, text)

    def place_footnotes(self, notes: list[Block]) -> None:
        """markdown-it gathers footnotes at the end of the text it read: each goes to the
        foot of the slides that refer to it."""
        by_label = {note.label: note for note in notes if isinstance(note, Footnote)}
        self.close_layout()  # they come after everything: the layout has ended

        def missing(blocks: Sequence[Block]) -> list[Block]:
            shown = {block.label for block in blocks if isinstance(block, Footnote)}
            return [by_label[label] for label in footnote_labels(blocks) if label in by_label and label not in shown]

        for index, slide in enumerate(self.slides):
            if notes_to_add := missing(slide.blocks):
                self.slides[index] = replace(slide, blocks=(*slide.blocks, *notes_to_add))
        self.draft.blocks.extend(missing(self.draft.blocks))

    def clamped(self, block: Block) -> Block:
        """``block`` with lists nested too deep for a slide flattened (and said so)."""
        block, flattened = clamp_lists(block)
        if flattened:
            where = f"line {block.lines.first}: " if block.lines else ""
            self.src.warnings.append(f"{where}{DEEP_LIST_WARNING}")
        return block

    def touch(self, node: Node) -> None:
        if node.map:
            self.draft.last = self.src.last(node)

    def command(self, command: Command, node: Node) -> None:
        command = unprefixed(command, self.rules.command_prefix)
        draft, name = self.draft, command.name
        in_notes = draft.notes_from is not None
        if name == "/notes" and in_notes:
            self.close_notes(command.index)
        elif name == "end_slide":
            self.finish(command.index)
            self.draft = self.new_draft(node.map[1] if node.map else command.index)
        elif in_notes:
            return
        elif name == "speaker_note":
            note = note_text(command.value)
            if note:
                draft.notes.append(note)
        elif name == "notes" and not command.value:
            draft.notes_from = command.index + command.raw.count("\n") + 1
        elif name == "notes":
            draft.notes.append(note_text(command.value))
        elif name in ("pause", "stop"):
            draft.blocks.append(Pause(lines=Lines(self.src.number(command.index), self.src.number(command.index))))
        elif name == "incremental_lists":
            draft.incremental = command.value.strip().lower() in TRUE_WORDS
        elif not self.peer_command(command):
            ignore_command(command, self.src)
        if node.map:
            draft.last = max(draft.last or 0, self.src.last(node))

    def peer_command(self, command: Command) -> bool:
        """Act on a command of the deck's flavor beyond presenter's own; False if it is none."""
        draft, name, line = self.draft, command.name, self.src.number(command.index)
        presenterm = self.rules.presenterm_commands
        if name in PRESENTERM_UNSUPPORTED:
            self.not_supported(name, line, command.raw)
        elif presenterm and name == "skip_slide":
            draft.skip = line
        elif presenterm and name == "include":
            pass  # already read in its place (presenter.sources.include)
        elif presenterm and name in ("new_lines", "newlines", "new_line", "newline", "list_item_newlines"):
            count = count_value(command)
            if count is None:
                return False
            if count > MAX_NEW_LINES:
                self.src.warnings.append(f"line {line}: {name}: {count} is more than {MAX_NEW_LINES}; {MAX_NEW_LINES} are shown")
                count = MAX_NEW_LINES
            if name == "list_item_newlines":
                draft.list_newlines = count
            elif count:
                lines = Lines(line, line)
                draft.blocks.append(Space(count, lines=lines))
        elif presenterm and name == "alignment":
            to = command.value.strip().lower()
            if to not in ("left", "center", "right"):
                return False
            if draft.started():
                draft.blocks.append(Alignment(to, lines=Lines(line, line)))
            else:  # above the title too
                draft.align = to
        elif presenterm and name == "jump_to_middle":
            if draft.started():  # what follows starts at the middle row
                draft.blocks.append(Space(lines=Lines(line, line), to_middle=True))
            else:
                draft.middle = True
        elif presenterm and name == "no_footer":
            draft.footer = False
        elif presenterm and name in ("column_layout", "column", "reset_layout"):
            self.layout_command(command, line)
        elif self.rules.comments_are_notes and command.raw.startswith("<!--config:"):
            self.not_supported("config", line, command.raw)  # patat's per-slide settings
        elif self.rules.comments_are_notes and name not in COMMON_COMMANDS:
            note = comment_text(command)  # patat: a comment is a speaker note
            if note:
                draft.notes.append(note)
        elif name in PRESENTERM_COMMANDS and not presenterm:
            self.src.ignore(command.index, command.raw, f"ignored comment command: {name} (presenterm's: --flavor presenterm reads it)")
        else:
            return False
        return True

    def layout_command(self, command: Command, line: int) -> None:
        """presenterm's ``column_layout: [2, 1]``, ``column: N`` and ``reset_layout``."""
        draft, name = self.draft, command.name
        if name == "column_layout":
            widths = column_widths(command.value)
            if widths is None:
                reason = "ignored comment command: column_layout (widths are positive whole numbers, such as [2, 1])"
                self.src.ignore(command.index, command.raw, reason)
                return
            self.close_layout()
            draft.layout = Layout(widths, line, len(draft.blocks))
        elif name == "reset_layout":
            if draft.layout is None:
                self.src.warnings.append(f"line {line}: reset_layout without a column_layout before it")
            self.close_layout(line)
        elif draft.layout is None:
            self.src.warnings.append(f"line {line}: {command.raw.strip()} without a column_layout before it; what follows stays in the slide")
        else:
            value = command.value.strip()
            count = len(draft.layout.widths)
            if not value.isdigit() or int(value) >= count:
                self.src.warnings.append(
                    f"line {line}: {command.raw.strip()}: the layout has columns 0 to {count - 1}; what follows stays in the slide"
                )
                draft.layout.columns.append((-1, len(draft.blocks)))
            else:
                draft.layout.columns.append((int(value), len(draft.blocks)))

    def close_layout(self, end: int | None = None) -> None:
        """End the open column layout (at file line ``end``, else its last block)."""
        layout, self.draft.layout = self.draft.layout, None
        if layout is not None:
            gather_columns(self.draft.blocks, layout, end)

    def close_notes(self, end: int) -> None:
        draft = self.draft
        if draft.notes_from is None:
            return
        text = textwrap.dedent("\n".join(self.src.texts[draft.notes_from : end])).strip()
        if text:
            draft.notes.append(text)
        draft.notes_from = None

    def finish(self, end: int) -> None:
        """Turn the draft into a slide."""
        self.close_notes(end)
        self.close_layout()
        draft = self.draft
        if draft.skip is not None:
            last = self.src.number(max(draft.last or draft.start, draft.start))
            title = draft.title or title_from_blocks(draft.blocks)
            self.skipped.append(Removed(draft.skip, title, f"slide left out (skip_slide), lines {self.src.number(draft.start)}-{last}"))
            return
        if draft.empty():
            return
        if not draft.started():
            # Only notes (say, after the front matter): they belong to the slide before.
            if self.slides:
                notes = "\n\n".join(filter(None, (self.slides[-1].notes, *draft.notes)))
                self.slides[-1] = replace(self.slides[-1], notes=notes)
            else:
                self.leading_notes.extend(draft.notes)
            return
        title = draft.title or title_from_blocks(draft.blocks)
        if not title:
            title = f"Slide {self.first_number + len(self.slides)}"  # its number in the deck
        last = draft.last if draft.last is not None else draft.start
        whole = Lines(self.src.number(draft.start), self.src.number(max(last, draft.start)))  # if it makes one slide
        slide = section_slide(title, tuple(draft.blocks), draft.title_line, notes="\n\n".join(draft.notes), whole=whole)
        slide = replace(slide, untitled=draft.title is None, align=draft.align, middle=draft.middle, footer=draft.footer)
        self.slides.append(slide)


def dot_pauses_in(block: Block, *, revealed: bool) -> Block:
    """``block`` with patat's ``. . .`` inside its list items as pauses: steps of a revealed
    list; in one shown at once they are dropped (a list pauses only where revealed here)."""

    def pause(child: Block) -> Block:
        if isinstance(child, (BulletList, NumberedList)):
            items = []
            for item in child.items:
                kept = tuple(
                    Pause(lines=grand.lines) if _is_dots(grand) else grand for grand in item.children if revealed or not _is_dots(grand)
                )
                items.append(replace(item, children=kept))
            return replace(child, items=tuple(items))
        return child

    return map_blocks((block,), pause)[0]


def _is_dots(block: Block) -> bool:
    return isinstance(block, Paragraph) and plain(block.content).strip() == ". . ."


def title_from_blocks(blocks: list[Block]) -> str:
    for block in blocks:
        text = (block_text(block) or fallback_text(block)).strip()
        if text:
            return title_from_text(text)
    return ""

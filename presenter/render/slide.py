"""A whole slide as one Rich renderable: shared by the app and every exporter."""

from __future__ import annotations

from dataclasses import replace

from rich.align import Align
from rich.console import Console, ConsoleOptions, Group, NewLine, RenderableType, RenderResult
from rich.rule import Rule as RichRule
from rich.segment import Segment
from rich.text import Text

from presenter.block_tree import pictures_on
from presenter.model import Alignment, Block, BulletList, Code, Columns, NumberedList, Pause, Rule, Slide, Space
from presenter.render.bigtext import BigText
from presenter.render.blocks import MiddleMark, aligned, render_block
from presenter.render.code import code_panel
from presenter.render.inline import mark_matches
from presenter.render.palette import DEFAULT_PALETTE, Palette
from presenter.render.picture import PICTURE_MIN_ROWS, picture_boxes, pictures_at_most
from presenter.render.stat_card import StatRow


def block_steps(block: Block) -> int:
    """The key presses ``block`` takes before it is shown whole: a code block's highlight
    steps (``{1-4|6|all}`` is two), a revealed list's items after its first."""
    if isinstance(block, Code):
        return block.steps
    if isinstance(block, (BulletList, NumberedList)) and block.reveal:
        return item_count(block) - 1
    if isinstance(block, Columns):  # its pauses and its blocks' own steps, in the order written
        return sum(1 if isinstance(child, Pause) else block_steps(child) for child in block.in_order())
    return 0


def columns_at(block: Columns, step: int) -> Columns:
    """``block`` as shown ``step`` key presses in: what comes before its ``step``-th pause
    in the order written, a revealed list to its item (a code block keeps its last
    highlight), and no pauses."""
    keep: set[tuple[int, int]] = set()
    changed: dict[tuple[int, int], Block] = {}
    passed = 0
    places = block.order or tuple((c, i) for c, column in enumerate(block.columns) for i in range(len(column)))
    for place in places:
        child = block.columns[place[0]][place[1]]
        if isinstance(child, Pause):
            passed += 1
            if passed > step:
                break
            continue
        keep.add(place)
        if (steps := block_steps(child)) and isinstance(child, (BulletList, NumberedList)):
            changed[place] = first_items(child, max(0, min(step - passed, steps)) + 1)
            passed += steps
            if step < passed:
                break
        elif steps and isinstance(child, Columns):
            changed[place] = columns_at(child, max(0, step - passed))
            passed += steps
            if step < passed:
                break
        else:
            passed += steps
    columns = tuple(
        tuple(changed.get((c, i), child) for i, child in enumerate(column) if (c, i) in keep)
        for c, column in enumerate(block.columns)
    )
    return replace(block, columns=columns, order=())


def item_count(block: BulletList | NumberedList) -> int:
    """The parts a revealed list shows one a key press: its items, nested ones included, and
    what follows each pause inside an item (patat's ``. . .``)."""
    return sum(
        1 + sum(item_count(child) if isinstance(child, (BulletList, NumberedList)) else 1 for child in item.children if isinstance(child, (BulletList, NumberedList, Pause)))
        for item in block.items
    )


def first_items(block: BulletList | NumberedList, count: int) -> BulletList | NumberedList:
    """``block`` with only its first ``count`` parts (:func:`item_count`) in reading order:
    an item's other blocks show with it, up to a pause inside it."""
    items = []
    for item in block.items:
        if count <= 0:
            break
        count -= 1
        children: list[Block] = []
        for child in item.children:
            if isinstance(child, Pause):
                if count <= 0:
                    break
                count -= 1
                continue
            if isinstance(child, (BulletList, NumberedList)):
                if count <= 0:
                    break
                child = first_items(child, count)
                count -= item_count(child)
            children.append(child)
        items.append(replace(item, children=tuple(children)))
    return replace(block, items=tuple(items))


def shown_blocks(slide: Slide, step: int | None) -> tuple[tuple[Block, int | None], ...]:
    """The blocks shown at ``step`` (0 = before the first pause; None = all), each with how
    far it is into its own steps (:func:`block_steps`; None: all of it).

    Steps are the slide's pauses and, in the order written, the blocks' own steps: a code
    block's highlight moves on, or a revealed list shows its next item, before a pause after
    it reveals more. What follows a code block is shown meanwhile, as in presenterm; what
    follows a revealed list waits for its last item, as it would after a pause.
    """
    if step is None:
        return tuple((b, None) for b in slide.blocks if not isinstance(b, Pause))
    shown: list[tuple[Block, int | None]] = []
    passed = 0
    for block in slide.blocks:
        if isinstance(block, Pause):
            passed += 1
            if passed > step:
                break
            continue
        if steps := block_steps(block):
            shown.append((block, max(0, min(step - passed, steps))))
            passed += steps
            if step < passed and not isinstance(block, Code):
                break  # what follows a list waits for its last item, as after a pause
            continue
        shown.append((block, None))
    return tuple(shown)


def alignment_after(blocks: tuple[Block, ...] | list[Block], start: str = "left") -> str:
    """The alignment in force after ``blocks``, on a slide that opens aligned ``start``."""
    return next((block.to for block in reversed(blocks) if isinstance(block, Alignment)), start)


def pause_count(slide: Slide) -> int:
    """The steps of ``slide``: its pauses and its code blocks' highlight steps."""
    return sum(1 if isinstance(b, Pause) else block_steps(b) for b in slide.blocks)


class SlideRenderable:
    """Title, stat cards and blocks of a :class:`~presenter.model.Slide`, one under another."""

    def __init__(
        self,
        slide: Slide,
        *,
        palette: Palette = DEFAULT_PALETTE,
        step: int | None = None,
        search: str | None = None,
        big: bool = False,
        height: int | None = None,
    ) -> None:
        self.slide = slide
        self.palette = palette
        self.step = step
        self.search = search
        self.big = big
        """Draw a title slide's title in block letters where it fits (the app does; exports do not)."""
        self.height = height
        """Rows the slide is shown in, if known: its pictures grow into the rows its other
        blocks leave (else each is drawn at most its own size)."""
        self._drawn: tuple[tuple, list[list[Segment]]] | None = None
        """The lines last drawn, and what they were drawn for."""

    def __repr__(self) -> str:
        return f"SlideRenderable({self.slide.display_title!r})"

    def _parts(self, palette: Palette | None = None, *, revealed: bool = False) -> list[RenderableType]:
        """What the slide shows, top to bottom: at its step, or with every step ``revealed``."""
        slide, palette = self.slide, palette or self.palette
        if slide.is_title:
            parts = self._title_parts()
        elif slide.untitled:  # no title bar: the deck gave the slide no title
            parts = []
            if slide.stats:
                parts.append(StatRow(slide.stats, palette=palette))
        else:
            parts = [
                aligned(mark_matches(Text(slide.display_title, style=palette.title), self.search, palette), slide.align),
                RichRule(style=palette.title_rule),
            ]
            if slide.stats:
                parts.append(StatRow(slide.stats, palette=palette))
        align = slide.align
        for block, group in shown_blocks(slide, None if revealed else self.step):
            if isinstance(block, Alignment):  # no row of its own: it aligns what follows
                align = block.to
                continue
            if group is None:
                shown = render_block(block, palette, 0, self.search)
            elif isinstance(block, Code):
                shown = code_panel(block, palette, group=group)
            elif isinstance(block, Columns):
                shown = render_block(columns_at(block, group), palette, 0, self.search)
            else:  # a revealed list, its first items
                shown = render_block(first_items(block, group + 1), palette, 0, self.search)
            if not isinstance(block, (Rule, Space)):  # a rule spans the slide; blank rows are blank
                shown = aligned(shown, align)
            parts += [NewLine(), shown]  # a blank row above each block
        return parts

    def _title_parts(self) -> list[RenderableType]:
        slide, palette = self.slide, self.palette
        title: RenderableType
        if self.big and not (self.search and self.search.casefold() in slide.title.casefold()):
            title = BigText(slide.title, style=palette.deck_title)
        else:  # a search match in the title is shown highlighted, in ordinary letters
            plain = Text(slide.title, style=palette.deck_title, justify="center")
            title = Align.center(mark_matches(plain, self.search, palette))
        parts: list[RenderableType] = [
            Text(""),
            title,
            Text("━" * min(60, len(slide.title) + 8), style=palette.title_rule, justify="center"),
        ]
        if slide.subtitle:
            parts.append(Text(""))
            parts.append(mark_matches(Text(slide.subtitle, style=palette.subtitle, justify="center"), self.search, palette))
        return parts

    def lines(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        """The slide's lines at ``options``' width (unpadded), drawn once for each width:
        Textual draws a widget's content to measure its height, then again to show it."""
        key = (id(console), options.max_width, options.is_terminal, options.legacy_windows)
        if self._drawn is None or self._drawn[0] != key:
            parts, options = self._parts(), options.update(height=None)
            if self.height and (pictures := sum(1 for _ in pictures_on(self.slide))):
                # a picture is never taller than max_height: measured with each one row high,
                # the rest of the slide leaves them what the area has left
                # (as blank cells: the same rows, nothing drawn or sent to a terminal that draws pictures),
                # every step revealed, so that a pause does not resize a picture already shown
                measured = Group(*self._parts(self.palette._replace(graphics="reserved"), revealed=True))
                rest = len(console.render_lines(measured, pictures_at_most(options, 1), pad=False)) - pictures
                options = pictures_at_most(options, max(PICTURE_MIN_ROWS, (self.height - rest) // pictures))
            self._drawn = (key, self._render(console, parts, options))
        return self._drawn[1]

    def picture_boxes(self) -> list[tuple[int, int, tuple]]:
        """Where the lines last drawn hold pictures (:func:`~presenter.render.picture.picture_boxes`)."""
        return picture_boxes(self._drawn[1]) if self._drawn else []

    def _render(self, console: Console, parts: list[RenderableType], options: ConsoleOptions) -> list[list[Segment]]:
        middle = next((i for i, part in enumerate(parts) if isinstance(part, MiddleMark)), None)
        if middle is None or not self.height:
            return console.render_lines(Group(*parts), options, pad=False)
        # jump_to_middle: the blocks after the mark start at the middle row (each block has a blank row above it)
        above = console.render_lines(Group(*parts[:middle]), options, pad=False)
        below = console.render_lines(Group(*parts[middle + 1 :]), options, pad=False)
        return [*above, *([] for _ in range(self.height // 2 - len(above) - 1)), *below]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        new_line = Segment.line()
        for line in self.lines(console, options):
            yield from line
            yield new_line

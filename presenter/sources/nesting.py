"""How deep lists and quotes may nest on a slide; deeper blocks are kept, one level up.

Every level of a list or block quote takes a marker or bar column from the slide's width,
and the renderers and the fitter walk them recursively: blocks nested dozens of levels deep
(fuzzers write them; so do broken exports) left no width for their text, and layout time
grew with every level. Lists and quotes nested deeper than :data:`MAX_LIST_DEPTH` levels
(counted together) join the deepest level shown, in reading order, with every character
they had.
"""

from __future__ import annotations

from dataclasses import replace

from presenter.model import Block, BulletList, ListItem, NumberedList, Paragraph, Quote

#: Levels of list and quote shown on a slide: the outermost list or quote is level 1.
MAX_LIST_DEPTH = 8
#: What a deck's warnings say, after the line, where a list was flattened.
DEEP_LIST_WARNING = f"lists or quotes nested more than {MAX_LIST_DEPTH} levels deep are shown with their deeper blocks at level {MAX_LIST_DEPTH}"


def clamp_lists(block: Block, *, depth: int = 1) -> tuple[Block, bool]:
    """``block`` with lists and quotes deeper than :data:`MAX_LIST_DEPTH` flattened into the
    deepest level shown, and whether anything was flattened. ``depth`` is the level of
    ``block`` itself if it is a list or a quote."""
    if isinstance(block, Quote):
        if depth >= MAX_LIST_DEPTH:
            children, flattened = _lift(block.children)
        else:
            clamped = [clamp_lists(child, depth=depth + 1) for child in block.children]
            children, flattened = tuple(child for child, _ in clamped), any(changed for _, changed in clamped)
        return (replace(block, children=children), True) if flattened else (block, False)
    if not _is_list(block):
        return block, False
    items: list[ListItem] = []
    flattened = False
    for item in block.items:
        if depth >= MAX_LIST_DEPTH:
            own, descendants = _split_off_lists(item)
            for kept in (own, *descendants):
                children, lifted = _lift(kept.children)
                items.append(replace(kept, children=children) if lifted else kept)
                flattened = flattened or lifted
            flattened = flattened or bool(descendants)
            continue
        children = [clamp_lists(child, depth=depth + 1) for child in item.children]
        if any(changed for _, changed in children):
            item = replace(item, children=tuple(child for child, _ in children))
            flattened = True
        items.append(item)
    if not flattened:
        return block, False
    return replace(block, items=tuple(items)), True


def _is_list(block: Block) -> bool:
    return isinstance(block, (BulletList, NumberedList))


def _lift(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], bool]:
    """``blocks`` with every quote in them (at any depth) replaced by its paragraphs and
    blocks, and every list by its items as paragraphs, in reading order; and whether any was.
    Without recursion: the nesting may be deeper than Python's recursion limit."""
    if not any(isinstance(b, Quote) or _is_list(b) for b in blocks):
        return blocks, False
    out: list[Block] = []
    stack = list(reversed(blocks))
    while stack:
        block = stack.pop()
        if isinstance(block, Quote):
            inner: list[Block] = [Paragraph(block.content, block.lines)] if block.content else []
            stack.extend(reversed([*inner, *block.children]))
        elif _is_list(block):
            for item in reversed(block.items):
                stack.extend(reversed([*([Paragraph(item.content, item.lines)] if item.content else []), *item.children]))
        else:
            out.append(block)
    return tuple(out), True


def _split_off_lists(item: ListItem) -> tuple[ListItem, list[ListItem]]:
    """``item`` without its nested lists, and every item of those lists in reading order
    (without recursion: the nesting may be deeper than Python's recursion limit)."""
    descendants: list[ListItem] = []
    stack = [nested for child in reversed(item.children) if _is_list(child) for nested in reversed(child.items)]
    while stack:
        nested = stack.pop()
        descendants.append(replace(nested, children=tuple(c for c in nested.children if not _is_list(c))))
        stack.extend(deeper for child in reversed(nested.children) if _is_list(child) for deeper in reversed(child.items))
    if not descendants:
        return item, []
    return replace(item, children=tuple(c for c in item.children if not _is_list(c))), descendants

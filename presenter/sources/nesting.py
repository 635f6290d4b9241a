"""How deep lists may nest on a slide; deeper items are kept, one level up.

Every level of a list takes a marker column from the slide's width, and the renderers and
the fitter walk lists recursively: a list nested hundreds of levels deep (fuzzers write
them; so do broken exports) exhausted the recursion limit, and at terminal widths where the
markers used up the line, layout time grew exponentially.
Items nested deeper than :data:`MAX_LIST_DEPTH` levels join the deepest list shown, in
reading order, with every character they had.
"""

from __future__ import annotations

from dataclasses import replace

from presenter.model import Block, BulletList, ListItem, NumberedList

#: Levels of list shown on a slide: the outermost list is level 1.
MAX_LIST_DEPTH = 8
#: What a deck's warnings say, after the line, where a list was flattened.
DEEP_LIST_WARNING = f"a list nested more than {MAX_LIST_DEPTH} levels deep is shown with its deeper items at level {MAX_LIST_DEPTH}"


def clamp_lists(block: Block, *, depth: int = 1) -> tuple[Block, bool]:
    """``block`` with lists deeper than :data:`MAX_LIST_DEPTH` flattened into the deepest
    level shown, and whether anything was flattened. ``depth`` is the level of ``block``
    itself if it is a list."""
    if not isinstance(block, (BulletList, NumberedList)):
        return block, False
    items: list[ListItem] = []
    flattened = False
    for item in block.items:
        if depth >= MAX_LIST_DEPTH:
            own, descendants = _split_off_lists(item)
            items.append(own)
            items.extend(descendants)
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


def list_depth(block: Block) -> int:
    """How many levels of list ``block`` has (0 if it is not a list)."""
    depth = 0
    level = [block]
    while level:
        lists = [b for b in level if _is_list(b)]
        if not lists:
            break
        depth += 1
        level = [child for b in lists for item in b.items for child in item.children]
    return depth

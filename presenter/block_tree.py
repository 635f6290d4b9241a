"""Walking the blocks a block holds: a quote's, its list items', its columns'."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from presenter.model import Block, BulletList, Columns, Image, NumberedList, Quote, Slide


def children(block: Block) -> tuple[Block, ...]:
    """The blocks directly inside ``block``: a quote's, its list items', its columns'."""
    if isinstance(block, Quote):
        return block.children
    if isinstance(block, (BulletList, NumberedList)):
        return tuple(child for item in block.items for child in item.children)
    if isinstance(block, Columns):
        return tuple(child for column in block.columns for child in column)
    return ()


def map_blocks(blocks: tuple[Block, ...], change: Callable[[Block], Block]) -> tuple[Block, ...]:
    """``blocks`` with ``change`` applied to each, nested ones first, in reading order."""
    changed = []
    for block in blocks:
        if isinstance(block, Quote):
            block = replace(block, children=map_blocks(block.children, change))
        elif isinstance(block, (BulletList, NumberedList)):
            block = replace(block, items=tuple(replace(item, children=map_blocks(item.children, change)) for item in block.items))
        elif isinstance(block, Columns):
            block = replace(block, columns=tuple(map_blocks(column, change) for column in block.columns))
        changed.append(change(block))
    return tuple(changed)


def pictures_on(slide: Slide) -> Iterator[Image]:
    """The images ``slide`` shows, in the order written."""
    for block in slide.blocks:
        yield from pictures_in(block)


def pictures_in(block: Block) -> Iterator[Image]:
    """The images ``block`` shows, nested ones included."""
    return (shown for shown in walk_blocks((block,)) if isinstance(shown, Image))


def walk_blocks(blocks: Iterable[Block]) -> Iterator[Block]:
    """``blocks`` and every block nested in them, in reading order."""
    for block in blocks:
        yield block
        yield from walk_blocks(children(block))

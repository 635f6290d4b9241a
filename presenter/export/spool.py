"""Rows of Rich segments parked in a temporary file and read back in order.

Every screen of an image export has the height of the tallest slide, which is known only
once every slide is drawn. Rather than hold every drawn slide in memory (gigabytes for
100,000 slides) or draw each twice, :mod:`presenter.export.screen` parks each slide's rows
here and reads them back one slide at a time. A small deck stays in memory; past
:data:`IN_MEMORY` bytes the rows go to an anonymous temporary file.

Rows are stored with :mod:`marshal` (strings and integers only; styles and control codes are
kept once each in memory and stored by their index), compressed: a drawn slide is mostly
runs of spaces, so 100,000 slides take about 25 MB.
"""

from __future__ import annotations

import marshal
import tempfile
import zlib
from collections.abc import Hashable, Iterator
from typing import Any, Self

from rich.segment import Segment

#: Bytes kept in memory before the spool moves to a temporary file.
IN_MEMORY = 16 * 1024 * 1024

Rows = list[list[Segment]]


class SegmentSpool:
    """Append rows of segments, then iterate over them once, in the order appended."""

    def __init__(self) -> None:
        self._file = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY)  # noqa: SIM115 (closed by __exit__)
        self._index: dict[Hashable, int] = {}
        self._objects: list[Any] = []

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()

    def append(self, rows: Rows) -> None:
        rows_data = [[(s.text, self._ref(s.style), self._ref(s.control)) for s in row] for row in rows]
        data = zlib.compress(marshal.dumps(rows_data), 1)
        self._file.write(len(data).to_bytes(8, "little"))
        self._file.write(data)

    def __iter__(self) -> Iterator[Rows]:
        objects = self._objects
        self._file.seek(0)
        while header := self._file.read(8):
            rows = marshal.loads(zlib.decompress(self._file.read(int.from_bytes(header, "little"))))
            yield [[Segment(text, objects[style], objects[control]) for text, style, control in row] for row in rows]

    def _ref(self, value: Hashable) -> int:
        ref = self._index.get(value)
        if ref is None:
            ref = self._index[value] = len(self._objects)
            self._objects.append(value)
        return ref

"""``export_FORMAT`` from ``stream_FORMAT``: the pieces of an export joined into one value."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any


def whole(stream: Callable[..., Iterator[Any]], kind: str = "text") -> Callable[..., Any]:
    """The export function of ``stream``: its pieces as one ``str`` (``kind`` text), ``bytes``
    (binary) or ``{file name: bytes}`` (directory); see :mod:`presenter.export`."""

    def export(deck, **options: Any) -> Any:
        pieces = stream(deck, **options)
        if kind == "directory":
            return dict(pieces)
        return (b"" if kind == "binary" else "").join(pieces)

    export.__name__ = export.__qualname__ = stream.__name__.replace("stream_", "export_", 1)
    export.__doc__ = f"The whole export at once: the pieces of :func:`{stream.__name__}` joined."
    return export

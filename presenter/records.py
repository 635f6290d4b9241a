"""``record``: a frozen, slotted dataclass that is cheaper to define.

``@dataclass(frozen=True, slots=True)`` writes six methods per class as source text and
compiles each one when the module is imported: ``__init__``, ``__setattr__``,
``__delattr__``, ``__eq__``, ``__hash__`` and ``__repr__``. The app imports about thirty such
classes before its first frame, and compiling them took ~15 ms of the launch.
:func:`record` lets :func:`dataclasses.dataclass` write the first three (construction stays as
fast, and ``replace``, ``fields`` and pickling work as before) and gives every class the same
three shared functions for the rest, which compare, hash and show the fields in order just
as the generated ones do.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Callable, TypeVar

T = TypeVar("T")


def _fields_of(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    names = tuple(cls.__dataclass_fields__)  # type: ignore[attr-defined]
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return attrgetter(*names) if names else (lambda obj: ())


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        return self.__record_fields__(self) == other.__record_fields__(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(self.__record_fields__(self))


def _repr(self: Any) -> str:
    values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__dataclass_fields__)
    return f"{type(self).__qualname__}({values})"


def record(cls: type[T]) -> type[T]:
    """``cls`` as ``@dataclass(frozen=True, slots=True)`` makes it, defined for less."""
    made: Any = dataclass(frozen=True, slots=True, eq=False, repr=False)(cls)
    made.__record_fields__ = staticmethod(_fields_of(made))
    made.__eq__ = _eq
    made.__hash__ = _hash
    made.__repr__ = _repr
    return made  # type: ignore[no-any-return]

"""``record``: frozen, slotted data classes that are cheap to define.

The deck model and the small value classes around it are frozen data: fields set once by
the constructor, compared and hashed by value, shown as ``Name(field=value, ...)``.
``@dataclass(frozen=True, slots=True)`` gives exactly that, but it writes six methods per
class as source text and compiles each when the module is imported, and builds every class
twice (once more for the slots). The app imports about thirty such classes before its first
frame. Importing the model's sixteen took ~42 million instructions of the launch under
``@dataclass`` (a seventh of all that presenter added to a bare Textual app's) and takes ~13
million as records (counted as ``benchmarks/launch_ab.py --measure instructions`` counts).
``record`` compiles only ``__init__``, when the class is first called (unpickling needs no
``__init__``), and shares one function of each other kind between all classes, which
compare, hash and show the fields in order as the generated ones do
(``tests/test_records.py`` holds them side by side).

Use :func:`replace`, :func:`field_names` and :func:`is_record` where ``dataclasses.replace``,
``fields`` and ``is_dataclass`` would be used.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from operator import attrgetter
from typing import Any, Callable, TypeVar, dataclass_transform

T = TypeVar("T")

_set = object.__setattr__


def _setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        return self.__record_values__(self) == other.__record_values__(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(self.__record_values__(self))


def _repr(self: Any) -> str:
    values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
    return f"{type(self).__qualname__}({values})"


def _reduce(self: Any) -> tuple[Callable[..., Any], tuple[Any, ...]]:
    return type(self)._from_values, self.__record_values__(self)  # pickled as the call that makes it


def _values_getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return attrgetter(*names) if names else (lambda obj: ())


@dataclass_transform(frozen_default=True)
def record(cls: type[T]) -> type[T]:
    """``cls``, whose annotated class attributes are its fields (defaults as written), as a
    frozen class with ``__slots__``, value equality and hashing, and a field-by-field repr.

    A default must be immutable (it is shared, as a dataclass's plain default is).
    """
    names = tuple(cls.__dict__.get("__annotations__", {}))
    defaults = {name: cls.__dict__[name] for name in names if name in cls.__dict__}
    namespace = {key: value for key, value in cls.__dict__.items() if key not in defaults and key not in ("__dict__", "__weakref__")}
    namespace.update(
        __slots__=names,
        __setattr__=_setattr,
        __delattr__=_delattr,
        __eq__=_eq,
        __hash__=_hash,
        __repr__=_repr,
        __reduce__=_reduce,
        __record_values__=staticmethod(_values_getter(names)),
        __match_args__=names,
    )
    new = object.__new__

    def from_values(*values: Any) -> Any:
        made_one = new(made)
        init = made.__init__
        if init is lazy_init:  # not compiled yet: not worth compiling to unpickle a few
            for name, value in zip(names, values):
                _set(made_one, name, value)
        else:
            init(made_one, *values)
        return made_one

    from_values.__qualname__ = f"{cls.__qualname__}._from_values"  # how pickle names it
    from_values.__module__ = cls.__module__
    namespace["_from_values"] = staticmethod(from_values)
    made = type(cls)(cls.__name__, cls.__bases__, namespace)
    made.__qualname__ = cls.__qualname__

    def lazy_init(self: Any, *args: Any, **kwargs: Any) -> None:
        init = _compiled_init(made, names, defaults)
        made.__init__ = init  # type: ignore[misc]
        init(self, *args, **kwargs)

    # Compiled on first use: compiling is most of what defining a record costs, and the app
    # makes few kinds before its first frame (the deck comes pickled, see from_values).
    lazy_init.__qualname__ = f"{cls.__qualname__}.__init__"
    made.__init__ = lazy_init  # type: ignore[misc]
    return made


def _compiled_init(made: type, names: tuple[str, ...], defaults: dict[str, Any]) -> Callable[..., None]:
    """``made.__init__``, compiled: its fields as parameters in order (defaults as written),
    each set on the frozen instance."""
    params = ", ".join(f"{name}=_default_{name}" if name in defaults else name for name in names)
    body = "".join(f"\n    _set(self, {name!r}, {name})" for name in names) or "\n    pass"
    scope = {"_set": _set, **{f"_default_{name}": value for name, value in defaults.items()}}
    namespace = {}
    exec(f"def __init__(self, {params}) -> None:{body}", scope, namespace)  # noqa: S102 - our own field names
    namespace["__init__"].__qualname__ = f"{made.__qualname__}.__init__"
    return namespace["__init__"]


def is_record(value: Any) -> bool:
    """Whether ``value`` is an instance of a :func:`record` class."""
    return hasattr(type(value), "__record_values__") and not isinstance(value, type)


def field_names(value: Any) -> tuple[str, ...]:
    """The names of a record's fields, in order."""
    return type(value).__slots__  # type: ignore[no-any-return]


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of the record ``obj`` with ``changes`` to its fields (as ``dataclasses.replace``)."""
    names = type(obj).__slots__  # type: ignore[attr-defined]
    unknown = set(changes).difference(names)
    if unknown:
        raise TypeError(f"{type(obj).__qualname__} has no field {sorted(unknown)[0]!r}")
    return type(obj)(**{name: changes[name] if name in changes else getattr(obj, name) for name in names})

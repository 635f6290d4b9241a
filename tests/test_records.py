"""``record`` classes behave as ``@dataclass(frozen=True, slots=True)`` ones do."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from presenter.model import Deck, Lines, Slide, Span
from presenter.records import field_names, is_record, record, replace


@record
class Point:
    x: int
    label: str = ""
    tags: tuple[str, ...] = ()

    @property
    def doubled(self) -> int:
        return self.x * 2


@dataclasses.dataclass(frozen=True, slots=True)
class Twin:
    x: int
    label: str = ""
    tags: tuple[str, ...] = ()


@record
class One:
    value: int


values = st.tuples(st.integers(), st.text(max_size=5), st.lists(st.text(max_size=3), max_size=3).map(tuple))


@given(values, values)
def test_equality_hash_and_repr_match_the_dataclass_ones(a, b):
    assert (Point(*a) == Point(*b)) == (Twin(*a) == Twin(*b))
    assert hash(Point(*a)) == hash(Twin(*a))
    assert repr(Point(*a)).replace("Point", "Twin") == repr(Twin(*a))


def test_construction_by_position_keyword_and_default():
    assert Point(1, tags=("a",)) == Point(x=1, label="", tags=("a",))
    assert Point(3).doubled == 6
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, colour="red")  # type: ignore[call-arg]


def test_a_record_is_frozen_and_slotted():
    point = Point(1, "a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del point.label
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.other = 1  # type: ignore[attr-defined]
    assert not hasattr(point, "__dict__")


def test_replace_fields_copy_and_pickle():
    point = Point(1, "a", ("t",))
    assert replace(point, x=2) == Point(2, "a", ("t",))
    assert replace(One(1), value=2) == One(2)  # a field may be called anything
    assert point == Point(1, "a", ("t",))
    with pytest.raises(TypeError, match="no field 'colour'"):
        replace(point, colour="red")
    assert field_names(point) == ("x", "label", "tags")
    assert is_record(point) and not is_record(Point) and not is_record(Twin(1))
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(point, protocol)) == point
    assert copy.copy(point) == point and copy.deepcopy(point) == point
    slide = Slide("T", source_lines=Lines(1, 2))
    assert pickle.loads(pickle.dumps(Deck("D", slides=(slide,)))) == Deck("D", slides=(slide,))


def test_records_of_different_classes_never_compare_equal():
    assert Point(1) != Twin(1)
    assert One(1) != (1,)
    assert One(1) == One(1) and hash(One(1)) == hash(One(1)) and One(1) != One(2)
    assert Lines(1, 2) != Span("x")
    assert {Lines(1, 2): "a"}[Lines(1, 2)] == "a"


@record
class Unpickled:
    """Made only by the test below, so its ``__init__`` is not compiled before it runs."""

    a: int
    b: str = "x"


def test_a_record_unpickles_before_its_init_is_compiled_and_after():
    first = pickle.loads(pickle.dumps(Unpickled._from_values(1, "y")))
    assert Unpickled.__init__.__name__ == "lazy_init"  # unpickling did not compile it
    assert (first.a, first.b) == (1, "y") and first == Unpickled._from_values(1, "y")
    built = Unpickled(2)  # the first call compiles the real one
    assert Unpickled.__init__.__name__ == "__init__" and built.b == "x"
    assert pickle.loads(pickle.dumps(built)) == built
    with pytest.raises(TypeError):
        Unpickled()  # a missing field is still an error

"""``record`` behaves as ``@dataclass(frozen=True, slots=True)`` does, for what the code uses."""

from __future__ import annotations

import dataclasses
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from presenter.model import Lines, Span
from presenter.records import record


@record
class Point:
    x: int
    label: str = ""
    tags: tuple[str, ...] = ()


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
def test_equality_and_hash_match_the_dataclass_ones(a, b):
    assert (Point(*a) == Point(*b)) == (Twin(*a) == Twin(*b))
    assert hash(Point(*a)) == hash(Twin(*a))
    assert repr(Point(*a)).replace("Point", "Twin") == repr(Twin(*a))


def test_a_record_is_frozen_slotted_and_works_with_dataclass_tools():
    point = Point(1, "a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 2  # type: ignore[misc]
    assert not hasattr(point, "__dict__")
    assert dataclasses.replace(point, x=2) == Point(2, "a")
    assert [f.name for f in dataclasses.fields(point)] == ["x", "label", "tags"]
    assert pickle.loads(pickle.dumps(point)) == point


def test_records_of_different_classes_never_compare_equal():
    assert Point(1) != Twin(1)
    assert One(1) != (1,)
    assert One(1) == One(1) and hash(One(1)) == hash(One(1)) and One(1) != One(2)
    assert Lines(1, 2) != Span("x")
    assert {Lines(1, 2): "a"}[Lines(1, 2)] == "a"

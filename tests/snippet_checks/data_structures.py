"""Checks for skills/snippets/data_structures.py."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest


def _check_count_items(fn: Any) -> None:
    assert fn("abracadabra") == [("a", 5), ("b", 2), ("r", 2), ("c", 1), ("d", 1)]
    assert fn([]) == []


def _check_group_by_key(fn: Any) -> None:
    words = ["apple", "bean", "avocado", "banana", "cherry"]
    assert fn(words, key=lambda w: w[0]) == {
        "a": ["apple", "avocado"],
        "b": ["bean", "banana"],
        "c": ["cherry"],
    }
    assert fn(range(7), key=lambda n: n % 3) == {0: [0, 3, 6], 1: [1, 4], 2: [2, 5]}


def _check_invert_dict(fn: Any) -> None:
    assert fn({"a": 1, "b": 2}) == {1: "a", 2: "b"}
    with pytest.raises(ValueError):
        fn({"a": 1, "b": 1})


def _check_invert_dict_grouped(fn: Any) -> None:
    assert fn({"ann": "red", "bob": "blue", "cy": "red"}) == {"red": ["ann", "cy"], "blue": ["bob"]}


def _check_chunk_list(fn: Any) -> None:
    assert fn([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]]
    assert fn([1, 2, 3], 3) == [[1, 2, 3]]
    assert fn([], 4) == []
    with pytest.raises(ValueError):
        fn([1], 0)


def _check_flatten_nested(fn: Any) -> None:
    assert fn([1, [2, [3, (4, 5)]], 6]) == [1, 2, 3, 4, 5, 6]
    assert fn([[], ["ab", ["cd"]], [[[]]]]) == ["ab", "cd"]  # strings stay whole
    deep: list[Any] = [7]
    for _ in range(5000):
        deep = [deep]
    assert fn(deep) == [7]


def _check_dedupe_preserving_order(fn: Any) -> None:
    assert fn([3, 1, 3, 2, 1]) == [3, 1, 2]
    assert fn("mississippi") == ["m", "i", "s", "p"]


def _check_bidict(cls: Any) -> None:
    codes = cls({"fr": "France", "de": "Germany"})
    assert (codes["fr"], codes.key_of("Germany"), len(codes)) == ("France", "de", 2)
    codes["fr"] = "French Republic"  # the old value no longer points back
    with pytest.raises(KeyError):
        codes.key_of("France")
    codes["xx"] = "Germany"  # taking a value drops its old key
    assert "de" not in codes
    assert codes.key_of("Germany") == "xx"
    del codes["xx"]
    assert len(codes) == 1
    with pytest.raises(KeyError):
        codes.key_of("Germany")


def _check_pairs_to_multidict(fn: Any) -> None:
    grouped = fn([("a", 1), ("b", 2), ("a", 3)])
    assert isinstance(grouped, defaultdict)
    assert dict(grouped) == {"a": [1, 3], "b": [2]}
    assert grouped["new"] == []


def _check_task_record(cls: Any) -> None:
    docs = cls(2, "write docs", tags=["docs"])
    fire = cls(1, "fix outage")
    assert (docs.is_urgent, fire.is_urgent, cls(1, "x", done=True).is_urgent) == (
        False,
        True,
        False,
    )
    assert [t.title for t in sorted([docs, fire])] == ["fix outage", "write docs"]
    assert cls(1, "a").tags == []
    assert cls(1, "a").tags is not cls(1, "a").tags
    assert cls(1, "a", tags=["x"]) == cls(1, "a")  # tags do not take part in comparison


def _check_point(cls: Any) -> None:
    origin, corner = cls(0, 0), cls(3, 4)
    assert origin.distance_to(corner) == 5.0
    assert corner._replace(y=0) == (3, 0)
    x, y = corner
    assert (x, y, corner.x) == (3, 4, 3)
    with pytest.raises(AttributeError):
        corner.x = 1


def _check_deep_merge_dicts(fn: Any) -> None:
    base = {"db": {"host": "a", "port": 1}, "debug": False}
    merged = fn(base, {"db": {"port": 2}, "debug": True, "extra": [1]})
    assert merged == {"db": {"host": "a", "port": 2}, "debug": True, "extra": [1]}
    assert base == {"db": {"host": "a", "port": 1}, "debug": False}  # inputs untouched
    assert fn({"a": {"b": 1}}, {"a": 5}) == {"a": 5}


def _check_sort_dict_by_value(fn: Any) -> None:
    ordered = fn({"b": 2, "a": 3, "c": 1})
    assert list(ordered.items()) == [("c", 1), ("b", 2), ("a", 3)]
    assert list(fn({"b": 2, "a": 3, "c": 1}, descending=True)) == ["a", "b", "c"]


CHECKS = {
    "count_items": _check_count_items,
    "group_by_key": _check_group_by_key,
    "invert_dict": _check_invert_dict,
    "invert_dict_grouped": _check_invert_dict_grouped,
    "chunk_list": _check_chunk_list,
    "flatten_nested": _check_flatten_nested,
    "dedupe_preserving_order": _check_dedupe_preserving_order,
    "BiDict": _check_bidict,
    "pairs_to_multidict": _check_pairs_to_multidict,
    "TaskRecord": _check_task_record,
    "Point": _check_point,
    "deep_merge_dicts": _check_deep_merge_dicts,
    "sort_dict_by_value": _check_sort_dict_by_value,
}

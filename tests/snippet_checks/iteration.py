"""Checks for skills/snippets/iteration.py, on lists, strings and one-shot generators (so a
snippet that reads its input twice, or too far, is caught)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest


def _gen(*items: Any) -> Iterator[Any]:
    yield from items


def _check_sliding_window(fn: Any) -> None:
    assert list(fn([1, 2, 3, 4], 3)) == [(1, 2, 3), (2, 3, 4)]
    assert list(fn(_gen(1, 2, 3), 1)) == [(1,), (2,), (3,)]
    assert list(fn("ab", 3)) == []
    assert list(fn("abc", 3)) == [("a", "b", "c")]
    with pytest.raises(ValueError):
        list(fn([1], 0))


def _check_pairwise_items(fn: Any) -> None:
    assert [b - a for a, b in fn([1, 4, 9, 16])] == [3, 5, 7]
    assert list(fn(_gen("x", None, "y"))) == [("x", None), (None, "y")]
    assert list(fn([1])) == []
    assert list(fn([])) == []


def _check_batched_items(fn: Any) -> None:
    assert list(fn(range(7), 3)) == [(0, 1, 2), (3, 4, 5), (6,)]
    assert list(fn(_gen("a", "b"), 2)) == [("a", "b")]
    assert list(fn([], 5)) == []
    with pytest.raises(ValueError):
        list(fn([1], 0))


def _check_round_robin(fn: Any) -> None:
    assert list(fn("ABC", "D", "EF")) == ["A", "D", "E", "B", "F", "C"]
    assert list(fn([1, 2], _gen(), [3])) == [1, 3, 2]
    assert list(fn()) == []


def _check_take_first(fn: Any) -> None:
    assert fn(itertools.count(10), 3) == [10, 11, 12]
    assert fn([1, 2], 5) == [1, 2]
    source = _gen(1, 2, 3, 4)
    assert fn(source, 2) == [1, 2]
    assert list(source) == [3, 4]  # the rest is left unread


def _check_unique_everseen(fn: Any) -> None:
    assert list(fn("AbBca", key=str.lower)) == ["A", "b", "c"]
    assert list(fn([3, 1, 3, 2, 1])) == [3, 1, 2]
    lazy = fn(itertools.cycle([1, 2]))  # it must not try to read everything first
    assert [next(lazy), next(lazy)] == [1, 2]


def _check_interleave(fn: Any) -> None:
    assert list(fn([1, 2, 3], "ab")) == [1, "a", 2, "b"]
    assert list(fn("ace", "bdf")) == ["a", "b", "c", "d", "e", "f"]
    assert list(fn([1], [])) == []


def _check_running_total(fn: Any) -> None:
    assert fn([3, 1, 4, 1]) == [3, 4, 8, 9]
    assert fn(_gen(2, 5, 1, 7), max) == [2, 5, 5, 7]
    assert fn([]) == []
    assert fn([0.5, 0.25]) == [0.5, 0.75]


def _check_cycle_take(fn: Any) -> None:
    assert fn(["red", "green"], 5) == ["red", "green", "red", "green", "red"]
    assert fn(_gen(1, 2, 3), 2) == [1, 2]
    assert fn([], 4) == []
    assert fn("ab", 0) == []


def _check_zip_longest_fill(fn: Any) -> None:
    assert fn([1, 2, 3], "ab", fill="-") == [(1, "a"), (2, "b"), (3, "-")]
    assert fn("a", [1, 2]) == [("a", 1), (None, 2)]
    assert fn() == []


def _check_first_match(fn: Any) -> None:
    assert fn([1, 4, 9, 16], lambda n: n > 5) == 9
    assert fn([1, 2], lambda n: n > 5) is None
    assert fn([1, 2], lambda n: n > 5, default=0) == 0
    assert fn(itertools.count(1), lambda n: n % 7 == 0) == 7  # stops at the first hit


def _check_partition_items(fn: Any) -> None:
    assert fn(range(10), lambda n: n % 2 == 0) == ([0, 2, 4, 6, 8], [1, 3, 5, 7, 9])
    assert fn(_gen("a", "", "b"), bool) == (["a", "b"], [""])
    assert fn([], bool) == ([], [])


def _check_last_item(fn: Any) -> None:
    assert fn(_gen("first", "middle", "final")) == "final"
    assert fn(range(1_000_000)) == 999_999
    assert fn([]) is None
    assert fn([], default="none") == "none"


def _check_consecutive_runs(fn: Any) -> None:
    assert fn("aaabccdd") == [("a", 3), ("b", 1), ("c", 2), ("d", 2)]
    assert fn([1, 1, 2, 1]) == [(1, 2), (2, 1), (1, 1)]
    assert fn([]) == []


def _check_flatten_one_level(fn: Any) -> None:
    assert fn([[1, 2], [3], []]) == [1, 2, 3]
    assert fn([[1, [2]], (3,)]) == [1, [2], 3]  # only one level
    assert fn(["ab", "c"]) == ["a", "b", "c"]


def _check_split_when(fn: Any) -> None:
    assert list(fn([1, 2, 3, 7, 8, 10], lambda a, b: b != a + 1)) == [[1, 2, 3], [7, 8], [10]]
    assert list(fn("aAbB", lambda a, b: b.isupper() and not a.isupper())) == [
        ["a"],
        ["A", "b"],
        ["B"],
    ]
    assert list(fn([], lambda a, b: True)) == []
    assert list(fn([5], lambda a, b: True)) == [[5]]


CHECKS = {
    "sliding_window": _check_sliding_window,
    "pairwise_items": _check_pairwise_items,
    "batched_items": _check_batched_items,
    "round_robin": _check_round_robin,
    "take_first": _check_take_first,
    "unique_everseen": _check_unique_everseen,
    "interleave": _check_interleave,
    "running_total": _check_running_total,
    "cycle_take": _check_cycle_take,
    "zip_longest_fill": _check_zip_longest_fill,
    "first_match": _check_first_match,
    "partition_items": _check_partition_items,
    "last_item": _check_last_item,
    "consecutive_runs": _check_consecutive_runs,
    "flatten_one_level": _check_flatten_one_level,
    "split_when": _check_split_when,
}

"""Checks for skills/snippets/algorithms.py, each against a hand-worked answer (and, where a
brute force is cheap, against the standard library on a few fixed inputs)."""

from __future__ import annotations

import itertools
import math
import random
from typing import Any

import pytest


def _check_binary_search(fn: Any) -> None:
    items = [1, 3, 5, 7, 9, 11]
    assert [fn(items, x) for x in items] == [0, 1, 2, 3, 4, 5]
    assert [fn(items, x) for x in (0, 4, 12)] == [-1, -1, -1]
    assert fn([], 3) == -1
    assert fn(["ant", "bee", "cat"], "cat") == 2


def _shuffled(seed: int, size: int) -> list[int]:
    rng = random.Random(seed)
    return [rng.randint(-50, 50) for _ in range(size)]


def _check_quicksort(fn: Any) -> None:
    assert fn([3, 6, 1, 8, 1, 2]) == [1, 1, 2, 3, 6, 8]
    assert fn([]) == []
    data = _shuffled(1, 300)
    assert fn(data) == sorted(data)
    assert fn("banana") == ["a", "a", "a", "b", "n", "n"]


def _check_merge_sort(fn: Any) -> None:
    assert fn([5, 2, 4, 1]) == [1, 2, 4, 5]
    data = _shuffled(2, 301)
    original = list(data)
    assert fn(data) == sorted(data)
    assert data == original  # returns a new list

    class Key:
        def __init__(self, key: int, tag: str) -> None:
            self.key, self.tag = key, tag

        def __lt__(self, other: Key) -> bool:
            return self.key < other.key

    records = [Key(2, "a"), Key(1, "b"), Key(2, "c"), Key(1, "d")]
    assert [r.tag for r in fn(records)] == ["b", "d", "a", "c"]  # stable


def _check_insertion_sort(fn: Any) -> None:
    data = [4, 3, 2, 1]
    assert fn(data) is data
    assert data == [1, 2, 3, 4]
    shuffled = _shuffled(3, 60)
    assert fn(list(shuffled)) == sorted(shuffled)
    assert fn([]) == []


def _check_greatest_common_divisor(fn: Any) -> None:
    assert fn(48, 18) == 6
    assert fn(17, 5) == 1
    assert fn(0, 9) == 9
    assert fn(-12, 8) == 4
    assert all(fn(a, b) == math.gcd(a, b) for a in range(-20, 21) for b in range(0, 30))


def _check_least_common_multiple(fn: Any) -> None:
    assert fn([4, 6, 10]) == 60
    assert fn([7]) == 7
    assert fn([3, 0, 5]) == 0
    assert fn([]) == 1
    assert fn(range(1, 11)) == 2520


def _check_primes_up_to(fn: Any) -> None:
    assert fn(20) == [2, 3, 5, 7, 11, 13, 17, 19]
    assert fn(2) == [2]
    assert fn(1) == []
    assert fn(49)[-1] == 47
    assert len(fn(10_000)) == 1229


def _check_is_prime(fn: Any) -> None:
    small = [n for n in range(-5, 60) if fn(n)]
    assert small == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59]
    assert fn(7919) is True
    assert fn(7917) is False
    assert fn(25) is False
    assert fn(2_147_483_647) is True


def _check_fibonacci_sequence(fn: Any) -> None:
    assert fn(8) == [0, 1, 1, 2, 3, 5, 8, 13]
    assert fn(0) == []
    assert fn(1) == [0]


def _check_nth_fibonacci(fn: Any) -> None:
    assert [fn(n) for n in range(10)] == [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]
    assert fn(50) == 12586269025
    with pytest.raises(ValueError):
        fn(-1)


def _check_factorial_iterative(fn: Any) -> None:
    assert [fn(n) for n in range(6)] == [1, 1, 2, 6, 24, 120]
    assert fn(20) == math.factorial(20)
    with pytest.raises(ValueError):
        fn(-3)


_GRAPH = {"a": ["b", "c"], "b": ["d"], "c": ["d", "e"], "d": ["f"], "e": ["f"], "f": []}


def _check_bfs_shortest_path(fn: Any) -> None:
    assert fn(_GRAPH, "a", "f") == ["a", "b", "d", "f"]
    assert fn(_GRAPH, "c", "f") == ["c", "d", "f"]
    assert fn(_GRAPH, "a", "a") == ["a"]
    assert fn(_GRAPH, "f", "a") is None
    assert fn({1: [2], 2: [3], 3: [1]}, 3, 2) == [3, 1, 2]


def _check_dfs_order(fn: Any) -> None:
    assert fn(_GRAPH, "a") == ["a", "b", "d", "f", "c", "e"]
    assert fn({"x": ["y"], "y": ["x"]}, "x") == ["x", "y"]
    assert fn({}, "lonely") == ["lonely"]


def _check_topological_sort(fn: Any) -> None:
    assert fn({"app": ["lib", "utils"], "lib": ["utils"]}) == ["utils", "lib", "app"]
    graph = {"shirt": ["undershirt"], "tie": ["shirt"], "jacket": ["tie", "belt"], "belt": []}
    order = fn(graph)
    assert sorted(order) == ["belt", "jacket", "shirt", "tie", "undershirt"]
    for node, deps in graph.items():
        assert all(order.index(dep) < order.index(node) for dep in deps)
    with pytest.raises(ValueError, match="cycle"):
        fn({"a": ["b"], "b": ["c"], "c": ["a"]})


def _check_dijkstra_distances(fn: Any) -> None:
    graph = {"a": {"b": 1, "c": 4}, "b": {"c": 2, "d": 7}, "c": {"d": 1}, "e": {"a": 1}}
    assert fn(graph, "a") == {"a": 0, "b": 1, "c": 3, "d": 4}
    assert fn(graph, "d") == {"d": 0}
    assert fn({"x": {"y": 0.5}, "y": {"x": 0.5}}, "x") == {"x": 0, "y": 0.5}


def _check_permutations_of(fn: Any) -> None:
    assert fn([1, 2, 3]) == [[1, 2, 3], [1, 3, 2], [2, 1, 3], [2, 3, 1], [3, 1, 2], [3, 2, 1]]
    assert fn([]) == [[]]
    assert fn("abcd") == [list(p) for p in itertools.permutations("abcd")]


def _check_power_set(fn: Any) -> None:
    assert fn([1, 2]) == [[], [1], [2], [1, 2]]
    assert fn([]) == [[]]
    result = fn("abcd")
    assert len(result) == 16
    assert result == [list(c) for n in range(5) for c in itertools.combinations("abcd", n)]


def _check_transpose_matrix(fn: Any) -> None:
    assert fn([[1, 2, 3], [4, 5, 6]]) == [[1, 4], [2, 5], [3, 6]]
    assert fn([[1]]) == [[1]]
    assert fn([]) == []
    with pytest.raises(ValueError):
        fn([[1, 2], [3]])


def _check_matrix_multiply(fn: Any) -> None:
    assert fn([[1, 2], [3, 4]], [[5], [6]]) == [[17], [39]]
    assert fn([[1, 0], [0, 1]], [[7, 8], [9, 10]]) == [[7, 8], [9, 10]]
    assert fn([[1, 2, 3]], [[1], [1], [1]]) == [[6]]
    with pytest.raises(ValueError):
        fn([[1, 2]], [[1, 2]])


def _check_rotate_list(fn: Any) -> None:
    assert fn([1, 2, 3, 4, 5], 2) == [4, 5, 1, 2, 3]
    assert fn([1, 2, 3, 4, 5], -1) == [2, 3, 4, 5, 1]
    assert fn([1, 2, 3], 3) == [1, 2, 3]
    assert fn([1, 2, 3], 7) == [3, 1, 2]
    assert fn([], 4) == []


def _check_two_sum(fn: Any) -> None:
    assert fn([2, 7, 11, 15], 9) == (0, 1)
    assert fn([3, 2, 4], 6) == (1, 2)
    assert fn([3, 3], 6) == (0, 1)
    assert fn([1, 2, 3], 100) is None


def _check_longest_common_prefix(fn: Any) -> None:
    assert fn(["flower", "flow", "flight"]) == "fl"
    assert fn(["dog", "racecar", "car"]) == ""
    assert fn(["same", "same"]) == "same"
    assert fn(["prefix", "pre"]) == "pre"
    assert fn([]) == ""
    assert fn(iter(["interview", "internet", "interval"])) == "inter"


def _check_levenshtein_distance(fn: Any) -> None:
    assert fn("kitten", "sitting") == 3
    assert fn("flaw", "lawn") == 2
    assert fn("", "abc") == 3
    assert fn("same", "same") == 0
    assert fn("ab", "ba") == 2


def _check_max_subarray_sum(fn: Any) -> None:
    assert fn([-2, 1, -3, 4, -1, 2, 1, -5, 4]) == 6
    assert fn([-3, -1, -2]) == -1
    assert fn([5]) == 5
    with pytest.raises(ValueError):
        fn([])


CHECKS = {
    "binary_search": _check_binary_search,
    "quicksort": _check_quicksort,
    "merge_sort": _check_merge_sort,
    "insertion_sort": _check_insertion_sort,
    "greatest_common_divisor": _check_greatest_common_divisor,
    "least_common_multiple": _check_least_common_multiple,
    "primes_up_to": _check_primes_up_to,
    "is_prime": _check_is_prime,
    "fibonacci_sequence": _check_fibonacci_sequence,
    "nth_fibonacci": _check_nth_fibonacci,
    "factorial_iterative": _check_factorial_iterative,
    "bfs_shortest_path": _check_bfs_shortest_path,
    "dfs_order": _check_dfs_order,
    "topological_sort": _check_topological_sort,
    "dijkstra_distances": _check_dijkstra_distances,
    "permutations_of": _check_permutations_of,
    "power_set": _check_power_set,
    "transpose_matrix": _check_transpose_matrix,
    "matrix_multiply": _check_matrix_multiply,
    "rotate_list": _check_rotate_list,
    "two_sum": _check_two_sum,
    "longest_common_prefix": _check_longest_common_prefix,
    "levenshtein_distance": _check_levenshtein_distance,
    "max_subarray_sum": _check_max_subarray_sum,
}

"""Dict and list recipes: counting, grouping, inverting, chunking, flattening, merging."""

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple


def count_items(items: Iterable[Hashable]) -> list[tuple[Hashable, int]]:
    """Count how many times each item occurs and return (item, count) pairs, most common first.

    count_items("abracadabra")[:2]  # [('a', 5), ('b', 2)]
    """
    return Counter(items).most_common()


def group_by_key(items: Iterable[Any], key: Callable[[Any], Hashable]) -> dict[Hashable, list[Any]]:
    """Group items into lists by the value a key function returns, keeping their order.

    group_by_key(["apple", "avocado", "banana"], key=lambda w: w[0])  # {'a': [...], 'b': [...]}
    """
    groups: dict[Hashable, list[Any]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


def invert_dict(mapping: Mapping[Any, Hashable]) -> dict[Hashable, Any]:
    """Swap the keys and values of a dictionary, raising if two keys share a value.

    invert_dict({"a": 1, "b": 2})  # {1: 'a', 2: 'b'}
    """
    inverted: dict[Hashable, Any] = {}
    for key, value in mapping.items():
        if value in inverted:
            raise ValueError(f"value {value!r} belongs to both {inverted[value]!r} and {key!r}")
        inverted[value] = key
    return inverted


def invert_dict_grouped(mapping: Mapping[Any, Hashable]) -> dict[Hashable, list[Any]]:
    """Invert a dict whose values repeat, mapping each value to the list of keys that had it.

    invert_dict_grouped({"ann": "red", "bob": "blue", "cy": "red"})  # {'red': ['ann', 'cy'], ...}
    """
    inverted: dict[Hashable, list[Any]] = {}
    for key, value in mapping.items():
        inverted.setdefault(value, []).append(key)
    return inverted


def chunk_list(items: list[Any], size: int) -> list[list[Any]]:
    """Split a list into consecutive chunks of a given size; the last one may be shorter.

    chunk_list([1, 2, 3, 4, 5], 2)  # [[1, 2], [3, 4], [5]]
    """
    if size < 1:
        raise ValueError("size must be at least 1")
    return [items[start : start + size] for start in range(0, len(items), size)]


def flatten_nested(items: Iterable[Any]) -> list[Any]:
    """Flatten an arbitrarily nested list (or tuple) into one flat list.

    flatten_nested([1, [2, [3, (4, 5)]], 6])  # [1, 2, 3, 4, 5, 6]
    """
    flat: list[Any] = []
    stack: list[Iterator[Any]] = [iter(items)]
    while stack:  # an explicit stack, so deep nesting cannot hit the recursion limit
        for item in stack[-1]:
            if isinstance(item, list | tuple):
                stack.append(iter(item))
                break
            flat.append(item)
        else:
            stack.pop()
    return flat


def dedupe_preserving_order(items: Iterable[Hashable]) -> list[Hashable]:
    """Remove duplicates from a list while keeping the first occurrence of each item in order.

    dedupe_preserving_order([3, 1, 3, 2, 1])  # [3, 1, 2]
    """
    return list(dict.fromkeys(items))


class BiDict:
    """A two-way dictionary: look up a value by its key, or a key by its value.

    codes = BiDict({"fr": "France"}); codes["fr"], codes.key_of("France")  # ('France', 'fr')
    """

    def __init__(self, pairs: Mapping[Hashable, Hashable] | None = None) -> None:
        self._forward: dict[Hashable, Hashable] = {}
        self._backward: dict[Hashable, Hashable] = {}
        for key, value in (pairs or {}).items():
            self[key] = value

    def __setitem__(self, key: Hashable, value: Hashable) -> None:
        if key in self._forward:  # drop the old pairing on either side
            del self._backward[self._forward.pop(key)]
        if value in self._backward:
            del self._forward[self._backward.pop(value)]
        self._forward[key] = value
        self._backward[value] = key

    def __getitem__(self, key: Hashable) -> Hashable:
        return self._forward[key]

    def key_of(self, value: Hashable) -> Hashable:
        return self._backward[value]

    def __delitem__(self, key: Hashable) -> None:
        del self._backward[self._forward.pop(key)]

    def __contains__(self, key: Hashable) -> bool:
        return key in self._forward

    def __len__(self) -> int:
        return len(self._forward)


def pairs_to_multidict(pairs: Iterable[tuple[Hashable, Any]]) -> defaultdict[Hashable, list[Any]]:
    """Collect (key, value) pairs into a defaultdict that maps each key to a list of its values.

    pairs_to_multidict([("a", 1), ("b", 2), ("a", 3)])  # {'a': [1, 3], 'b': [2]}
    """
    grouped: defaultdict[Hashable, list[Any]] = defaultdict(list)
    for key, value in pairs:
        grouped[key].append(value)
    return grouped


@dataclass(order=True)
class TaskRecord:
    """A record type made with a dataclass: typed fields, defaults, ordering and a derived property.

    TaskRecord(2, "write docs", tags=["docs"]).is_urgent  # False; sorted() orders by priority
    """

    priority: int
    title: str
    done: bool = False
    tags: list[str] = field(default_factory=list, compare=False)

    @property
    def is_urgent(self) -> bool:
        return self.priority <= 1 and not self.done


class Point(NamedTuple):
    """An immutable 2D point record built with typing.NamedTuple, with a distance method.

    Point(0, 0).distance_to(Point(3, 4))  # 5.0
    """

    x: float
    y: float

    def distance_to(self, other: "Point") -> float:
        return math.hypot(self.x - other.x, self.y - other.y)


def deep_merge_dicts(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Merge two nested dictionaries recursively; values from the second one win.

    deep_merge_dicts({"db": {"host": "a", "port": 1}}, {"db": {"port": 2}})  # port 2, host 'a'
    """
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = deep_merge_dicts(merged[key], value)
        else:
            merged[key] = value
    return merged


def sort_dict_by_value(mapping: Mapping[Any, Any], descending: bool = False) -> dict[Any, Any]:
    """Sort a dictionary by its values and return it as a new dict in that order.

    sort_dict_by_value({"b": 2, "a": 3, "c": 1})  # {'c': 1, 'b': 2, 'a': 3}
    """
    return dict(sorted(mapping.items(), key=lambda pair: pair[1], reverse=descending))

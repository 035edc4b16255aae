"""Iterator recipes built on itertools: windows, batches, interleaving, running totals, runs."""

import itertools
import operator
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any


def sliding_window(iterable: Iterable[Any], size: int) -> Iterator[tuple[Any, ...]]:
    """Yield every run of `size` consecutive items from an iterable, as overlapping tuples.

    list(sliding_window([1, 2, 3, 4], 3))  # [(1, 2, 3), (2, 3, 4)]
    """
    if size < 1:
        raise ValueError("size must be at least 1")
    iterator = iter(iterable)
    window = deque(itertools.islice(iterator, size - 1), maxlen=size)
    for item in iterator:
        window.append(item)
        yield tuple(window)


def pairwise_items(iterable: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
    """Yield each pair of neighbouring items: (first, second), (second, third), and so on.

    [b - a for a, b in pairwise_items([1, 4, 9, 16])]  # [3, 5, 7]
    """
    iterator = iter(iterable)
    try:
        previous = next(iterator)
    except StopIteration:
        return
    for item in iterator:
        yield previous, item
        previous = item


def batched_items(iterable: Iterable[Any], size: int) -> Iterator[tuple[Any, ...]]:
    """Split an iterable into tuples of `size` items; the last batch may be shorter.

    for batch in batched_items(rows, 100): insert_many(batch)
    """
    if size < 1:
        raise ValueError("size must be at least 1")
    iterator = iter(iterable)
    while batch := tuple(itertools.islice(iterator, size)):
        yield batch


def round_robin(*iterables: Iterable[Any]) -> Iterator[Any]:
    """Take one item from each iterable in turn until all of them are used up.

    list(round_robin("ABC", "D", "EF"))  # ['A', 'D', 'E', 'B', 'F', 'C']
    """
    active = deque(iter(it) for it in iterables)
    while active:
        iterator = active.popleft()
        try:
            yield next(iterator)
        except StopIteration:
            continue
        active.append(iterator)


def take_first(iterable: Iterable[Any], n: int) -> list[Any]:
    """Return the first n items of an iterable (fewer if it is shorter), leaving the rest unread.

    take_first(itertools.count(10), 3)  # [10, 11, 12]
    """
    return list(itertools.islice(iterable, n))


def unique_everseen(
    iterable: Iterable[Any], key: Callable[[Any], Hashable] | None = None
) -> Iterator[Any]:
    """Yield items lazily, skipping any seen before (optionally compared by a key function).

    list(unique_everseen("AbBca", key=str.lower))  # ['A', 'b', 'c']
    """
    seen: set[Hashable] = set()
    for item in iterable:
        marker = item if key is None else key(item)
        if marker not in seen:
            seen.add(marker)
            yield item


def interleave(*iterables: Iterable[Any]) -> Iterator[Any]:
    """Interleave several iterables item by item, stopping as soon as the shortest runs out.

    list(interleave([1, 2, 3], "ab"))  # [1, 'a', 2, 'b']
    """
    return itertools.chain.from_iterable(zip(*iterables, strict=False))


def running_total(
    iterable: Iterable[Any], func: Callable[[Any, Any], Any] = operator.add
) -> list[Any]:
    """Return the running totals of a sequence of numbers (or any running combination via func).

    running_total([3, 1, 4, 1])  # [3, 4, 8, 9]; running_total(xs, max) gives running maximums
    """
    return list(itertools.accumulate(iterable, func))


def cycle_take(iterable: Iterable[Any], n: int) -> list[Any]:
    """Take n items by cycling through an iterable over and over from its start.

    cycle_take(["red", "green"], 5)  # ['red', 'green', 'red', 'green', 'red']
    """
    items = list(iterable)
    if not items:
        return []
    return list(itertools.islice(itertools.cycle(items), n))


def zip_longest_fill(*iterables: Iterable[Any], fill: Any = None) -> list[tuple[Any, ...]]:
    """Zip iterables of different lengths together, padding the shorter ones with a fill value.

    zip_longest_fill([1, 2, 3], "ab", fill="-")  # [(1, 'a'), (2, 'b'), (3, '-')]
    """
    return list(itertools.zip_longest(*iterables, fillvalue=fill))


def first_match(
    iterable: Iterable[Any], predicate: Callable[[Any], bool], default: Any = None
) -> Any:
    """Return the first item that satisfies a condition, or a default if none does.

    first_match(users, lambda u: u.is_admin)
    """
    return next((item for item in iterable if predicate(item)), default)


def partition_items(
    iterable: Iterable[Any], predicate: Callable[[Any], bool]
) -> tuple[list[Any], list[Any]]:
    """Split items into two lists: those that satisfy a condition and those that do not.

    evens, odds = partition_items(range(10), lambda n: n % 2 == 0)
    """
    matching: list[Any] = []
    rest: list[Any] = []
    for item in iterable:
        (matching if predicate(item) else rest).append(item)
    return matching, rest


def last_item(iterable: Iterable[Any], default: Any = None) -> Any:
    """Return the last item of any iterable, even a generator, or a default if it is empty.

    last_item(open("log.txt"))  # the final line
    """
    remaining = deque(iterable, maxlen=1)
    return remaining[0] if remaining else default


def consecutive_runs(iterable: Iterable[Any]) -> list[tuple[Any, int]]:
    """Group consecutive equal items into runs and return (item, run length) pairs.

    consecutive_runs("aaabccdd")  # [('a', 3), ('b', 1), ('c', 2), ('d', 2)]
    """
    return [(item, sum(1 for _ in group)) for item, group in itertools.groupby(iterable)]


def flatten_one_level(iterable: Iterable[Iterable[Any]]) -> list[Any]:
    """Flatten one level of nesting: a list of lists becomes one list.

    flatten_one_level([[1, 2], [3], []])  # [1, 2, 3]
    """
    return list(itertools.chain.from_iterable(iterable))


def split_when(
    iterable: Iterable[Any], should_split: Callable[[Any, Any], bool]
) -> Iterator[list[Any]]:
    """Split a sequence into pieces wherever a test on two neighbouring items is true.

    list(split_when([1, 2, 3, 7, 8, 10], lambda a, b: b != a + 1))  # [[1, 2, 3], [7, 8], [10]]
    """
    piece: list[Any] = []
    for item in iterable:
        if piece and should_split(piece[-1], item):
            yield piece
            piece = []
        piece.append(item)
    if piece:
        yield piece

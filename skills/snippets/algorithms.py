"""Classic algorithms: searching, sorting, number theory, graphs, combinatorics, small puzzles."""

import heapq
from collections import deque
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Any


def binary_search(items: Sequence[Any], target: Any) -> int:
    """Find the index of a value in a sorted list by binary search, or -1 if it is absent.

    binary_search([1, 3, 5, 7, 9], 7)  # 3
    """
    low, high = 0, len(items) - 1
    while low <= high:
        middle = (low + high) // 2
        if items[middle] == target:
            return middle
        if items[middle] < target:
            low = middle + 1
        else:
            high = middle - 1
    return -1


def quicksort(items: Sequence[Any]) -> list[Any]:
    """Sort a list with quicksort (middle pivot, three-way split) and return a new list.

    quicksort([3, 6, 1, 8, 1, 2])  # [1, 1, 2, 3, 6, 8]
    """
    if len(items) <= 1:
        return list(items)
    pivot = items[len(items) // 2]
    smaller = [x for x in items if x < pivot]
    equal = [x for x in items if x == pivot]
    larger = [x for x in items if x > pivot]
    return quicksort(smaller) + equal + quicksort(larger)


def merge_sort(items: Sequence[Any]) -> list[Any]:
    """Sort a list with merge sort, a stable O(n log n) sort, and return a new list.

    merge_sort([5, 2, 4, 1])  # [1, 2, 4, 5]
    """
    if len(items) <= 1:
        return list(items)
    middle = len(items) // 2
    left, right = merge_sort(items[:middle]), merge_sort(items[middle:])
    merged: list[Any] = []
    i = j = 0
    while i < len(left) and j < len(right):
        if right[j] < left[i]:  # take from the left on ties, which keeps the sort stable
            merged.append(right[j])
            j += 1
        else:
            merged.append(left[i])
            i += 1
    return merged + left[i:] + right[j:]


def insertion_sort(items: list[Any]) -> list[Any]:
    """Sort a list in place with insertion sort (fast for short or nearly sorted lists) and return it.

    insertion_sort([4, 3, 2, 1])  # [1, 2, 3, 4]
    """
    for i in range(1, len(items)):
        current = items[i]
        j = i - 1
        while j >= 0 and items[j] > current:
            items[j + 1] = items[j]
            j -= 1
        items[j + 1] = current
    return items


def greatest_common_divisor(a: int, b: int) -> int:
    """Compute the greatest common divisor of two integers with Euclid's algorithm.

    greatest_common_divisor(48, 18)  # 6
    """
    a, b = abs(a), abs(b)
    while b:
        a, b = b, a % b
    return a


def least_common_multiple(numbers: Iterable[int]) -> int:
    """Compute the least common multiple of several integers.

    least_common_multiple([4, 6, 10])  # 60
    """
    result = 1
    for n in numbers:
        if n == 0:
            return 0
        a, b = result, abs(n)
        while b:
            a, b = b, a % b
        result = result * abs(n) // a
    return result


def primes_up_to(limit: int) -> list[int]:
    """List every prime number up to and including a limit, using the sieve of Eratosthenes.

    primes_up_to(20)  # [2, 3, 5, 7, 11, 13, 17, 19]
    """
    if limit < 2:
        return []
    flags = bytearray([1]) * (limit + 1)
    flags[0] = flags[1] = 0
    for n in range(2, int(limit**0.5) + 1):
        if flags[n]:
            flags[n * n :: n] = bytes(len(range(n * n, limit + 1, n)))
    return [n for n, flag in enumerate(flags) if flag]


def is_prime(n: int) -> bool:
    """Check whether an integer is a prime number by trial division.

    is_prime(97)  # True
    """
    if n < 2:
        return False
    if n < 4:
        return True
    if n % 2 == 0 or n % 3 == 0:
        return False
    factor = 5
    while factor * factor <= n:  # candidates of the form 6k - 1 and 6k + 1
        if n % factor == 0 or n % (factor + 2) == 0:
            return False
        factor += 6
    return True


def fibonacci_sequence(count: int) -> list[int]:
    """Return the first count Fibonacci numbers, starting 0, 1, 1, 2, ...

    fibonacci_sequence(8)  # [0, 1, 1, 2, 3, 5, 8, 13]
    """
    numbers: list[int] = []
    a, b = 0, 1
    for _ in range(count):
        numbers.append(a)
        a, b = b, a + b
    return numbers


def nth_fibonacci(n: int) -> int:
    """Return the n-th Fibonacci number (F(0) = 0, F(1) = 1) without recursion.

    nth_fibonacci(50)  # 12586269025
    """
    if n < 0:
        raise ValueError("n must not be negative")
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def factorial_iterative(n: int) -> int:
    """Compute n factorial (n!) with a loop instead of recursion.

    factorial_iterative(5)  # 120
    """
    if n < 0:
        raise ValueError("factorial is not defined for negative numbers")
    result = 1
    for k in range(2, n + 1):
        result *= k
    return result


def bfs_shortest_path(
    graph: Mapping[Hashable, Iterable[Hashable]], start: Hashable, goal: Hashable
) -> list[Hashable] | None:
    """Find the shortest path (fewest edges) between two nodes of a graph dict by breadth-first search.

    bfs_shortest_path({"a": ["b", "c"], "b": ["d"], "c": ["d"]}, "a", "d")  # ['a', 'b', 'd']
    """
    came_from: dict[Hashable, Hashable | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            path = [node]
            while (parent := came_from[path[-1]]) is not None:
                path.append(parent)
            return path[::-1]
        for neighbour in graph.get(node, ()):
            if neighbour not in came_from:
                came_from[neighbour] = node
                queue.append(neighbour)
    return None


def dfs_order(graph: Mapping[Hashable, Iterable[Hashable]], start: Hashable) -> list[Hashable]:
    """List the nodes of a graph dict reachable from a start node in depth-first order.

    dfs_order({"a": ["b", "c"], "b": ["d"]}, "a")  # ['a', 'b', 'd', 'c']
    """
    seen: set[Hashable] = set()
    order: list[Hashable] = []
    stack = [start]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        order.append(node)
        # reversed, so the first neighbour listed is explored first
        stack.extend(n for n in reversed(list(graph.get(node, ()))) if n not in seen)
    return order


def topological_sort(graph: Mapping[Hashable, Iterable[Hashable]]) -> list[Hashable]:
    """Order the nodes of a dependency graph so each comes after what it depends on (Kahn's algorithm).

    topological_sort({"app": ["lib", "utils"], "lib": ["utils"]})  # ['utils', 'lib', 'app']
    """
    dependencies = {node: list(dict.fromkeys(deps)) for node, deps in graph.items()}
    for deps in list(dependencies.values()):
        for dep in deps:
            dependencies.setdefault(dep, [])
    dependents: dict[Hashable, list[Hashable]] = {node: [] for node in dependencies}
    for node, deps in dependencies.items():
        for dep in deps:
            dependents[dep].append(node)
    remaining = {node: len(deps) for node, deps in dependencies.items()}
    ready = deque(node for node, count in remaining.items() if count == 0)
    order: list[Hashable] = []
    while ready:
        node = ready.popleft()
        order.append(node)
        for dependent in dependents[node]:
            remaining[dependent] -= 1
            if remaining[dependent] == 0:
                ready.append(dependent)
    if len(order) != len(dependencies):
        raise ValueError("the graph has a cycle")
    return order


def dijkstra_distances(
    graph: Mapping[Hashable, Mapping[Hashable, float]], start: Hashable
) -> dict[Hashable, float]:
    """Find the shortest distance from a start node to every node of a weighted graph (Dijkstra).

    dijkstra_distances({"a": {"b": 1, "c": 4}, "b": {"c": 2}}, "a")  # {'a': 0, 'b': 1, 'c': 3}
    """
    distances: dict[Hashable, float] = {start: 0}
    heap: list[tuple[float, int, Hashable]] = [(0, 0, start)]
    pushed = 1  # a tie-breaker, so nodes themselves are never compared
    while heap:
        distance, _, node = heapq.heappop(heap)
        if distance > distances[node]:
            continue  # a stale entry: a shorter way was already found
        for neighbour, weight in graph.get(node, {}).items():
            candidate = distance + weight
            if candidate < distances.get(neighbour, float("inf")):
                distances[neighbour] = candidate
                heapq.heappush(heap, (candidate, pushed, neighbour))
                pushed += 1
    return distances


def permutations_of(items: Sequence[Any]) -> list[list[Any]]:
    """List every ordering (permutation) of a sequence's items, by backtracking.

    permutations_of([1, 2, 3])  # [[1, 2, 3], [1, 3, 2], [2, 1, 3], ...]
    """
    if len(items) <= 1:
        return [list(items)]
    result: list[list[Any]] = []
    for i, first in enumerate(items):
        rest = [*items[:i], *items[i + 1 :]]
        result.extend([first, *tail] for tail in permutations_of(rest))
    return result


def power_set(items: Sequence[Any]) -> list[list[Any]]:
    """List every subset of a sequence's items (its power set), from the empty set up.

    power_set([1, 2])  # [[], [1], [2], [1, 2]]
    """
    subsets: list[list[Any]] = [[]]
    for size in range(1, len(items) + 1):
        subsets.extend(list(combo) for combo in _combinations(items, size))
    return subsets


def _combinations(items: Sequence[Any], size: int) -> Iterator[list[Any]]:
    if size == 0:
        yield []
        return
    for i in range(len(items) - size + 1):
        for rest in _combinations(items[i + 1 :], size - 1):
            yield [items[i], *rest]


def transpose_matrix(matrix: Sequence[Sequence[Any]]) -> list[list[Any]]:
    """Transpose a matrix given as a list of rows, turning its rows into columns.

    transpose_matrix([[1, 2, 3], [4, 5, 6]])  # [[1, 4], [2, 5], [3, 6]]
    """
    if any(len(row) != len(matrix[0]) for row in matrix):
        raise ValueError("all rows must have the same length")
    return [list(column) for column in zip(*matrix, strict=True)]


def matrix_multiply(
    a: Sequence[Sequence[float]], b: Sequence[Sequence[float]]
) -> list[list[float]]:
    """Multiply two matrices given as lists of rows.

    matrix_multiply([[1, 2], [3, 4]], [[5], [6]])  # [[17], [39]]
    """
    if any(len(row) != len(b) for row in a):
        raise ValueError("the columns of a must match the rows of b")
    columns = list(zip(*b, strict=True))
    return [[sum(x * y for x, y in zip(row, col, strict=True)) for col in columns] for row in a]


def rotate_list(items: Sequence[Any], steps: int) -> list[Any]:
    """Rotate a list to the right by a number of steps (negative steps rotate left).

    rotate_list([1, 2, 3, 4, 5], 2)  # [4, 5, 1, 2, 3]
    """
    if not items:
        return []
    steps %= len(items)
    return [*items[-steps:], *items[:-steps]] if steps else list(items)


def two_sum(numbers: Sequence[int], target: int) -> tuple[int, int] | None:
    """Find the indices of two numbers in a list that add up to a target, or None.

    two_sum([2, 7, 11, 15], 9)  # (0, 1)
    """
    seen: dict[int, int] = {}
    for index, number in enumerate(numbers):
        if target - number in seen:
            return seen[target - number], index
        seen[number] = index
    return None


def longest_common_prefix(words: Iterable[str]) -> str:
    """Find the longest prefix that all the given strings share.

    longest_common_prefix(["flower", "flow", "flight"])  # 'fl'
    """
    words = list(words)
    if not words:
        return ""
    first, last = min(words), max(words)  # in sorted order these two differ the most
    length = 0
    while length < min(len(first), len(last)) and first[length] == last[length]:
        length += 1
    return first[:length]


def levenshtein_distance(a: str, b: str) -> int:
    """Compute the edit (Levenshtein) distance: the fewest character edits turning one string into another.

    levenshtein_distance("kitten", "sitting")  # 3
    """
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def max_subarray_sum(numbers: Sequence[float]) -> float:
    """Find the largest sum of any contiguous run of numbers in a list (Kadane's algorithm).

    max_subarray_sum([-2, 1, -3, 4, -1, 2, 1, -5, 4])  # 6
    """
    if not numbers:
        raise ValueError("the list is empty")
    best = current = numbers[0]
    for number in numbers[1:]:
        current = max(number, current + number)
        best = max(best, current)
    return best

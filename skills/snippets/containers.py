"""Container classes: an LRU cache, a stack, a queue, a priority queue, a trie, a linked list."""

import heapq
import itertools
from collections import OrderedDict, deque
from collections.abc import Hashable, Iterable, Iterator
from typing import Any


class LRUCache:
    """A fixed-size cache that evicts the least recently used entry when it is full.

    cache = LRUCache(2); cache.put("a", 1); cache.get("a")  # 1
    """

    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self._items: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, key: Hashable, default: Any = None) -> Any:
        if key not in self._items:
            return default
        self._items.move_to_end(key)
        return self._items[key]

    def put(self, key: Hashable, value: Any) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        if len(self._items) > self.capacity:
            self._items.popitem(last=False)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)


class Stack:
    """A last-in, first-out stack with push, pop and peek.

    s = Stack(); s.push(1); s.push(2); s.pop()  # 2
    """

    def __init__(self) -> None:
        self._items: list[Any] = []

    def push(self, item: Any) -> None:
        self._items.append(item)

    def pop(self) -> Any:
        if not self._items:
            raise IndexError("pop from an empty stack")
        return self._items.pop()

    def peek(self) -> Any:
        if not self._items:
            raise IndexError("peek at an empty stack")
        return self._items[-1]

    def is_empty(self) -> bool:
        return not self._items

    def __len__(self) -> int:
        return len(self._items)


class FifoQueue:
    """A first-in, first-out queue built on collections.deque.

    q = FifoQueue(); q.enqueue("a"); q.enqueue("b"); q.dequeue()  # 'a'
    """

    def __init__(self, items: Iterable[Any] = ()) -> None:
        self._items: deque[Any] = deque(items)

    def enqueue(self, item: Any) -> None:
        self._items.append(item)

    def dequeue(self) -> Any:
        if not self._items:
            raise IndexError("dequeue from an empty queue")
        return self._items.popleft()

    def peek(self) -> Any:
        if not self._items:
            raise IndexError("peek at an empty queue")
        return self._items[0]

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)


class MinPriorityQueue:
    """A priority queue built on heapq that pops the item with the smallest priority first.

    pq = MinPriorityQueue(); pq.push("low", 5); pq.push("urgent", 1); pq.pop()  # 'urgent'
    """

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Any]] = []
        self._order = itertools.count()  # ties pop in insertion order; items are never compared

    def push(self, item: Any, priority: float) -> None:
        heapq.heappush(self._heap, (priority, next(self._order), item))

    def pop(self) -> Any:
        if not self._heap:
            raise IndexError("pop from an empty priority queue")
        return heapq.heappop(self._heap)[2]

    def peek(self) -> Any:
        if not self._heap:
            raise IndexError("peek at an empty priority queue")
        return self._heap[0][2]

    def __len__(self) -> int:
        return len(self._heap)


class Trie:
    """A prefix tree that stores words and finds all the words starting with a prefix.

    t = Trie(); t.insert("car"); t.insert("cart"); t.words_with_prefix("car")  # ['car', 'cart']
    """

    _END = "$end"

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._root: dict[str, Any] = {}
        for word in words:
            self.insert(word)

    def insert(self, word: str) -> None:
        node = self._root
        for char in word:
            node = node.setdefault(char, {})
        node[self._END] = True

    def _find(self, prefix: str) -> dict[str, Any] | None:
        node = self._root
        for char in prefix:
            if char not in node:
                return None
            node = node[char]
        return node

    def contains(self, word: str) -> bool:
        node = self._find(word)
        return node is not None and self._END in node

    def has_prefix(self, prefix: str) -> bool:
        return self._find(prefix) is not None

    def words_with_prefix(self, prefix: str) -> list[str]:
        start = self._find(prefix)
        found: list[str] = []
        stack = [(start, prefix)] if start is not None else []
        while stack:
            node, text = stack.pop()
            if self._END in node:
                found.append(text)
            stack.extend((child, text + char) for char, child in node.items() if char != self._END)
        return sorted(found)


class _Node:
    __slots__ = ("next", "value")

    def __init__(self, value: Any, next: "_Node | None" = None) -> None:
        self.value = value
        self.next = next


class LinkedList:
    """A singly linked list with append, prepend, remove, reverse and iteration.

    items = LinkedList([1, 2]); items.prepend(0); list(items)  # [0, 1, 2]
    """

    def __init__(self, values: Iterable[Any] = ()) -> None:
        self.head: _Node | None = None
        self.tail: _Node | None = None
        self._size = 0
        for value in values:
            self.append(value)

    def append(self, value: Any) -> None:
        node = _Node(value)
        if self.tail is None:
            self.head = self.tail = node
        else:
            self.tail.next = node
            self.tail = node
        self._size += 1

    def prepend(self, value: Any) -> None:
        self.head = _Node(value, self.head)
        if self.tail is None:
            self.tail = self.head
        self._size += 1

    def remove(self, value: Any) -> bool:
        """Remove the first node holding value; return whether one was found."""
        previous, node = None, self.head
        while node is not None:
            if node.value == value:
                if previous is None:
                    self.head = node.next
                else:
                    previous.next = node.next
                if node is self.tail:
                    self.tail = previous
                self._size -= 1
                return True
            previous, node = node, node.next
        return False

    def reverse(self) -> None:
        previous, node = None, self.head
        self.tail = node
        while node is not None:
            node.next, previous, node = previous, node, node.next
        self.head = previous

    def __iter__(self) -> Iterator[Any]:
        node = self.head
        while node is not None:
            yield node.value
            node = node.next

    def __len__(self) -> int:
        return self._size

"""Checks for skills/snippets/containers.py."""

from __future__ import annotations

from typing import Any

import pytest


def _check_lru_cache(cls: Any) -> None:
    cache = cls(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "a" is now the most recent
    cache.put("c", 3)  # evicts "b"
    assert "b" not in cache
    assert (cache.get("a"), cache.get("c"), cache.get("b", "gone")) == (1, 3, "gone")
    cache.put("a", 10)  # updating refreshes too
    cache.put("d", 4)  # evicts "c"
    assert ("c" in cache, cache.get("a"), len(cache)) == (False, 10, 2)
    with pytest.raises(ValueError):
        cls(0)


def _check_stack(cls: Any) -> None:
    stack = cls()
    assert stack.is_empty()
    for item in "abc":
        stack.push(item)
    assert (stack.peek(), len(stack)) == ("c", 3)
    assert [stack.pop(), stack.pop(), stack.pop()] == ["c", "b", "a"]
    with pytest.raises(IndexError):
        stack.pop()


def _check_fifo_queue(cls: Any) -> None:
    queue = cls([1])
    queue.enqueue(2)
    queue.enqueue(3)
    assert (queue.peek(), len(queue), bool(queue)) == (1, 3, True)
    assert [queue.dequeue() for _ in range(3)] == [1, 2, 3]
    assert not queue
    with pytest.raises(IndexError):
        queue.dequeue()


def _check_min_priority_queue(cls: Any) -> None:
    queue = cls()
    queue.push("low", 5)
    queue.push("urgent", 1)
    queue.push({"unorderable": True}, 3)
    queue.push("also three", 3)
    assert (queue.peek(), len(queue)) == ("urgent", 4)
    assert [queue.pop() for _ in range(4)] == ["urgent", {"unorderable": True}, "also three", "low"]
    with pytest.raises(IndexError):
        queue.pop()


def _check_trie(cls: Any) -> None:
    trie = cls(["car", "cart", "care", "dog"])
    trie.insert("cat")
    assert trie.words_with_prefix("car") == ["car", "care", "cart"]
    assert trie.words_with_prefix("ca") == ["car", "care", "cart", "cat"]
    assert trie.words_with_prefix("x") == []
    assert (trie.contains("car"), trie.contains("ca"), trie.contains("dogs")) == (
        True,
        False,
        False,
    )
    assert (trie.has_prefix("do"), trie.has_prefix("dx")) == (True, False)
    assert trie.words_with_prefix("") == ["car", "care", "cart", "cat", "dog"]


def _check_linked_list(cls: Any) -> None:
    items = cls([1, 2, 3])
    items.prepend(0)
    items.append(4)
    assert (list(items), len(items)) == ([0, 1, 2, 3, 4], 5)
    assert items.remove(0) and items.remove(4) and items.remove(2)
    assert not items.remove(99)
    assert (list(items), len(items)) == ([1, 3], 2)
    items.append(5)  # the tail is still right after removing the old tail
    items.reverse()
    assert list(items) == [5, 3, 1]
    items.append(0)
    assert list(items) == [5, 3, 1, 0]
    empty = cls()
    empty.reverse()
    empty.prepend("x")
    empty.append("y")
    assert list(empty) == ["x", "y"]


CHECKS = {
    "LRUCache": _check_lru_cache,
    "Stack": _check_stack,
    "FifoQueue": _check_fifo_queue,
    "MinPriorityQueue": _check_min_priority_queue,
    "Trie": _check_trie,
    "LinkedList": _check_linked_list,
}

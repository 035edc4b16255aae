"""One service object (facts, graph, library) per open Store, shared within a process."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from assistant.store import Store

T = TypeVar("T")
KEEP = 8  # stores remembered per kind; tests open many, a process usually one

_lock = threading.RLock()  # graph_for makes its FactStore through facts_for


def per_store(cache: dict[int, tuple[Store, T]], store: Store, make: Callable[[], T]) -> T:
    """`cache`'s object for `store`, made by `make()` the first time this store is seen."""
    with _lock:
        held = cache.get(id(store))
        if held is None or held[0] is not store:  # an id reused by a newer Store
            while len(cache) >= KEEP:
                cache.pop(next(iter(cache)))
            held = cache[id(store)] = (store, make())
        return held[1]

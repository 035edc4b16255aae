"""The `knowledge` service: the user's document library, facts and graph over one store,
built once per assistant and handed to skills and commands through their context."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from knowledge.facts import FactStore
from knowledge.graph import KnowledgeGraph
from knowledge.library import Library

if TYPE_CHECKING:
    from assistant.nlu.encoder import Encoder
    from assistant.services import Services
    from assistant.store import Store


class KnowledgeService(Protocol):
    """What skills use: retrieval over documents, the facts, and the graph built from them."""

    library: Library
    facts: FactStore
    graph: KnowledgeGraph


class Knowledge:
    def __init__(
        self,
        store: Store,
        encoder: Callable[[], Encoder] | None = None,
        index_path: Path | None = None,
    ):
        # The index sits beside the database it mirrors.
        self.library = Library(
            store, index_path or store.path.parent / "index" / "chunks.faiss", encoder
        )
        self.facts = FactStore(store)
        self.graph = KnowledgeGraph(self.facts)

    @classmethod
    def from_services(cls, services: Services) -> Knowledge:
        """The entry-point factory: the assistant's store and its shared encoder."""
        return cls(services.store, lambda: services.encoder)

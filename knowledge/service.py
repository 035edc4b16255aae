"""One Library per database, shared by the skills, the CLI and the server of one process."""

from __future__ import annotations

from assistant.store import Store
from knowledge.library import Library
from knowledge.per_store import per_store

_LIBRARIES: dict[int, tuple[Store, Library]] = {}


def library_for(store: Store, encoder_path: str = "") -> Library:
    """The library whose chunks live in `store`; its index sits beside the database."""
    index_path = store.path.parent / "index" / "chunks.faiss"
    return per_store(_LIBRARIES, store, lambda: Library(store, index_path, encoder_path))

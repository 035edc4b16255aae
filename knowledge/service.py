"""One Library per database, shared by the skills, the CLI and the server of one process."""

from __future__ import annotations

import threading

from assistant.store import Store
from knowledge.library import Library

_libraries: dict[str, Library] = {}
_lock = threading.Lock()


def library_for(store: Store, encoder_path: str = "") -> Library:
    """The library whose chunks live in `store`; its index sits beside the database."""
    key = str(store.path.resolve())
    with _lock:
        library = _libraries.get(key)
        if library is None or library.store is not store:
            library = Library(store, store.path.parent / "index" / "chunks.faiss", encoder_path)
            _libraries[key] = library
        return library

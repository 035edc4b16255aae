"""The user's document library: corpus tables + vector index + encoder, kept in agreement."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant.store import Store
from knowledge.corpus import AlsoWrite, Corpus, PendingDocument
from knowledge.index import APPROX_THRESHOLD, VectorIndex

if TYPE_CHECKING:
    from assistant.nlu.encoder import Encoder

DIMENSION = 384  # all-MiniLM-L6-v2: an empty index's guess until the first vectors arrive


class Library:
    def __init__(
        self,
        store: Store,
        index_path: Path,
        encoder: Callable[[], Encoder] | None = None,
        approx_threshold: int = APPROX_THRESHOLD,
    ):
        self.store = store
        self.corpus = Corpus(store)
        self.index_path = index_path
        self._make_encoder = encoder  # None: the embedded MiniLM, loaded on first use
        self.approx_threshold = approx_threshold
        self._embedder: Encoder | None = None
        self._index: VectorIndex | None = None
        self._lock = threading.Lock()
        self._last_query: tuple[str, np.ndarray] | None = None
        self.rebuilt = False  # True when opening found the saved index stale and rebuilt it

    @property
    def embedder(self) -> Encoder:
        if self._embedder is None:
            from assistant.nlu.encoder import load_embedder

            self._embedder = self._make_encoder() if self._make_encoder else load_embedder()
        return self._embedder

    @property
    def index(self) -> VectorIndex:
        """The vector index, loaded on first use; rebuilt from SQLite if it disagrees."""
        with self._lock:
            if self._index is None:
                self._index = self._open_index()
            return self._index

    def _open_index(self) -> VectorIndex:
        saved = VectorIndex.load(self.index_path, self.approx_threshold)
        if saved is not None and saved.stamp == self.corpus.stamp():
            return saved
        # Missing, unreadable or out of step with the database (a crash mid-ingest):
        # the database is the source of truth and holds every vector.
        index = self._rebuild()
        self.rebuilt = saved is not None or len(index) > 0
        index.save(self.index_path)
        return index

    def _rebuild(self) -> VectorIndex:
        batches = list(self.corpus.all_vectors())
        dimension = batches[0][1].shape[1] if batches else DIMENSION
        index = VectorIndex(dimension, self.approx_threshold)
        if batches:
            index.build(
                np.concatenate([ids for ids, _ in batches]),
                np.concatenate([vectors for _, vectors in batches]),
            )
        return index

    def write_document(
        self,
        document: PendingDocument,
        vectors: dict[str, np.ndarray],
        also: AlsoWrite | None = None,
    ) -> None:
        """Commit one document's chunks, then bring the in-memory index in line."""
        index = self.index  # loaded before the write, so the write is not counted twice
        change = self.corpus.write_document(document, vectors, also)
        index.remove(np.array(change.removed, dtype=np.int64))
        if change.added:
            ids = np.array([chunk_id for chunk_id, _ in change.added], dtype=np.int64)
            vectors_added = np.stack([vector for _, vector in change.added])
            if len(index) == 0 and index.dimension != vectors_added.shape[1]:
                # An empty index guessed MiniLM's size; the encoder in use says otherwise.
                with self._lock:
                    self._index = index = VectorIndex(vectors_added.shape[1], self.approx_threshold)
            if index.add(ids, vectors_added):  # grew past the Flat/IVF threshold: rebuild
                with self._lock:
                    self._index = self._rebuild()

    def delete_document(self, document_id: int) -> None:
        index = self.index
        index.remove(np.array(self.corpus.delete_document(document_id), dtype=np.int64))

    def save(self) -> None:
        if self._index is not None:
            self._index.save(self.index_path)

    def encode_query(self, text: str) -> np.ndarray:
        """The question's vector; the last one is kept, since retrieval and answer
        selection both ask for it within one turn."""
        last = self._last_query
        if last is None or last[0] != text:
            last = self._last_query = (text, self.embedder.encode([text])[0])
        return last[1]

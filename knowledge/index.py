"""The FAISS vector index over chunk embeddings, saved atomically with a stamp of the database.

Exact inner-product search (IndexFlatIP) while the corpus is small; past APPROX_THRESHOLD
vectors an inverted-file index (IVF) is trained instead, which keeps removals and
additions incremental. The file on disk carries the (count, max id, id sum) of the chunks
it holds: when that stamp disagrees with the database (a crash between commit and save),
the index is rebuilt from the vectors stored in SQLite, so the two never disagree.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

APPROX_THRESHOLD = 50_000  # above this many vectors an IVF index answers instead of Flat
_MAGIC = b"ASSISTANT-FAISS-1\n"


@dataclass(frozen=True)
class Stamp:
    """Identity of a set of chunk ids; AUTOINCREMENT ids are never reused, so it is exact enough."""

    count: int
    max_id: int
    id_sum: int

    @classmethod
    def of(cls, ids: np.ndarray) -> Stamp:
        if len(ids) == 0:
            return cls(0, 0, 0)
        return cls(len(ids), int(ids.max()), int(ids.astype(np.int64).sum()))


def _faiss() -> Any:
    import faiss  # lazy: keeps `assistant --help` and the prompt fast

    # One query at a time is faster on one thread (0.5 ms against 1 ms for 10k vectors on
    # 2 cores); training an IVF index raises it again for the duration.
    faiss.omp_set_num_threads(1)
    return faiss


class VectorIndex:
    """Chunk id -> vector, searchable by inner product (vectors are L2-normalised)."""

    def __init__(self, dimension: int, approx_threshold: int = APPROX_THRESHOLD):
        self.dimension = dimension
        self.approx_threshold = approx_threshold
        self.ids = np.zeros(0, dtype=np.int64)  # sorted ids held, to compute the stamp
        self._index: Any = self._flat()
        self._trained_for = 0  # corpus size the IVF quantizer was trained on; 0 = Flat

    @property
    def kind(self) -> str:
        return "ivf" if self._trained_for else "flat"

    @property
    def stamp(self) -> Stamp:
        return Stamp.of(self.ids)

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def build(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Replace the contents, choosing Flat or IVF by size."""
        ids = np.ascontiguousarray(ids, dtype=np.int64)
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if len(ids) > self.approx_threshold:
            self._index = self._ivf(vectors)
            self._trained_for = len(ids)
        else:
            self._index = self._flat()
            self._trained_for = 0
        if len(ids):
            self._index.add_with_ids(vectors, ids)
        self.ids = np.sort(ids)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> bool:
        """Add vectors; returns True when the index had to be rebuilt from scratch instead.

        Callers that trigger a rebuild pass the whole corpus again through `build`.
        """
        if len(ids) == 0:
            return False
        new_total = len(self) + len(ids)
        grew_past = (not self._trained_for and new_total > self.approx_threshold) or (
            self._trained_for and new_total > 4 * self._trained_for
        )
        if grew_past:
            return True
        self._index.add_with_ids(
            np.ascontiguousarray(vectors, dtype=np.float32),
            np.ascontiguousarray(ids, dtype=np.int64),
        )
        self.ids = np.sort(np.concatenate([self.ids, ids.astype(np.int64)]))
        return False

    def remove(self, ids: np.ndarray) -> None:
        if len(ids) == 0:
            return
        ids = np.ascontiguousarray(ids, dtype=np.int64)
        self._index.remove_ids(ids)
        self.ids = np.setdiff1d(self.ids, ids, assume_unique=True)

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The k nearest (id, cosine) pairs for one query vector, best first."""
        if len(self) == 0 or k <= 0:
            return []
        scores, ids = self._index.search(np.asarray(query, dtype=np.float32).reshape(1, -1), k)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]

    # -- persistence ---------------------------------------------------------------------

    def save(self, path: Path) -> None:
        """Write header + index to a temp file, fsync, then rename over `path` (atomic)."""
        faiss = _faiss()
        stamp = self.stamp
        header = {
            "dimension": self.dimension,
            "kind": self.kind,
            "trained_for": self._trained_for,
            "stamp": [stamp.count, stamp.max_id, stamp.id_sum],
        }
        body = faiss.serialize_index(self._index).tobytes()
        ids = self.ids.tobytes()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(_MAGIC + json.dumps(header).encode() + b"\n")
                out.write(len(ids).to_bytes(8, "little") + ids + body)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: Path, approx_threshold: int = APPROX_THRESHOLD) -> VectorIndex | None:
        """The saved index, or None when the file is missing or unreadable (then rebuild)."""
        try:
            raw = path.read_bytes()
            if not raw.startswith(_MAGIC):
                return None
            header_end = raw.index(b"\n", len(_MAGIC))
            header = json.loads(raw[len(_MAGIC) : header_end])
            at = header_end + 1
            ids_len = int.from_bytes(raw[at : at + 8], "little")
            ids = np.frombuffer(raw[at + 8 : at + 8 + ids_len], dtype=np.int64).copy()
            body = np.frombuffer(raw[at + 8 + ids_len :], dtype=np.uint8)
            index = cls(int(header["dimension"]), approx_threshold)
            index._index = _faiss().deserialize_index(body)
            index._trained_for = int(header["trained_for"])
            index.ids = ids
        except (OSError, ValueError, KeyError, RuntimeError):
            return None
        if len(index) != len(ids):
            return None
        return index

    # -- index construction ----------------------------------------------------------------

    def _flat(self) -> Any:
        faiss = _faiss()
        return faiss.IndexIDMap2(faiss.IndexFlatIP(self.dimension))

    def _ivf(self, vectors: np.ndarray) -> Any:
        """IVF-Flat with ~4·sqrt(n) lists, trained on a sample; probes 1/16 of them."""
        faiss = _faiss()
        # FAISS wants >= 39 training points per list; 4·sqrt(n) is the usual list count.
        nlist = max(16, min(int(4 * np.sqrt(len(vectors))), len(vectors) // 39))
        quantizer = faiss.IndexFlatIP(self.dimension)
        index = faiss.IndexIVFFlat(quantizer, self.dimension, nlist, faiss.METRIC_INNER_PRODUCT)
        rng = np.random.default_rng(0)
        sample_size = min(len(vectors), nlist * 64)
        sample = vectors[rng.choice(len(vectors), sample_size, replace=False)]
        faiss.omp_set_num_threads(os.cpu_count() or 1)
        try:
            index.train(sample)
        finally:
            faiss.omp_set_num_threads(1)
        index.nprobe = max(8, nlist // 16)
        return index

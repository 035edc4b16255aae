"""The documents and chunks tables: what was ingested, with each chunk's text and vector."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.store import Store
from knowledge import schema
from knowledge.chunking import Chunk
from knowledge.index import Stamp


@dataclass(frozen=True)
class DocumentRow:
    id: int
    path: str
    title: str
    size: int
    mtime: float
    sha1: str
    ingested_at: float


@dataclass(frozen=True)
class ChunkRow:
    id: int
    document_id: int
    path: str  # the document's path, for citations
    title: str
    ordinal: int
    headings: tuple[str, ...]
    text: str

    @property
    def context(self) -> str:
        return (" > ".join(self.headings) + "\n" if self.headings else "") + self.text


@dataclass
class PendingDocument:
    """A read and chunked file, waiting for its vectors to be written."""

    path: str
    title: str
    size: int
    mtime: float
    sha1: str
    chunks: list[Chunk]
    is_new: bool


@dataclass(frozen=True)
class ChunkChange:
    """What writing one document did to its chunks (for the vector index)."""

    document_id: int
    removed: list[int]
    added: list[tuple[int, np.ndarray]]  # (chunk id, vector)
    ids_by_hash: dict[str, int]  # every chunk of the document now


# Writes rows derived from a document (its facts) inside the document's transaction.
AlsoWrite = Callable[[sqlite3.Connection, int, dict[str, int]], None]


class Corpus:
    def __init__(self, store: Store):
        schema.ensure(store)
        self.store = store

    def document(self, path: str) -> DocumentRow | None:
        rows = self.store.query(
            "SELECT id, path, title, size, mtime, sha1, ingested_at FROM documents WHERE path=?",
            (path,),
        )
        return DocumentRow(*rows[0]) if rows else None

    def documents(self, under: str | None = None) -> list[DocumentRow]:
        """Every document, or those whose path is `under` or inside that folder."""
        sql = "SELECT id, path, title, size, mtime, sha1, ingested_at FROM documents"
        if under is None:
            return [DocumentRow(*r) for r in self.store.query(sql + " ORDER BY path")]
        folder = under.rstrip("/") + "/"
        rows = self.store.query(
            sql + " WHERE path=? OR substr(path, 1, ?)=? ORDER BY path",
            (under, len(folder), folder),
        )
        return [DocumentRow(*r) for r in rows]

    def known_vectors(self, hashes: list[str]) -> dict[str, np.ndarray]:
        """Vectors already computed for any of these chunk hashes (in any document)."""
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(hashes), 500):
            part = hashes[start : start + 500]
            marks = ",".join("?" * len(part))
            for digest, blob in self.store.query(
                f"SELECT hash, embedding FROM chunks WHERE hash IN ({marks})", tuple(part)
            ):
                found[digest] = np.frombuffer(blob, dtype=np.float32)
        return found

    def write_document(
        self,
        document: PendingDocument,
        vectors: dict[str, np.ndarray],
        also: AlsoWrite | None = None,
    ) -> ChunkChange:
        """Insert or update one document and its chunks in one transaction.

        Chunks whose hash the document already holds keep their row (and index id);
        the rest are deleted or inserted. `also` writes what was derived from the chunks
        (facts) inside the same transaction, so a crash keeps both or neither.
        """
        with self.store.transaction() as db:
            path, title, size, mtime, sha1 = (
                document.path,
                document.title,
                document.size,
                document.mtime,
                document.sha1,
            )
            row = db.execute("SELECT id FROM documents WHERE path=?", (path,)).fetchone()
            if row is None:
                cursor = db.execute(
                    "INSERT INTO documents (path, title, size, mtime, sha1, ingested_at)"
                    " VALUES (?,?,?,?,?,?)",
                    (path, title, size, mtime, sha1, time.time()),
                )
                document_id = int(cursor.lastrowid or 0)
            else:
                document_id = int(row[0])
                db.execute(
                    "UPDATE documents SET title=?, size=?, mtime=?, sha1=?, ingested_at=?"
                    " WHERE id=?",
                    (title, size, mtime, sha1, time.time(), document_id),
                )
            change = self._replace_chunks(db, document_id, document.chunks, vectors)
            if also is not None:
                also(db, document_id, change.ids_by_hash)
            return change

    @staticmethod
    def _replace_chunks(
        db: sqlite3.Connection,
        document_id: int,
        chunks: list[Chunk],
        vectors: dict[str, np.ndarray],
    ) -> ChunkChange:
        existing: dict[str, list[int]] = {}
        for chunk_id, digest in db.execute(
            "SELECT id, hash FROM chunks WHERE document_id=? ORDER BY ordinal", (document_id,)
        ):
            existing.setdefault(digest, []).append(int(chunk_id))
        added: list[tuple[int, np.ndarray]] = []
        ids_by_hash: dict[str, int] = {}
        for chunk in chunks:
            kept = existing.get(chunk.hash)
            if kept:
                ids_by_hash[chunk.hash] = kept.pop(0)
                db.execute(
                    "UPDATE chunks SET ordinal=? WHERE id=?", (chunk.index, ids_by_hash[chunk.hash])
                )
                continue
            vector = vectors[chunk.hash]
            cursor = db.execute(
                "INSERT INTO chunks (document_id, ordinal, hash, headings, text, embedding)"
                " VALUES (?,?,?,?,?,?)",
                (
                    document_id,
                    chunk.index,
                    chunk.hash,
                    json.dumps(list(chunk.headings)),
                    chunk.text,
                    vector.astype(np.float32).tobytes(),
                ),
            )
            ids_by_hash[chunk.hash] = int(cursor.lastrowid or 0)
            added.append((ids_by_hash[chunk.hash], vector))
        removed = [chunk_id for ids in existing.values() for chunk_id in ids]
        for chunk_id in removed:
            db.execute("DELETE FROM chunks WHERE id=?", (chunk_id,))
        return ChunkChange(document_id, removed, added, ids_by_hash)

    def delete_document(self, document_id: int) -> list[int]:
        """Remove a document, its chunks and the facts read from it; the removed chunk ids."""
        with self.store.transaction() as db:
            ids = [
                int(r[0])
                for r in db.execute("SELECT id FROM chunks WHERE document_id=?", (document_id,))
            ]
            db.execute("DELETE FROM facts WHERE document_id=?", (document_id,))
            db.execute("DELETE FROM chunks WHERE document_id=?", (document_id,))
            db.execute("DELETE FROM documents WHERE id=?", (document_id,))
        return ids

    def chunks(self, ids: list[int]) -> dict[int, ChunkRow]:
        out: dict[int, ChunkRow] = {}
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            marks = ",".join("?" * len(part))
            for row in self.store.query(
                "SELECT c.id, c.document_id, d.path, d.title, c.ordinal, c.headings, c.text"
                f" FROM chunks c JOIN documents d ON d.id=c.document_id WHERE c.id IN ({marks})",
                tuple(part),
            ):
                out[int(row[0])] = ChunkRow(
                    row[0], row[1], row[2], row[3], row[4], tuple(json.loads(row[5])), row[6]
                )
        return out

    def chunk_ids(self, document_id: int) -> list[int]:
        rows = self.store.query(
            "SELECT id FROM chunks WHERE document_id=? ORDER BY ordinal", (document_id,)
        )
        return [int(r[0]) for r in rows]

    def stamp(self) -> Stamp:
        count, max_id, id_sum = self.store.query(
            "SELECT count(*), coalesce(max(id), 0), coalesce(sum(id), 0) FROM chunks"
        )[0]
        return Stamp(int(count), int(max_id), int(id_sum))

    def all_vectors(self, batch: int = 20_000) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """(ids, vectors) in batches, for rebuilding the index without re-embedding."""
        last = 0
        while True:
            rows = self.store.query(
                "SELECT id, embedding FROM chunks WHERE id>? ORDER BY id LIMIT ?", (last, batch)
            )
            if not rows:
                return
            ids = np.array([r[0] for r in rows], dtype=np.int64)
            vectors = np.stack([np.frombuffer(r[1], dtype=np.float32) for r in rows])
            yield ids, vectors
            last = int(ids[-1])

    def counts(self) -> dict[str, int]:
        documents, chunks, size = self.store.query(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM chunks),"
            " (SELECT coalesce(sum(size), 0) FROM documents)"
        )[0]
        return {"documents": int(documents), "chunks": int(chunks), "bytes": int(size)}


def resolved(path: Path) -> str:
    return str(path.expanduser().resolve())

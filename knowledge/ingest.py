"""`assistant ingest PATH…`: read, chunk, embed and store documents, incrementally.

A file whose bytes are unchanged is skipped; a changed one keeps the rows of its
unchanged chunks and embeds only new text; files that vanished from an ingested folder
are dropped. Each document is written in its own transaction, so a killed run loses at
most the document it was on, and the index catches up when next opened.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from knowledge import chunking, documents
from knowledge.corpus import AlsoWrite, PendingDocument, resolved
from knowledge.doc_facts import extract_from_text
from knowledge.facts import FactStore
from knowledge.library import Library

MAX_FILE_BYTES = 50 * 1024 * 1024  # bigger files are reported and skipped, not read


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # vanished from disk since last ingest
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line reason)
    partial: list[tuple[str, str]] = field(default_factory=list)  # stored, but with parts left out
    chunks_embedded: int = 0
    chunks_reused: int = 0
    seconds: float = 0.0

    @property
    def stored(self) -> int:
        return len(self.added) + len(self.updated)

    def as_dict(self) -> dict[str, object]:
        return {
            "stored": self.stored,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "skipped": [{"path": p, "reason": r} for p, r in self.skipped],
            "partial": [{"path": p, "note": n} for p, n in self.partial],
            "chunks_embedded": self.chunks_embedded,
            "chunks_reused": self.chunks_reused,
            "seconds": round(self.seconds, 3),
        }


Progress = Callable[[int], None]  # called with the number of chunks just embedded


def ingest(
    library: Library,
    paths: list[Path],
    progress_factory: Callable[[int], Progress] | None = None,
) -> IngestReport:
    """Ingest files and folders; `progress_factory(total_chunks)` returns an update callback."""
    started = time.perf_counter()
    report = IngestReport()
    facts = FactStore(library.store)
    pending = _scan(library, paths, report)
    vectors = library.corpus.known_vectors(sorted({c.hash for p in pending for c in p.chunks}))
    to_embed = {c.hash: c for p in pending for c in p.chunks if c.hash not in vectors}
    report.chunks_reused = sum(len(p.chunks) for p in pending) - len(to_embed)
    update = progress_factory(len(to_embed)) if progress_factory else None
    for item in pending:
        fresh = [c for c in item.chunks if c.hash not in vectors]
        unique = list({c.hash: c for c in fresh}.values())
        if unique:
            encoded = library.embedder.encode([c.context for c in unique])
            vectors.update({c.hash: v for c, v in zip(unique, encoded, strict=True)})
            report.chunks_embedded += len(unique)
            if update:
                update(len(unique))
        library.write_document(item, vectors, _facts_writer(facts, item))
        (report.added if item.is_new else report.updated).append(item.path)
    library.save()
    report.seconds = time.perf_counter() - started
    return report


def _facts_writer(facts: FactStore, item: PendingDocument) -> AlsoWrite:
    """Write the facts stated plainly in the document's chunks, in its transaction."""
    name = Path(item.path).name

    def write(db: sqlite3.Connection, document_id: int, ids_by_hash: dict[str, int]) -> None:
        found = [
            (triple, ids_by_hash[chunk.hash], f"{name} [chunk {ids_by_hash[chunk.hash]}]")
            for chunk in item.chunks
            for triple in extract_from_text(chunk.text)
        ]
        facts.replace_document_facts(db, document_id, list(dict.fromkeys(found)))

    return write


def forget(library: Library, path: Path) -> list[str]:
    """Drop a document, or every document under a folder; the paths dropped."""
    target = resolved(path)
    dropped = []
    for row in library.corpus.documents(under=target):
        library.delete_document(row.id)
        dropped.append(row.path)
    library.save()
    return dropped


def _scan(library: Library, paths: list[Path], report: IngestReport) -> list[PendingDocument]:
    """Read and chunk what changed; record skips, unchanged files and vanished ones."""
    pending: list[PendingDocument] = []
    seen: set[str] = set()
    for root in paths:
        target = resolved(root)
        if not Path(target).exists():
            vanished = library.corpus.documents(under=target)
            if not vanished:
                report.skipped.append((str(root), "no such file or folder"))
            for row in vanished:
                library.delete_document(row.id)
                report.removed.append(row.path)
            continue
        for file in _files(Path(target), report):
            key = str(file)
            if key in seen:
                continue
            seen.add(key)
            item = _read(library, file, report)
            if item is not None:
                pending.append(item)
        if Path(target).is_dir():
            for row in library.corpus.documents(under=target):
                if row.path not in seen and not Path(row.path).exists():
                    library.delete_document(row.id)
                    report.removed.append(row.path)
    return pending


def _files(target: Path, report: IngestReport) -> list[Path]:
    if target.is_file():
        return [target]
    found = []
    for folder, dirs, names in os.walk(target):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            file = Path(folder) / name
            if file.suffix.lower() in documents.SUPPORTED:
                found.append(file)
            else:
                report.skipped.append(
                    (str(file), f"unsupported file type {file.suffix or '(none)'}")
                )
    return found


def _read(library: Library, file: Path, report: IngestReport) -> PendingDocument | None:
    key = str(file)
    try:
        stat = file.stat()
        if stat.st_size > MAX_FILE_BYTES:
            report.skipped.append((key, f"larger than {MAX_FILE_BYTES // 2**20} MB"))
            return None
        sha1 = hashlib.sha1(file.read_bytes()).hexdigest()
    except OSError as exc:
        report.skipped.append((key, exc.strerror or str(exc)))
        return None
    known = library.corpus.document(key)
    if known is not None and known.sha1 == sha1:
        report.unchanged.append(key)
        return None
    try:
        document = documents.read(file)
        chunks = chunking.chunk(document)
    except documents.UnreadableDocument as exc:
        report.skipped.append((key, str(exc).removeprefix(f"{file}: ")))
        return None
    except Exception as exc:  # a reader's bug on one strange file must not stop the others
        detail = " ".join(str(exc).split())[:160]
        report.skipped.append((key, f"could not be read ({type(exc).__name__}: {detail})"))
        return None
    if not chunks:
        report.skipped.append((key, "no text found"))
        return None
    report.partial.extend((key, note) for note in document.notes)
    return PendingDocument(
        key, document.title, stat.st_size, stat.st_mtime, sha1, chunks, known is None
    )

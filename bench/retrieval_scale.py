"""Query latency at 10k, 100k and 1M chunks: the FAISS index alone and a full hybrid query
(encode + FAISS + FTS5 BM25 + fetching the chunks), with the index kind chosen automatically
and, for IVF, its recall@10 against exact search.

Embedding a million chunks would take hours here, so the corpus is synthetic but shaped
like a real one: each chunk's vector is a real MiniLM sentence embedding from the QA corpus
plus noise, and its text is that sentence plus random words from the corpus vocabulary.
Queries are the QA set's real questions. Run: python bench/retrieval_scale.py [SIZES]
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from report import percentile, publish

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.store import Store  # noqa: E402
from knowledge import qa_eval  # noqa: E402
from knowledge.answer import sentences  # noqa: E402
from knowledge.library import Library  # noqa: E402
from knowledge.retriever import search  # noqa: E402

CORPUS = REPO / "knowledge" / "data" / "qa_eval"
NOISE = 0.035  # per-dimension noise: a synthetic chunk keeps cosine ~0.75 to its sentence


def seed_sentences() -> list[str]:
    out = []
    for path in sorted((CORPUS / "docs").iterdir()):
        out.extend(s for s in sentences(path.read_text(encoding="utf-8")) if len(s.split()) > 4)
    return out


def fill(store: Store, size: int, seeds: list[str], centres: np.ndarray) -> np.ndarray:
    """Insert `size` synthetic chunks (100 per document); returns their vectors by id order."""
    rng = np.random.default_rng(size)
    vocabulary = sorted({w.strip(".,;:()").lower() for s in seeds for w in s.split()} - {""})
    vectors = np.empty((size, centres.shape[1]), dtype=np.float32)
    batch = 20_000
    for start in range(0, size, batch):
        n = min(batch, size - start)
        which = rng.integers(0, len(seeds), n)
        v = centres[which] + rng.normal(scale=NOISE, size=(n, centres.shape[1]))
        v = (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)
        vectors[start : start + n] = v
        with store.transaction() as db:
            for d in range(start // 100, (start + n + 99) // 100):
                db.execute(
                    "INSERT INTO documents (id, path, title, size, mtime, sha1, ingested_at)"
                    " VALUES (?,?,?,0,0,'',0)",
                    (d + 1, f"/synthetic/{d}.md", f"doc {d}"),
                )
            rows = []
            for i in range(n):
                chunk_id = start + i + 1
                words = " ".join(rng.choice(vocabulary, 25))
                rows.append(
                    (
                        chunk_id,
                        (start + i) // 100 + 1,
                        i % 100,
                        f"h{chunk_id}",
                        json.dumps([f"doc {(start + i) // 100}"]),
                        f"{seeds[which[i]]} {words}",
                        v[i].tobytes(),
                    )
                )
            db.executemany(
                "INSERT INTO chunks (id, document_id, ordinal, hash, headings, text, embedding)"
                " VALUES (?,?,?,?,?,?,?)",
                rows,
            )
    return vectors


def measure(size: int, seeds: list[str], centres: np.ndarray, questions: list[str]) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"bench-scale-{size}-"))
    try:
        store = Store(work / "assistant.db")
        started = time.perf_counter()
        vectors = fill(store, size, seeds, centres)
        fill_s = time.perf_counter() - started
        library = Library(store, work / "index" / "chunks.faiss")
        started = time.perf_counter()
        index = library.index  # rebuilt from SQLite: Flat or IVF by size
        build_s = time.perf_counter() - started
        query_vectors = library.embedder.encode(questions)
        dense_ms = []
        found = []
        for q in query_vectors:
            t = time.perf_counter()
            found.append([i for i, _ in index.search(q, 10)])
            dense_ms.append(1000 * (time.perf_counter() - t))
        exact = np.argsort(-(query_vectors @ vectors.T), axis=1)[:, :10] + 1
        recall = np.mean([len(set(f) & set(e)) / 10 for f, e in zip(found, exact, strict=True)])
        hybrid_ms = []
        for text in questions:
            t = time.perf_counter()
            search(library, text, k=5)
            hybrid_ms.append(1000 * (time.perf_counter() - t))
        return {
            "chunks": size,
            "index": index.kind,
            "insert_s": round(fill_s, 1),
            "index_build_s": round(build_s, 1),
            "dense_p50_ms": round(percentile(dense_ms, 50), 2),
            "dense_p99_ms": round(percentile(dense_ms, 99), 2),
            "recall@10_vs_exact": round(float(recall), 3),
            "hybrid_p50_ms": round(percentile(hybrid_ms, 50), 1),
            "hybrid_p99_ms": round(percentile(hybrid_ms, 99), 1),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    sizes = [
        int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else "10000,100000,1000000").split(",")
    ]
    seeds = seed_sentences()
    from assistant.nlu.encoder import load_embedder

    centres = load_embedder().encode(seeds)
    questions = [r["question"] for r in qa_eval.load(CORPUS / "questions.jsonl")]
    rows = [measure(size, seeds, centres, questions) for size in sizes]
    publish(
        "retrieval_scale",
        rows,
        notes=f"{len(questions)} real questions; synthetic chunks around {len(seeds)} real sentences",
    )


if __name__ == "__main__":
    main()

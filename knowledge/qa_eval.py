"""Scores retrieval and answers on a QA set: rows {question, answer, doc, evidence}.

A chunk "holds the answer" when it comes from the row's document and contains its
evidence sentence; an answer is right when it comes from that document and contains the
answer string. Rows with answer null are unanswerable: the right reply is no answer.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from knowledge import answer as answering
from knowledge.corpus import ChunkRow
from knowledge.library import Library
from knowledge.retriever import Mode, search


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _flat(text: str) -> str:
    return " ".join(text.split()).casefold()


def holds(chunk: ChunkRow, row: dict[str, Any]) -> bool:
    evidence = _flat(row["evidence"])
    return Path(chunk.path).name == row["doc"] and (
        evidence in _flat(chunk.text) or evidence[:80] in _flat(chunk.text)
    )


def retrieval(library: Library, rows: list[dict[str, Any]], mode: Mode) -> dict[str, float]:
    """recall@1 and recall@5 of the chunk holding the answer, and latency per query."""
    answerable = [r for r in rows if r["answer"]]
    at1 = at5 = 0
    started = time.perf_counter()
    for row in answerable:
        hits = search(library, row["question"], k=5, mode=mode)
        found = [holds(hit.chunk, row) for hit in hits]
        at1 += any(found[:1])
        at5 += any(found)
    elapsed = time.perf_counter() - started
    return {
        "questions": len(answerable),
        "recall@1": at1 / len(answerable),
        "recall@5": at5 / len(answerable),
        "ms_per_query": 1000 * elapsed / len(answerable),
    }


def answers(library: Library, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Answer accuracy over answerable rows; how many unanswerable ones got no answer."""
    right = answered = declined = 0
    wrong: list[dict[str, Any]] = []
    started = time.perf_counter()
    for row in rows:
        found = answering.answer(library, row["question"])
        if row["answer"] is None:
            declined += found is None
            continue
        answered += found is not None
        ok = (
            found is not None
            and Path(found.hit.chunk.path).name == row["doc"]
            and row["answer"].casefold() in found.sentence.casefold()
        )
        right += ok
        if not ok:
            wrong.append({**row, "got": found.sentence if found else None})
    answerable = sum(1 for r in rows if r["answer"])
    return {
        "questions": answerable,
        "accuracy": right / answerable,
        "answered": answered,
        "unanswerable": len(rows) - answerable,
        "unanswerable_declined": declined,
        "ms_per_question": 1000 * (time.perf_counter() - started) / len(rows),
        "wrong": wrong,
    }

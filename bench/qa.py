"""Document QA on the project's QA set (knowledge/data/qa_eval): ingest throughput,
recall@1/5 of the chunk holding the answer per ranker, and extractive answer accuracy.

Run: python bench/qa.py   (writes bench/results/qa_retrieval.json, qa_answers.json, ingest.json)
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from report import publish

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.store import Store  # noqa: E402
from knowledge import qa_eval  # noqa: E402
from knowledge.ingest import ingest  # noqa: E402
from knowledge.library import Library  # noqa: E402
from knowledge.retriever import MODES  # noqa: E402

CORPUS = REPO / "knowledge" / "data" / "qa_eval"
COPIES = 6  # the corpus ingested this many times under distinct headings, for throughput


def ingest_throughput(work: Path) -> dict[str, object]:
    """Chunks embedded per second on a fresh library (copies differ, so nothing is reused)."""
    docs = work / "copies"
    for n in range(COPIES):
        for source in (CORPUS / "docs").iterdir():
            target = docs / f"copy{n}" / source.name
            target.parent.mkdir(parents=True, exist_ok=True)
            text = source.read_text(encoding="utf-8")
            if source.suffix == ".md":
                text = f"# Copy {n}\n\n" + text
            else:
                text = f"Copy {n} of this file.\n\n" + text.replace("Bristol", f"Bristol-{n}")
            target.write_text(text, encoding="utf-8")
    library = Library(Store(work / "throughput.db"), work / "throughput.faiss")
    library.embedder  # load the encoder outside the timing  # noqa: B018
    report = ingest(library, [docs])
    again = ingest(library, [docs])
    return {
        "files": len(report.added),
        "chunks": report.chunks_embedded + report.chunks_reused,
        "embedded": report.chunks_embedded,
        "seconds": round(report.seconds, 2),
        "chunks_per_s": round(report.chunks_embedded / report.seconds, 1),
        "reingest_unchanged_s": round(again.seconds, 3),
    }


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-qa-"))
    try:
        publish(
            "ingest", [ingest_throughput(work)], notes="QA corpus x6, MiniLM ONNX fp32, 2 cores"
        )
        library = Library(Store(work / "qa.db"), work / "qa.faiss")
        ingest(library, [CORPUS / "docs"])
        rows = qa_eval.load(CORPUS / "questions.jsonl")
        publish(
            "qa_retrieval",
            [
                {"ranker": mode, **_rounded(qa_eval.retrieval(library, rows, mode))}
                for mode in MODES
            ],
            notes=f"{sum(1 for r in rows if r['answer'])} answerable questions, 12 documents",
        )
        result = qa_eval.answers(library, rows)
        publish(
            "qa_answers",
            [
                {
                    k: (round(v, 3) if isinstance(v, float) else v)
                    for k, v in result.items()
                    if k != "wrong"
                }
            ],
            notes="answer string inside the extracted sentence, from the right document",
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _rounded(metrics: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 3) for k, v in metrics.items()}


if __name__ == "__main__":
    main()

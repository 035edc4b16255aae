"""The project's QA evaluation corpus is consistent, and every document reads and chunks."""

import json
import re
from collections import Counter
from pathlib import Path

from knowledge.chunking import chunk
from knowledge.documents import read

CORPUS = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "qa_eval"


def questions() -> list[dict]:
    return [
        json.loads(line)
        for line in (CORPUS / "questions.jsonl").read_text().splitlines()
        if line.strip()
    ]


def normalised(text: str) -> str:
    return " ".join(text.split()).lower()


def test_questions_point_at_real_evidence():
    rows = questions()
    assert len(rows) >= 110 and sum(r["answer"] is None for r in rows) == 10
    per_doc = Counter(r["doc"] for r in rows if r["doc"])
    assert (
        set(per_doc) == {p.name for p in (CORPUS / "docs").iterdir()} and min(per_doc.values()) >= 6
    )
    for row in rows:
        if row["answer"] is None:
            assert row["doc"] is None and row["evidence"] is None
            continue
        raw = (CORPUS / "docs" / row["doc"]).read_text(encoding="utf-8")
        assert row["evidence"] in raw, row
        assert row["answer"].lower() in row["evidence"].lower(), row


def test_every_document_reads_and_its_evidence_survives_chunking():
    rows = [r for r in questions() if r["doc"]]
    chunked = {}
    for path in sorted((CORPUS / "docs").iterdir()):
        document = read(path)
        assert document.sections, path
        chunked[path.name] = [normalised(c.context) for c in chunk(document)]
    for row in rows:
        evidence = normalised(re.sub(r"<[^>]+>|^#+\s*", " ", row["evidence"]))
        assert any(evidence in text for text in chunked[row["doc"]]), row

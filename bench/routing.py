"""Per-utterance routing latency (warm) and batch throughput of the intent model."""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from report import percentile, publish

DATA = Path(__file__).resolve().parent.parent / "finetune" / "data" / "intents_eval.jsonl"


def main() -> None:
    os.environ.setdefault("ASSISTANT_HOME", tempfile.mkdtemp(prefix="bench-home-"))
    from assistant.core import Assistant
    from assistant.dialogue.session import Session

    texts = [json.loads(line)["text"] for line in DATA.read_text().splitlines() if line.strip()]
    assistant = Assistant.open()
    model = assistant.load_model()
    for text in texts[:20]:
        model.predict([text])  # warm-up

    predict_ms = []
    for text in texts:
        started = time.perf_counter()
        model.predict([text])
        predict_ms.append((time.perf_counter() - started) * 1000)

    handle_ms = []
    for text in texts:
        started = time.perf_counter()
        assistant.handle(text, Session())  # full turn: route, skill, SQLite log
        handle_ms.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    for start in range(0, len(texts), 64):
        model.predict(texts[start : start + 64])
    batch_seconds = time.perf_counter() - started

    rows = [
        _row("intent prediction, one utterance", predict_ms),
        _row("full turn (Assistant.handle)", handle_ms),
    ]
    rows.append(
        {
            "measure": "batch prediction (utterances/s, batches of 64)",
            "p50_ms": "",
            "p95_ms": "",
            "p99_ms": "",
            "mean_ms": "",
            "throughput": round(len(texts) / batch_seconds, 1),
        }
    )
    publish("routing", rows, f"{len(texts)} hand-written utterances, warm, {os.cpu_count()} CPUs")
    assistant.close()


def _row(measure: str, values: list[float]) -> dict[str, object]:
    return {
        "measure": measure,
        "p50_ms": percentile(values, 50),
        "p95_ms": percentile(values, 95),
        "p99_ms": percentile(values, 99),
        "mean_ms": statistics.fmean(values),
        "throughput": "",
    }


if __name__ == "__main__":
    main()

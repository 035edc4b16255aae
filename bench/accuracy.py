"""The intent model on the hand-written evaluation set, exactly as `assistant nlu eval` scores it."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from report import publish

DATA = Path(__file__).resolve().parent.parent / "finetune" / "data" / "intents_eval.jsonl"


def main() -> None:
    os.environ.setdefault("ASSISTANT_HOME", tempfile.mkdtemp(prefix="bench-home-"))
    from assistant import metrics
    from assistant.core import Assistant
    from assistant.nlu import decided

    rows = [json.loads(line) for line in DATA.read_text().splitlines() if line.strip()]
    assistant = Assistant.open()
    threshold = assistant.config.router.threshold
    predictions = assistant.predict([r["text"] for r in rows])
    report = metrics.evaluate(
        [r["label"] for r in rows], [decided(p, threshold).label for p in predictions]
    )
    table = [
        {
            "model": "prototype kNN (MiniLM + label-weighted lexical)",
            "examples": report["n"],
            "accuracy": report["accuracy"],
            "in_scope_accuracy": report["in_scope_accuracy"],
            "macro_f1": report["macro_f1"],
            "oos_precision": report["out_of_scope"]["precision"],
            "oos_recall": report["out_of_scope"]["recall"],
            "threshold": threshold,
        }
    ]
    publish(
        "accuracy",
        table,
        f"{DATA.name}; reproduce: assistant nlu eval {DATA.relative_to(DATA.parents[2])}",
    )
    per_label = [
        {"label": k, **{m: round(v, 3) for m, v in s.items()}}
        for k, s in report["per_label"].items()
    ]
    publish("accuracy_per_label", per_label)
    assistant.close()


if __name__ == "__main__":
    main()

"""The served intent model and the few-shot fallback on the hand-written evaluation set,
scored exactly as `assistant nlu eval` scores them."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from report import publish

DATA = Path(__file__).resolve().parent.parent / "finetune" / "data" / "intents_eval.jsonl"


def main() -> None:
    os.environ.setdefault("ASSISTANT_HOME", tempfile.mkdtemp(prefix="bench-home-"))
    from assistant.config import RouterConfig
    from assistant.core import Assistant
    from assistant.nlu import metrics
    from assistant.nlu.prediction import decided

    rows = [json.loads(line) for line in DATA.read_text().splitlines() if line.strip()]
    texts, gold = [r["text"] for r in rows], [r["label"] for r in rows]
    assistant = Assistant.open()
    served = assistant.model  # the promoted trained model, if there is one
    candidates = [
        (
            f"served: {getattr(served, 'version', 'few-shot')}",
            served,
            assistant.router.config.threshold,
        ),
        ("few-shot prototype kNN (fallback)", assistant._prototype(), RouterConfig().threshold),
    ]
    table, reports = [], []
    for name, model, threshold in candidates:
        report = metrics.evaluate(gold, [decided(p, threshold).label for p in model.predict(texts)])
        reports.append(report)
        table.append(
            {
                "model": name,
                "examples": report["n"],
                "accuracy": report["accuracy"],
                "in_scope_accuracy": report["in_scope_accuracy"],
                "macro_f1": report["macro_f1"],
                "oos_precision": report["out_of_scope"]["precision"],
                "oos_recall": report["out_of_scope"]["recall"],
                "threshold": threshold,
            }
        )
    publish(
        "accuracy", table, f"{DATA.name}; reproduce: assistant nlu eval finetune/data/{DATA.name}"
    )
    per_label = [
        {"label": k, **{m: round(v, 3) for m, v in s.items()}}
        for k, s in reports[0]["per_label"].items()
    ]
    publish("accuracy_per_label", per_label, "served model")
    assistant.close()


if __name__ == "__main__":
    main()

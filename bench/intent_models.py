"""Compare intent models on the hand-written evaluation set: the few-shot prototype kNN,
frozen embeddings + a linear head (logistic regression), LoRA, and a full fine-tune.

Each trained variant goes through exactly what `assistant train --method M` does
(calibration on the tuning set, ONNX export) and is scored on the served model.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from report import percentile, publish


def main(methods: list[str]) -> None:
    os.environ.setdefault("ASSISTANT_HOME", tempfile.mkdtemp(prefix="bench-home-"))
    from assistant.config import RouterConfig
    from assistant.core import Assistant
    from assistant.nlu import metrics
    from assistant.nlu.encoder import resolve_model_dir
    from assistant.nlu.prediction import decided
    from assistant.nlu.trained import TrainedModel
    from assistant.nlu.versions import ModelStore
    from finetune import pipeline
    from finetune.config import TrainConfig

    rows = pipeline.read_labelled(pipeline.EVAL_SET)
    texts, gold = [r["text"] for r in rows], [r["label"] for r in rows]
    assistant = Assistant.open()
    table = []

    prototype = assistant._prototype()
    threshold = RouterConfig().threshold
    table.append(
        _row(
            "prototype kNN (no training)",
            prototype,
            texts,
            gold,
            threshold,
            0.0,
            decided,
            metrics,
            "assistant nlu eval (before any `assistant train`)",
        )
    )

    store = ModelStore(Path(tempfile.mkdtemp(prefix="bench-models-")))
    for method in methods:
        started = time.perf_counter()
        result = pipeline.train_version(
            assistant.registry,
            store,
            resolve_model_dir(),
            TrainConfig(method=method),
            progress=False,
        )
        seconds = time.perf_counter() - started
        model = TrainedModel(result.version)
        threshold = result.version.meta["calibration"]["threshold"]
        name = {
            "head": "frozen MiniLM + linear head (logistic regression)",
            "lora": "LoRA (default)",
            "full": "full fine-tune",
        }[method]
        table.append(
            _row(
                name,
                model,
                texts,
                gold,
                threshold,
                seconds,
                decided,
                metrics,
                f"assistant train --method {method}",
            )
        )
    publish(
        "intent_models",
        table,
        f"{len(rows)} hand-written utterances ({pipeline.EVAL_SET.name}), 2 CPUs",
    )
    assistant.close()


def _row(name, model, texts, gold, threshold, seconds, decided, metrics, command):  # type: ignore[no-untyped-def]
    predictions = model.predict(texts)
    report = metrics.evaluate(gold, [decided(p, threshold).label for p in predictions])
    latencies = []
    for text in texts[:200]:
        started = time.perf_counter()
        model.predict([text])
        latencies.append((time.perf_counter() - started) * 1000)
    return {
        "model": name,
        "in_scope_acc": report["in_scope_accuracy"],
        "oos_recall": report["out_of_scope"]["recall"],
        "oos_precision": report["out_of_scope"]["precision"],
        "macro_f1": report["macro_f1"],
        "threshold": threshold,
        "train_s": round(seconds, 1),
        "p50_ms": percentile(latencies, 50),
        "command": command,
    }


if __name__ == "__main__":
    main(sys.argv[1:] or ["head", "lora", "full"])

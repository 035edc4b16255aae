"""`assistant train`: data → training → calibration → ONNX export → evaluation → new version."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.nlu import metrics
from assistant.nlu.prediction import decided
from assistant.nlu.versions import ModelStore, ModelVersion
from assistant.registry import SkillRegistry
from finetune import dataset
from finetune.calibrate import calibrate
from finetune.config import TrainConfig

DATA = Path(__file__).parent / "data"
TUNING_SET = DATA / "intents_tuning.jsonl"  # thresholds and temperature only
EVAL_SET = DATA / "intents_eval.jsonl"  # hand-written, never trained or tuned on
INT8_TOLERANCE = 0.005  # int8 serves only if it stays within half a point of fp32


@dataclass
class TrainResult:
    version: ModelVersion
    eval_report: dict[str, Any] | None  # metrics on the evaluation set, if present
    seconds: float


def read_labelled(path: Path) -> list[dict[str, str]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def train_version(
    registry: SkillRegistry,
    store: ModelStore,
    encoder_dir: Path,
    config: TrainConfig,
    promote: bool = True,
    progress: bool = True,
    tuning_path: Path = TUNING_SET,
    eval_path: Path | None = EVAL_SET,
    on_step: Callable[[int, int], None] | None = None,
) -> TrainResult:
    from finetune import train

    started = time.perf_counter()
    data = dataset.build(registry, config)
    model = train.train(data, config, encoder_dir, progress=progress, on_step=on_step)
    result = save_version(model, data, config, store, encoder_dir, tuning_path, eval_path)
    version = store.promote(result.version.name) if promote else result.version
    return TrainResult(version, result.eval_report, time.perf_counter() - started)


def save_version(
    model: Any,
    data: dataset.TrainingSet,
    config: TrainConfig,
    store: ModelStore,
    encoder_dir: Path,
    tuning_path: Path = TUNING_SET,
    eval_path: Path | None = EVAL_SET,
    extra: dict[str, Any] | None = None,
) -> TrainResult:
    """Calibrate, export (fp32 and int8), evaluate and write a new, unpromoted version."""
    import torch

    from assistant.nlu.trained import TrainedModel
    from finetune import train
    from finetune.export import export_classifier, quantize_int8

    started = time.perf_counter()
    tuning = [r for r in read_labelled(tuning_path) if r["label"] in data.label_names]
    tuning_logits = train.predict_logits(model, encoder_dir, [r["text"] for r in tuning], config)
    calibration = calibrate(tuning_logits, [r["label"] for r in tuning], data.label_names)

    path = store.new_version_dir()
    save_adapter = getattr(model.encoder, "save_pretrained", None)  # a peft model has one
    if config.method == "lora" and callable(save_adapter):
        save_adapter(str(path / "adapter"))  # before the export's merge changes the encoder
    torch.save(model.head.state_dict(), path / "head.pt")
    export_classifier(model, path / "model.onnx")
    quantize_int8(path / "model.onnx", path / "model.int8.onnx")
    shutil.copy(encoder_dir / "tokenizer.json", path / "tokenizer.json")

    meta: dict[str, Any] = {
        "labels": data.label_names,
        "data_hash": data.data_hash,
        "config": config.as_dict(),
        # What serving reads, so loading a model never needs the training code:
        "data_shaping": dataset.data_shaping(config),
        "max_length": config.max_length,
        "calibration": calibration.__dict__,
        "train_examples": len(data.texts),
        "serving_file": "model.onnx",
        **(extra or {}),
    }
    store.write_meta(path, meta)
    fp32 = _tuning_accuracy(TrainedModel(store.get(path.name)), tuning, calibration.threshold)
    store.write_meta(path, {**meta, "serving_file": "model.int8.onnx"})
    int8 = _tuning_accuracy(TrainedModel(store.get(path.name)), tuning, calibration.threshold)
    meta["serving_file"] = "model.int8.onnx" if int8 >= fp32 - INT8_TOLERANCE else "model.onnx"
    meta["tuning_accuracy"] = {"fp32": fp32, "int8": int8}

    report = None
    if eval_path is not None and eval_path.exists():
        store.write_meta(path, meta)
        served = TrainedModel(store.get(path.name))
        rows = read_labelled(eval_path)
        predicted = [
            decided(p, calibration.threshold).label
            for p in served.predict([r["text"] for r in rows])
        ]
        report = metrics.evaluate([r["label"] for r in rows], predicted)
        meta["eval"] = {
            k: report[k]
            for k in (
                "n",
                "in_scope_n",
                "accuracy",
                "in_scope_accuracy",
                "macro_f1",
                "out_of_scope",
            )
        }
    meta["export_seconds"] = round(time.perf_counter() - started, 1)
    store.write_meta(path, meta)
    return TrainResult(store.get(path.name), report, time.perf_counter() - started)


def is_stale(registry: SkillRegistry, store: ModelStore, config: TrainConfig) -> bool:
    """True when there is no current model or it was trained on other data than the code's."""
    current = store.current()
    return current is None or current.meta.get("data_hash") != dataset.data_hash(registry, config)


def _tuning_accuracy(model: Any, rows: list[dict[str, str]], threshold: float) -> float:
    predictions = model.predict([r["text"] for r in rows])
    return float(
        np.mean(
            [
                decided(p, threshold).label == r["label"]
                for p, r in zip(predictions, rows, strict=True)
            ]
        )
    )

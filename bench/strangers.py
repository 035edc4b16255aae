"""Routing for sentences written by strangers: intent methods and out-of-scope detectors
compared on ../shared/data/hwu64_dev.jsonl (HWU64 mapped to our labels, CC BY 4.0; rows
marked ambiguous left out) and on our own evaluation set. Measured only: nothing here
trains on the dev set, and thresholds are set on our tuning set.

    python bench/strangers.py [--quick]     (--quick: the default LoRA model only)

Methods: the few-shot prototype (no training); the LoRA classifier as served (ONNX, its
out-of-scope class and calibrated threshold); kNN over the fine-tuned embeddings; their
ensemble; the same with a SetFit-style supervised contrastive loss added to training.
Out-of-scope detectors on the classifier's in-scope choice: max-softmax threshold,
Mahalanobis distance to the intents' means, and kNN cosine distance, each with its
threshold set so 95% of our in-scope tuning rows pass, alone and joined to the OOS class.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.core import Assistant
from assistant.nlu import metrics
from assistant.nlu.encoder import resolve_model_dir
from assistant.nlu.prediction import OUT_OF_SCOPE, decided
from assistant.nlu.trained import TrainedModel
from assistant.nlu.versions import ModelStore
from bench.report import publish
from finetune import dataset, pipeline
from finetune.config import TrainConfig

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "hwu64_dev.jsonl"
PASS_RATE = 0.95  # detectors let this share of in-scope tuning rows through
K = 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the default LoRA model only")
    args = parser.parse_args()
    if not DEV.exists():
        raise SystemExit(f"{DEV} is not here; this benchmark measures on it")
    assistant = Assistant.open(home=Path(tempfile.mkdtemp(prefix="bench-strangers-")))
    registry = assistant.registry
    actions = registry.action_labels()
    sets = {
        "dev": [r for r in pipeline.read_labelled(DEV) if not r.get("ambiguous")],
        "ours": pipeline.read_labelled(pipeline.EVAL_SET),
    }
    tuning = pipeline.read_labelled(pipeline.TUNING_SET)
    table = []
    prototype = assistant.load_model()
    threshold = assistant.router.config.threshold
    for name, rows in sets.items():
        predicted = [decided(p, threshold).label for p in prototype.predict(_texts(rows))]
        table.append(_row("prototype kNN (no training)", name, rows, predicted, actions))
    variants = {"LoRA": TrainConfig()}
    if not args.quick:
        variants["LoRA + contrastive"] = TrainConfig(contrastive=0.5)
    store = ModelStore(Path(tempfile.mkdtemp(prefix="bench-models-")))
    for variant, config in variants.items():
        started = time.perf_counter()
        result = pipeline.train_version(
            registry, store, resolve_model_dir(), config, progress=False
        )
        seconds = time.perf_counter() - started
        compared = _compare(variant, result.version, config, registry, sets, tuning, actions)
        compared[0]["train_s"] = round(seconds)  # on the variant's first row: its served model
        table += compared
    assistant.close()
    publish("strangers", table, f"{DEV.name} (unambiguous rows) and our evaluation set")


def _compare(variant, version, config, registry, sets, tuning, actions) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    from finetune.continual import load_classifier

    served = TrainedModel(version)
    threshold = version.meta["calibration"]["threshold"]
    torch_model = load_classifier(version, resolve_model_dir(), config)
    train = dataset.build(registry, config)
    labels = np.array(train.label_names)
    oos = train.label_names.index(OUT_OF_SCOPE)
    train_emb = _embed(torch_model, config, train.texts)
    train_y = np.array(train.labels)
    space = Space(train_emb, train_y, oos)
    tune_rows = [r for r in tuning if r["label"] != OUT_OF_SCOPE]
    tune_probs, tune_emb = _scores(torch_model, config, _texts(tune_rows))
    limits = space.limits(tune_probs, tune_emb)
    rows = []
    for name, data in sets.items():
        texts = _texts(data)
        probs, emb = _scores(torch_model, config, texts)
        knn = space.knn_probs(emb)
        as_served = [decided(p, threshold).label for p in served.predict(texts)]
        rows.append(_row(f"{variant} classifier (served)", name, data, as_served, actions))
        rows.append(_row(f"{variant} kNN", name, data, list(labels[knn.argmax(1)]), actions))
        mixed = (probs + knn) / 2
        rows.append(_row(f"{variant} ensemble", name, data, list(labels[mixed.argmax(1)]),
                         actions))  # fmt: skip
        in_scope = space.in_scope_choice(probs)
        for detector, outside in space.detectors(probs, emb, limits).items():
            alone = [
                OUT_OF_SCOPE if o else str(labels[c])
                for o, c in zip(outside, in_scope, strict=True)
            ]
            rows.append(_row(f"{variant} + {detector}", name, data, alone, actions))
            joined = [OUT_OF_SCOPE if o else s for o, s in zip(outside, as_served, strict=True)]
            rows.append(_row(f"{variant} OOS class or {detector}", name, data, joined, actions))
    return rows


class Space:
    """Fine-tuned sentence embeddings of the training examples, for kNN and distances."""

    def __init__(self, embedded: np.ndarray, labels: np.ndarray, oos: int):
        self.unit = embedded / np.linalg.norm(embedded, axis=1, keepdims=True)
        self.labels = labels
        self.oos = oos
        self.n_labels = int(labels.max()) + 1
        inside = labels != oos
        self.inside_unit = self.unit[inside]
        classes = sorted(set(labels[inside].tolist()))
        self.means = np.stack([embedded[labels == c].mean(0) for c in classes])
        self.classes = np.array(classes)
        centred = np.concatenate([embedded[labels == c] - embedded[labels == c].mean(0)
                                  for c in classes])  # fmt: skip
        covariance = np.cov(centred, rowvar=False) + 0.01 * np.eye(embedded.shape[1])
        self.precision = np.linalg.inv(covariance)

    def knn_probs(self, embedded: np.ndarray) -> np.ndarray:
        unit = embedded / np.linalg.norm(embedded, axis=1, keepdims=True)
        similarity = unit @ self.unit.T
        top = np.argsort(-similarity, axis=1)[:, :K]
        votes = np.zeros((len(unit), self.n_labels))
        for row, neighbours in enumerate(top):
            for j in neighbours:
                votes[row, self.labels[j]] += np.exp(similarity[row, j] / 0.05)
        return votes / votes.sum(1, keepdims=True)

    def in_scope_choice(self, probs: np.ndarray) -> np.ndarray:
        masked = probs.copy()
        masked[:, self.oos] = -1
        return masked.argmax(1)

    def scores(self, probs: np.ndarray, embedded: np.ndarray) -> dict[str, np.ndarray]:
        """Per detector, a score where higher means further outside what we serve."""
        masked = probs.copy()
        masked[:, self.oos] = 0
        unit = embedded / np.linalg.norm(embedded, axis=1, keepdims=True)
        diffs = embedded[:, None, :] - self.means[None, :, :]
        mahalanobis = np.einsum("nkd,de,nke->nk", diffs, self.precision, diffs).min(1)
        return {
            "max-softmax threshold": -masked.max(1),
            "Mahalanobis distance": mahalanobis,
            "kNN distance": -(unit @ self.inside_unit.T).max(1),
        }

    def limits(self, probs: np.ndarray, embedded: np.ndarray) -> dict[str, float]:
        return {
            k: float(np.quantile(v, PASS_RATE)) for k, v in self.scores(probs, embedded).items()
        }

    def detectors(self, probs, embedded, limits) -> dict[str, np.ndarray]:  # type: ignore[no-untyped-def]
        return {k: v > limits[k] for k, v in self.scores(probs, embedded).items()}


def _scores(model, config, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
    import torch

    embedded = _embed(model, config, texts)
    with torch.no_grad():
        logits = model.head(torch.from_numpy(embedded)).numpy()
    probs = np.exp(logits - logits.max(1, keepdims=True))
    return probs / probs.sum(1, keepdims=True), embedded


def _embed(model, config, texts: list[str]) -> np.ndarray:  # type: ignore[no-untyped-def]
    from finetune.train import embed_all, load_tokenizer

    tokenizer = load_tokenizer(resolve_model_dir(), config.max_length)
    return embed_all(model, tokenizer, texts).numpy()


def _texts(rows: list[dict[str, str]]) -> list[str]:
    return [r["text"] for r in rows]


def _row(method: str, name: str, rows, predicted, actions) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    report = metrics.evaluate([r["label"] for r in rows], predicted, actions)
    return {
        "method": method,
        "set": name,
        "skill_acc": round(report["in_scope_skill_accuracy"], 3),
        "intent_acc": round(report["in_scope_accuracy"], 3),
        "oos_recall": round(report["out_of_scope"]["recall"], 3),
        "oos_to_action": round(report["out_of_scope_to_action"], 3),
        "train_s": None,
    }


if __name__ == "__main__":
    main()

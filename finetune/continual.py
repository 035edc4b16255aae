"""`assistant finetune`: learn from corrections without forgetting, behind an evaluation gate.

Continues the current LoRA adapter on the corrections (repeated, with noisy copies) plus a
replay sample of the base data; retrains from scratch when the current model cannot be
continued (no adapter, or skills added intents). The candidate is promoted only if it passes
the gate (`finetune.gate`: no loss beyond evaluation noise, every corrected turn routed
right); otherwise it stays as a rejected version with the reasons.
"""

from __future__ import annotations

import random
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.nlu.versions import ModelStore, ModelVersion
from assistant.registry import SkillRegistry
from finetune import dataset
from finetune.config import TrainConfig
from finetune.dataset import TrainingSet
from finetune.gate import gate

CORRECTION_REPEATS = 10  # each correction is seen this often per epoch (plus noisy copies)
REPLAY_SIZE = 20_000  # base examples replayed (all of today's data) so nothing is forgotten
CONTINUE_LR = 1e-4  # adapters continue at a tenth of the first training's rate


@dataclass
class FinetuneResult:
    version: ModelVersion
    promoted: bool
    reasons: list[str] = field(default_factory=list)  # why it was rejected (empty if promoted)
    continued: bool = True  # False: retrained from scratch
    seconds: float = 0.0


def finetune_version(
    registry: SkillRegistry,
    store: ModelStore,
    corrections: list[dict[str, Any]],
    encoder_dir: Path,
    progress: bool = True,
    eval_path: Path | None = None,
) -> FinetuneResult:
    from finetune import pipeline, train

    started = time.perf_counter()
    current = store.current()
    if current is None:
        raise AssistantError(
            "there is no trained model to improve yet: run `assistant train` first"
        )
    labels = set(registry.labels())
    usable = [c for c in corrections if c["label"] in labels]
    if not usable:
        raise AssistantError("there are no corrections to learn from (see `assistant feedback`)")

    # A gentler rate than the first training: nudge the model, don't move it.
    config = TrainConfig(**{**current.meta["config"], "epochs": 1, "learning_rate": CONTINUE_LR})
    base = dataset.build(registry, config)
    continued = (current.path / "adapter").exists() and current.labels == base.label_names
    if continued:
        data = _mix(base, usable, config.seed)
        model = load_classifier(current, encoder_dir, config)
    else:  # a new intent or a non-LoRA model: a fresh run that includes the corrections
        config = TrainConfig(**current.meta["config"])
        data = _mix(base, usable, config.seed, replay=len(base.texts))
        model = None
    model = train.train(data, config, encoder_dir, progress=progress, model=model)
    result = pipeline.save_version(
        model,
        data,
        config,
        store,
        encoder_dir,
        eval_path=eval_path or pipeline.EVAL_SET,
        extra={
            "parent": current.name,
            "corrections": [c["id"] for c in usable],
            "continued": continued,
        },
    )
    candidate = result.version
    reasons = gate(current, candidate, usable, eval_path)
    meta = dict(candidate.meta)
    if reasons:
        meta["rejected"] = reasons
        store.write_meta(candidate.path, meta)
        candidate = store.get(candidate.name)
    else:
        candidate = store.promote(candidate.name)
    return FinetuneResult(candidate, not reasons, reasons, continued, time.perf_counter() - started)


def load_classifier(version: ModelVersion, encoder_dir: Path, config: TrainConfig):
    """The version's encoder + trainable LoRA adapter + head, ready to continue training."""
    import torch
    from peft import PeftModel
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    from finetune.classifier import IntentClassifier

    transformers_logging.disable_progress_bar()
    encoder = AutoModel.from_pretrained(str(encoder_dir), local_files_only=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # peft calls a deprecated alias
        adapted = PeftModel.from_pretrained(
            encoder, str(version.path / "adapter"), is_trainable=True
        )
    model = IntentClassifier(adapted, encoder.config.hidden_size, len(version.labels))
    model.head.load_state_dict(torch.load(version.path / "head.pt", weights_only=True))
    return model


def _mix(
    base: TrainingSet, corrections: list[dict[str, Any]], seed: int, replay: int = REPLAY_SIZE
) -> TrainingSet:
    rng = random.Random(seed)
    index = {name: i for i, name in enumerate(base.label_names)}
    picked = rng.sample(range(len(base.texts)), min(replay, len(base.texts)))
    texts = [base.texts[i] for i in picked]
    labels = [base.labels[i] for i in picked]
    for correction in corrections:
        for copy in range(CORRECTION_REPEATS):
            text = correction["text"] if copy % 2 == 0 else dataset.noisy(correction["text"], rng)
            texts.append(text)
            labels.append(index[correction["label"]])
    return TrainingSet(texts, labels, base.label_names, base.data_hash)

"""Fine-tune the intent classifier on CPU: LoRA adapters (default), full, or head only.

Readable top to bottom: load the base encoder, tokenize, loop over shuffled batches padded
to their longest item, step AdamW with warm-up and linear decay. Seeded and deterministic.
"""

from __future__ import annotations

import math
import os
import random
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import torch
from torch import nn
from tqdm import tqdm

from assistant.nlu.prediction import OUT_OF_SCOPE
from finetune.classifier import IntentClassifier
from finetune.config import TrainConfig
from finetune.dataset import TrainingSet


def load_tokenizer(model_dir: Path, max_length: int):
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer.enable_truncation(max_length)
    tokenizer.enable_padding()
    return tokenizer


def batch_tensors(tokenizer, texts: Sequence[str]) -> tuple[torch.Tensor, torch.Tensor]:
    encodings = tokenizer.encode_batch(list(texts))
    ids = torch.tensor([e.ids for e in encodings], dtype=torch.long)  # (batch, longest)
    mask = torch.tensor([e.attention_mask for e in encodings], dtype=torch.long)
    return ids, mask


def new_classifier(model_dir: Path, n_labels: int, config: TrainConfig) -> IntentClassifier:
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    encoder = AutoModel.from_pretrained(str(model_dir), local_files_only=True)
    model = IntentClassifier(encoder, encoder.config.hidden_size, n_labels)
    if config.method == "lora":
        from peft import LoraConfig, get_peft_model

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)  # peft calls a deprecated alias
            model.encoder = get_peft_model(
                encoder,
                LoraConfig(
                    r=config.lora_rank,
                    lora_alpha=config.lora_alpha,
                    lora_dropout=config.lora_dropout,
                    target_modules=list(config.target_modules),
                    bias="none",
                ),
            )
    elif config.method == "head":
        for parameter in encoder.parameters():
            parameter.requires_grad = False
    return model


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True, warn_only=True)


def train(
    data: TrainingSet,
    config: TrainConfig,
    model_dir: Path,
    progress: bool = True,
    model: IntentClassifier | None = None,
    on_step: Callable[[int, int], None] | None = None,
) -> IntentClassifier:
    """Train (or continue training `model`) on `data`; returns the model in eval mode.
    `on_step(done, total)` is told after each optimiser step (a progress file, a toolbar)."""
    seed_everything(config.seed)
    torch.set_num_threads(os.cpu_count() or 1)
    model = model or new_classifier(model_dir, len(data.label_names), config)
    tokenizer = load_tokenizer(model_dir, config.max_length)
    labels = torch.tensor(data.labels, dtype=torch.long)
    use_bf16 = config.bf16 and _cpu_has_bf16()

    cached: torch.Tensor | None = None
    if config.method == "head":  # the encoder is frozen: embed every text once
        cached = embed_all(model, tokenizer, data.texts)

    encoder_params = [p for p in model.encoder.parameters() if p.requires_grad]
    groups = [{"params": list(model.head.parameters()), "lr": config.head_learning_rate}]
    if encoder_params:
        groups.append({"params": encoder_params, "lr": config.learning_rate})
    optimizer = torch.optim.AdamW(groups, weight_decay=config.weight_decay)
    steps_per_epoch = math.ceil(len(data.texts) / config.batch_size)
    total = steps_per_epoch * config.epochs
    warmup = max(1, total // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda step: min((step + 1) / warmup, max(0.0, (total - step) / (total - warmup + 1))),
    )
    loss_fn = nn.CrossEntropyLoss(label_smoothing=config.label_smoothing)
    generator = torch.Generator().manual_seed(config.seed)

    model.train()
    bar = tqdm(total=total, desc=f"training ({config.method})", unit="step", disable=not progress)
    lengths = [len(text) for text in data.texts]
    for _epoch in range(config.epochs):
        for batch in length_batches(lengths, config.batch_size, generator):
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=use_bf16):
                if cached is not None:
                    logits = model.head(model.dropout(cached[batch]))
                else:
                    ids, mask = batch_tensors(tokenizer, [data.texts[i] for i in batch])
                    embedded = model.embed(ids, mask)
                    logits = model.head(model.dropout(embedded))  # (batch, n_labels)
            loss = loss_fn(logits.float(), labels[batch])
            if config.contrastive and cached is None:
                loss = loss + config.contrastive * supervised_contrastive(
                    embedded.float(),
                    labels[batch],
                    data.label_names.index(OUT_OF_SCOPE)
                    if OUT_OF_SCOPE in data.label_names
                    else -1,
                )
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            bar.update(1)
            bar.set_postfix(loss=f"{loss.item():.3f}")
            if on_step is not None:
                on_step(bar.n, total)
    bar.close()
    model.eval()
    return model


def supervised_contrastive(
    embedded: torch.Tensor, labels: torch.Tensor, unrelated: int, temperature: float = 0.1
) -> torch.Tensor:
    """SupCon over one batch: each sentence's positives are the others of its intent.
    Out-of-scope sentences (label `unrelated`) are about anything, so they have none: they
    are only pushed away from the intents."""
    z = nn.functional.normalize(embedded, dim=-1)
    similarity = z @ z.T / temperature
    self_mask = torch.eye(len(labels), dtype=torch.bool)
    similarity = similarity.masked_fill(self_mask, float("-inf"))
    positives = (labels[:, None] == labels[None, :]) & ~self_mask & (labels[:, None] != unrelated)
    log_prob = similarity - torch.logsumexp(similarity, dim=1, keepdim=True)
    counts = positives.sum(1)
    anchors = counts > 0
    if not anchors.any():
        return similarity.new_zeros(())
    mean_positive = log_prob.masked_fill(~positives, 0.0).sum(1)[anchors] / counts[anchors]
    return -mean_positive.mean()


def length_batches(
    lengths: Sequence[int], batch_size: int, generator: torch.Generator, pool: int = 50
) -> list[list[int]]:
    """A shuffled epoch in batches of similar length: every batch pads to its longest
    sentence, so grouping lengths (within random pools of `pool` batches, then shuffling
    the batches) cuts the padding the encoder computes over, without sorting the data."""
    order = torch.randperm(len(lengths), generator=generator).tolist()
    batches: list[list[int]] = []
    size = batch_size * pool
    for start in range(0, len(order), size):
        chunk = sorted(order[start : start + size], key=lengths.__getitem__)
        batches += [chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size)]
    shuffled = torch.randperm(len(batches), generator=generator).tolist()
    return [batches[i] for i in shuffled]


@torch.no_grad()
def embed_all(
    model: IntentClassifier, tokenizer, texts: Sequence[str], batch_size: int = 128
) -> torch.Tensor:
    model.eval()
    out = []
    for start in range(0, len(texts), batch_size):
        ids, mask = batch_tensors(tokenizer, texts[start : start + batch_size])
        out.append(model.embed(ids, mask))
    return torch.cat(out)


@torch.no_grad()
def predict_logits(
    model: IntentClassifier, model_dir: Path, texts: Sequence[str], config: TrainConfig
) -> np.ndarray:
    """(len(texts), n_labels) logits from the torch model (used before export)."""
    tokenizer = load_tokenizer(model_dir, config.max_length)
    model.eval()
    out = []
    for start in range(0, len(texts), 128):
        ids, mask = batch_tensors(tokenizer, texts[start : start + 128])
        out.append(model(ids, mask).float().numpy())
    return np.concatenate(out) if out else np.zeros((0, model.head.out_features), dtype=np.float32)


def _cpu_has_bf16() -> bool:
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags

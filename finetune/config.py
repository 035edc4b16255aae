"""Training settings: one dataclass, a comment per field, saved beside every model it made."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


@dataclass
class TrainConfig:
    # How the encoder learns: "lora" (adapters, merged at export), "full" (every weight),
    # or "head" (frozen encoder, only the classification head).
    method: str = "lora"
    # LoRA rank and scaling (alpha / rank multiplies the adapter's output).
    lora_rank: int = 16
    lora_alpha: int = 32
    lora_dropout: float = 0.05
    # BERT attention/FFN projections that receive adapters.
    target_modules: list[str] = field(default_factory=lambda: ["query", "key", "value", "dense"])
    # AdamW learning rate of the adapters / encoder; 0 = the method's usual rate
    # (LoRA and head 1e-3; a full fine-tune needs far less, 5e-5).
    learning_rate: float = 0.0
    # The freshly initialised classification head learns faster.
    head_learning_rate: float = 3e-3
    weight_decay: float = 0.01
    # Passes over the data; 0 = 4, or 40 for "head" (cheap: embeddings are computed once).
    epochs: int = 0
    batch_size: int = 32
    # Tokens per utterance; longer requests are truncated (commands are short).
    max_length: int = 48
    # Sentences expanded from each template (variety of slot values and alternatives).
    per_template: int = 4
    # Extra noisy copies per sentence: lower case, no punctuation, typos (voice/typing styles).
    augment_copies: int = 1
    # Label smoothing keeps confidences from saturating, which helps abstention.
    label_smoothing: float = 0.1
    # Weight of a supervised contrastive loss on the sentence embeddings (SetFit-style, in
    # batch): pulls sentences of one intent together and pushes intents apart; 0 = off.
    contrastive: float = 0.0
    # bf16 autocast on CPUs that support it (AVX512-BF16/AMX): about 2x faster training.
    bf16: bool = True
    seed: int = 13

    def __post_init__(self) -> None:
        if self.method not in {"lora", "full", "head"}:
            raise ValueError(f"method must be lora, full or head, not {self.method!r}")
        if self.learning_rate == 0:
            self.learning_rate = 5e-5 if self.method == "full" else 1e-3
        if self.epochs == 0:
            self.epochs = 40 if self.method == "head" else 4
        for name in ("lora_rank", "epochs", "batch_size", "max_length", "per_template"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, not {getattr(self, name)!r}")
        if not 0 < self.learning_rate < 1:
            raise ValueError(f"learning_rate must be in (0, 1), not {self.learning_rate!r}")

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

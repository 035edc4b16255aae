"""Export intent classifiers to ONNX (and int8) so serving never imports torch."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.nlu.onnx_export import export_module

if TYPE_CHECKING:
    from finetune.classifier import IntentClassifier


def export_classifier(model: IntentClassifier, target: Path) -> Path:
    """Merge LoRA adapters into the encoder and write the whole classifier (output: logits)."""
    import torch

    encoder = model.encoder
    merge = getattr(encoder, "merge_and_unload", None)  # a peft model: fold adapters into weights
    if callable(merge):
        encoder = merge()

    class Logits(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder
            self.head = model.head

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state  # (batch, seq, hidden)
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)  # (batch, seq, 1)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return self.head(pooled)  # (batch, n_labels)

    wrapper = Logits()
    wrapper.eval()
    return export_module(wrapper, target, "logits")


def quantize_int8(source: Path, target: Path) -> Path:
    """Per-channel dynamic int8 weights: about 4x smaller and faster on CPU."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".onnx.tmp")
    os.close(fd)
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the quantizer logs advice about image models on the root logger
    try:
        quantize_dynamic(str(source), tmp, per_channel=True, weight_type=QuantType.QInt8)
        os.replace(tmp, target)
    finally:
        root.setLevel(level)
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target

"""Export a torch module to ONNX atomically; the base encoder's export lives here because
serving needs it once (the first time an encoder is used), training code never."""

from __future__ import annotations

import os
import tempfile
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import ModelError

if TYPE_CHECKING:
    import torch

INPUTS = ["input_ids", "attention_mask", "token_type_ids"]


def export_encoder(model_dir: Path, target: Path) -> Path:
    """Write `model_dir`'s encoder as ONNX (output: last_hidden_state) to `target`, atomically."""
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # one quick load; a bar would only be noise
    try:
        model = AutoModel.from_pretrained(str(model_dir), local_files_only=True)
    except Exception as exc:
        raise ModelError(f"cannot load {model_dir} for export: {exc}") from None
    model.eval()

    class LastHidden(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            out = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state  # (batch, seq, dim)

    return export_module(LastHidden(model), target, "last_hidden_state")


def export_module(module: torch.nn.Module, target: Path, output: str) -> Path:
    import torch

    dummy = tuple(torch.ones(2, 8, dtype=torch.long) for _ in INPUTS)
    axes = {name: {0: "batch", 1: "seq"} for name in INPUTS}
    axes[output] = {0: "batch"} if output == "logits" else {0: "batch", 1: "seq"}
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".onnx.tmp")
    os.close(fd)
    try:
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")  # tracer chatter about shape-dependent branches
            torch.onnx.export(
                module,
                dummy,
                tmp,
                input_names=INPUTS,
                output_names=[output],
                dynamic_axes=axes,
                opset_version=17,
                dynamo=False,  # the TorchScript exporter needs no onnxscript and is fast here
            )
        os.replace(tmp, target)  # a killed export never leaves a half-written model behind
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target

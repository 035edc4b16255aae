"""Few-shot intent model: k nearest examples per label over MiniLM sentence embeddings.

Similarity to an example blends the embedding cosine with a word-level TF-IDF cosine
(`lexical_weight`). Each label scores the mean similarity of its k nearest examples, or
its nearest one alone when that is a (near-)exact match, so every known sentence routes
to its own label. Out-of-scope also scores at least `min_similarity`, so a text far from
every example leans out-of-scope. A softmax with `temperature` turns scores into confidences.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence

import numpy as np

from assistant import paths
from assistant.nlu.encoder import Encoder
from assistant.nlu.lexical import LexicalIndex
from assistant.nlu.prediction import OUT_OF_SCOPE, Prediction, from_scores
from assistant.templates import Example

EXACT_MATCH = 0.98  # blended similarity at which a text counts as a known sentence


class PrototypeModel:
    def __init__(
        self,
        embedder: Encoder,
        examples: Sequence[Example],
        k: int = 3,
        temperature: float = 0.05,
        min_similarity: float = 0.25,
        lexical_weight: float = 0.3,
        alternatives: int = 4,
    ):
        if not examples:
            raise ValueError("a prototype model needs at least one example")
        self.embedder = embedder
        self.k = k
        self.temperature = temperature
        self.min_similarity = min_similarity
        self.lexical_weight = lexical_weight
        self.n_alternatives = alternatives
        self.texts = [e.text for e in examples]
        labels = sorted({e.intent for e in examples} | {OUT_OF_SCOPE})
        self.labels = labels
        index = {label: i for i, label in enumerate(labels)}
        self.example_labels = np.array([index[e.intent] for e in examples])  # (n_examples,)
        self.vectors = _cached_encode(embedder, self.texts)  # (n_examples, dim)
        self.lexical = LexicalIndex(self.texts, self.example_labels, len(labels))
        self._oos = index[OUT_OF_SCOPE]

    def scores(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Per-label scores (n_texts, n_labels) and the nearest example index per text."""
        dense = self.embedder.encode(texts) @ self.vectors.T  # (n_texts, n_examples)
        w = self.lexical_weight
        sims = (1 - w) * dense + w * self.lexical.similarities(texts) if w else dense
        scores = np.full((len(texts), len(self.labels)), -1.0, dtype=np.float32)
        for label_index in range(len(self.labels)):
            columns = sims[:, self.example_labels == label_index]
            if columns.shape[1] == 0:
                continue
            k = min(self.k, columns.shape[1])
            top = -np.sort(-columns, axis=1)[:, :k]  # (n_texts, k) best similarities
            exact = top[:, 0] >= EXACT_MATCH
            scores[:, label_index] = np.where(exact, top[:, 0], top.mean(axis=1))
        scores[:, self._oos] = np.maximum(scores[:, self._oos], self.min_similarity)
        return scores, sims.argmax(axis=1)

    def predict(self, texts: list[str]) -> list[Prediction]:
        if not texts:
            return []
        scores, nearest = self.scores(texts)
        evidence = [self.texts[i] for i in nearest]
        return from_scores(scores, self.labels, self.temperature, evidence, self.n_alternatives)


def _cached_encode(embedder: Encoder, texts: list[str]) -> np.ndarray:
    """Example embeddings keyed by encoder and texts, so a restart skips re-encoding."""
    digest = hashlib.sha1(embedder.fingerprint.encode())
    for text in texts:
        digest.update(text.encode() + b"\x00")
    path = paths.cache() / "prototypes" / f"{digest.hexdigest()[:20]}.npy"
    if path.exists():
        try:
            vectors = np.load(path)
            if vectors.shape == (len(texts), embedder.dimension):
                return vectors
        except (OSError, ValueError):
            pass  # a damaged cache file is rebuilt below
    vectors = embedder.encode(texts)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp.npy")  # two processes may write it at once
    np.save(tmp, vectors)
    tmp.replace(path)
    return vectors

"""Word-level similarity, weighted by how much each word says about the intent.

MiniLM puts "turn the lamp on" and "turn the lamp off" almost on top of each other, and
plain TF-IDF would favour rare slot words ("desk", "porch") over "on" and "off". So each
word or word pair is weighted by how concentrated its occurrences are on few labels
(1 - normalised entropy of its smoothed label distribution): "off" weighs a lot, "the",
"lamp" and device names little.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

import numpy as np

_WORD = re.compile(r"[a-z0-9']+")
SMOOTHING = 0.2  # pseudo-count per label, so a word seen once is not taken as decisive


def features(text: str) -> list[str]:
    words = _WORD.findall(text.lower())
    return words + [f"{a}_{b}" for a, b in itertools.pairwise(words)]


class LexicalIndex:
    def __init__(self, texts: Sequence[str], labels: Sequence[int] | np.ndarray, n_labels: int):
        documents = [features(t) for t in texts]
        self.vocabulary: dict[str, int] = {}
        for doc in documents:
            for feature in doc:
                self.vocabulary.setdefault(feature, len(self.vocabulary))
        counts = np.zeros((len(self.vocabulary), n_labels))  # (vocabulary, labels)
        for doc, label in zip(documents, labels, strict=True):
            for feature in set(doc):
                counts[self.vocabulary[feature], label] += 1
        smoothed = counts + SMOOTHING
        share = smoothed / smoothed.sum(axis=1, keepdims=True)
        entropy = -(share * np.log(share)).sum(axis=1)
        self.weights = (1 - entropy / np.log(max(n_labels, 2))).astype(np.float32)
        self.matrix = self.vectors(texts)  # (n_texts, vocabulary)

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.vocabulary)), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature in features(text):
                column = self.vocabulary.get(feature)
                if column is not None:
                    out[row, column] += 1
        out *= self.weights
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)

    def similarities(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), n_indexed) cosine similarities."""
        return self.vectors(texts) @ self.matrix.T

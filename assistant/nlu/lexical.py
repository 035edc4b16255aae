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
    """The indexed texts' weighted, L2-normalised feature vectors, kept sparse: each column
    (feature) holds the rows that have it, so ten thousand examples over a vocabulary of
    twenty thousand features take a few MB instead of a dense 800 MB matrix."""

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
        self.size = len(texts)
        rows, columns, values = [], [], []
        for row, text in enumerate(texts):
            found, weighted = self._vector(text)
            rows += [row] * len(found)
            columns += found
            values += weighted
        order = np.argsort(np.array(columns, dtype=np.int64), kind="stable")
        self._rows = np.array(rows, dtype=np.int64)[order]  # (entries,) by column
        self._values = np.array(values, dtype=np.float32)[order]  # (entries,)
        sorted_columns = np.array(columns, dtype=np.int64)[order]
        # entries of column c are [_starts[c], _starts[c + 1])
        self._starts = np.searchsorted(sorted_columns, np.arange(len(self.vocabulary) + 1))

    def _vector(self, text: str) -> tuple[list[int], list[float]]:
        """The known features of `text` and their weighted, normalised values."""
        tally: dict[int, float] = {}
        for feature in features(text):
            column = self.vocabulary.get(feature)
            if column is not None:
                tally[column] = tally.get(column, 0.0) + 1.0
        found = list(tally)
        weighted = [tally[c] * float(self.weights[c]) for c in found]
        norm = max(sum(v * v for v in weighted) ** 0.5, 1e-12)
        return found, [v / norm for v in weighted]

    def similarities(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), n_indexed) cosine similarities."""
        out = np.zeros((len(texts), self.size), dtype=np.float32)
        for i, text in enumerate(texts):
            for column, value in zip(*self._vector(text), strict=True):
                start, end = self._starts[column], self._starts[column + 1]
                out[i, self._rows[start:end]] += value * self._values[start:end]
        return out

"""TF-IDF cosine over words and word pairs: the exact-wording signal embeddings blur.

MiniLM puts "turn the lamp on" and "turn the lamp off" almost on top of each other;
a word-level score keeps "on" and "off" apart.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

_WORD = re.compile(r"[a-z0-9']+")


def features(text: str) -> list[str]:
    words = _WORD.findall(text.lower())
    return words + [f"{a}_{b}" for a, b in itertools.pairwise(words)]


class LexicalIndex:
    def __init__(self, texts: Sequence[str]):
        documents = [features(t) for t in texts]
        frequency: Counter[str] = Counter()
        for doc in documents:
            frequency.update(set(doc))
        self.vocabulary = {f: i for i, f in enumerate(frequency)}
        n = len(documents)
        self.idf = np.array(
            [math.log((1 + n) / (1 + frequency[f])) + 1 for f in self.vocabulary], dtype=np.float32
        )
        self.matrix = self.vectors(texts)  # (n_texts, vocabulary)

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.vocabulary)), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature in features(text):
                column = self.vocabulary.get(feature)
                if column is not None:
                    out[row, column] += 1
        out *= self.idf
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)

    def similarities(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), n_indexed) cosine similarities."""
        return self.vectors(texts) @ self.matrix.T

"""Find the library snippet a request asks for, with the encoder retrieval uses: each
snippet is indexed by its description and its name's words; below FLOOR nothing fits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from skills.snippet_library import Snippet, load

if TYPE_CHECKING:
    from assistant.nlu.encoder import Encoder

FLOOR = 0.45  # cosine; bench/code_snippets.py measures where it should sit


@dataclass(frozen=True)
class Match:
    snippet: Snippet
    score: float


class SnippetSearch:
    def __init__(self, encoder: Encoder):
        self.encoder = encoder
        self.snippets = load()
        self._vectors = encoder.encode([_indexed(s) for s in self.snippets])

    def ranked(self, request: str, k: int = 3) -> list[Match]:
        scores = self._vectors @ self.encoder.encode([request])[0]
        best = np.argsort(-scores)[:k]
        return [Match(self.snippets[i], float(scores[i])) for i in best]

    def best(self, request: str, floor: float = FLOOR) -> Match | None:
        """The best match, or None when even it scores under `floor`."""
        [top] = self.ranked(request, 1)
        return top if top.score >= floor else None


def _indexed(snippet: Snippet) -> str:
    return f"{snippet.description} ({snippet.name.replace('_', ' ')})"

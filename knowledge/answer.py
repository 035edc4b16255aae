"""Extractive answers: the sentence of the retrieved chunks that best answers a question.

Each sentence of the top chunks is scored by its cosine to the question (embedded with
its heading, so "how long does the banana bread bake" finds the line under "Banana
bread"), the share of the question's content words it holds, and its chunk's retrieval
score. Below a floor the reply is "I don't know" rather than a guess.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from knowledge import lexical
from knowledge.library import Library
from knowledge.retriever import Hit, search

TOP_CHUNKS = 4  # chunks whose sentences compete
WEIGHTS = (0.5, 0.35, 0.15)  # cosine, word overlap, chunk retrieval score
MIN_COSINE = 0.25  # best chunk's cosine below this: nothing here is about the question
COVERAGE_FLOOR = 0.7  # score multiplier when no question word occurs in the retrieved text
MIN_SCORE = 0.40  # best sentence's combined score below this: no sentence answers it

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[A-Z0-9£€$])")


@dataclass(frozen=True)
class Answer:
    sentence: str  # the extracted answer, verbatim from the document
    hit: Hit  # the chunk it came from (document path, chunk id, headings)
    score: float
    alternatives: list[Hit]  # the other chunks considered, best first


def sentences(text: str) -> list[str]:
    """Split lines (list items, table rows, fields) and, within them, sentences."""
    return [
        part.strip()
        for line in text.splitlines()
        for part in _SENTENCE_END.split(line)
        if len(part.strip()) > 2
    ]


def relevant_hits(library: Library, question: str) -> list[Hit]:
    """The top chunks for `question`, or none when even the best is off the subject."""
    hits = search(library, question, k=TOP_CHUNKS)
    best_cosine = max((h.dense for h in hits if h.dense is not None), default=0.0)
    return hits if best_cosine >= MIN_COSINE else []


def answer(library: Library, question: str, hits: list[Hit] | None = None) -> Answer | None:
    """The best answering sentence with its source, or None when nothing relevant is known.

    `hits` are the question's relevant_hits when the caller already has them."""
    hits = relevant_hits(library, question) if hits is None else hits
    if not hits:
        return None
    question_vector = library.encode_query(question)
    candidates = [(hit, sentence) for hit in hits for sentence in sentences(hit.chunk.text)]
    if not candidates:
        return None
    embedded = library.embedder.encode(
        [_with_heading(hit, sentence) for hit, sentence in candidates]
    )
    cosines = embedded @ question_vector
    words = _stems(question)
    sentence_terms = [set(_stems(sentence)) for _, sentence in candidates]
    weight = _rarity(words, sentence_terms)
    top_score = hits[0].score or 1.0
    scored = []
    for (hit, sentence), cosine, found in zip(candidates, cosines, sentence_terms, strict=True):
        overlap = _overlap(weight, found | set(_stems(" ".join(hit.chunk.headings))))
        if not found - set(words):
            overlap = 0.0  # a sentence made only of the question's words cannot answer it
        combined = (
            WEIGHTS[0] * float(cosine) + WEIGHTS[1] * overlap + WEIGHTS[2] * hit.score / top_score
        )
        scored.append((combined, hit, sentence))
    combined, hit, sentence = max(scored, key=lambda item: item[0])
    # A question word found nowhere in the retrieved text ("mother" in "when is my
    # mother's birthday" over a dog's care sheet) means the documents lack its subject.
    seen = set().union(*sentence_terms, *(_stems(" ".join(h.chunk.headings)) for h in hits))
    coverage = sum(1 for w in words if w in seen) / len(words) if words else 1.0
    combined *= COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage
    if combined < MIN_SCORE:
        return None
    return Answer(sentence, hit, combined, [h for h in hits if h is not hit])


def _with_heading(hit: Hit, sentence: str) -> str:
    heading = hit.chunk.headings[-1] if hit.chunk.headings else ""
    return f"{heading}: {sentence}" if heading else sentence


def _stems(text: str) -> list[str]:
    return list(dict.fromkeys(lexical.stem(word) for word in lexical.terms(text)))


def _rarity(words: list[str], sentence_terms: list[set[str]]) -> dict[str, float]:
    """Inverse document frequency of each question word among the candidate sentences:
    a word every candidate shares (the dog's name, the project) tells them apart least."""
    total = len(sentence_terms)
    return {
        w: math.log((total + 1) / (1 + sum(1 for terms in sentence_terms if w in terms))) + 1e-3
        for w in words
    }


def _overlap(weight: dict[str, float], found: set[str]) -> float:
    """Rarity-weighted share of the question's content words present in `found`."""
    total = sum(weight.values())
    return sum(v for w, v in weight.items() if w in found) / total if total else 0.0

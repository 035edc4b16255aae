"""Split "turn off the lights and remind me to lock up at 10" into ordered sub-commands."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.nlu.prediction import OUT_OF_SCOPE, Prediction

_JOINER = re.compile(
    r"\s*(?:,?\s*\band then\b|,?\s*\bthen\b|,?\s*\band also\b|,?\s*\band\b|;|,\s*also\b)\s*",
    re.IGNORECASE,
)


def candidate_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each stretch between joining words."""
    spans, start = [], 0
    for joiner in _JOINER.finditer(text):
        if joiner.start() > start:
            spans.append((start, joiner.start()))
        start = joiner.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def split(
    text: str,
    whole: Prediction,
    predict: Callable[[list[str]], list[Prediction]],
    threshold: float,
) -> list[tuple[str, Prediction]] | None:
    """The ordered parts when every part is a confident command on its own, else None.

    A part that is not confident ("the fan" in "turn on the lamp and the fan") is glued back
    onto the part before it, so lists inside one command stay whole.
    """
    spans = candidate_spans(text)
    if len(spans) < 2:
        return None
    predictions = predict([text[a:b] for a, b in spans])
    merged: list[tuple[int, int]] = []
    for (start, end), prediction in zip(spans, predictions, strict=True):
        if merged and not _confident(prediction, threshold):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    if len(merged) < 2:
        return None
    texts = [text[a:b] for a, b in merged]
    parts = list(zip(texts, predict(texts), strict=True))
    if not all(_confident(p, threshold) for _, p in parts):
        return None
    labels = {p.label for _, p in parts}
    weakest = min(p.confidence for _, p in parts)
    # Same intent everywhere and no gain in confidence: one command about several things.
    if len(labels) == 1 and weakest <= whole.confidence:
        return None
    return parts


def _confident(prediction: Prediction, threshold: float) -> bool:
    return prediction.label != OUT_OF_SCOPE and prediction.confidence >= threshold

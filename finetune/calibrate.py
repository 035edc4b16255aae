"""Calibrate confidences and choose the abstention settings on the tuning set.

Temperature scaling makes softmax confidences honest; then the out-of-scope threshold is
the one that maximises in-scope accuracy while keeping out-of-scope recall at or above the
target, and the "did you mean" margin the one that asks most usefully.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.nlu.prediction import OUT_OF_SCOPE


@dataclass
class Calibration:
    temperature: float  # logits are divided by this before the softmax
    threshold: float  # below this confidence the router declines (out of scope)
    margin: float  # top-two gap under which the router asks "A or B?"
    tuning: dict[str, Any] = field(default_factory=dict)  # what these settings scored there


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    scaled = logits / temperature
    scaled = scaled - scaled.max(axis=1, keepdims=True)
    exp = np.exp(scaled)
    return exp / exp.sum(axis=1, keepdims=True)


def fit_temperature(logits: np.ndarray, gold: np.ndarray) -> float:
    """The temperature with the lowest negative log-likelihood (grid search, robust)."""
    best_t, best_nll = 1.0, float("inf")
    for t in np.geomspace(0.2, 10.0, 80):
        probs = softmax(logits, float(t))
        nll = float(-np.log(probs[np.arange(len(gold)), gold] + 1e-12).mean())
        if nll < best_nll:
            best_t, best_nll = float(t), nll
    return best_t


def decisions(probs: np.ndarray, threshold: float, oos: int) -> np.ndarray:
    top = probs.argmax(axis=1)
    return np.where(probs.max(axis=1) < threshold, oos, top)


def choose_threshold(probs: np.ndarray, gold: np.ndarray, oos: int, min_oos_recall: float) -> float:
    in_scope = gold != oos
    best: tuple[float, float] | None = None  # (in-scope accuracy, -threshold)
    fallback, fallback_recall = 0.0, -1.0
    for t in np.arange(0.0, 1.0, 0.01):
        predicted = decisions(probs, float(t), oos)
        recall = float((predicted[~in_scope] == oos).mean()) if (~in_scope).any() else 1.0
        accuracy = float((predicted[in_scope] == gold[in_scope]).mean()) if in_scope.any() else 0.0
        if recall >= min_oos_recall and (best is None or (accuracy, -t) > best):
            best = (accuracy, -float(t))
        if recall > fallback_recall:
            fallback, fallback_recall = float(t), recall
    return round(-best[1], 2) if best else round(fallback, 2)


def choose_margin(probs: np.ndarray, gold: np.ndarray, threshold: float, oos: int) -> float:
    """Asking helps when the top guess is wrong and the runner-up right; it annoys otherwise."""
    order = np.argsort(-probs, axis=1)
    top, second = order[:, 0], order[:, 1]
    gap = probs[np.arange(len(gold)), top] - probs[np.arange(len(gold)), second]
    acting = (probs.max(axis=1) >= threshold) & (top != oos) & (second != oos) & (gold != oos)
    best_margin, best_value = 0.0, 0.0
    for m in np.arange(0.0, 0.41, 0.02):
        asked = acting & (gap < m)
        value = float((asked & (second == gold)).sum() - (asked & (top == gold)).sum())
        if value > best_value:
            best_margin, best_value = float(m), value
    return round(best_margin, 2)


def calibrate(
    logits: np.ndarray, gold_labels: list[str], label_names: list[str], min_oos_recall: float = 0.9
) -> Calibration:
    index = {name: i for i, name in enumerate(label_names)}
    unknown = sorted({g for g in gold_labels if g not in index})
    if unknown:
        raise ValueError(f"tuning set has labels the model does not know: {unknown}")
    gold = np.array([index[g] for g in gold_labels])
    oos = index[OUT_OF_SCOPE]
    temperature = fit_temperature(logits, gold)
    probs = softmax(logits, temperature)
    threshold = choose_threshold(probs, gold, oos, min_oos_recall)
    margin = choose_margin(probs, gold, threshold, oos)
    predicted = decisions(probs, threshold, oos)
    in_scope = gold != oos
    return Calibration(
        temperature=round(temperature, 4),
        threshold=threshold,
        margin=margin,
        tuning={
            "n": len(gold),
            "in_scope_accuracy": float((predicted[in_scope] == gold[in_scope]).mean()),
            "oos_recall": float((predicted[~in_scope] == oos).mean()),
        },
    )

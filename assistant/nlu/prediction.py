"""What understanding produces, and the protocol every intent model follows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np


@dataclass
class Prediction:
    label: str  # the most likely intent
    confidence: float  # calibrated probability of `label`, 0..1
    alternatives: list[tuple[str, float]] = field(default_factory=list)  # runners-up, best first
    evidence: str = ""  # the closest known example, shown by /why

    @property
    def runner_up(self) -> tuple[str, float] | None:
        return self.alternatives[0] if self.alternatives else None

    def as_dict(self) -> dict[str, object]:
        return {
            "label": self.label,
            "confidence": round(self.confidence, 4),
            "alternatives": [[label, round(p, 4)] for label, p in self.alternatives],
        }


class IntentModel(Protocol):
    labels: list[str]  # every label the model can return

    def predict(self, texts: list[str]) -> list[Prediction]: ...


OUT_OF_SCOPE = "out_of_scope"  # the label of everything no skill serves


def abstains(prediction: Prediction, threshold: float) -> bool:
    """True when the router would decline: out-of-scope, or not confident enough."""
    return prediction.label == OUT_OF_SCOPE or prediction.confidence < threshold


def decided(prediction: Prediction, threshold: float) -> Prediction:
    """The prediction as the router acts on it: low confidence becomes out-of-scope."""
    if not abstains(prediction, threshold) or prediction.label == OUT_OF_SCOPE:
        return prediction
    return Prediction(
        label=OUT_OF_SCOPE,
        confidence=1.0 - prediction.confidence,
        alternatives=[(prediction.label, prediction.confidence), *prediction.alternatives[:-1]],
        evidence=prediction.evidence,
    )


def from_scores(
    scores: np.ndarray,
    labels: Sequence[str],
    temperature: float,
    evidence: Sequence[str],
    alternatives: int = 4,
) -> list[Prediction]:
    """Predictions from (n_texts, n_labels) scores: softmax(scores / temperature), ranked."""
    import numpy as np

    scaled = scores / temperature
    probs = np.exp(scaled - scaled.max(axis=1, keepdims=True))
    probs /= probs.sum(axis=1, keepdims=True)
    predictions = []
    for row, why in zip(probs, evidence, strict=True):
        order = np.argsort(-row)
        predictions.append(
            Prediction(
                label=labels[order[0]],
                confidence=float(row[order[0]]),
                alternatives=[(labels[i], float(row[i])) for i in order[1 : 1 + alternatives]],
                evidence=why,
            )
        )
    return predictions

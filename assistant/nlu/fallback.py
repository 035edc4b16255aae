"""Route intents the trained model has never seen (a skill installed after training) through
the few-shot prototype model until the next `assistant train` folds them in."""

from __future__ import annotations

from assistant.nlu.prediction import IntentModel, Prediction

# The prototype must be at least this sure before it overrides the trained model.
OVERRIDE_CONFIDENCE = 0.5


class FallbackModel:
    def __init__(self, trained: IntentModel, prototype: IntentModel, unseen: set[str]):
        self.trained = trained
        self.prototype = prototype
        self.unseen = unseen
        self.labels = sorted(set(trained.labels) | unseen)

    def predict(self, texts: list[str]) -> list[Prediction]:
        trained = self.trained.predict(texts)
        prototype = self.prototype.predict(texts)
        return [
            p if p.label in self.unseen and p.confidence >= OVERRIDE_CONFIDENCE else t
            for t, p in zip(trained, prototype, strict=True)
        ]

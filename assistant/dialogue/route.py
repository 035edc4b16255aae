"""What the router decided a turn means."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.dialogue.questions import OpenQuestion
from assistant.nlu.prediction import Prediction

RouteKind = Literal["act", "clarify", "out_of_scope", "compound", "dismiss"]


@dataclass
class Route:
    kind: RouteKind
    text: str  # the utterance acted on: for an answer to a question, the one that was asked about
    prediction: Prediction  # the model's reading of `text`
    intent: str | None = None  # the label to act on ("act"), else None
    slots: dict[str, Any] = field(default_factory=dict)
    options: list[str] = field(default_factory=list)  # "clarify": the intents offered
    parts: list[Route] = field(default_factory=list)  # "compound": sub-commands in order
    answers_turn: int | None = None  # an answer to a question: the turn that asked
    # why this route: model, follow-up, clarification, answer, forced, known
    via: str = "model"
    confirmed: bool = False  # "act" after the user said yes to the skill's confirmation
    answer: str | None = None  # "act" after a question: the user's answer, as typed
    declined: str = ""  # "dismiss": what to say to a "no"
    abandoned: OpenQuestion | None = None  # an open question this new command left behind

    @property
    def alternatives(self) -> list[tuple[str, float]]:
        """The model's ranking without the intent acted on (which may not be its top)."""
        p = self.prediction
        ranked = [(p.label, p.confidence), *p.alternatives]
        return [(label, c) for label, c in ranked if label != (self.intent or p.label)]

    @property
    def confidence(self) -> float:
        """The model's probability of the intent acted on; 1.0 when the user chose it."""
        if self.via in {"clarification", "forced"}:
            return 1.0
        p = self.prediction
        ranked = dict([(p.label, p.confidence), *p.alternatives])
        return ranked.get(self.intent or p.label, 0.0)

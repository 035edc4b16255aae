"""One answered utterance, as every front end returns it (`ask --json`, HTTP, MQTT)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.skill import Reply


@dataclass
class Turn:
    id: int  # row id in the turn log
    input: str  # the utterance acted on (cleaned; for an answer to a question, the question's)
    kind: str  # route kind: act, clarify, out_of_scope, compound, dismiss, error
    intent: str | None
    confidence: float | None
    reply: Reply
    latency_ms: float
    alternatives: list[tuple[str, float]] = field(default_factory=list)
    slots: dict[str, Any] = field(default_factory=dict)
    skill: str | None = None
    evidence: str = ""  # nearest known example, for /why
    error: str | None = None
    parts: list[Turn] = field(default_factory=list)  # sub-commands of a compound turn
    abandoned: str | None = None  # the open question this turn left unanswered, if any

    def as_json(self) -> dict[str, Any]:
        question = self.reply.question
        return {
            "turn_id": self.id,
            "input": self.input,
            "kind": self.kind,
            "intent": self.intent,
            "confidence": None if self.confidence is None else round(self.confidence, 4),
            "alternatives": [[label, round(p, 4)] for label, p in self.alternatives],
            "skill": self.skill,
            "slots": self.slots,
            "text": self.reply.text,
            "data": self.reply.data,
            "sources": self.reply.sources,
            "question": question.as_json() if question else None,
            "actions": self.reply.actions,
            "latency_ms": round(self.latency_ms, 2),
            "error": self.error,
            "abandoned": self.abandoned,
            "parts": [part.as_json() for part in self.parts],
        }

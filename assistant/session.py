"""Dialogue state of one conversation: what was last acted on and any open question."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any


@dataclass
class PendingChoice:
    text: str  # the utterance that was ambiguous
    options: list[str]  # the intents offered, in the order shown ("1", "2")
    turn_id: int  # the logged turn that asked


@dataclass
class Session:
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    last_intent: str | None = None  # the most recent intent a skill acted on
    last_slots: dict[str, Any] = field(default_factory=dict)  # its slots, for "turn it off"
    last_turn_id: int | None = None  # the top-level turn /why and /wrong refer to
    pending: PendingChoice | None = None  # an open "Did you mean A or B?"

    def remember(self, intent: str, slots: dict[str, Any]) -> None:
        self.last_intent = intent
        self.last_slots = dict(slots)

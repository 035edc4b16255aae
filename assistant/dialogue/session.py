"""Dialogue state of one conversation: what was last acted on and any open question."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assistant.dialogue.questions import OpenQuestion


@dataclass
class Session:
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    last_intent: str | None = None  # the most recent intent a skill acted on
    last_slots: dict[str, Any] = field(default_factory=dict)  # its slots, for "turn it off"
    last_turn_id: int | None = None  # the top-level turn /why and /wrong refer to
    open_question: OpenQuestion | None = None  # asked by a skill or the router, not yet answered
    persistent: bool = False  # saved to the store after every turn
    # Where generated text streams as it arrives (the REPL prints it); never saved.
    on_text: Callable[[str], None] | None = field(default=None, repr=False, compare=False)

    def as_json(self) -> dict[str, Any]:
        return {
            "last_intent": self.last_intent,
            "last_slots": self.last_slots,
            "last_turn_id": self.last_turn_id,
            "open_question": self.open_question.as_json() if self.open_question else None,
        }

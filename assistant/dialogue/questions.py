"""Questions a skill asks back instead of answering: a missing slot, yes or no, a choice.

A handler returns `Reply(text=..., question=ask("when", "At what time?"))`; the next
utterance in the same session answers it, and the same handler is called again with the
slot filled (or `req.confirmed` set). An unrelated command abandons the question, and a
question left unanswered for `dialogue.question_timeout_s` expires.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

QuestionKind = Literal["slot", "confirm", "choice"]


@dataclass
class Question:
    text: str  # what the user reads or hears: "At what time?"
    kind: QuestionKind
    slot: str | None = None  # slot and choice: the slot the answer fills
    options: list[str] = field(default_factory=list)  # choice: the options, in the order shown
    declined: str = "OK, I won't."  # the reply when the user says no or never mind

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Question:
        return cls(**data)


def ask(slot: str, text: str) -> Question:
    """Ask for a missing slot: the answer is parsed by the slot's declared type."""
    return Question(text=text, kind="slot", slot=slot)


def confirm(text: str, declined: str = "OK, I won't.") -> Question:
    """Ask yes or no before acting: on yes the handler runs again with `req.confirmed`."""
    return Question(text=text, kind="confirm", declined=declined)


def choose(slot: str, text: str, options: list[str]) -> Question:
    """Ask which of `options` (at least two) was meant; the choice fills `slot`."""
    if len(options) < 2:
        raise ValueError("a choice needs at least two options")
    numbered = " ".join(f"{n}) {option}" for n, option in enumerate(options, start=1))
    return Question(text=f"{text} {numbered}", kind="choice", slot=slot, options=list(options))


@dataclass
class OpenQuestion:
    """A question waiting in a session for its answer."""

    question: Question
    text: str  # the utterance the question is about
    intent: str | None  # the intent whose handler asked; None when the router asked which intent
    slots: dict[str, Any]  # the slots filled so far
    turn_id: int  # the logged turn that asked
    asked_at: float  # clock time (unix seconds) it was asked

    def expired(self, now: float, timeout_s: float) -> bool:
        return timeout_s > 0 and now - self.asked_at > timeout_s

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "question": self.question.as_json()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OpenQuestion:
        return cls(**{**data, "question": Question.from_json(data["question"])})

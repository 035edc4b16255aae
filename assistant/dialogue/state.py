"""Apply a finished turn to the session: the one place dialogue state changes."""

from __future__ import annotations

from typing import Any

from assistant.dialogue.questions import OpenQuestion, Question
from assistant.dialogue.route import Route
from assistant.dialogue.session import Session


def advance(
    session: Session,
    route: Route,
    turn_id: int,
    question: Question | None,
    now: float,
    refers_to: int | None = None,
    context: dict[str, Any] | None = None,
) -> None:
    """After `route` ran as turn `turn_id`, asking `question` back (the router's "A or B?"
    or a skill's) or nothing.

    Any open question is closed: this turn answered it, declined it or abandoned it.
    `refers_to` keeps /why and /wrong on an earlier turn (a correction's redo); `context`
    is what the skill resolved that a follow-up may refer to (the reply's `context`).
    """
    session.open_question = None
    if route.kind == "act" and route.intent is not None:
        session.last_intent = route.intent
        session.last_slots = {**route.slots, **(context or {})}
    if question is not None:
        asker = route.intent if route.kind == "act" else None  # None: the router asked
        session.open_question = OpenQuestion(
            question, route.text, asker, dict(route.slots), turn_id, now
        )
    session.last_turn_id = refers_to if refers_to is not None else turn_id


def point_at(session: Session, turn_id: int) -> None:
    """/why and /wrong refer to `turn_id` (a compound command, once its parts have run)."""
    session.last_turn_id = turn_id

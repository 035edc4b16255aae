"""Follow-ups that only make sense after an earlier turn: "turn it off", "and in the kitchen?"."""

from __future__ import annotations

import re
from typing import Any

from assistant.dialogue.session import Session

# "it's dark in here" refers to nothing: a pronoun followed by 's is not a reference.
_PRONOUN = re.compile(r"\b(it|that|them|this|those|these)\b(?!['’]s)", re.IGNORECASE)
_ELLIPSIS = re.compile(
    r"^\s*(and|what about|how about|also|same (?:for|in|with)|now)\b", re.IGNORECASE
)
_MAX_ELLIPSIS_WORDS = 6


def is_elliptical(text: str, session: Session) -> bool:
    """A short "and in the kitchen?"-style turn that reuses the previous intent."""
    return (
        session.last_intent is not None
        and bool(_ELLIPSIS.match(text))
        and len(text.split()) <= _MAX_ELLIPSIS_WORDS
    )


def carry_over(
    text: str, intent: str, slots: dict[str, Any], session: Session, referable: set[str]
) -> dict[str, Any]:
    """Fill slots the text refers back to from the previous turn of the same family
    ("device.on" after "device.off"); `referable` are the slots a pronoun can stand for."""
    if session.last_intent is None:
        return slots
    family = intent.split(".")[0]
    if family != session.last_intent.split(".")[0]:
        return slots
    merged = dict(slots)
    if is_elliptical(text, session):
        # "and in the kitchen?": everything from before, overridden by what was just said.
        return {**session.last_slots, **slots}
    if _PRONOUN.search(text):
        for name in sorted(referable):
            if name not in merged and name in session.last_slots:
                merged[name] = session.last_slots[name]
    return merged

"""Is this utterance the answer to the open question, a "no", or a new command?"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.dialogue import clarify
from assistant.dialogue.questions import OpenQuestion
from assistant.slots import SlotContext, SlotType, Text

_YES = re.compile(
    r"^(yes|yeah|yep|yup|sure|ok|okay|y|do it|go ahead|please do|confirm(ed)?|affirmative|"
    r"correct|absolutely|of course)\b",
    re.IGNORECASE,
)
_NO = re.compile(
    r"^(no|nope|nah|n|don't|do not|cancel|stop|never ?mind|forget it|not now)\b", re.IGNORECASE
)


@dataclass
class Outcome:
    kind: Literal["answer", "declined", "unrelated"]
    slots: dict[str, Any] = field(default_factory=dict)  # answer: slots so far plus the answer
    intent: str | None = None  # answer: the intent to act on (chosen, for the router's question)
    confirmed: bool = False  # answer to a yes/no question: yes


def resolve(
    open_question: OpenQuestion,
    text: str,
    slot_types: Mapping[str, SlotType],
    ctx: SlotContext,
    describe: Callable[[str], str],
    is_other_command: Callable[[], bool],
) -> Outcome:
    """How `text` relates to the open question.

    A typed slot ("At what time?") is answered only by a value of its type; free text is
    answered by anything but a confident command for another intent.
    """
    question, intent = open_question.question, open_question.intent
    answered = open_question.slots
    cleaned = text.strip().rstrip(".!")
    if question.kind == "confirm":
        if _YES.match(cleaned):
            return Outcome("answer", dict(answered), intent, confirmed=True)
        if _NO.match(cleaned):
            return Outcome("declined")
        return Outcome("unrelated")
    if clarify.is_dismissal(cleaned):
        return Outcome("declined")
    if question.kind == "choice":
        # The router's "which intent?" matches an intent's description; a skill's, the option.
        chosen = clarify.resolve(cleaned, question.options, describe if intent is None else str)
        if chosen is None:
            return Outcome("unrelated")
        if intent is None:
            return Outcome("answer", dict(answered), chosen)
        return Outcome("answer", {**answered, str(question.slot): chosen}, intent)
    assert question.slot is not None
    slot_type = slot_types.get(question.slot) or Text()
    if isinstance(slot_type, Text) and is_other_command():
        return Outcome("unrelated")
    filled = slot_type.answer(question.slot, cleaned, ctx)
    if question.slot not in filled:
        return Outcome("unrelated")
    return Outcome("answer", {**answered, **filled}, intent)

"""Natural corrections right after a turn: "no, I meant set a reminder", "that was a device command"."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.nlu.prediction import OUT_OF_SCOPE, Prediction

_CORRECTION = re.compile(
    r"^(?:(?:no|nope|wrong|not that)[,.!]*\s+)?"
    r"(?:i\s+meant|i\s+mean|i\s+wanted(?:\s+you)?(?:\s+to)?|that\s+was(?:\s+meant\s+to\s+be)?|"
    r"that's|it\s+was|it's)\s+(?:to\s+)?(?P<rest>.+?)[.!]*$",
    re.IGNORECASE,
)
_NEEDS_NO = re.compile(
    r"^(?:that's|it's|it\s+was)\b", re.IGNORECASE
)  # "it's dark" is no correction


def correction_target(
    text: str,
    labels: list[str],
    original: str,
    predict: Callable[[list[str]], list[Prediction]],
    named_by: list[tuple[frozenset[str], list[str]]],
) -> str | None:
    """The intent a correction names, or None when `text` is not a correction.

    `named_by` pairs each skill's naming words with its intents (`SkillRegistry.named_by`).
    """
    stripped = text.strip()
    match = _CORRECTION.match(stripped)
    if not match or (
        _NEEDS_NO.match(stripped) and not re.match(r"^(?:no|nope|wrong)\b", stripped, re.I)
    ):
        return None
    rest = match.group("rest").lower()
    if rest in labels:
        return rest
    if re.search(r"\b(?:nothing|not (?:a )?command|out of scope|something you can't do)\b", rest):
        return OUT_OF_SCOPE
    words = re.findall(r"[a-z]+", rest)
    named = [
        (min(words.index(w) for w in set(words) & vocabulary), intents)
        for vocabulary, intents in named_by
        if set(words) & vocabulary
    ]
    # "a coding question": the first skill named is what the question was about.
    members = [label for label in min(named)[1] if label in labels] if named else []
    if members:
        if len(members) == 1:
            return members[0]
        # Which of the skill's intents: the one the model ranks highest for what was said then.
        guess = predict([rest])[0]
        if guess.label in members and guess.confidence >= 0.5:
            return guess.label
        ranked = predict([original])[0]
        for label, _ in [(ranked.label, ranked.confidence), *ranked.alternatives]:
            if label in members:
                return label
        return members[0]
    guess = predict([rest])[0]
    if guess.label != OUT_OF_SCOPE and guess.confidence >= 0.5:
        return guess.label
    return None

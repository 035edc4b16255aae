"""Resolve the answer to "Did you mean A or B?": a number, an ordinal or the intent's words."""

from __future__ import annotations

import re
from collections.abc import Callable

_ORDINALS = {
    1: r"1|one|first|the first( one)?|1st|a|the former|former|top",
    2: r"2|two|second|the second( one)?|2nd|b|the latter|latter|the other( one)?|other",
}
_DISMISS = re.compile(r"^(neither|none|no|nope|cancel|never ?mind|forget it)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+")
_STOP = {"a", "an", "the", "i", "my", "me", "to", "it", "one", "meant", "mean", "please", "yes"}


def is_dismissal(answer: str) -> bool:
    return bool(_DISMISS.match(answer.strip()))


def resolve(answer: str, options: list[str], describe: Callable[[str], str]) -> str | None:
    """The chosen option, or None when the answer picks none of them."""
    cleaned = answer.strip().lower().rstrip(".!?")
    cleaned = re.sub(r"^(i meant|i mean|the|yes,?)\s+", "", cleaned) or cleaned
    for position, pattern in _ORDINALS.items():
        if position <= len(options) and re.fullmatch(rf"(?:{pattern})(?: one)?", cleaned):
            return options[position - 1]
    words = set(_WORD.findall(cleaned)) - _STOP
    if not words:
        return None
    best, best_overlap = None, 0
    for option in options:
        vocabulary = set(_WORD.findall(f"{option} {describe(option)}".lower())) - _STOP
        overlap = len(words & vocabulary)
        if overlap > best_overlap:
            best, best_overlap = option, overlap
        elif overlap == best_overlap and overlap:
            best = None  # the words fit both options equally: not an answer
    return best

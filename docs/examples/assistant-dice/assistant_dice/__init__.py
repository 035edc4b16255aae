"""Roll dice and flip coins: a complete third-party skill in one file."""

from __future__ import annotations

import random
import re

from assistant import Reply, Request, Skill, intent

_DICE = re.compile(
    r"\b(\d+|a|an|one|two|three|four|five|six)?\s*d(\d+)\b|\b(\d+|two|three|four|five|six)\s+dice\b"
)
_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


class Dice(Skill):
    """Roll dice and flip coins."""

    # Values for the {sides} slot used in the templates below.
    slot_values = {"sides": ["d4", "d6", "d8", "d10", "d12", "d20", "d100"]}

    def __init__(self, context, rng: random.Random | None = None):
        super().__init__(context)
        self.rng = rng or random.Random()

    @intent(
        "dice.roll",
        description="roll dice",
        examples=[
            "roll a {sides}",
            "roll (two|three|four) {sides}",
            "roll [the] dice",
            "throw a die",
            "give me a random number with a {sides}",
            "(can you|please) roll [me] a {sides} [for me]",
            "roll 2 dice",
            "i need a dice roll",
            "d20 roll please",
            "roll for initiative",
        ],
    )
    def roll(self, req: Request) -> Reply:
        """Roll dice."""
        count, sides = _parse(req.text.lower())
        rolls = [self.rng.randint(1, sides) for _ in range(count)]
        shown = " + ".join(map(str, rolls)) + (f" = {sum(rolls)}" if count > 1 else "")
        return Reply(
            text=f"🎲 {count}d{sides}: {shown}",
            data={"count": count, "sides": sides, "rolls": rolls, "total": sum(rolls)},
        )

    @intent(
        "dice.flip",
        description="flip a coin",
        examples=[
            "flip a coin",
            "toss a coin",
            "heads or tails",
            "coin flip please",
            "can you flip a coin for me",
            "toss a coin to decide",
        ],
    )
    def flip(self, req: Request) -> Reply:
        """Flip a coin."""
        side = self.rng.choice(["heads", "tails"])
        return Reply(text=f"🪙 {side.capitalize()}!", data={"side": side})


def _parse(text: str) -> tuple[int, int]:
    """(count, sides) from "roll 3d6", "roll two dice", "roll a d20"; one six-sided die by default."""
    match = _DICE.search(text)
    if not match:
        return 1, 6
    if match.group(2):
        raw = match.group(1) or "1"
        count = int(raw) if raw.isdigit() else _WORDS[raw]
        return max(1, min(count, 100)), max(2, int(match.group(2)))
    raw = match.group(3)
    return (int(raw) if raw.isdigit() else _WORDS[raw]), 6

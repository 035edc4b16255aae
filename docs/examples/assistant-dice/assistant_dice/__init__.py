"""Roll dice and flip coins: a complete third-party skill in one file.

It shows the three things a skill author needs: intents with example sentences, slots the
assistant fills from what was said (`Number`, and a slot type of our own), and a question
asked back when a slot is missing.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from assistant import Reply, Request, Skill, ask, intent
from assistant.slots import Number, SlotContext, SlotType
from assistant.slots.types import number_value

_NOTATION = re.compile(r"\b(\d+|a|an|one|two|three|four|five|six)?\s*d(\d+)\b", re.IGNORECASE)
_COUNTED = re.compile(r"\b(\d+|two|three|four|five|six)\s+dice\b", re.IGNORECASE)


@dataclass(frozen=True, kw_only=True)
class DiceCount(SlotType):
    """How many dice: "3d6" → 3, "a d20" → 1, "two dice" → 2."""

    def parse(self, text: str, ctx: SlotContext) -> int | None:
        match = _NOTATION.search(text) or _COUNTED.search(text)
        if not match:
            return None
        said = (match.group(1) or "1").lower()
        count = 1 if said in {"a", "an"} else number_value(said)
        return max(1, min(int(count or 1), 100))


@dataclass(frozen=True, kw_only=True)
class Sides(SlotType):
    """How many sides: "d20" → 20, "a 12 sided die" → 12, and a bare "twenty" when it
    answers "How many sides?"."""

    def parse(self, text: str, ctx: SlotContext) -> int | float | None:
        match = _NOTATION.search(text)
        if match:
            return max(2, int(match.group(2)))
        return Number(unit=r"-?sided|sides?", minimum=2, maximum=1000).parse(text, ctx)

    def answer(self, name: str, text: str, ctx: SlotContext) -> dict[str, object]:
        sides = self.parse(text, ctx) or Number(minimum=2, maximum=1000).parse(text, ctx)
        return {name: sides} if sides else {}


class Dice(Skill):
    """Roll dice and flip coins."""

    # Values for the {sides} template slot below.
    slot_values = {"sides": ["d4", "d6", "d8", "d10", "d12", "d20", "d100"]}
    # Words that name this skill in a correction: "no, I meant a dice roll".
    keywords = ("dice", "die", "coin")

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
        slots={"count": DiceCount(), "sides": Sides()},
    )
    def roll(self, req: Request) -> Reply:
        """Roll dice."""
        sides = req.slots.get("sides")
        if sides is None:
            return Reply.asking(ask("sides", "How many sides should the dice have?"))
        count = req.slots.get("count", 1)
        rolls = [self.rng.randint(1, int(sides)) for _ in range(count)]
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

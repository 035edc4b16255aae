"""Slot types: values a skill declares next to its intents, each parsed out of an utterance.

A skill writes `@intent("dice.roll", examples=[...], slots={"sides": Number()})`; the core
fills `req.slots` by calling each declared type's `fill` on the text. The parsers are pure
functions of the text and a `SlotContext` (the clock's time), so tests call them directly.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a hundred": 100, "one hundred": 100,
}  # fmt: skip
_NUMBER_WORD = "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True))
_NUMBER = (
    rf"(\d+(?:\.\d+)?|(?:{_NUMBER_WORD})(?:[ -](?:one|two|three|four|five|six|seven|eight|nine))?)"
)


@dataclass(frozen=True)
class SlotContext:
    now: datetime  # wall-clock time in the user's zone, from the assistant's clock

    @classmethod
    def at(cls, now: datetime) -> SlotContext:
        """The context for the clock's `now`: parsers work in wall-clock time, so "at 5"
        means 5 o'clock where the user is."""
        return cls(now=now.replace(tzinfo=None))


@dataclass(frozen=True, kw_only=True)
class SlotType:
    """A kind of value. Subclasses implement `parse`; some add companion values in `fill`."""

    # A pronoun in the next turn ("turn it off", "move that to 6") stands for this slot.
    referable: bool = False

    def parse(self, text: str, ctx: SlotContext) -> Any:
        """The value said in `text`, or None."""
        raise NotImplementedError

    def fill(self, name: str, text: str, ctx: SlotContext) -> dict[str, Any]:
        """{name: value} when `text` holds a value, else {}."""
        value = self.parse(text, ctx)
        return {} if value is None else {name: value}

    def answer(self, name: str, text: str, ctx: SlotContext) -> dict[str, Any]:
        """The slot as filled by `text` given as the answer to a question about it."""
        return self.fill(name, text, ctx)

    def json_schema(self) -> dict[str, Any]:
        """The slot as a JSON-schema property, for the agent's tool definitions."""
        return {"type": "string"}


@dataclass(frozen=True, kw_only=True)
class Text(SlotType):
    """Free text; with `pattern`, the first group of its match ("remind me to (.+)")."""

    pattern: str | None = None
    # Remove a time phrase from the value: "call mom at 5pm" → "call mom".
    strip_time: bool = False

    def parse(self, text: str, ctx: SlotContext) -> str | None:
        if self.pattern is None:
            return None
        match = re.search(self.pattern, text, re.IGNORECASE)
        return self._tidy(match.group(1), ctx) if match else None

    def answer(self, name: str, text: str, ctx: SlotContext) -> dict[str, Any]:
        """A question about free text is answered by the whole reply."""
        value = self.parse(text, ctx) or self._tidy(text, ctx)
        return {name: value} if value else {}

    def _tidy(self, value: str, ctx: SlotContext) -> str:
        if self.strip_time:
            from assistant.timeparse import parse as parse_time

            spec = parse_time(value, ctx.now)
            if spec is not None:
                value = without_spans(value, spec.spans)
        return " ".join(value.split()).strip(" .!?,:;")


_LEAD_IN = re.compile(r"\b(?:at|on|in|by|for|from|around|about|@|this|next)\s*$", re.IGNORECASE)


def without_spans(body: str, spans: list[tuple[int, int]]) -> str:
    """`body` less the time phrases at `spans` and the word that led into each:
    "call mom at 5pm" → "call mom"."""
    for start, end in sorted(spans, reverse=True):
        lead = _LEAD_IN.search(body, 0, start)
        if lead and not body[lead.end() : start].strip():
            start = lead.start()
        body = body[:start] + " " + body[end:]
    return body


@dataclass(frozen=True, kw_only=True)
class Number(SlotType):
    """A number in digits or words ("3", "twenty two", "2.5"), optionally with a unit after it."""

    # A regex of the unit words that must follow ("%|percent", "sides?"); None: any number.
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None

    def json_schema(self) -> dict[str, Any]:
        return {"type": "number"}

    def parse(self, text: str, ctx: SlotContext) -> int | float | None:
        unit = rf"\s*(?:{self.unit})(?!\w)" if self.unit else r"(?![\w.])"
        for match in re.finditer(rf"(?<![\w.]){_NUMBER}{unit}", text, re.IGNORECASE):
            value = number_value(match.group(1))
            if value is None:
                continue
            if self.minimum is not None and value < self.minimum:
                continue
            if self.maximum is not None and value > self.maximum:
                continue
            return value
        return None


def number_value(said: str) -> int | float | None:
    """3, 2.5 or "twenty two" as a number; None for what is not one."""
    said = said.lower().strip()
    try:
        value = float(said)
    except ValueError:
        parts = re.split(r"[ -]", said)
        if said in NUMBER_WORDS:
            value = float(NUMBER_WORDS[said])
        elif len(parts) == 2 and all(p in NUMBER_WORDS for p in parts):
            value = float(NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]])
        else:
            return None
    return int(value) if value.is_integer() else value


@dataclass(frozen=True, kw_only=True)
class Choice(SlotType):
    """One of a fixed set of words ("python", "rust"); `aliases` map other names to them."""

    values: tuple[str, ...] = ()
    aliases: Mapping[str, str] = field(default_factory=dict)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.values)} if self.values else {"type": "string"}

    def parse(self, text: str, ctx: SlotContext) -> str | None:
        names = sorted({*self.values, *self.aliases}, key=len, reverse=True)
        if not names:
            return None
        words = "|".join(re.escape(n) for n in names)
        match = re.search(rf"(?<!\w)({words})(?!\w)", text, re.IGNORECASE)
        if not match:
            return None
        said = match.group(1).lower()
        return self.aliases.get(said, said)


def fill(text: str, declared: Mapping[str, SlotType], ctx: SlotContext) -> dict[str, Any]:
    """Every declared slot found in `text`, in declaration order; missing ones are absent."""
    found: dict[str, Any] = {}
    for name, slot_type in declared.items():
        for key, value in slot_type.fill(name, text, ctx).items():
            found.setdefault(key, value)
    return found

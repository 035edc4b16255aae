"""Which skills' example sentences the intent model mixes up: run at `assistant train` and
by `assistant skills --check`, so a newly installed skill whose examples overlap another's
is reported instead of silently stealing its requests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.nlu.prediction import OUT_OF_SCOPE, Prediction, decided
from assistant.registry import SkillRegistry

MIN_SHARE = 0.05  # of an intent's examples: below this, a few slips are noise
MIN_COUNT = 2


@dataclass
class Confusion:
    intent: str  # whose examples
    taken_by: str  # the intent (of another skill, or out_of_scope) the model gave them
    count: int
    of: int  # examples of `intent` checked
    examples: list[str] = field(default_factory=list)  # a few of them

    @property
    def share(self) -> float:
        return self.count / self.of

    def as_json(self) -> dict[str, object]:
        return {**self.__dict__, "share": round(self.share, 3)}


def confusions(
    registry: SkillRegistry,
    predict: Callable[[list[str]], list[Prediction]],
    threshold: float,
    per_template: int = 2,
) -> list[Confusion]:
    """Pairs of intents of different skills whose examples the model confuses, worst first."""
    examples = [e for e in registry.examples(per_template) if e.intent != OUT_OF_SCOPE]
    predicted = predict([e.text for e in examples])
    owner = {label: served.skill.name for label, served in registry.intents.items()}
    totals: dict[str, int] = {}
    found: dict[tuple[str, str], Confusion] = {}
    for example, prediction in zip(examples, predicted, strict=True):
        totals[example.intent] = totals.get(example.intent, 0) + 1
        label = decided(prediction, threshold).label
        if label == example.intent or owner.get(label) == owner[example.intent]:
            continue  # right, or a sibling intent of the same skill: the skill sorts it out
        pair = (example.intent, label)
        confusion = found.setdefault(pair, Confusion(example.intent, label, 0, 0))
        confusion.count += 1
        if len(confusion.examples) < 3:
            confusion.examples.append(example.text)
    for confusion in found.values():
        confusion.of = totals[confusion.intent]
    kept = [c for c in found.values() if c.count >= MIN_COUNT and c.share >= MIN_SHARE]
    return sorted(kept, key=lambda c: -c.share)


def describe(found: list[Confusion]) -> str:
    if not found:
        return "No two skills' examples are confused by the model."
    lines = ["The model confuses these skills' examples (fix the examples or the skill):"]
    for c in found:
        lines.append(f"  {c.intent} → {c.taken_by}: {c.count} of {c.of} ({c.share:.0%}),"
                     f" e.g. “{c.examples[0]}”")  # fmt: skip
    return "\n".join(lines)

"""The set of loaded skills and the intents they serve."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.errors import DuplicateIntentError, PluginError
from assistant.nlu.prediction import OUT_OF_SCOPE
from assistant.skill import IntentSpec, Skill
from assistant.slots.values import SLOT_VALUES
from assistant.templates import Example, TemplateError, check, expand

if TYPE_CHECKING:
    from assistant.slots import SlotType


@dataclass
class LoadFailure:
    source: str  # entry point or class that failed
    error: str  # one line saying why


@dataclass(frozen=True)
class Served:
    skill: Skill
    spec: IntentSpec


class SkillRegistry:
    """Skills by name and intents by label; refuses a second skill claiming an intent."""

    def __init__(self) -> None:
        self.skills: dict[str, Skill] = {}
        self.intents: dict[str, Served] = {}
        self.failures: list[LoadFailure] = []
        self.out_of_scope_examples: list[str] = []

    def add(self, skill: Skill) -> None:
        if skill.name in self.skills:
            raise PluginError(f"a skill named {skill.name!r} is already loaded")
        specs = skill.intent_specs()
        if not specs:
            raise PluginError(f"skill {skill.name!r} declares no @intent handlers")
        for spec in specs:
            if spec.name == OUT_OF_SCOPE:
                raise PluginError(
                    f"skill {skill.name!r} may not claim the reserved intent {OUT_OF_SCOPE!r}"
                )
            if spec.name in self.intents:
                owner = self.intents[spec.name].skill.name
                raise DuplicateIntentError(
                    f"skill {skill.name!r} declares intent {spec.name!r}, already served by {owner!r}"
                )
            if not spec.examples:
                raise PluginError(f"intent {spec.name!r} of skill {skill.name!r} has no examples")
        values = {**SLOT_VALUES, **type(skill).slot_values}
        for spec in specs:
            for template in spec.examples:
                try:
                    check(template, values)
                except TemplateError as exc:
                    raise PluginError(f"skill {skill.name!r}: {exc}") from None
        self.skills[skill.name] = skill
        for spec in specs:
            self.intents[spec.name] = Served(skill, spec)

    def slot_types(self, label: str) -> Mapping[str, SlotType]:
        """The slots intent `label` declares (none for out-of-scope or an unknown label)."""
        served = self.intents.get(label)
        return served.spec.slots if served else {}

    def named_by(self) -> list[tuple[frozenset[str], list[str]]]:
        """Each skill's naming words ("reminder", "timer") with the intents it serves."""
        return [
            (frozenset(type(skill).keywords), [spec.name for spec in skill.intent_specs()])
            for skill in self.skills.values()
            if type(skill).keywords
        ]

    def labels(self) -> list[str]:
        return [*self.intents, OUT_OF_SCOPE]

    def action_labels(self) -> frozenset[str]:
        """Intents that change something (not declared read_only): devices, reminders, facts."""
        return frozenset(label for label, s in self.intents.items() if not s.spec.read_only)

    def describe(self, label: str) -> str:
        if label == OUT_OF_SCOPE:
            return "something I can't do yet"
        return self.intents[label].spec.description

    def examples(self, per_template: int = 4) -> list[Example]:
        """Every intent's expanded examples plus out-of-scope ones, minus sentences two intents share."""
        found = self._expanded(per_template)
        owners = _owners(found)
        return [e for e in found if len(owners[e.text.lower()]) == 1]

    def collisions(self, per_template: int = 4) -> dict[str, list[str]]:
        """Sentences that more than one intent's templates produce (a declaration bug)."""
        owners = _owners(self._expanded(per_template))
        return {text: sorted(labels) for text, labels in owners.items() if len(labels) > 1}

    def _expanded(self, per_template: int) -> list[Example]:
        found: list[Example] = []
        for label, served in self.intents.items():
            values = {**SLOT_VALUES, **type(served.skill).slot_values}
            for template in served.spec.examples:
                found.extend(expand(template, label, values, per_template))
        for template in self.out_of_scope_examples:
            found.extend(expand(template, OUT_OF_SCOPE, SLOT_VALUES, per_template))
        return found


def _owners(examples: list[Example]) -> dict[str, set[str]]:
    owners: dict[str, set[str]] = {}
    for example in examples:
        owners.setdefault(example.text.lower(), set()).add(example.intent)
    return owners

"""Each intent as a tool the agent can call: its schema comes from the intent's description
and its declared slots, so a plugin's intents become tools with no extra work."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.registry import SkillRegistry

# The agent answers small talk itself; a tool for it would only loop back.
NOT_TOOLS = frozenset({"chat"})
_NAME_CHARACTERS = re.compile(r"[^a-zA-Z0-9_-]")  # what OpenAI-style function names allow


@dataclass(frozen=True)
class Tool:
    name: str  # the function name the model sees: "reminder_create"
    intent: str  # the label it runs: "reminder.create"
    description: str
    action: str  # the intent's own words: "turn a device on"
    parameters: dict[str, Any]  # JSON schema of the arguments
    read_only: bool  # only reads: allowed after the agent has read documents

    def as_openai(self) -> dict[str, Any]:
        return {
            "type": "function",
            "function": {
                "name": self.name,
                "description": self.description,
                "parameters": self.parameters,
            },
        }


def tools_for(registry: SkillRegistry) -> list[Tool]:
    """One tool per installed intent, in registry order."""
    tools: list[Tool] = []
    taken: set[str] = set()
    for label, served in registry.intents.items():
        if label in NOT_TOOLS:
            continue
        name = _NAME_CHARACTERS.sub("_", label.replace(".", "_"))[:60]
        while name in taken:  # "a.b" and "a_b" would otherwise share a name
            name += "_"
        taken.add(name)
        spec = served.spec
        properties: dict[str, Any] = {
            "request": {
                "type": "string",
                "description": "this step in the user's own words, e.g. "
                f"{_first_example(registry, label)!r}",
            }
        }
        for slot, slot_type in spec.slots.items():
            properties[slot] = {"description": f"the {slot.replace('_', ' ')}",
                                **slot_type.json_schema()}  # fmt: skip
        description = f"{spec.description} ({served.skill.description().rstrip('.')})"
        tools.append(
            Tool(
                name=name,
                intent=label,
                description=description,
                action=spec.description,
                parameters={"type": "object", "properties": properties, "required": ["request"]},
                read_only=spec.read_only,
            )
        )
    return tools


def _first_example(registry: SkillRegistry, label: str) -> str:
    """A plain sentence for the intent: its first template with the choices taken first."""
    template = registry.intents[label].spec.examples[0]
    text = re.sub(r"\[[^\]]*\]", "", template)  # optional parts left out
    text = re.sub(r"\(([^|)]*)[^)]*\)", r"\1", text)  # (a|b) -> a
    text = re.sub(r"\{(\w+)\}", lambda m: m.group(1).replace("_", " "), text)
    return " ".join(text.split())

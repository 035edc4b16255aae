"""Which examples a model was trained on: a hash that changes with any skill's examples,
the out-of-scope set or the settings that shape the data. Serving compares it with the
installed skills to say "retrain"; training writes it into the model's meta.json."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.registry import SkillRegistry

# The settings that change the training sentences; meta.json keeps them as "data_shaping".
SHAPING_KEYS = ("per_template", "augment_copies", "seed")


def examples_hash(registry: SkillRegistry, shaping: dict[str, Any]) -> str:
    digest = hashlib.sha256()
    for example in registry.examples(per_template=int(shaping["per_template"])):
        digest.update(f"{example.intent}\t{example.text}\n".encode())
    picked = {key: shaping[key] for key in SHAPING_KEYS}
    digest.update(json.dumps(picked, sort_keys=True).encode())
    return digest.hexdigest()[:16]


def trained_on_current_examples(registry: SkillRegistry, meta: dict[str, Any]) -> bool:
    """A version (its meta.json) was trained on the examples the installed skills declare
    now; expands every template, so it is asked only when the answer is needed."""
    return meta.get("data_hash") == examples_hash(registry, shaping_of(meta))


def shaping_of(meta: dict[str, Any]) -> dict[str, Any]:
    """A version's data-shaping settings; models saved before "data_shaping" kept them in config."""
    return dict(meta.get("data_shaping") or {k: meta["config"][k] for k in SHAPING_KEYS})

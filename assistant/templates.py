"""Expand example templates: `(a|b)` alternatives, `[optional]` words and `{slot}` values."""

from __future__ import annotations

import itertools
import random
import re
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

_TOKEN = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_SLOT = re.compile(r"\{([a-z_]+)\}")


class TemplateError(ValueError):
    """A template is malformed or names a slot without values."""


@dataclass(frozen=True)
class Example:
    text: str  # a concrete sentence
    intent: str  # its label
    template: str  # the template it came from (or the text itself)
    slots: dict[str, str] = field(default_factory=dict, compare=False)  # slot → filled value


def variants(template: str) -> list[str]:
    """All literal forms of a template's alternatives and optional parts, slots kept as {x}."""
    pieces: list[list[str]] = []
    last = 0
    for match in _TOKEN.finditer(template):
        pieces.append([template[last : match.start()]])
        if match.group(1) is not None:
            pieces.append(match.group(1).split("|"))
        else:
            pieces.append([match.group(2), ""])
        last = match.end()
    pieces.append([template[last:]])
    rest = _TOKEN.sub("", template)
    if any(ch in rest for ch in "()[]"):
        raise TemplateError(f"unbalanced brackets in template {template!r}")
    out = []
    for combo in itertools.product(*pieces):
        text = " ".join("".join(combo).split())
        if text and text not in out:
            out.append(text)
    return out


def check(template: str, values: Mapping[str, Sequence[str]]) -> None:
    """A TemplateError when `template` is malformed or names a slot without values; what
    `expand` would refuse, found without expanding (every skill's templates, every start)."""
    missing = slot_names(template) - set(values)
    if missing:
        raise TemplateError(f"template {template!r} uses slot(s) without values: {sorted(missing)}")
    if any(ch in _TOKEN.sub("", template) for ch in "()[]"):
        raise TemplateError(f"unbalanced brackets in template {template!r}")


def slot_names(template: str) -> set[str]:
    return set(_SLOT.findall(template))


def expand(
    template: str,
    intent: str,
    values: Mapping[str, Sequence[str]],
    per_template: int = 4,
) -> list[Example]:
    """Up to `per_template` distinct sentences from one template, the same ones every run."""
    check(template, values)
    rng = random.Random(zlib.crc32(f"{intent}\x00{template}".encode()))
    forms = variants(template)
    rng.shuffle(forms)
    examples: dict[str, Example] = {}
    attempts = 0
    while len(examples) < per_template and attempts < per_template * 4:
        form = forms[attempts % len(forms)]
        attempts += 1
        filled: dict[str, str] = {}

        def fill(match: re.Match[str], filled: dict[str, str] = filled) -> str:
            name = match.group(1)
            filled.setdefault(name, rng.choice(list(values[name])))
            return filled[name]

        text = " ".join(_SLOT.sub(fill, form).split())
        examples.setdefault(text, Example(text, intent, template, dict(filled)))
        if not slot_names(form) and len(examples) == len(forms):
            break  # a slot-free template has no more distinct sentences to give
    return list(examples.values())

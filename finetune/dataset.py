"""Assemble the training set: every skill's expanded templates, out-of-scope sentences and
noisy copies in the styles people actually type and speak."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from typing import Any

from assistant.nlu.fingerprint import SHAPING_KEYS, examples_hash
from assistant.registry import SkillRegistry
from finetune.config import TrainConfig

_KEYBOARD_NEIGHBOURS = {
    "a": "qsz",
    "e": "wrd",
    "i": "uok",
    "o": "ipl",
    "u": "yij",
    "n": "bm",
    "t": "ry",
    "s": "adw",
    "r": "et",
    "l": "kp",
    "h": "gj",
    "m": "n",
    "c": "xv",
    "d": "sf",
}


@dataclass(frozen=True)
class TrainingSet:
    texts: list[str]
    labels: list[int]  # index into `label_names`
    label_names: list[str]
    data_hash: str  # identifies the examples and the data-shaping settings


def build(registry: SkillRegistry, config: TrainConfig) -> TrainingSet:
    examples = registry.examples(per_template=config.per_template)
    label_names = sorted({e.intent for e in examples})
    index = {name: i for i, name in enumerate(label_names)}
    rng = random.Random(config.seed)
    pairs: dict[str, int] = {}
    for example in examples:
        pairs.setdefault(example.text, index[example.intent])
        for _ in range(config.augment_copies):
            pairs.setdefault(noisy(example.text, rng), index[example.intent])
    texts = list(pairs)
    labels = [pairs[t] for t in texts]
    return TrainingSet(texts, labels, label_names, data_hash(registry, config))


def data_shaping(config: TrainConfig) -> dict[str, Any]:
    """The settings that change the training sentences, saved in meta.json for serving."""
    return {key: getattr(config, key) for key in SHAPING_KEYS}


def data_hash(registry: SkillRegistry, config: TrainConfig) -> str:
    """Changes when any skill's examples, the out-of-scope set or the data settings change."""
    return examples_hash(registry, data_shaping(config))


def noisy(text: str, rng: random.Random) -> str:
    """One of: voice-transcript style, a typo, or a dropped word — never the same text."""
    style = rng.choice(("voice", "typo", "typo", "drop"))
    out = text
    if style == "voice":
        out = text.lower().translate(str.maketrans("", "", string.punctuation.replace("'", "")))
    elif style == "typo":
        out = _typo(text, rng)
    else:
        words = text.split()
        fillers = [
            i for i, w in enumerate(words) if w.lower() in {"the", "a", "please", "my", "to"}
        ]
        if fillers and len(words) > 3:
            del words[rng.choice(fillers)]
            out = " ".join(words)
    out = " ".join(out.split())
    return out if out and out != text else _typo(text, rng)


def _typo(text: str, rng: random.Random) -> str:
    positions = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(positions) < 4:
        return text.lower()
    i = rng.choice(positions[1:-1])
    ch = text[i].lower()
    kind = rng.choice(("swap", "drop", "neighbour"))
    if kind == "swap" and i + 1 < len(text) and text[i + 1].isalpha():
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if kind == "neighbour" and ch in _KEYBOARD_NEIGHBOURS:
        return text[:i] + rng.choice(_KEYBOARD_NEIGHBOURS[ch]) + text[i + 1 :]
    return text[:i] + text[i + 1 :]

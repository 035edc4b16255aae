"""No sentence from the sets we measure on (../shared/data, written by others) enters our
training data, word for word or as a near copy: we measure on them, and a copied sentence
would make the measurement meaningless.

Training data here is everything the intent model learns from: every skill's examples as
training expands them, the out-of-scope lines, and the tuning set. A near copy is the same
words after lower-casing and dropping punctuation, or, for sentences of seven words or
more, one word added, dropped or changed (shorter commands one word apart, "turn on the
porch light" and "turn off the porch light", are how the task is said, not copies).
The real registry and files; skipped with the reason when ../shared/data is not there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.core import Assistant
from finetune.config import TrainConfig

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
TUNING = Path(__file__).resolve().parent.parent / "finetune" / "data" / "intents_tuning.jsonl"
NEAR_MIN_WORDS = 7  # below that, one word apart is how the task is said, not a copy


def words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9']+", text.lower().replace("’", "'")))


def one_word_edits(tokens: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """The sentence with each word in turn left out: two sentences one edit apart share one."""
    for i in range(len(tokens)):
        yield tokens[:i] + tokens[i + 1 :]


def measured_sentences() -> list[str]:
    texts = []
    for path in sorted(SHARED.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


@pytest.fixture(scope="module")
def training_sentences(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    assistant = Assistant.open(home=tmp_path_factory.mktemp("hygiene"), notify=lambda _: None)
    examples = assistant.registry.examples(per_template=TrainConfig().per_template)
    assistant.close()
    tuning = [json.loads(line)["text"] for line in TUNING.read_text().splitlines() if line]
    return [e.text for e in examples] + tuning


@pytest.mark.skipif(not SHARED.is_dir(), reason=f"{SHARED} is not here to check against")
def test_no_measured_sentence_or_near_copy_is_in_the_training_data(training_sentences):
    exact: dict[tuple[str, ...], str] = {}
    near: dict[tuple[str, ...], str] = {}
    for text in measured_sentences():
        tokens = words(text)
        exact[tokens] = text
        if len(tokens) >= NEAR_MIN_WORDS:
            near[tokens] = text
            for shorter in one_word_edits(tokens):
                near.setdefault(shorter, text)
    found = []
    for text in training_sentences:
        tokens = words(text)
        if tokens in exact:
            found.append((text, exact[tokens]))
        elif len(tokens) >= NEAR_MIN_WORDS - 1:
            keys = [tokens, *one_word_edits(tokens)]
            hit = next((near[key] for key in keys if key in near), None)
            if hit is not None:
                found.append((text, hit))
    shown = "\n".join(f"  ours {ours!r} ~ theirs {theirs!r}" for ours, theirs in found[:20])
    assert not found, f"{len(found)} training sentences copy measured ones:\n{shown}"


def test_the_check_catches_a_copy_and_a_one_word_edit():
    measured = ("do i have anything planned for the weekend",)  # 8 words
    tokens = words(measured[0])
    near = {tokens, *one_word_edits(tokens)}
    copy, edited = (
        words("Do I have anything planned for the weekend?"),
        words("do i have anything planned for this weekend"),
    )
    assert copy == tokens
    assert any(key in near for key in [edited, *one_word_edits(edited)])
    other = words("is my calendar clear on saturday")
    assert not any(key in near for key in [other, *one_word_edits(other)])

"""The real prototype model (MiniLM via ONNX Runtime) on the declared examples and a hand-written set."""

import json
from collections import Counter
from pathlib import Path

import pytest

from assistant.nlu.metrics import evaluate
from assistant.nlu.prediction import decided
from assistant.registry import SkillRegistry
from assistant.templates import variants

pytestmark = pytest.mark.slow
HANDWRITTEN = Path(__file__).resolve().parent.parent / "finetune" / "data" / "intents_eval.jsonl"
BUILTIN_LABELS = {
    "qa",
    "remember",
    "reminder.create",
    "reminder.list",
    "reminder.cancel",
    "reminder.snooze",
    "reminder.change",
    "device.on",
    "device.off",
    "device.set",
    "device.query",
    "device.undo",
    "code",
    "chat",
    "out_of_scope",
}


TUNING = HANDWRITTEN.parent / "intents_tuning.jsonl"


def load_handwritten(path: Path = HANDWRITTEN) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def builtin_registry() -> SkillRegistry:
    from assistant import plugins
    from assistant.core import _out_of_scope_examples

    registry = SkillRegistry()
    registry.out_of_scope_examples = _out_of_scope_examples()
    plugins.load_skills(registry, lambda cls: cls(None))
    return registry


def test_every_builtin_intent_declares_at_least_25_varied_templates():
    registry = builtin_registry()
    counts = {label: len(served.spec.examples) for label, served in registry.intents.items()}
    counts["out_of_scope"] = len(registry.out_of_scope_examples)
    assert set(counts) == BUILTIN_LABELS
    assert min(counts.values()) >= 25, counts
    assert registry.collisions() == {}


def test_every_declared_example_routes_to_its_own_intent(intent_model):
    examples = builtin_registry().examples()
    predictions = intent_model.predict([e.text for e in examples])
    wrong = [
        (e.text, e.intent, p.label)
        for e, p in zip(examples, predictions, strict=True)
        if p.label != e.intent
    ]
    assert wrong == []


def test_handwritten_set_is_independent_of_the_templates():
    rows = load_handwritten()
    counts = Counter(row["label"] for row in rows)
    assert set(counts) == BUILTIN_LABELS and min(counts.values()) >= 15
    registry = builtin_registry()
    template_forms = {
        form.lower()
        for served in registry.intents.values()
        for template in served.spec.examples
        for form in variants(template)
    } | {t.lower() for t in registry.out_of_scope_examples}
    texts = [row["text"].lower() for row in rows]
    assert len(set(texts)) == len(texts)
    assert not set(texts) & template_forms
    assert not {e.text.lower() for e in registry.examples(per_template=8)} & set(texts)


def test_tuning_set_is_separate_from_training_and_evaluation():
    tuning = load_handwritten(TUNING)
    counts = Counter(row["label"] for row in tuning)
    assert set(counts) == BUILTIN_LABELS and min(counts.values()) >= 15
    texts = {row["text"].lower() for row in tuning}
    assert not texts & {row["text"].lower() for row in load_handwritten()}
    assert not texts & {e.text.lower() for e in builtin_registry().examples(per_template=8)}


def test_prototype_accuracy_on_the_handwritten_set(intent_model):
    """A regression floor; `make bench` reports the exact figures (bench/accuracy.py)."""
    from assistant.config import RouterConfig

    rows = load_handwritten()
    threshold = RouterConfig().threshold
    predicted = [
        decided(p, threshold).label for p in intent_model.predict([r["text"] for r in rows])
    ]
    report = evaluate([r["label"] for r in rows], predicted)
    assert report["in_scope_accuracy"] >= 0.75
    assert report["out_of_scope"]["recall"] >= 0.90

"""Training for real on CPU: a tiny run for determinism and the export path, and the default
model (trained once per data change, see conftest.trained_home) against the targets."""

import json
import shutil
import subprocess
import sys

import numpy as np
import pytest
import torch

from assistant.core import Assistant
from assistant.dialogue.session import Session
from assistant.nlu.encoder import resolve_model_dir
from assistant.nlu.metrics import evaluate
from assistant.nlu.prediction import decided
from assistant.nlu.trained import TrainedModel
from assistant.nlu.versions import ModelStore
from assistant.registry import SkillRegistry
from assistant.skill import Reply, Request, Skill, intent
from finetune import dataset, pipeline, train
from finetune.config import TrainConfig

pytestmark = pytest.mark.slow


class Lamp(Skill):
    @intent(
        "lamp.on",
        examples=["turn on the lamp", "lamp on", "switch the lamp on please", "light up the lamp"],
    )
    def on(self, req: Request) -> Reply:
        return Reply(text="on")

    @intent(
        "lamp.off",
        examples=["turn off the lamp", "lamp off", "switch the lamp off please", "kill the lamp"],
    )
    def off(self, req: Request) -> Reply:
        return Reply(text="off")


def tiny_registry() -> SkillRegistry:
    registry = SkillRegistry()
    registry.add(Lamp(None))
    registry.out_of_scope_examples = [
        "what's the weather",
        "play some music",
        "book a flight",
        "tell me a joke",
    ]
    return registry


TINY = TrainConfig(epochs=2, per_template=1, augment_copies=1, batch_size=8, lora_rank=4)


def test_config_errors_quote_the_bad_value():
    with pytest.raises(ValueError, match="'adapters'"):
        TrainConfig(method="adapters")
    with pytest.raises(ValueError, match="epochs must be at least 1, not -1"):
        TrainConfig(epochs=-1)
    assert TrainConfig(method="full").learning_rate == 5e-5  # 0 = the method's usual rate
    assert TrainConfig(method="head").epochs == 40


def test_training_set_has_every_label_and_noisy_copies():
    data = dataset.build(tiny_registry(), TINY)
    assert data.label_names == ["lamp.off", "lamp.on", "out_of_scope"]
    assert len(data.texts) > 12 and len(set(data.texts)) == len(data.texts)
    assert "turn on the lamp" in data.texts
    again = dataset.build(tiny_registry(), TINY)
    assert again.texts == data.texts and again.data_hash == data.data_hash


def test_same_seed_same_model():
    data = dataset.build(tiny_registry(), TINY)
    first = train.train(data, TINY, resolve_model_dir(), progress=False)
    second = train.train(data, TINY, resolve_model_dir(), progress=False)
    assert torch.equal(first.head.weight, second.head.weight)


def test_version_is_exported_calibrated_and_served_without_torch(tmp_path):
    tuning = tmp_path / "tuning.jsonl"
    tuning.write_text(
        "\n".join(
            json.dumps(r)
            for r in [
                {"text": "lamp on now", "label": "lamp.on"},
                {"text": "please turn the lamp on", "label": "lamp.on"},
                {"text": "lamp off now", "label": "lamp.off"},
                {"text": "turn the lamp off", "label": "lamp.off"},
                {"text": "how's the weather", "label": "out_of_scope"},
                {"text": "play a song", "label": "out_of_scope"},
            ]
        )
    )
    store = ModelStore(tmp_path / "models")
    result = pipeline.train_version(
        tiny_registry(),
        store,
        resolve_model_dir(),
        TINY,
        progress=False,
        tuning_path=tuning,
        eval_path=None,
    )
    version = result.version
    assert store.current().name == version.name == "v1"
    for name in (
        "model.onnx",
        "model.int8.onnx",
        "tokenizer.json",
        "head.pt",
        "adapter/adapter_config.json",
    ):
        assert (version.path / name).exists(), name
    meta = version.meta
    assert meta["labels"] == ["lamp.off", "lamp.on", "out_of_scope"]
    assert set(meta["calibration"]) == {"temperature", "threshold", "margin", "tuning"}
    assert meta["serving_file"] in {"model.onnx", "model.int8.onnx"}
    served = TrainedModel(version)
    predictions = served.predict(["turn on the lamp", "lamp off"])
    assert {p.label for p in predictions} <= set(meta["labels"])
    assert all(0 < p.confidence <= 1 for p in predictions)
    assert not pipeline.is_stale(tiny_registry(), store, TINY)


def test_default_model_meets_the_targets_on_the_handwritten_set(trained_home):
    version = ModelStore(trained_home / "models").current()
    model = TrainedModel(version)
    rows = [json.loads(line) for line in pipeline.EVAL_SET.read_text().splitlines() if line.strip()]
    threshold = version.meta["calibration"]["threshold"]
    predicted = [decided(p, threshold).label for p in model.predict([r["text"] for r in rows])]
    report = evaluate([r["label"] for r in rows], predicted)
    # Floors a little under what `make bench` reports, so noise cannot flake the suite.
    assert report["in_scope_accuracy"] >= 0.90
    assert report["out_of_scope"]["recall"] >= 0.85


def test_assistant_serves_the_promoted_model_with_its_calibration(trained_home, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(trained_home / "models", home / "models")
    assistant = Assistant.open(home=home)
    try:
        turn = assistant.handle("switch off the living room lights", Session())
        assert isinstance(assistant.model, TrainedModel)
        assert (turn.intent, turn.slots["room"]) == ("device.off", "living room")
        calibration = ModelStore(home / "models").current().meta["calibration"]
        assert assistant.router.config.threshold == calibration["threshold"]
        assert assistant.notices == []
    finally:
        assistant.close()


def test_explicit_threshold_beats_the_calibrated_one(trained_home, tmp_path, monkeypatch):
    home = tmp_path / "home"
    shutil.copytree(trained_home / "models", home / "models")
    monkeypatch.setenv("ASSISTANT_ROUTER_THRESHOLD", "0.77")
    assistant = Assistant.open(home=home)
    assistant.load_model()
    assert assistant.router.config.threshold == 0.77
    assistant.close()


def test_a_running_assistant_picks_up_a_promotion(trained_home, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(trained_home / "models", home / "models")
    store = ModelStore(home / "models")
    first = store.current().name
    shutil.copytree(store.get(first).path, home / "models" / "v99")
    assistant = Assistant.open(home=home)
    try:
        assistant.handle("hello", Session())
        assert assistant.model.version == first
        store.promote("v99")
        assistant.handle("hello", Session())
        assert assistant.model.version == "v99"
        assert store.rollback().name == first
        assistant.handle("hello", Session())
        assert assistant.model.version == first
    finally:
        assistant.close()


def test_new_skill_intents_use_the_prototype_fallback_until_retrained(
    trained_home, tmp_path, monkeypatch
):
    from assistant import plugins
    from tests.test_plugins import install_fake_distribution

    install_fake_distribution(
        tmp_path,
        "diceplugin",
        {
            "dice_skill": """
from assistant import Reply, Request, Skill, intent

class Dice(Skill):
    '''Dice.'''
    @intent("dice.roll", examples=["roll a d20", "roll two dice", "roll the dice", "throw a die", "roll a d6 for me"])
    def roll(self, req: Request) -> Reply:
        return Reply(text="4")
"""
        },
        {"dice": "dice_skill:Dice"},
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    home = tmp_path / "home"
    shutil.copytree(trained_home / "models", home / "models")
    assistant = Assistant.open(home=home)
    try:
        assert "dice.roll" in assistant.registry.intents and plugins.entry_points()
        assert assistant.handle("roll a d20 please", Session()).intent == "dice.roll"
        assert assistant.handle("turn on the porch light", Session()).intent == "device.on"
        assert any("older examples" in notice for notice in assistant.notices)
        assert pipeline.is_stale(assistant.registry, assistant.models, TrainConfig())
    finally:
        assistant.close()


def test_onnx_logits_match_torch_before_export(tmp_path):
    data = dataset.build(tiny_registry(), TINY)
    model = train.train(data, TINY, resolve_model_dir(), progress=False)
    texts = ["turn on the lamp", "what's the weather in Oslo"]
    expected = train.predict_logits(model, resolve_model_dir(), texts, TINY)
    from finetune.export import export_classifier

    store = ModelStore(tmp_path / "models")
    path = store.new_version_dir()
    export_classifier(model, path / "model.onnx")
    shutil.copy(resolve_model_dir() / "tokenizer.json", path / "tokenizer.json")
    store.write_meta(
        path,
        {
            "labels": data.label_names,
            "config": TINY.as_dict(),
            "calibration": {"temperature": 1.0, "threshold": 0.5, "margin": 0.1},
        },
    )
    served = TrainedModel(store.get(path.name)).logits(texts)
    assert np.allclose(served, expected, atol=1e-3)


@pytest.mark.slow
def test_serving_a_trained_model_imports_no_training_code(trained_home, tmp_path):
    """meta.json holds all that serving needs: no finetune, torch or peft on the hot path."""
    home = tmp_path / "home"
    shutil.copytree(trained_home / "models", home / "models")
    script = (
        "import sys; from assistant.core import Assistant; from assistant.dialogue.session import Session; "
        f"a = Assistant.open(home=__import__('pathlib').Path({str(home)!r})); "
        "turn = a.handle('turn on the porch light', Session()); "
        "print(turn.intent, a.notices == [], sorted({m.split('.')[0] for m in sys.modules} & {'finetune', 'torch', 'peft'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().split(maxsplit=2) == ["device.on", "True", "[]"]

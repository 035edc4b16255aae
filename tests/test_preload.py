"""The trained model loads on a thread from the start of `ask` and the shell; what it loaded
is the model the turn uses, and commands that do not route never start it."""

from __future__ import annotations

import shutil

import pytest

from assistant.core import Assistant
from assistant.dialogue.session import Session
from assistant.nlu.preload import ModelPreload
from assistant.nlu.trained import TrainedModel
from assistant.nlu.versions import ModelStore

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("argv", "starts"),
    [
        (["ask", "turn off the lamp"], True),
        ([], True),  # the shell
        (["--debug", "repl"], True),
        (["devices", "--json"], False),
        (["ask", "--help"], False),
        (["train", "--if-stale"], False),
    ],
)
def test_only_commands_that_route_start_loading(trained, argv, starts):
    preload = ModelPreload.for_command_line(argv, trained / "models")
    assert (preload is not None) is starts
    if preload is not None:
        preload.wait()


def test_no_trained_model_no_preload(home):
    assert ModelPreload.for_command_line(["ask", "hi"], home / "models") is None


def test_the_turn_uses_the_model_loaded_ahead(trained, monkeypatch):
    preload = ModelPreload(trained / "models")
    preload.wait()
    built: list[object] = []
    original = TrainedModel.__init__

    def counting(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(TrainedModel, "__init__", counting)
    assistant = Assistant.open(trained, preload=preload, notify=lambda _: None)
    try:
        model = assistant.load_model()
        assert isinstance(model, TrainedModel)
        assert built == []  # nothing loaded twice
        assert assistant.handle("turn off the kitchen lights", Session()).intent == "device.off"
        assert preload.take(ModelStore(trained / "models").current()) is None  # handed over once
    finally:
        assistant.close()


def test_a_promotion_since_the_preload_is_not_served_stale(trained):
    models = ModelStore(trained / "models")
    preload = ModelPreload(trained / "models")
    current = models.current()
    assert current is not None
    shutil.copytree(current.path, trained / "models" / "v2")
    models.promote("v2")
    assert preload.take(models.current()) is None  # loaded v1; v2 is current now


def test_a_one_shot_model_predicts_what_the_repacked_one_does(trained):
    version = ModelStore(trained / "models").current()
    assert version is not None
    texts = ["turn off the kitchen lights", "remind me to call mom at 5", "what's the weather"]
    served = TrainedModel(version).predict(texts)
    one_shot = TrainedModel(version, one_shot=True).predict(texts)
    for a, b in zip(served, one_shot, strict=True):
        assert a.label == b.label
        assert abs(a.confidence - b.confidence) < 1e-3

"""The collision check: a new skill whose examples another skill's intent takes is reported.
Real skills and registry; the intent model is the real few-shot prototype over MiniLM, so a
plugin that declares device sentences as its own is confused with the devices skill."""

from __future__ import annotations

import pytest

from assistant.core import Assistant
from assistant.nlu import collisions
from assistant.nlu.prediction import Prediction
from assistant.skill import Reply, Request, Skill, intent


class Lamps(Skill):
    """A careless plugin: its examples are the devices skill's sentences."""

    @intent("lamps.on", examples=["turn on the {device}", "switch the {room} lights on"])
    def on(self, req: Request) -> Reply:
        return Reply(text="on")


@pytest.mark.slow
def test_a_plugin_whose_examples_another_skill_takes_is_reported(home):
    assistant = Assistant.open(home=home, notify=lambda _: None)
    before = set(assistant.registry.intents)

    def devices_take_it(texts: list[str]) -> list[Prediction]:
        """What a model trained before the plugin came says: those sentences are devices'."""
        real = assistant.predict(texts)
        return [Prediction("device.on", 0.9) if "lights on" in t or "turn on" in t else p
                for t, p in zip(texts, real, strict=True)]  # fmt: skip

    assert collisions.confusions(assistant.registry, assistant.predict, 0.3, 1) == []
    assistant.registry.add(Lamps(assistant.registry.skills["chat"].context))
    assert set(assistant.registry.intents) - before == {"lamps.on"}
    [found] = collisions.confusions(assistant.registry, devices_take_it, 0.3, 1)
    assert (found.intent, found.taken_by) == ("lamps.on", "device.on")
    assert found.count == found.of and found.examples
    assert "lamps.on → device.on" in collisions.describe([found])
    assistant.close()

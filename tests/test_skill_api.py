"""The skill API and the registry's refusals, with small skills defined right here."""

import types

import pytest

import assistant
from assistant.errors import DuplicateIntentError, PluginError
from assistant.registry import SkillRegistry
from assistant.skill import Reply, Request, Skill, intent


class Weather(Skill):
    """Weather reports."""

    slot_values = {"city": ["Paris", "Lagos"]}

    @intent("weather.now", examples=["weather in {city}", "is it raining"])
    def now(self, req: Request) -> Reply:
        """Tell the current weather."""
        return Reply(text="sunny")

    @intent("weather.week", description="the week ahead", examples=["forecast for the week"])
    def week(self, req: Request) -> Reply:
        return Reply(text="rain")


def make(cls):
    return cls(context=None)


def test_intents_are_declared_next_to_handlers_in_definition_order():
    specs = Weather.intent_specs()
    assert [s.name for s in specs] == ["weather.now", "weather.week"]
    assert specs[0].description == "Tell the current weather"  # from the docstring
    assert specs[1].description == "the week ahead"
    skill = make(Weather)
    assert skill.name == "weather"
    assert skill.handler("weather.week")(Request("x", "weather.week", 1.0)).text == "rain"


def test_registry_expands_skill_slot_values():
    registry = SkillRegistry()
    registry.add(make(Weather))
    texts = {e.text for e in registry.examples() if e.intent == "weather.now"}
    assert texts & {"weather in Paris", "weather in Lagos"}
    assert "is it raining" in texts


def test_duplicate_intent_is_refused_naming_both_skills():
    class Rival(Skill):
        @intent("weather.now", examples=["how hot is it"])
        def now(self, req: Request) -> Reply:
            return Reply(text="hot")

    registry = SkillRegistry()
    registry.add(make(Weather))
    with pytest.raises(
        DuplicateIntentError,
        match=r"'rival' declares intent 'weather\.now', already served by 'weather'",
    ):
        registry.add(make(Rival))
    assert "rival" not in registry.skills


def test_reserved_label_empty_skill_and_bad_template_are_refused():
    class Greedy(Skill):
        @intent("out_of_scope", examples=["anything"])
        def grab(self, req: Request) -> Reply:
            return Reply(text="")

    class Empty(Skill):
        pass

    class Sloppy(Skill):
        @intent("sloppy.x", examples=["call {nobody}"])
        def x(self, req: Request) -> Reply:
            return Reply(text="")

    registry = SkillRegistry()
    with pytest.raises(PluginError, match="reserved"):
        registry.add(make(Greedy))
    with pytest.raises(PluginError, match="no @intent"):
        registry.add(make(Empty))
    with pytest.raises(PluginError, match="nobody"):
        registry.add(make(Sloppy))


def test_sentences_shared_by_two_intents_are_reported_and_dropped():
    class A(Skill):
        @intent("a.x", examples=["stop", "halt now"])
        def x(self, req: Request) -> Reply:
            return Reply(text="")

    class B(Skill):
        @intent("b.y", examples=["Stop", "cease"])
        def y(self, req: Request) -> Reply:
            return Reply(text="")

    registry = SkillRegistry()
    registry.add(make(A))
    registry.add(make(B))
    assert registry.collisions() == {"stop": ["a.x", "b.y"]}
    assert {e.text for e in registry.examples()} == {"halt now", "cease"}


def test_public_api_all_matches_module_names():
    public = {
        name
        for name, value in vars(assistant).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert set(assistant.__all__) - {"__version__"} == public

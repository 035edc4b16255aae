"""Building blocks the tests share: services and skill contexts over a real store."""

from __future__ import annotations

from typing import Any

from assistant import plugins
from assistant.config import Config
from assistant.registry import SkillRegistry
from assistant.services import Clock, Services
from assistant.skill import SkillContext
from assistant.store import Store


def services_for(
    store: Store, config: Config | None = None, clock: Clock | None = None, **provided: Any
) -> Services:
    """The installed services over `store`, found through their entry points as an Assistant
    finds them; keyword arguments replace one (a fake, a clock)."""
    services = Services(config or Config(), store, clock, plugins.service_factories())
    for name, value in provided.items():
        services.provide(name, value)
    return services


def skill_context(store: Store, config: Config | None = None, **provided: Any) -> SkillContext:
    """What an Assistant hands its skills, without loading any skills or models."""
    services = services_for(store, config, **provided)
    return SkillContext(
        config=services.config,
        store=store,
        registry=SkillRegistry(),
        notify=lambda _: None,
        services=services,
    )

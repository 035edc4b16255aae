"""Building blocks the tests share: services and skill contexts over a real store."""

from __future__ import annotations

import time
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


def wait_for(condition, timeout=10.0):  # type: ignore[no-untyped-def]
    """Poll `condition` until it is true (True) or `timeout` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False

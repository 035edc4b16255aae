"""Discover plugins through entry points, our own distribution's first: skills
(`assistant.skills`), services (`assistant.services`) and commands (`assistant.commands`)."""

from __future__ import annotations

import importlib.metadata
import inspect
from collections.abc import Callable
from typing import Any

from assistant.errors import ServiceError
from assistant.registry import LoadFailure, SkillRegistry
from assistant.skill import Skill

GROUP = "assistant.skills"
SERVICES = "assistant.services"
COMMANDS = "assistant.commands"
BUILTIN_DISTRIBUTION = "assistant"


def entry_points(group: str = GROUP) -> list[importlib.metadata.EntryPoint]:
    """Our own distribution's first, so a plugin cannot take over a built-in name."""
    found = list(importlib.metadata.entry_points(group=group))

    def builtin_first(ep: importlib.metadata.EntryPoint) -> tuple[int, str]:
        return (0 if _distribution(ep) == BUILTIN_DISTRIBUTION else 1, ep.name)

    unique: dict[tuple[str, str], importlib.metadata.EntryPoint] = {}
    for ep in sorted(found, key=builtin_first):
        unique.setdefault((ep.name, ep.value), ep)  # a package seen twice on sys.path
    return list(unique.values())


def _distribution(ep: importlib.metadata.EntryPoint) -> str:
    """The name of the package that declared `ep`, read from the top of its METADATA
    (`Distribution.name` parses the whole file as an e-mail, every time it is asked)."""
    if ep.dist is None:
        return ""
    text = ep.dist.read_text("METADATA") or ep.dist.read_text("PKG-INFO") or ""
    for line in text.splitlines():
        if line.startswith("Name:"):
            return line.removeprefix("Name:").strip()
        if not line:
            break  # the headers end at the first blank line
    return ""


def load_skills(
    registry: SkillRegistry,
    make_skill: Callable[[type[Skill]], Skill],
    points: list[importlib.metadata.EntryPoint] | None = None,
) -> None:
    """Load every skill; a broken one is recorded in `registry.failures` and skipped."""
    for ep in entry_points() if points is None else points:
        source = f"{ep.name} = {ep.value}"
        try:
            cls = ep.load()
            if not (inspect.isclass(cls) and issubclass(cls, Skill)):
                raise TypeError(f"{ep.value} is not a Skill subclass")
            registry.add(make_skill(cls))
        except Exception as exc:  # a third-party bug must never stop the assistant
            registry.failures.append(LoadFailure(source, f"{type(exc).__name__}: {exc}"))


def service_factories() -> dict[str, Callable[[Any], Any]]:
    """Each registered service's factory, imported only when the service is first asked for
    (so start-up imports no service's code, and serving imports no training code)."""
    factories: dict[str, Callable[[Any], Any]] = {}
    for ep in entry_points(SERVICES):
        factories.setdefault(ep.name, _lazy(ep))
    return factories


def _lazy(ep: importlib.metadata.EntryPoint) -> Callable[[Any], Any]:
    def build(services: Any) -> Any:
        try:
            factory = ep.load()
        except Exception as exc:  # a plugin's bug is a one-line error, not a crash
            raise ServiceError(
                f"service {ep.name!r} ({ep.value}) could not be loaded: {type(exc).__name__}: {exc}"
            ) from None
        return factory(services)

    return build


def load_callables(group: str) -> tuple[dict[str, Callable[..., Any]], list[LoadFailure]]:
    """Each entry point's callable by name (the first of a name wins), and those that failed."""
    loaded: dict[str, Callable[..., Any]] = {}
    failures: list[LoadFailure] = []
    for ep in entry_points(group):
        if ep.name in loaded:
            failures.append(LoadFailure(f"{ep.name} = {ep.value}", "the name is already taken"))
            continue
        try:
            target = ep.load()
            if not callable(target):
                raise TypeError(f"{ep.value} is not callable")
            loaded[ep.name] = target
        except Exception as exc:  # a third-party bug must never stop the assistant
            failures.append(LoadFailure(f"{ep.name} = {ep.value}", f"{type(exc).__name__}: {exc}"))
    return loaded, failures

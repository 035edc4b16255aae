"""The skill API: a `Skill` class whose handlers carry their intent and example sentences."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

if TYPE_CHECKING:
    from assistant.config import Config
    from assistant.registry import SkillRegistry
    from assistant.session import Session
    from assistant.store import Store


@dataclass
class Request:
    text: str  # the utterance this handler answers (one part of a compound command)
    intent: str  # the label the router chose
    confidence: float  # calibrated confidence of that label, 0..1
    slots: dict[str, Any] = field(default_factory=dict)  # extracted values: device, when, ...
    session: Session | None = None  # dialogue context; None for stateless calls


@dataclass
class Reply:
    text: str  # what the user reads or hears
    data: dict[str, Any] = field(default_factory=dict)  # machine-readable payload for --json
    sources: list[dict[str, Any]] = field(default_factory=list)  # where an answer came from
    follow_up: str | None = None  # a question the skill asks back, if any
    actions: list[dict[str, Any]] = field(default_factory=list)  # side effects it performed


@dataclass(frozen=True)
class IntentSpec:
    name: str  # "reminder.create": built-in labels, or "<skill>.<action>" for plugins
    examples: tuple[str, ...]  # templates with {slot}, (a|b) and [optional] parts
    description: str  # a few words a user recognises: "set a reminder"


@dataclass
class SkillContext:
    """The services a skill may use; injected so tests pass real or small fakes."""

    config: Config
    store: Store
    registry: SkillRegistry
    notify: Callable[[str], None] = print  # background messages (printed above the REPL prompt)


HandlerT = TypeVar("HandlerT", bound=Callable[..., Reply])


def intent(
    name: str, *, examples: list[str], description: str | None = None
) -> Callable[[HandlerT], HandlerT]:
    """Mark a Skill method as the handler of intent `name`, with its example templates."""

    def mark(handler: HandlerT) -> HandlerT:
        doc = (inspect.getdoc(handler) or name).splitlines()[0].rstrip(".")
        handler.__intent__ = IntentSpec(  # type: ignore[attr-defined]
            name=name, examples=tuple(examples), description=description or doc
        )
        return handler

    return mark


class Skill:
    """Base class of every skill; subclasses add handlers marked with @intent."""

    name: ClassVar[str] = ""  # defaults to the class name in lower case
    # Extra values for template slots, merged over the shared lists in assistant.slot_values.
    slot_values: ClassVar[dict[str, list[str]]] = {}

    def __init__(self, context: SkillContext):
        self.context = context

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.__dict__.get("name"):
            cls.name = cls.__name__.lower()

    @classmethod
    def description(cls) -> str:
        return (inspect.getdoc(cls) or cls.name).splitlines()[0]

    @classmethod
    def intent_specs(cls) -> list[IntentSpec]:
        return [spec for _, spec in cls._handlers()]

    @classmethod
    def _handlers(cls) -> list[tuple[str, IntentSpec]]:
        found: dict[str, IntentSpec] = {}
        for klass in reversed(cls.__mro__):  # definition order; a subclass may override
            for attr, value in vars(klass).items():
                spec = getattr(value, "__intent__", None)
                if isinstance(spec, IntentSpec):
                    found[attr] = spec
        return list(found.items())

    def handler(self, intent_name: str) -> Callable[[Request], Reply]:
        for attr, spec in self._handlers():
            if spec.name == intent_name:
                return getattr(self, attr)
        raise KeyError(intent_name)

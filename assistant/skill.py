"""The skill API: a `Skill` class whose handlers carry their intent, example sentences and
slot types, and the services it is handed in its `SkillContext`."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from assistant.dialogue.questions import Question

if TYPE_CHECKING:
    from assistant.config import Config
    from assistant.dialogue.session import Session
    from assistant.llm import LLM
    from assistant.registry import SkillRegistry
    from assistant.services import Clock, Services
    from assistant.slots import SlotType
    from assistant.store import Store


@dataclass
class Request:
    text: str  # the utterance this handler answers (one part of a compound command)
    intent: str  # the label the router chose
    confidence: float  # calibrated confidence of that label, 0..1
    slots: dict[str, Any] = field(default_factory=dict)  # the declared slots that were filled
    session: Session | None = None  # dialogue context; None for stateless calls
    confirmed: bool = False  # the user said yes to this handler's confirm() question
    answer: str | None = None  # the user's reply, when this call follows a question asked back


@dataclass
class Reply:
    text: str  # what the user reads or hears
    data: dict[str, Any] = field(default_factory=dict)  # machine-readable payload for --json
    sources: list[dict[str, Any]] = field(default_factory=list)  # where an answer came from
    actions: list[dict[str, Any]] = field(default_factory=list)  # side effects it performed
    question: Question | None = None  # asked back: the next utterance answers it
    # Slot values a follow-up may refer back to ("turn it off": the devices just switched).
    context: dict[str, Any] = field(default_factory=dict)
    # Called with the turn's id once it is logged (an audit row that names its turn).
    on_logged: list[Callable[[int], None]] = field(default_factory=list)

    @classmethod
    def asking(cls, question: Question, data: dict[str, Any] | None = None) -> Reply:
        """A reply that is only a question back: "At what time?"."""
        return cls(text=question.text, data=dict(data or {}), question=question)


@dataclass(frozen=True)
class IntentSpec:
    name: str  # "reminder.create": built-in labels, or "<skill>.<action>" for plugins
    examples: tuple[str, ...]  # templates with {slot}, (a|b) and [optional] parts
    description: str  # a few words a user recognises: "set a reminder"
    slots: Mapping[str, SlotType] = field(default_factory=dict)  # what `req.slots` may hold
    # Only reads (answers, lists, checks): the agent may call it after reading documents.
    # Anything else counts as acting, so a plugin that says nothing is treated as acting.
    read_only: bool = False


@dataclass
class SkillContext:
    """What a skill is handed: config, store, the other skills, and the services."""

    config: Config
    store: Store
    registry: SkillRegistry
    notify: Callable[[str], None] = print  # background messages (printed above the REPL prompt)
    services: Services | None = None  # None only for a skill made outside an Assistant

    def service(self, name: str) -> Any:
        """A service by name: "knowledge", "llm", "encoder" or one a plugin registers."""
        if self.services is None:
            from assistant.errors import ServiceError

            raise ServiceError(f"no services here to give {name!r}")
        return self.services.get(name)

    @property
    def clock(self) -> Clock:
        from assistant.services import SystemClock

        return self.services.clock if self.services else SystemClock()

    @property
    def llm(self) -> LLM | None:
        return self.service("llm")

    @property
    def knowledge(self) -> Any:
        return self.service("knowledge")


HandlerT = TypeVar("HandlerT", bound=Callable[..., Reply])


def intent(
    name: str,
    *,
    examples: list[str],
    description: str | None = None,
    slots: Mapping[str, SlotType] | None = None,
    read_only: bool = False,
) -> Callable[[HandlerT], HandlerT]:
    """Mark a Skill method as the handler of intent `name`, with its example templates and
    the slot types the router fills `req.slots` from."""

    def mark(handler: HandlerT) -> HandlerT:
        doc = (inspect.getdoc(handler) or name).splitlines()[0].rstrip(".")
        handler.__intent__ = IntentSpec(  # type: ignore[attr-defined]
            name=name,
            examples=tuple(examples),
            description=description or doc,
            slots=dict(slots or {}),
            read_only=read_only,
        )
        return handler

    return mark


class Skill:
    """Base class of every skill; subclasses add handlers marked with @intent."""

    name: ClassVar[str] = ""  # defaults to the class name in lower case
    # Extra values for template slots, merged over the shared lists in assistant.slots.values.
    slot_values: ClassVar[dict[str, list[str]]] = {}
    # Words people use for what this skill does, for corrections: "no, that was a reminder".
    keywords: ClassVar[tuple[str, ...]] = ()

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

    def answer_if_known(self, req: Request) -> Reply | None:
        """A hook for what the intent model put out of scope: a Reply when this skill can
        answer anyway (the qa skill, from the user's own documents), else None.

        `req.intent` is this skill's first intent. The default answers nothing.
        """
        return None

    @classmethod
    def answers_if_known(cls) -> bool:
        """True when the skill implements the `answer_if_known` hook."""
        return cls.answer_if_known is not Skill.answer_if_known

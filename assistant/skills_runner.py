"""Run a skill's handler for a route, and the replies when no skill acts: the out-of-scope
refusal, and the `answer_if_known` hook any skill may implement."""

from __future__ import annotations

import logging
from datetime import datetime

from assistant.dialogue.route import Route
from assistant.dialogue.session import Session
from assistant.nlu.prediction import OUT_OF_SCOPE, Prediction
from assistant.registry import SkillRegistry
from assistant.skill import Reply, Request
from assistant.slots import SlotContext, fill

log = logging.getLogger("assistant")


def run_skill(
    registry: SkillRegistry, route: Route, session: Session
) -> tuple[Reply, str, str | None]:
    """(reply, skill name, error): a skill's exception becomes an apology, never a crash."""
    assert route.intent is not None
    served = registry.intents[route.intent]
    request = Request(
        text=route.text,
        intent=route.intent,
        confidence=route.confidence,
        slots=route.slots,
        session=session,
        confirmed=route.confirmed,
        answer=route.answer,
    )
    try:
        reply = served.skill.handler(route.intent)(request)
        if not isinstance(reply, Reply):
            raise TypeError(f"handler returned {type(reply).__name__}, not Reply")
        return reply, served.skill.name, None
    except Exception as exc:  # a skill's bug must never end the conversation
        log.debug("skill %s failed", served.skill.name, exc_info=True)
        error = f"{type(exc).__name__}: {exc}".splitlines()[0]
        return (
            Reply(text=f"Sorry, the {served.skill.name} skill failed ({error})."),
            served.skill.name,
            error,
        )


def known_answer(
    registry: SkillRegistry, route: Route, now: datetime
) -> tuple[str, Reply, str] | None:
    """(intent, reply, skill) from the first skill whose `answer_if_known` hook answers what
    the model put out of scope ("when does the party start", once the invitation is ingested)."""
    ranked = dict(
        [(route.prediction.label, route.prediction.confidence), *route.prediction.alternatives]
    )
    for skill in registry.skills.values():
        if not skill.answers_if_known():
            continue
        label = skill.intent_specs()[0].name
        slots = fill(route.text, registry.slot_types(label), SlotContext.at(now))
        request = Request(route.text, label, ranked.get(label, 0.0), slots)
        try:
            reply = skill.answer_if_known(request)
        except Exception:  # the hook must never turn a polite refusal into a crash
            log.debug("answer_if_known of %s failed", skill.name, exc_info=True)
            continue
        if isinstance(reply, Reply):
            return label, reply, skill.name
    return None


def out_of_scope_reply(registry: SkillRegistry, prediction: Prediction) -> Reply:
    ranked = [(prediction.label, prediction.confidence), *prediction.alternatives]
    suggestions = [label for label, _ in ranked if label != OUT_OF_SCOPE][:2]
    can = "; ".join(skill.description().rstrip(".").lower() for skill in registry.skills.values())
    hint = ""
    if suggestions:
        hint = " Closest I know: " + " or ".join(registry.describe(s) for s in suggestions) + "."
    return Reply(
        text=f"I can't do that yet. I can: {can}.{hint}",
        data={"suggestions": suggestions},
    )

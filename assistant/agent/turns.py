"""An agent request as turns: one parent turn, and a child turn for every tool call, each run
through the same route, skill handler, confirmation and audit as a typed command."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from assistant.agent.loop import Agent, AgentResult, ToolArgumentError, summary
from assistant.agent.tools import Tool, tools_for
from assistant.dialogue import state
from assistant.dialogue.questions import confirm
from assistant.dialogue.route import Route
from assistant.dialogue.session import Session
from assistant.nlu.prediction import OUT_OF_SCOPE
from assistant.skill import Reply
from assistant.slots import SlotContext
from assistant.turn import Turn

if TYPE_CHECKING:
    from assistant.core import Assistant


def agent_for(assistant: Assistant) -> Agent | None:
    """The agent when an LLM is configured and agent mode is on; None otherwise."""
    if not assistant.config.agent.enabled:
        return None
    llm = assistant.services.llm
    if llm is None:
        return None
    return Agent(llm, tools_for(assistant.registry), assistant.config.agent)


class ChildTurns:
    """The `ToolRunner` of one agent request: tool calls become child turns of `parent_id`."""

    def __init__(self, assistant: Assistant, session: Session, parent_id: int):
        self.assistant = assistant
        self.session = session
        self.parent_id = parent_id
        self.turns: list[Turn] = []

    def run(self, tool: Tool, request: str, arguments: dict[str, Any], hold: str | None) -> Turn:
        started = time.perf_counter()  # the step's latency includes routing its words
        assistant = self.assistant
        now = assistant.services.clock.now()
        # Handlers read the words as well as the slots: say what the arguments add.
        missing = [str(v) for v in arguments.values() if str(v).lower() not in request.lower()]
        request = " ".join([request, *missing])
        prediction = assistant.predict([request])[0]
        route = assistant.router.act(request, prediction, tool.intent, self.session, now,
                                     via="agent")  # fmt: skip
        declared = assistant.registry.slot_types(tool.intent)
        context = SlotContext.at(now)
        for name, value in arguments.items():
            filled = declared[name].answer(name, str(value), context)
            if name not in filled:
                raise ToolArgumentError(f"{name} = {value!r} is not something I can read")
            route.slots.update(filled)
        held = Reply.asking(confirm(hold)) if hold else None
        turn = assistant.execute(route, self.session, started, self.parent_id, held)
        self.turns.append(turn)
        return turn

    def refuse(self, name: str, raw_arguments: str, error: str) -> None:
        self.assistant.store.log_turn(
            session_id=self.session.id,
            parent_id=self.parent_id,
            text=f"{name}({raw_arguments[:200]})",
            intent=None,
            confidence=None,
            skill="agent",
            reply=error,
            latency_ms=0.0,
            error=error,
        )


def agent_turn(assistant: Assistant, agent: Agent, route: Route, session: Session,
               started: float) -> Turn:  # fmt: skip
    """Answer `route` (out of scope, or several steps) with the agent, as one parent turn."""
    intent = route.intent or (route.parts[0].intent if route.parts else None) or OUT_OF_SCOPE
    parent_id = assistant.store.log_turn(
        session_id=session.id,
        text=route.text,
        intent=intent,
        confidence=route.confidence,
        alternatives=route.alternatives,
        skill="agent",
    )
    children = ChildTurns(assistant, session, parent_id)
    result = agent.run(route.text, children, assistant.services.clock.now())
    reply = _reply(result, children.turns, agent)
    latency = (time.perf_counter() - started) * 1000
    assistant.store.finish_turn(parent_id, reply=reply.text, latency_ms=latency)
    state.point_at(session, parent_id)
    return Turn(
        id=parent_id,
        input=route.text,
        kind="agent",
        intent=intent,
        confidence=route.confidence,
        reply=reply,
        latency_ms=latency,
        alternatives=route.alternatives,
        skill="agent",
        parts=children.turns,
        error=result.error,
    )


def _reply(result: AgentResult, turns: list[Turn], agent: Agent) -> Reply:
    config = agent.config
    return Reply(
        text=summary(result, config.max_steps, config.timeout_s),
        data={
            "agent": {
                "steps": [step.as_json() for step in result.steps],
                "stopped": result.stopped,
                "error": result.error,
                "model_calls": result.model_calls,
                "step_ms": [round(ms, 2) for ms in result.step_ms],
                "answer": result.text,
            }
        },
        sources=[source for turn in turns for source in turn.reply.sources],
        actions=[action for turn in turns for action in turn.reply.actions],
        question=result.asking.reply.question if result.asking else None,
    )

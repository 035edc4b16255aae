"""The assistant as a Wyoming intent handler (Home Assistant's voice pipeline and its
satellites): a `transcript` in, `handled` (or `not-handled`) with the reply text out, and
`describe` answered with what this handler is. The conversation id in the transcript's
context names the session, so questions asked back are answered by the next utterance."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from wyoming.asr import Transcript
from wyoming.event import Event
from wyoming.handle import Handled, NotHandled
from wyoming.info import Attribution, Describe, HandleModel, HandleProgram, Info
from wyoming.server import AsyncEventHandler, AsyncServer

if TYPE_CHECKING:
    from assistant.server.front import Front

_ATTRIBUTION = Attribution(name="assistant", url="https://localhost/assistant")
INFO = Info(
    handle=[
        HandleProgram(
            name="assistant",
            attribution=_ATTRIBUTION,
            installed=True,
            description="A local-first assistant: reminders, devices, your documents",
            version="0.1.0",
            models=[
                HandleModel(
                    name="assistant",
                    attribution=_ATTRIBUTION,
                    installed=True,
                    description="intent model and skills",
                    version="0.1.0",
                    languages=["en"],
                )
            ],
            supports_home_control=True,
        )
    ]
)
NOT_HANDLED = {"out_of_scope", "error"}


class AssistantHandler(AsyncEventHandler):
    def __init__(self, reader: Any, writer: Any, front: Front):
        super().__init__(reader, writer)
        self.front = front

    async def handle_event(self, event: Event) -> bool:
        if Describe.is_type(event.type):
            await self.write_event(INFO.event())
        elif Transcript.is_type(event.type):
            transcript = Transcript.from_event(event)
            context = transcript.context or {}
            session = _session_name(context.get("conversation_id"))
            try:
                turn = await asyncio.to_thread(self.front.converse, transcript.text, session)
            except Exception as exc:  # a bad transcript answers, it does not drop the line
                await self.write_event(NotHandled(text=f"Sorry, {exc}").event())
                return True
            reply = (NotHandled if turn["kind"] in NOT_HANDLED else Handled)(
                text=turn["text"], context={"conversation_id": session, "turn_id": turn["turn_id"]}
            )
            await self.write_event(reply.event())
        return True


def _session_name(conversation: Any) -> str:
    cleaned = "".join(c for c in str(conversation or "") if c.isalnum() or c in "._-")[:56]
    return f"wyoming-{cleaned}" if cleaned else "wyoming"


async def start_wyoming(uri: str, front: Front) -> AsyncServer:
    """Listen on `uri` (e.g. `tcp://127.0.0.1:10700`) without blocking; `stop()` it after.
    (Not `run()`: that takes SIGTERM from uvicorn, and the server would never stop.)"""
    server = AsyncServer.from_uri(uri)
    await server.start(lambda reader, writer: AssistantHandler(reader, writer, front))
    return server

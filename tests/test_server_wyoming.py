"""`assistant serve --wyoming`: the package's own client talks to a real server process
over loopback, as Home Assistant's voice pipeline would."""

from __future__ import annotations

import asyncio

import pytest
from wyoming.asr import Transcript
from wyoming.client import AsyncTcpClient
from wyoming.handle import Handled, NotHandled
from wyoming.info import Describe, Info

from tests.broker import free_port
from tests.server import serving

pytestmark = pytest.mark.slow


async def exchange(port: int, events: list) -> list:
    replies = []
    async with AsyncTcpClient("127.0.0.1", port) as client:
        for event in events:
            await client.write_event(event.event())
            replies.append(await asyncio.wait_for(client.read_event(), 30))
    return replies


def test_describe_and_transcripts_with_a_conversation(home):
    port = free_port()
    with serving(home, "--wyoming", f"tcp://127.0.0.1:{port}"):
        info, lights, asked, answered, nonsense = asyncio.run(exchange(port, [
            Describe(),
            Transcript(text="turn off the kitchen lights"),
            Transcript(text="remember this", context={"conversation_id": "abc"}),
            Transcript(text="my bike is in the shed", context={"conversation_id": "abc"}),
            Transcript(text="zxqv blorp fnord"),
        ]))  # fmt: skip
    described = Info.from_event(info)
    assert described.handle and described.handle[0].supports_home_control
    assert Handled.is_type(lights.type) and "kitchen lights" in lights.data["text"]
    assert Handled.is_type(asked.type) and asked.data["context"]["conversation_id"] == "wyoming-abc"
    assert "bike" in answered.data["text"]  # the question asked back was answered
    assert NotHandled.is_type(nonsense.type) and nonsense.data["text"]

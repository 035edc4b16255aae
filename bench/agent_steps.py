"""Agent step latency against a scripted OpenAI-protocol server on loopback: what the
assistant adds around the model (prompt with every tool's schema, HTTP, JSON, routing and
running each tool call as a child turn). The model answers instantly, so this is the
overhead a real model's own time is added to.

    python bench/agent_steps.py [--requests 30]

Each request is the three-step "lights off, remind me, what's on tomorrow" plan plus a
closing answer: four model calls and three tool calls on a fresh demo home. The intent
model is $ASSISTANT_HOME's trained one (`make bench` trains it first), else the few-shot
model.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant import paths
from assistant.core import Assistant
from assistant.dialogue.session import Session
from bench.report import percentile, publish
from tests.openai_server import ScriptedServer, Step

REQUEST = (
    "turn off the lights downstairs and remind me in an hour to check the oven, "
    "then tell me what's on tomorrow"
)
PLAN = [
    Step(tool_calls=[{"name": "device_off", "arguments": {"request": "turn off the lights downstairs"}}]),
    Step(tool_calls=[{"name": "reminder_create",
                      "arguments": {"request": "remind me to check the oven", "when": "in an hour"}}]),
    Step(tool_calls=[{"name": "reminder_list", "arguments": {"request": "what's on tomorrow"}}]),
    Step(content="Done."),
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    model_ms: list[float] = []
    tool_ms: list[float] = []
    request_ms: list[float] = []
    with ScriptedServer() as server, tempfile.TemporaryDirectory() as home:
        trained = paths.home() / "models"
        if trained.is_dir():
            shutil.copytree(trained, Path(home, "models"))
        Path(home, "config.toml").write_text(
            f'[llm]\nbackend = "openai"\nurl = "{server.url}"\nmodel = "bench"\n'
        )
        assistant = Assistant.open(home=Path(home), notify=lambda _: None)
        assistant.load_model()
        for n in range(args.requests + 1):
            server.script(*PLAN)
            started = time.perf_counter()
            turn = assistant.handle(REQUEST, Session())
            elapsed = (time.perf_counter() - started) * 1000
            agent = turn.reply.data.get("agent")
            if agent is None or agent["model_calls"] != len(PLAN):
                raise SystemExit(f"the request did not run as planned: {turn.reply.text}")
            if n == 0:
                continue  # the first request warms the encoder and the skills' caches
            request_ms.append(elapsed)
            model_ms.extend(agent["step_ms"])
            tool_ms.extend(part.latency_ms for part in turn.parts)
        tools = len(server.requests[0]["tools"])
        assistant.close()
    rows = [
        _row("model call (HTTP + JSON)", model_ms),
        _row("tool call (route + skill + log)", tool_ms),
        _row("whole request (4 calls, 3 tools)", request_ms),
    ]
    model = "trained model" if trained.is_dir() else "few-shot model"
    publish("agent_steps", rows, f"scripted loopback server, {tools} tools per prompt, {model}")


def _row(what: str, values: list[float]) -> dict[str, object]:
    return {"measure": what, "n": len(values), "p50_ms": round(percentile(values, 50), 2),
            "p99_ms": round(percentile(values, 99), 2)}  # fmt: skip


if __name__ == "__main__":
    main()

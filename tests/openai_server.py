"""A scripted OpenAI-protocol server on 127.0.0.1: the stand-in for Ollama, llama.cpp or vLLM.

None of those can run here, so tests script the replies instead: each POST
/v1/chat/completions takes the next `Step` (text, tool calls, an error, a delay, a stall
mid-stream, raw bytes). The HTTP, the JSON and the server-sent events are real; the
"model" is the script. Streams go out a word per chunk, tool calls as one delta, then
`data: [DONE]`, as OpenAI's API sends them.

    with ScriptedServer() as server:
        server.script(Step(content="It is 21 °C."), Step(status=500, error="out of memory"))
        llm = OpenAICompatibleLLM(server.url, "scripted")
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MODEL = "scripted"


@dataclass
class Step:
    content: str | None = None  # the assistant text
    tool_calls: list[dict[str, Any]] | None = None  # [{"name": …, "arguments": {…} or a str}]
    status: int = 200  # non-200: answer {"error": {"message": error}}
    error: str = "scripted failure"
    delay_s: float = 0.0  # wait before answering
    chunk_delay_s: float = 0.0  # streaming: wait between chunks (a word per chunk)
    hang_s: float = 0.0  # streaming: send the first chunk, then go silent this long
    raw: bytes | None = None  # send exactly these bytes as the body (status 200, no framing)


class ScriptedServer:
    """A real HTTP server in a daemon thread that answers from a script, and logs requests."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []  # every request body received, in order
        self.disconnected = threading.Event()  # a client closed a stream before it ended
        self._steps: deque[Step] = deque()
        self._repeat: Step | None = None
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._http = _Server(("127.0.0.1", 0), _Handler)
        self._http.scripted = self
        self.url = f"http://127.0.0.1:{self._http.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._http.shutdown()
        self._http.server_close()  # handler threads are daemons: a hanging one is not awaited
        self._thread.join()

    def script(self, *steps: Step) -> None:
        """Queue replies, one per POST /v1/chat/completions."""
        with self._lock:
            self._steps.extend(steps)

    def repeat(self, step: Step) -> None:
        """Answer every request after the queued ones with `step` (endless-loop tests)."""
        self._repeat = step

    def next_step(self, body: dict[str, Any]) -> Step:
        with self._lock:
            self.requests.append(body)
            if self._steps:
                return self._steps.popleft()
        return self._repeat or Step(content="ok")

    def call_id(self) -> str:
        return f"call_{next(self._ids)}"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    scripted: ScriptedServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hung up mid-answer is what some tests are about


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        if self.path.rstrip("/") != "/v1/models":
            return self._json(404, {"error": {"message": f"no route {self.path}"}})
        model = {"id": MODEL, "object": "model", "created": 0, "owned_by": "tests"}
        self._json(200, {"object": "list", "data": [model]})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length))
        except json.JSONDecodeError:
            return self._json(400, {"error": {"message": "the body is not JSON"}})
        if self.path != "/v1/chat/completions":
            return self._json(404, {"error": {"message": f"no route {self.path}"}})
        scripted = self.server.scripted
        step = scripted.next_step(body)
        time.sleep(step.delay_s)
        if step.raw is not None:
            kind = "text/event-stream" if body.get("stream") else "application/json"
            return self._send(200, step.raw, kind)
        if step.status != 200:
            return self._json(step.status, {"error": {"message": step.error}})
        calls = [_tool_call(call, scripted.call_id()) for call in step.tool_calls or []]
        if body.get("stream"):
            return self._stream(step, calls)
        message = {"role": "assistant", "content": step.content if calls else step.content or ""}
        if calls:
            message["tool_calls"] = calls
        choice = {"index": 0, "message": message, "finish_reason": _finish(calls)}
        self._json(200, _envelope("chat.completion", choices=[choice]))

    def _stream(self, step: Step, calls: list[dict[str, Any]]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()  # HTTP/1.0: the stream ends when the connection closes
        words = re.findall(r"\s*\S+", step.content or "")  # each word with the space before it
        deltas: list[dict[str, Any]] = [{"role": "assistant", "content": ""}]
        deltas += [{"content": word} for word in words]
        if calls:
            deltas.append({"tool_calls": [{"index": i, **c} for i, c in enumerate(calls)]})
        events = [_chunk(delta, None) for delta in deltas] + [_chunk({}, _finish(calls))]
        try:
            for number, event in enumerate(events):
                if number:
                    time.sleep(step.chunk_delay_s)
                self._event(json.dumps(event))
                if number == 1 and step.hang_s:
                    time.sleep(step.hang_s)
            self._event("[DONE]")
        except (BrokenPipeError, ConnectionResetError):
            self.server.scripted.disconnected.set()

    def _event(self, data: str) -> None:
        self.wfile.write(f"data: {data}\n\n".encode())
        self.wfile.flush()

    def _json(self, status: int, payload: dict[str, Any]) -> None:
        self._send(status, json.dumps(payload).encode(), "application/json")

    def _send(self, status: int, payload: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _tool_call(call: dict[str, Any], call_id: str) -> dict[str, Any]:
    arguments = call.get("arguments", {})
    if not isinstance(arguments, str):
        arguments = json.dumps(arguments)
    function = {"name": call["name"], "arguments": arguments}
    return {"id": call_id, "type": "function", "function": function}


def _finish(calls: list[dict[str, Any]]) -> str:
    return "tool_calls" if calls else "stop"


def _chunk(delta: dict[str, Any], finish_reason: str | None) -> dict[str, Any]:
    choice = {"index": 0, "delta": delta, "finish_reason": finish_reason}
    return _envelope("chat.completion.chunk", choices=[choice])


def _envelope(kind: str, **fields: Any) -> dict[str, Any]:
    return {"id": "chatcmpl-scripted", "object": kind, "created": 0, "model": MODEL, **fields}

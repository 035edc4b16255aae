"""Tool calls: the values a backend returns, read from a server's JSON or a local model's text.

A server (OpenAI format) sends `message.tool_calls`; a local model writes its calls as text,
either Hermes/Qwen `<tool_call>{…}</tool_call>` blocks or, Llama 3 style, a reply that is
one JSON object with "name" and "arguments" (or "parameters"). Both end up as `ToolCall`s.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from assistant.llm.messages import Message, Messages

_BLOCK = re.compile(r"<tool_call>(.*?)(?:</tool_call>|$)", re.DOTALL)  # the last may be cut off
_FENCE = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.DOTALL)
_NAME = re.compile(r'"name"\s*:\s*"([^"]*)"')


@dataclass
class ToolCall:
    id: str  # the call's id, quoted back by the tool message that answers it
    name: str  # the function the model asked for ("" when it could not be read)
    arguments: dict[str, Any] | None  # None when the model's arguments were not a JSON object
    raw_arguments: str  # the arguments as the model sent them (a JSON string, or not JSON)
    error: str | None = None  # why `arguments` is None, in one line

    def as_message(self) -> dict[str, Any]:
        """The call as an assistant message's `tool_calls` entry (OpenAI format)."""
        return {
            "id": self.id,
            "type": "function",
            "function": {"name": self.name, "arguments": self.raw_arguments},
        }


@dataclass
class Completion:
    content: str  # the reply text ("" when it only called tools)
    tool_calls: list[ToolCall] = field(default_factory=list)  # in the order the model made them
    finish_reason: str = "stop"  # "stop" | "tool_calls" | "length" | what a server said


def new_call_id() -> str:
    return f"call_{uuid.uuid4().hex[:12]}"


def make_call(name: Any, arguments: Any, call_id: str | None = None) -> ToolCall:
    """A ToolCall from a name and arguments that are a JSON string, an object or anything else."""
    call_id = call_id or new_call_id()
    name = name if isinstance(name, str) else ""
    if isinstance(arguments, str):
        raw = arguments
        try:
            decoded = json.loads(arguments) if arguments.strip() else {}
        except json.JSONDecodeError as exc:
            return ToolCall(call_id, name, None, raw, f"the arguments are not JSON: {exc.msg}")
    else:  # Ollama (and the text formats) give an object, not a string
        decoded = {} if arguments is None else arguments
        raw = json.dumps(decoded, ensure_ascii=False, default=str)
    if not isinstance(decoded, dict):
        kind = type(decoded).__name__
        return ToolCall(call_id, name, None, raw, f"the arguments are a JSON {kind}, not an object")
    return ToolCall(call_id, name, decoded, raw)


def from_openai(message: Message) -> list[ToolCall]:
    """The calls in a chat.completion's `choices[0].message.tool_calls`."""
    calls = []
    for entry in message.get("tool_calls") or []:
        entry = entry if isinstance(entry, dict) else {}
        function = entry.get("function")
        function = function if isinstance(function, dict) else {}
        call_id = entry.get("id") if isinstance(entry.get("id"), str) else None
        calls.append(make_call(function.get("name"), function.get("arguments"), call_id))
    return calls


def parse_tool_calls(text: str) -> tuple[str, list[ToolCall]]:
    """(the text without its tool calls, the calls) from what a local model wrote."""
    if "<tool_call>" in text:
        calls = [_from_json_text(body.strip()) for body in _BLOCK.findall(text)]
        return _BLOCK.sub("", text).strip(), calls
    stripped = text.strip()
    fenced = _FENCE.match(stripped)  # small models like to fence their JSON
    candidate = fenced.group(1) if fenced else stripped
    if candidate.startswith("{") and candidate.endswith("}"):
        try:
            data = json.loads(candidate)
        except json.JSONDecodeError:
            return stripped, []  # prose in braces, not a call
        if isinstance(data, dict) and "name" in data and ({"arguments", "parameters"} & set(data)):
            return "", [_from_object(data)]
    return stripped, []


def _from_json_text(body: str) -> ToolCall:
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        found = _NAME.search(body)  # so the error can at least say which tool it was
        name = found.group(1) if found else ""
        return ToolCall(new_call_id(), name, None, body, f"the tool call is not JSON: {exc.msg}")
    if not isinstance(data, dict):
        return ToolCall(new_call_id(), "", None, body, "the tool call is not a JSON object")
    return _from_object(data)


def _from_object(data: dict[str, Any]) -> ToolCall:
    arguments = data.get("arguments", data.get("parameters"))
    return make_call(data.get("name"), arguments)


def tools_prompt(tools: list[dict[str, Any]]) -> str:
    """The tools described in words, for a model whose chat template cannot show them."""
    lines = [
        "You can call these tools. To call one, reply with only",
        '<tool_call>{"name": "<tool name>", "arguments": {<arguments as JSON>}}</tool_call>',
        "and wait for its result. Tools:",
    ]
    for tool in tools:
        function = tool.get("function", tool)
        parameters = json.dumps(function.get("parameters", {}), ensure_ascii=False)
        lines.append(f"- {function.get('name')}: {function.get('description', '')} {parameters}")
    return "\n".join(lines)


def with_tools_prompt(messages: Messages, tools: list[dict[str, Any]]) -> Messages:
    """`messages` with the tools described at the end of the system message (one is added)."""
    described = tools_prompt(tools)
    out = [dict(m) for m in messages]
    if out and out[0].get("role") == "system":
        out[0]["content"] = f"{out[0].get('content') or ''}\n\n{described}".strip()
    else:
        out.insert(0, {"role": "system", "content": described})
    return out

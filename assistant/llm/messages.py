"""Chat messages as text, shared by every backend: the plain prompt, stop strings, streams.

Kept apart from the package's `__init__` so that the backends import it without importing
the package that loads them (no import cycle).
"""

from __future__ import annotations

import json
from typing import Any

Message = dict[str, Any]  # OpenAI chat message: role, content, optional tool_calls / tool_call_id
Messages = list[Message]

_ROLE_NAMES = {"system": "System", "user": "User", "assistant": "Assistant", "tool": "Tool"}


def plain_prompt(messages: Messages) -> str:
    """'System: …\\nUser: …\\nAssistant:' for models without a chat template."""
    names = tool_names_by_id(messages)
    lines = []
    for message in messages:
        role = str(message.get("role", "user"))
        label = _ROLE_NAMES.get(role, role.title())
        if role == "tool":
            name = message.get("name") or names.get(str(message.get("tool_call_id")), "")
            label = f"Tool ({name})" if name else "Tool"
        lines.append(f"{label}: {text_of(message)}")
    return "\n".join([*lines, "Assistant:"])


def text_of(message: Message) -> str:
    """The message's content, with an assistant's tool calls written as <tool_call> blocks."""
    content = message.get("content")
    parts = [content.strip()] if isinstance(content, str) and content.strip() else []
    for call in message.get("tool_calls") or []:
        function = call.get("function", {}) if isinstance(call, dict) else {}
        arguments = function.get("arguments", {})
        if isinstance(arguments, str):  # the OpenAI form: a JSON string
            arguments = json_or_text(arguments)
        block = json.dumps({"name": function.get("name", ""), "arguments": arguments})
        parts.append(f"<tool_call>{block}</tool_call>")
    return "\n".join(parts)


def json_or_text(text: str) -> Any:
    """`text` decoded as JSON, or `text` itself where it is not JSON (shown as it was sent)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def tool_names_by_id(messages: Messages) -> dict[str, str]:
    """tool_call_id → function name, from the assistant messages that made the calls."""
    return {
        str(call.get("id")): str(call.get("function", {}).get("name", ""))
        for message in messages
        for call in message.get("tool_calls") or []
        if isinstance(call, dict)
    }


def without_system(messages: Messages) -> Messages:
    """The system messages folded into the first user message, for templates that refuse them."""
    system = "\n\n".join(str(m.get("content") or "") for m in messages if m.get("role") == "system")
    rest = [dict(m) for m in messages if m.get("role") != "system"]
    if system and rest and rest[0].get("role") == "user":
        rest[0]["content"] = f"{system}\n\n{rest[0].get('content') or ''}"
    elif system:
        rest.insert(0, {"role": "user", "content": system})
    return rest


def cut_at_stop(text: str, stop: list[str] | None) -> str:
    """`text` up to the first occurrence of any stop string."""
    for marker in stop or []:
        if marker and marker in text:
            text = text[: text.index(marker)]
    return text


class StopFilter:
    """Turns streamed pieces into the text `generate` would return, piece by piece.

    It holds back what could be the start of a stop string (the next piece may complete
    it) and trailing whitespace (the reply may end there), so the pieces it lets through
    join to exactly `cut_at_stop(whole, stop).strip()`.
    """

    def __init__(self, stop: list[str] | None) -> None:
        self.markers = [marker for marker in stop or [] if marker]
        self.stopped = False  # a stop string arrived: nothing more is let through
        self._pending = ""
        self._started = False  # something visible was let through: no more leading spaces

    def feed(self, piece: str) -> str:
        """The part of the text so far that is safe to show now ("" while holding back)."""
        if self.stopped:
            return ""
        self._pending += piece
        cut = min(
            (self._pending.index(m) for m in self.markers if m in self._pending), default=None
        )
        if cut is not None:
            self.stopped = True
            safe, self._pending = self._pending[:cut].rstrip(), ""
        else:
            start = self._held_from()
            safe, self._pending = self._pending[:start], self._pending[start:]
        return self._shown(safe)

    def flush(self) -> str:
        """What was held back, once the stream has ended (its trailing whitespace dropped)."""
        rest, self._pending = ("" if self.stopped else self._pending.rstrip()), ""
        return self._shown(rest)

    def _held_from(self) -> int:
        """Where the held-back tail starts: trailing whitespace or a stop string's prefix."""
        text = self._pending
        start = len(text.rstrip())
        for marker in self.markers:
            for size in range(min(len(marker) - 1, len(text)), 0, -1):
                if text.endswith(marker[:size]):
                    start = min(start, len(text) - size)
                    break
        return len(text[:start].rstrip())  # a stop string would take the spaces before it too

    def _shown(self, text: str) -> str:
        if not self._started:
            text = text.lstrip()
            self._started = bool(text)
        return text

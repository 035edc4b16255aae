"""The "openai" backend: any server speaking OpenAI's chat/completions (Ollama, llama.cpp, vLLM).

Plain urllib, no client library. Streams are server-sent events read line by line, so the
timeout applies to connecting and to every read, and closing a stream closes the socket:
the server sees the client go away and stops generating.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

from assistant.errors import ConfigError, LLMError
from assistant.llm.messages import Messages, StopFilter, cut_at_stop
from assistant.llm.tools import Completion, from_openai, parse_tool_calls
from assistant.loopback import is_loopback

_SSE_FIELDS = (b"event", b"id", b"retry")  # server-sent event fields that carry no text


class OpenAICompatibleLLM:
    """Any server speaking OpenAI's POST {url}/chat/completions: Ollama, llama.cpp, vLLM."""

    def __init__(self, url: str, model: str, api_key: str = "", timeout_s: float = 60.0) -> None:
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ConfigError(f"llm.url = {url!r} is not an http(s) URL")
        self.url = url.rstrip("/")
        self.endpoint = f"{self.url}/chat/completions"
        self.model = model
        self.api_key = api_key
        self.timeout_s = timeout_s
        # A server on this machine is reached directly, whatever *_proxy variables say.
        handlers = [urllib.request.ProxyHandler({})] if is_loopback(parsed.hostname) else []
        self._opener = urllib.request.build_opener(*handlers)

    def generate(
        self, messages: Messages, *, max_tokens: int, stop: list[str] | None = None
    ) -> str:
        raw = self._post(self._body(messages, max_tokens, stop, stream=False))
        reply = self._decode(raw)
        try:
            content = reply["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            content = None
        if not isinstance(content, str):
            raise LLMError(
                f"the LLM server at {self.url} sent no choices[0].message.content: {_snippet(raw)}"
            )
        return cut_at_stop(content, stop).strip()

    def stream(
        self, messages: Messages, *, max_tokens: int, stop: list[str] | None = None
    ) -> Iterator[str]:
        """The reply's text as the server sends it; closing this generator hangs up."""
        response = self._open(self._body(messages, max_tokens, stop, stream=True))
        try:
            cut = StopFilter(stop)
            for content in self._contents(response):
                shown = cut.feed(content)
                if shown:
                    yield shown
                if cut.stopped:  # the server may not honour `stop`: hang up here
                    return
            rest = cut.flush()
            if rest:
                yield rest
        finally:
            response.close()

    def complete(
        self, messages: Messages, *, tools: list[dict[str, Any]], max_tokens: int
    ) -> Completion:
        """One step of tool use: the reply's text, and the calls it asks for."""
        body = self._body(messages, max_tokens, None, stream=False)
        body.update(tools=tools, tool_choice="auto")
        raw = self._post(body)
        reply = self._decode(raw)
        try:
            choice = reply["choices"][0]
            message = choice["message"]
            if not isinstance(message, dict):
                raise TypeError
        except (KeyError, IndexError, TypeError):
            raise LLMError(
                f"the LLM server at {self.url} sent no choices[0].message: {_snippet(raw)}"
            ) from None
        content = message.get("content")
        content = content if isinstance(content, str) else ""  # None when it only called tools
        calls = from_openai(message)
        if not calls and "<tool_call>" in content:  # llama.cpp without --jinja leaves them as text
            content, calls = parse_tool_calls(content)
        finish = str(choice.get("finish_reason") or "stop")
        if calls and finish != "length":  # Ollama says "stop" even when it called tools
            finish = "tool_calls"
        return Completion(content=content.strip(), tool_calls=calls, finish_reason=finish)

    # --- HTTP --------------------------------------------------------------------------------

    def _body(
        self, messages: Messages, max_tokens: int, stop: list[str] | None, *, stream: bool
    ) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "max_tokens": max_tokens,
            "temperature": 0,
            "stream": stream,
        }
        if stop:
            body["stop"] = stop
        return body

    def _open(self, body: dict[str, Any]) -> http.client.HTTPResponse:
        """The server's response, its status 200 (anything else is an LLMError)."""
        accept = "text/event-stream" if body["stream"] else "application/json"
        headers = {"Content-Type": "application/json", "Accept": accept}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(
            self.endpoint, data=json.dumps(body).encode("utf-8"), headers=headers, method="POST"
        )
        try:
            return self._opener.open(request, timeout=self.timeout_s)
        except urllib.error.HTTPError as exc:
            try:
                detail = _error_detail(exc.read())
            finally:
                exc.close()
            raise LLMError(
                f"the LLM server at {self.url} answered HTTP {exc.code}{detail}"
            ) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, ConnectionRefusedError):
                why = "connection refused (is the server running?)"
            elif isinstance(reason, TimeoutError):
                why = f"no answer within {self.timeout_s:g} s"
            else:
                why = " ".join(str(reason).split())
            raise LLMError(f"cannot reach the LLM server at {self.url}: {why}") from None
        except (TimeoutError, OSError, http.client.HTTPException) as exc:
            raise self._lost(exc, waiting="no answer within") from None

    def _post(self, body: dict[str, Any]) -> bytes:
        with self._open(body) as response:
            try:
                return bytes(response.read())
            except (TimeoutError, OSError, http.client.HTTPException) as exc:
                raise self._lost(exc, waiting="no answer within") from None

    def _lost(self, exc: BaseException, *, waiting: str) -> LLMError:
        """The one-line error for a connection that timed out or broke."""
        if isinstance(exc, TimeoutError):
            return LLMError(f"the LLM server at {self.url} sent {waiting} {self.timeout_s:g} s")
        why = " ".join(str(exc).split()) or type(exc).__name__
        return LLMError(f"lost the connection to the LLM server at {self.url}: {why}")

    def _decode(self, raw: bytes) -> Any:
        try:
            return json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise LLMError(
                f"the LLM server at {self.url} sent a reply that is not JSON: {_snippet(raw)}"
            ) from None

    def _contents(self, response: http.client.HTTPResponse) -> Iterator[str]:
        """The `delta.content` of each streamed chunk, until `data: [DONE]`."""
        while True:
            try:
                line = response.readline()
            except (TimeoutError, OSError, http.client.HTTPException) as exc:
                raise self._lost(exc, waiting="nothing for") from None
            if not line:
                raise LLMError(f"the LLM server at {self.url} ended the stream before [DONE]")
            line = line.strip()
            if not line or line.startswith(b":"):  # event separators and keep-alive comments
                continue
            name, _, value = line.partition(b":")
            if name in _SSE_FIELDS:
                continue
            if name != b"data":
                raise LLMError(
                    f"the LLM server at {self.url} sent a line that is not a server-sent event: "
                    f"{_snippet(line)}"
                )
            if value.strip() == b"[DONE]":
                return
            content = self._chunk_content(value)
            if content:
                yield content

    def _chunk_content(self, data: bytes) -> str:
        try:
            chunk = json.loads(data)
        except (UnicodeDecodeError, json.JSONDecodeError):
            chunk = None
        if not isinstance(chunk, dict):
            raise LLMError(
                f"the LLM server at {self.url} sent an event that is not a JSON object: "
                f"{_snippet(data)}"
            )
        if "error" in chunk:  # vLLM and llama.cpp report a failure mid-stream this way
            raise LLMError(f"the LLM server at {self.url} failed mid-stream{_error_detail(data)}")
        choices = chunk.get("choices") or [{}]  # the usage chunk at the end has no choices
        delta = choices[0].get("delta") if isinstance(choices[0], dict) else None
        content = delta.get("content") if isinstance(delta, dict) else None
        return content if isinstance(content, str) else ""


def _error_detail(raw: bytes) -> str:
    """': message' from an error body ({"error": {"message": …}} or text), or ''."""
    try:
        data = json.loads(raw)
        error = data.get("error", data) if isinstance(data, dict) else data
        message = error.get("message", error) if isinstance(error, dict) else error
        text = str(message)
    except (UnicodeDecodeError, json.JSONDecodeError, AttributeError):
        text = raw.decode("utf-8", "replace")
    return f": {_snippet(text.encode('utf-8'))}" if text.strip() else ""


def _snippet(raw: bytes, limit: int = 120) -> str:
    """The start of a reply body on one line, for an error message."""
    text = " ".join(raw.decode("utf-8", "replace").split())
    if not text:
        return "(empty)"
    return text if len(text) <= limit else text[: limit - 1] + "…"

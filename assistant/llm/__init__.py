"""Generation behind one interface: none (extractive fallbacks), a local model, or a server.

Skills call `LLM.generate(messages, max_tokens=…)` with chat-style messages, `LLM.stream`
to show a reply as it is written, and `LLM.complete(messages, tools=…)` for one step of
tool use; they never know which backend answers. The `llm` service (`make_llm`) is None for
the default "none" backend; callers then answer extractively and say so. torch and
transformers are imported only when the "transformers" backend is used (`local.py`), so
the prompt stays fast without it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from assistant.config import LLMConfig
from assistant.errors import ConfigError, GenerationStopped, LLMError
from assistant.llm.messages import Message, Messages, cut_at_stop, plain_prompt
from assistant.llm.remote import OpenAICompatibleLLM
from assistant.llm.tools import Completion, ToolCall, parse_tool_calls

if TYPE_CHECKING:
    from assistant.llm.local import TransformersLLM
    from assistant.services import Services

__all__ = [
    "LLM",
    "Completion",
    "GenerationStopped",
    "LLMError",
    "Message",
    "Messages",
    "OpenAICompatibleLLM",
    "ToolCall",
    "TransformersLLM",
    "cut_at_stop",
    "generate_text",
    "load_llm",
    "make_llm",
    "parse_tool_calls",
    "plain_prompt",
]


class LLM(Protocol):
    """A text generator: chat messages in, the reply's text out (greedy, stripped)."""

    def generate(
        self, messages: Messages, *, max_tokens: int, stop: list[str] | None = None
    ) -> str:
        """The reply to `messages`, at most `max_tokens` long, cut before any `stop` string."""
        ...

    def stream(
        self, messages: Messages, *, max_tokens: int, stop: list[str] | None = None
    ) -> Iterator[str]:
        """The same reply in pieces as they arrive; closing the iterator stops the generation."""
        ...

    def complete(
        self, messages: Messages, *, tools: list[dict[str, Any]], max_tokens: int
    ) -> Completion:
        """One step of tool use; `tools` in OpenAI's format ({"type": "function", …})."""
        ...


def generate_text(
    llm: LLM,
    messages: Messages,
    *,
    max_tokens: int,
    stop: list[str] | None = None,
    on_text: Callable[[str], None] | None = None,
) -> str:
    """The reply's text; with `on_text`, streamed to it piece by piece on the way.

    Ctrl-C while streaming (a KeyboardInterrupt, from the stream or from `on_text`) closes
    the stream, which stops the generation, and raises GenerationStopped with the text so far.
    """
    if on_text is None:
        return llm.generate(messages, max_tokens=max_tokens, stop=stop)
    pieces: list[str] = []
    stream = llm.stream(messages, max_tokens=max_tokens, stop=stop)
    try:
        for piece in stream:
            pieces.append(piece)
            on_text(piece)
    except KeyboardInterrupt:
        _close(stream)
        raise GenerationStopped("".join(pieces).strip()) from None
    finally:
        _close(stream)  # also when on_text raised something else
    return cut_at_stop("".join(pieces), stop).strip()


def _close(stream: Iterator[str]) -> None:
    close = getattr(stream, "close", None)  # a generator has one; a plain iterator needs none
    if close is not None:
        close()


def make_llm(services: Services) -> LLM | None:
    """The `llm` service: the configured backend, loaded once per assistant."""
    return load_llm(services.config.llm)


def load_llm(config: LLMConfig) -> LLM | None:
    """A new instance of the configured backend; None for backend "none"."""
    if config.backend == "none":
        return None
    if config.backend == "transformers":
        if not config.model_path:
            raise ConfigError(
                "llm.backend = 'transformers' needs llm.model_path (a model directory)"
            )
        from assistant.llm.local import TransformersLLM

        return TransformersLLM(Path(config.model_path).expanduser())
    if config.backend == "openai":
        if not config.url or not config.model:
            raise ConfigError("llm.backend = 'openai' needs llm.url and llm.model")
        api_key = ""
        if config.api_key_env:
            api_key = os.environ.get(config.api_key_env, "")
            if not api_key:
                raise ConfigError(
                    f"llm.api_key_env names {config.api_key_env}, which is not set or empty"
                )
        return OpenAICompatibleLLM(config.url, config.model, api_key, config.timeout_s)
    raise ConfigError(f"llm.backend = {config.backend!r} is not a known backend")


def __getattr__(name: str) -> Any:
    """`assistant.llm.TransformersLLM`, imported (with torch) only when asked for."""
    if name == "TransformersLLM":
        from assistant.llm.local import TransformersLLM

        return TransformersLLM
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

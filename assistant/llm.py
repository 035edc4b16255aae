"""Generation behind one interface: none (extractive fallbacks), a local model, or a server.

Skills call `LLM.generate(messages, max_tokens=…)` with chat-style messages and never
know which backend answers. The `llm` service (`make_llm`) is None for the default "none"
backend; callers then answer extractively and say so. torch and transformers are imported
only when the "transformers" backend is configured, so the prompt stays fast without it.
"""

from __future__ import annotations

import json
import os
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from assistant.config import LLMConfig
from assistant.errors import ConfigError, LLMError
from assistant.loopback import is_loopback

if TYPE_CHECKING:
    from assistant.services import Services

Messages = list[dict[str, str]]  # [{"role": "system" | "user" | "assistant", "content": ...}]

_ROLE_NAMES = {"system": "System", "user": "User", "assistant": "Assistant"}


class LLM(Protocol):
    """A text generator: chat messages in, the reply's text out (greedy, stripped)."""

    def generate(
        self, messages: Messages, *, max_tokens: int, stop: list[str] | None = None
    ) -> str:
        """The reply to `messages`, at most `max_tokens` long, cut before any `stop` string."""
        ...


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


def plain_prompt(messages: Messages) -> str:
    """'System: …\\nUser: …\\nAssistant:' for models without a chat template."""
    lines = [f"{_ROLE_NAMES.get(m['role'], m['role'].title())}: {m['content']}" for m in messages]
    return "\n".join([*lines, "Assistant:"])


def cut_at_stop(text: str, stop: list[str] | None) -> str:
    """`text` up to the first occurrence of any stop string."""
    for marker in stop or []:
        if marker and marker in text:
            text = text[: text.index(marker)]
    return text


class TransformersLLM:
    """A local causal LM (any AutoModelForCausalLM directory) on CPU, greedy decoding."""

    def __init__(self, model_dir: Path) -> None:
        if not model_dir.is_dir():
            raise LLMError(f"llm.model_path {str(model_dir)!r} is not a model directory")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a local directory, never a hub id
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # a bar per load would only be noise
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True)
            # float32: bf16/fp16 matmuls are slow or missing on many CPUs.
            self.model = AutoModelForCausalLM.from_pretrained(
                str(model_dir), local_files_only=True, dtype=torch.float32
            )
        except (OSError, ValueError, KeyError) as exc:
            reason = " ".join(str(exc).split())[:300]
            raise LLMError(f"cannot load the model in {model_dir}: {reason}") from None
        self.model.eval()
        self.torch = torch
        self._lock = threading.Lock()  # one generation at a time: the server shares this model

    def prompt(self, messages: Messages) -> str:
        """The messages as the model was trained to read them (its chat template if any)."""
        from jinja2 import TemplateError

        if not getattr(self.tokenizer, "chat_template", None):
            return plain_prompt(messages)
        try:
            return str(
                self.tokenizer.apply_chat_template(
                    messages, tokenize=False, add_generation_prompt=True
                )
            )
        except TemplateError:  # some (Gemma's) refuse a system role: fold it into the user's
            return str(
                self.tokenizer.apply_chat_template(
                    _without_system(messages), tokenize=False, add_generation_prompt=True
                )
            )

    def generate(
        self, messages: Messages, *, max_tokens: int, stop: list[str] | None = None
    ) -> str:
        from transformers import GenerationConfig, StoppingCriteriaList

        templated = bool(getattr(self.tokenizer, "chat_template", None))
        # A chat template already writes the BOS token; adding it again confuses the model.
        encoded = self.tokenizer(
            self.prompt(messages), return_tensors="pt", add_special_tokens=not templated
        )
        prompt_length = encoded["input_ids"].shape[1]
        context = getattr(self.model.config, "max_position_embeddings", None)
        if context is not None:
            if prompt_length >= context:
                raise LLMError(
                    f"the prompt is {prompt_length} tokens; the model reads at most {context}"
                )
            max_tokens = min(max_tokens, context - prompt_length)
        eos = self.model.generation_config.eos_token_id  # a list for Llama 3-style models
        eos = eos if eos is not None else self.tokenizer.eos_token_id
        pad = self.tokenizer.pad_token_id
        pad = pad if pad is not None else (eos[0] if isinstance(eos, list) else eos)
        # A fresh config: a checkpoint's sampling defaults (temperature, top_p) don't apply.
        generation = GenerationConfig(
            max_new_tokens=max_tokens, do_sample=False, eos_token_id=eos, pad_token_id=pad
        )
        criteria = (
            StoppingCriteriaList([_stop_criterion(self.tokenizer, prompt_length, stop)])
            if stop
            else None
        )
        try:
            with self._lock, self.torch.inference_mode():
                output = self.model.generate(
                    **encoded,
                    generation_config=generation,
                    stopping_criteria=criteria,
                )
        except RuntimeError as exc:
            reason = " ".join(str(exc).split())[:300]
            raise LLMError(f"the model failed while generating: {reason}") from None
        text = self.tokenizer.decode(output[0, prompt_length:], skip_special_tokens=True)
        return cut_at_stop(str(text), stop).strip()


def _without_system(messages: Messages) -> Messages:
    system = "\n\n".join(m["content"] for m in messages if m["role"] == "system")
    rest = [dict(m) for m in messages if m["role"] != "system"]
    if system and rest and rest[0]["role"] == "user":
        rest[0]["content"] = f"{system}\n\n{rest[0]['content']}"
    elif system:
        rest.insert(0, {"role": "user", "content": system})
    return rest


def _stop_criterion(tokenizer: Any, prompt_length: int, stop: list[str] | None) -> Any:
    """Stops once the decoded reply holds a stop string (works with any tokenizer)."""
    import torch
    from transformers import StoppingCriteria

    markers = [marker for marker in stop or [] if marker]

    class StopStrings(StoppingCriteria):
        def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
            done = [
                any(marker in tokenizer.decode(row[prompt_length:]) for marker in markers)
                for row in input_ids
            ]
            return torch.tensor(done, dtype=torch.bool, device=input_ids.device)

    return StopStrings()


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
        body: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "max_tokens": max_tokens,
            "temperature": 0,
            "stream": False,
        }
        if stop:
            body["stop"] = stop
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(
            self.endpoint, data=json.dumps(body).encode("utf-8"), headers=headers, method="POST"
        )
        raw = self._post(request)
        try:
            reply = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise LLMError(
                f"the LLM server at {self.url} sent a reply that is not JSON: {_snippet(raw)}"
            ) from None
        try:
            content = reply["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            content = None
        if not isinstance(content, str):
            raise LLMError(
                f"the LLM server at {self.url} sent no choices[0].message.content: {_snippet(raw)}"
            )
        return cut_at_stop(content, stop).strip()

    def _post(self, request: urllib.request.Request) -> bytes:
        try:
            with self._opener.open(request, timeout=self.timeout_s) as response:
                return bytes(response.read())
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
        except TimeoutError:
            raise LLMError(
                f"the LLM server at {self.url} sent no answer within {self.timeout_s:g} s"
            ) from None
        except OSError as exc:  # connection reset, broken pipe, ...
            why = " ".join(str(exc).split())
            raise LLMError(f"lost the connection to the LLM server at {self.url}: {why}") from None


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

"""The "transformers" backend: a local causal LM directory on the CPU, greedy decoding.

Imported only when that backend is configured: torch and transformers take seconds to load.
A stream runs `model.generate` in a thread that feeds a `TextIteratorStreamer`; closing the
stream sets an event that a stopping criterion checks after every token.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from assistant.errors import LLMError
from assistant.llm.messages import (
    Messages,
    StopFilter,
    cut_at_stop,
    json_or_text,
    plain_prompt,
    without_system,
)
from assistant.llm.tools import Completion, parse_tool_calls, with_tools_prompt


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

    def prompt(self, messages: Messages, tools: list[dict[str, Any]] | None = None) -> str:
        """The messages as the model was trained to read them (its chat template if any).

        Tools go to the template when it reads a `tools` variable; otherwise (no template,
        or one that ignores tools) they are described in the system message.
        """
        from jinja2 import TemplateError

        template = getattr(self.tokenizer, "chat_template", None)
        if tools and not (template and "tools" in str(template)):
            messages = with_tools_prompt(messages, tools)
            tools = None
        if not template:
            return plain_prompt(messages)
        readable = _for_template(messages)
        try:
            return self._apply_template(readable, tools)
        except TemplateError:  # some (Gemma's) refuse a system role: fold it into the user's
            return self._apply_template(without_system(readable), tools)

    def generate(
        self, messages: Messages, *, max_tokens: int, stop: list[str] | None = None
    ) -> str:
        text, _ = self._generate(self.prompt(messages), max_tokens, stop)
        return cut_at_stop(text, stop).strip()

    def stream(
        self, messages: Messages, *, max_tokens: int, stop: list[str] | None = None
    ) -> Iterator[str]:
        """The reply's text as it is generated; closing this generator stops the model."""
        from transformers import TextIteratorStreamer

        encoded, prompt_length, max_tokens = self._encode(self.prompt(messages), max_tokens)
        streamer = TextIteratorStreamer(self.tokenizer, skip_prompt=True, skip_special_tokens=True)
        cancelled = threading.Event()
        failures: list[LLMError] = []

        def run() -> None:
            try:
                self._run_model(encoded, prompt_length, max_tokens, stop, cancelled, streamer)
            except Exception as exc:  # whatever it was, the reader must wake up and say so
                reason = " ".join(str(exc).split())[:300] or type(exc).__name__
                failures.append(
                    exc
                    if isinstance(exc, LLMError)
                    else LLMError(f"the model failed while generating: {reason}")
                )
                streamer.on_finalized_text("", stream_end=True)

        thread = threading.Thread(target=run, name="llm-stream", daemon=True)
        thread.start()
        try:
            cut = StopFilter(stop)
            for piece in streamer:
                shown = cut.feed(piece)
                if shown:
                    yield shown
                if cut.stopped:
                    return
            if failures:
                raise failures[0]
            rest = cut.flush()
            if rest:
                yield rest
        finally:
            cancelled.set()  # the model stops after its current token
            thread.join()

    def complete(
        self, messages: Messages, *, tools: list[dict[str, Any]], max_tokens: int
    ) -> Completion:
        """One step of tool use: the model sees the tools; its calls are read from its text."""
        text, hit_length = self._generate(self.prompt(messages, tools), max_tokens, None)
        content, calls = parse_tool_calls(text)
        finish = "tool_calls" if calls else ("length" if hit_length else "stop")
        return Completion(content=content, tool_calls=calls, finish_reason=finish)

    # --- generation ---------------------------------------------------------------------------

    def _apply_template(self, messages: Messages, tools: list[dict[str, Any]] | None) -> str:
        shown: list[dict[Any, Any] | Callable[..., Any]] | None = list(tools) if tools else None
        return str(
            self.tokenizer.apply_chat_template(
                messages, tools=shown, tokenize=False, add_generation_prompt=True
            )
        )

    def _encode(self, prompt: str, max_tokens: int) -> tuple[Any, int, int]:
        """(the encoded prompt, its length in tokens, max_tokens capped by the context)."""
        templated = bool(getattr(self.tokenizer, "chat_template", None))
        # A chat template already writes the BOS token; adding it again confuses the model.
        encoded = self.tokenizer(prompt, return_tensors="pt", add_special_tokens=not templated)
        prompt_length = int(encoded["input_ids"].shape[1])
        context = getattr(self.model.config, "max_position_embeddings", None)
        if context is not None:
            if prompt_length >= context:
                raise LLMError(
                    f"the prompt is {prompt_length} tokens; the model reads at most {context}"
                )
            max_tokens = min(max_tokens, context - prompt_length)
        return encoded, prompt_length, max_tokens

    def _generate(self, prompt: str, max_tokens: int, stop: list[str] | None) -> tuple[str, bool]:
        """(the decoded reply, whether it ran to max_tokens)."""
        encoded, prompt_length, max_tokens = self._encode(prompt, max_tokens)
        output = self._run_model(encoded, prompt_length, max_tokens, stop, None, None)
        reply = output[0, prompt_length:]
        text = self.tokenizer.decode(reply, skip_special_tokens=True)
        return str(text), int(reply.shape[0]) >= max_tokens

    def _run_model(
        self,
        encoded: Any,
        prompt_length: int,
        max_tokens: int,
        stop: list[str] | None,
        cancelled: threading.Event | None,
        streamer: Any,
    ) -> Any:
        from transformers import GenerationConfig, StoppingCriteriaList

        eos = self.model.generation_config.eos_token_id  # a list for Llama 3-style models
        eos = eos if eos is not None else self.tokenizer.eos_token_id
        pad = self.tokenizer.pad_token_id
        pad = pad if pad is not None else (eos[0] if isinstance(eos, list) else eos)
        # A fresh config: a checkpoint's sampling defaults (temperature, top_p) don't apply.
        generation = GenerationConfig(
            max_new_tokens=max_tokens, do_sample=False, eos_token_id=eos, pad_token_id=pad
        )
        criteria = []
        if stop:
            criteria.append(_stop_criterion(self.tokenizer, prompt_length, stop))
        if cancelled is not None:
            criteria.append(_cancel_criterion(cancelled))
        try:
            with self._lock, self.torch.inference_mode():
                if cancelled is not None and cancelled.is_set():  # closed while waiting
                    raise LLMError("the generation was stopped")
                return self.model.generate(
                    **encoded,
                    generation_config=generation,
                    stopping_criteria=StoppingCriteriaList(criteria) if criteria else None,
                    streamer=streamer,
                )
        except RuntimeError as exc:
            reason = " ".join(str(exc).split())[:300]
            raise LLMError(f"the model failed while generating: {reason}") from None


def _for_template(messages: Messages) -> Messages:
    """Messages as chat templates expect them: content a string, tool-call arguments a dict."""
    readable = []
    for message in messages:
        copy = dict(message)
        copy["content"] = message.get("content") or ""  # templates print None as "None"
        if message.get("tool_calls"):
            copy["tool_calls"] = [_decoded_call(call) for call in message["tool_calls"]]
        readable.append(copy)
    return readable


def _decoded_call(call: dict[str, Any]) -> dict[str, Any]:
    function = dict(call.get("function", {}))
    if isinstance(function.get("arguments"), str):
        function["arguments"] = json_or_text(function["arguments"])
    return {**call, "function": function}


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


def _cancel_criterion(cancelled: threading.Event) -> Any:
    """Stops every row once `cancelled` is set: the reader closed the stream."""
    import torch
    from transformers import StoppingCriteria

    class Cancelled(StoppingCriteria):
        def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
            done = cancelled.is_set()
            return torch.full(
                (input_ids.shape[0],), done, dtype=torch.bool, device=input_ids.device
            )

    return Cancelled()

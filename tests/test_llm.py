"""The LLM backends: a real tiny local model, a real HTTP server on loopback, the [llm] config.

The transformers backend loads a 2-layer GPT-2 with a WordLevel tokenizer that the test
builds, trains on a few sentences and saves itself (tests/tiny_lm.py; random weights: the
text is noise, the loading and decoding path is the real one). The openai backend talks
to an http.server on 127.0.0.1 that speaks the chat/completions format; it stands in for
Ollama, llama.cpp or vLLM, none of which can run here.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from assistant import config, llm
from assistant.config import Config, LLMConfig
from assistant.errors import ConfigError, LLMError
from assistant.services import Services
from tests.tiny_lm import build_tiny_model

MESSAGES = [
    {"role": "system", "content": "answer the question"},
    {"role": "user", "content": "where is the desk lamp"},
]
CHAT_TEMPLATE = (
    "{% for m in messages %}<{{ m['role'] }}> {{ m['content'] }}\n{% endfor %}"
    "{% if add_generation_prompt %}<assistant>{% endif %}"
)
# Gemma-style: a template that refuses the system role.
NO_SYSTEM_TEMPLATE = (
    "{% for m in messages %}{% if m['role'] == 'system' %}"
    "{{ raise_exception('System role not supported') }}{% endif %}"
    "<{{ m['role'] }}> {{ m['content'] }}\n{% endfor %}<assistant>"
)


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    return build_tiny_model(tmp_path_factory.mktemp("tiny-gpt2"))


def test_none_backend_loads_nothing_and_never_imports_torch():
    script = (
        "import sys; from assistant import llm; from assistant.config import LLMConfig; "
        "assert llm.load_llm(LLMConfig()) is None; "
        "import knowledge.grounded; print('torch' in sys.modules, 'transformers' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]


def test_transformers_backend_generates_text_from_a_saved_model(tiny_model, store):
    model = llm.load_llm(LLMConfig(backend="transformers", model_path=str(tiny_model)))
    assert isinstance(model, llm.TransformersLLM)
    assert model.prompt(MESSAGES) == (
        "System: answer the question\nUser: where is the desk lamp\nAssistant:"
    )
    text = model.generate(MESSAGES, max_tokens=6)
    assert text and isinstance(text, str)
    assert len(model.tokenizer(text, add_special_tokens=False)["input_ids"]) <= 6
    assert model.generate(MESSAGES, max_tokens=6) == text  # greedy: the same every time
    # The llm service loads it once per assistant: every skill shares that model.
    config = Config(llm=LLMConfig(backend="transformers", model_path=str(tiny_model)))
    services = Services(config, store, factories={"llm": llm.make_llm})
    assert services.llm is services.llm and isinstance(services.llm, llm.TransformersLLM)


def test_transformers_backend_cuts_at_a_stop_string(tiny_model):
    model = llm.load_llm(LLMConfig(backend="transformers", model_path=str(tiny_model)))
    assert model is not None
    text = model.generate(MESSAGES, max_tokens=8)
    marker = text.split()[len(text.split()) // 2]
    expected = text[: text.index(marker)].strip()
    assert len(expected) < len(text)
    assert model.generate(MESSAGES, max_tokens=8, stop=[marker]) == expected


def test_transformers_backend_uses_the_chat_template(tmp_path):
    model = llm.TransformersLLM(build_tiny_model(tmp_path / "chat", CHAT_TEMPLATE))
    assert model.prompt(MESSAGES) == (
        "<system> answer the question\n<user> where is the desk lamp\n<assistant>"
    )
    assert model.generate(MESSAGES, max_tokens=4)
    model.tokenizer.chat_template = NO_SYSTEM_TEMPLATE
    assert (
        model.prompt(MESSAGES)
        == "<user> answer the question\n\nwhere is the desk lamp\n<assistant>"
    )


def test_transformers_backend_errors_are_one_line(tiny_model, tmp_path):
    model = llm.TransformersLLM(tiny_model)
    long = [{"role": "user", "content": "the lamp " * 80}]
    with pytest.raises(LLMError, match=r"the prompt is \d+ tokens; the model reads at most 64"):
        model.generate(long, max_tokens=4)
    with pytest.raises(LLMError, match=r"is not a model directory") as missing:
        llm.load_llm(LLMConfig(backend="transformers", model_path=str(tmp_path / "nope")))
    assert "\n" not in str(missing.value)
    (tmp_path / "empty").mkdir()
    with pytest.raises(LLMError, match=r"cannot load the model in") as empty:
        llm.TransformersLLM(tmp_path / "empty")
    assert "\n" not in str(empty.value)


# --- openai backend against a real server on loopback ---------------------------------------


class ChatServer(ThreadingHTTPServer):
    daemon_threads = True
    requests: list[dict[str, Any]]

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the timeout test hangs up on a handler that is still sleeping


class ChatHandler(BaseHTTPRequestHandler):
    """/ok, /fail, /garbage, /empty, /slow: each base URL answers one way."""

    server: ChatServer

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append(
            {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
        )
        mode = self.path.split("/")[1]
        if mode == "ok":
            reply = {
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "model": body["model"],
                "choices": [
                    {
                        "index": 0,
                        "message": {
                            "role": "assistant",
                            "content": " The lamp is in the study [1]. ",
                        },
                        "finish_reason": "stop",
                    }
                ],
            }
            self.send(200, json.dumps(reply).encode())
        elif mode == "fail":
            self.send(
                500, b'{"error": {"message": "model \\"tiny\\" not found,\\n try pulling it"}}'
            )
        elif mode == "garbage":
            self.send(200, b"<html>\n<body>Bad gateway</body>\n</html>")
        elif mode == "empty":
            self.send(200, b'{"choices": []}')
        elif mode == "slow":
            time.sleep(1.0)
            self.send(200, b"{}")

    def send(self, status: int, payload: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[ChatServer]:
    chat = ChatServer(("127.0.0.1", 0), ChatHandler)
    chat.requests = []
    thread = threading.Thread(target=chat.serve_forever, daemon=True)
    thread.start()
    yield chat
    chat.shutdown()
    chat.server_close()
    thread.join()


def base(server: ChatServer, mode: str) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/{mode}/v1"


def openai_config(url: str, **overrides: Any) -> LLMConfig:
    return LLMConfig(backend="openai", url=url, model="tiny", **overrides)


def test_openai_backend_posts_chat_completions(server, monkeypatch):
    monkeypatch.setenv("TEST_LLM_KEY", "sk-local")
    model = llm.load_llm(openai_config(base(server, "ok") + "/", api_key_env="TEST_LLM_KEY"))
    assert isinstance(model, llm.OpenAICompatibleLLM)
    assert model.generate(MESSAGES, max_tokens=32, stop=["\n\n"]) == "The lamp is in the study [1]."
    sent = server.requests[-1]
    assert sent["path"] == "/ok/v1/chat/completions"
    assert sent["auth"] == "Bearer sk-local"
    assert sent["body"] == {
        "model": "tiny",
        "messages": MESSAGES,
        "max_tokens": 32,
        "temperature": 0,
        "stream": False,
        "stop": ["\n\n"],
    }


def one_line_error(model: llm.LLM) -> str:
    with pytest.raises(LLMError) as caught:
        model.generate(MESSAGES, max_tokens=8)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_openai_backend_errors_are_one_line(server):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now: the connection is refused
    refused = llm.OpenAICompatibleLLM(f"http://127.0.0.1:{port}/v1", "tiny")
    assert one_line_error(refused) == (
        f"cannot reach the LLM server at http://127.0.0.1:{port}/v1: "
        "connection refused (is the server running?)"
    )
    failing = llm.OpenAICompatibleLLM(base(server, "fail"), "tiny")
    assert one_line_error(failing).endswith(
        'answered HTTP 500: model "tiny" not found, try pulling it'
    )
    garbage = llm.OpenAICompatibleLLM(base(server, "garbage"), "tiny")
    assert "sent a reply that is not JSON: <html> <body>Bad gateway" in one_line_error(garbage)
    empty = llm.OpenAICompatibleLLM(base(server, "empty"), "tiny")
    assert "sent no choices[0].message.content" in one_line_error(empty)
    slow = llm.OpenAICompatibleLLM(base(server, "slow"), "tiny", timeout_s=0.2)
    assert "no answer within 0.2 s" in one_line_error(slow)


def test_openai_backend_needs_a_usable_config(monkeypatch):
    monkeypatch.delenv("TEST_LLM_KEY", raising=False)
    with pytest.raises(ConfigError, match=r"needs llm\.url and llm\.model"):
        llm.load_llm(LLMConfig(backend="openai", url="http://127.0.0.1:1/v1"))
    with pytest.raises(ConfigError, match=r"TEST_LLM_KEY, which is not set"):
        llm.load_llm(openai_config("http://127.0.0.1:1/v1", api_key_env="TEST_LLM_KEY"))
    with pytest.raises(ConfigError, match=r"llm\.url = 'file:///etc/passwd' is not an http"):
        llm.load_llm(openai_config("file:///etc/passwd"))
    with pytest.raises(ConfigError, match=r"needs llm\.model_path"):
        llm.load_llm(LLMConfig(backend="transformers"))


# --- [llm] in config.toml and the environment -----------------------------------------------


def test_llm_section_is_read_from_toml_and_environment(tmp_path):
    (tmp_path / "config.toml").write_text(
        '[llm]\nbackend = "openai"\nurl = "http://localhost:11434/v1"\nmodel = "llama3.2:1b"\n'
        "max_tokens = 128\n"
    )
    effective = config.load(tmp_path, environ={"ASSISTANT_LLM_TIMEOUT_S": "5"})
    assert effective.llm == LLMConfig(
        backend="openai",
        url="http://localhost:11434/v1",
        model="llama3.2:1b",
        max_tokens=128,
        timeout_s=5.0,
    )
    assert config.load(tmp_path / "nowhere", environ={}).llm == LLMConfig()  # backend "none"


def test_unknown_llm_backend_is_a_one_line_config_error(tmp_path):
    with pytest.raises(
        ConfigError,
        match=r"ASSISTANT_LLM_BACKEND: llm\.backend = 'gpt4' is not one of none, transformers, openai",
    ):
        config.load(tmp_path, environ={"ASSISTANT_LLM_BACKEND": "gpt4"})
    (tmp_path / "config.toml").write_text('[llm]\nbackend = "ollama"\n')
    with pytest.raises(ConfigError, match=r"config\.toml: llm\.backend = 'ollama' is not one of"):
        config.load(tmp_path, environ={})

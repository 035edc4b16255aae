"""Streaming, stopping and tool calls in both LLM backends.

The openai backend talks to tests/openai_server.py, a real HTTP server on 127.0.0.1 that
answers from a script: it stands in for Ollama, llama.cpp or vLLM, which cannot run here.
The transformers backend runs the tiny random GPT-2 of tests/tiny_lm.py for real (its text
is noise, so the tool-call parsers are tested on hand-written model output instead).
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant import llm
from assistant.errors import GenerationStopped, LLMError
from assistant.llm.messages import StopFilter
from assistant.llm.tools import parse_tool_calls
from tests.openai_server import ScriptedServer, Step
from tests.tiny_lm import build_tiny_model

MESSAGES = [
    {"role": "system", "content": "answer the question"},
    {"role": "user", "content": "where is the desk lamp"},
]
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "device.set",
            "description": "Switch a device on or off",
            "parameters": {"type": "object", "properties": {"device": {"type": "string"}}},
        },
    },
    {"type": "function", "function": {"name": "time.now", "description": "The time"}},
]
# A template that shows the tools it is given, as Qwen's and Llama 3.1's do (in more words).
TOOLS_TEMPLATE = (
    "{% if tools %}Tools:{% for t in tools %} {{ t['function']['name'] }}{% endfor %}.\n"
    "{% endif %}{% for m in messages %}<{{ m['role'] }}> {{ m['content'] }}\n{% endfor %}"
    "<assistant>"
)
WORDS = " ".join(f"word{n}" for n in range(30))


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as scripted:
        yield scripted


def remote(server: ScriptedServer, timeout_s: float = 5.0) -> llm.OpenAICompatibleLLM:
    return llm.OpenAICompatibleLLM(server.url, "scripted", timeout_s=timeout_s)


def stream_error(model: llm.LLM, **kwargs: Any) -> tuple[list[str], str]:
    """(the pieces before the failure, the one-line message)."""
    pieces: list[str] = []
    with pytest.raises(LLMError) as caught:
        pieces.extend(model.stream(MESSAGES, max_tokens=32, **kwargs))
    message = str(caught.value)
    assert "\n" not in message
    return pieces, message


# --- openai backend: stream -------------------------------------------------------------


def test_openai_stream_yields_the_text_in_order_as_it_arrives(server):
    server.script(Step(content="The lamp is in the study."))
    pieces = list(remote(server).stream(MESSAGES, max_tokens=32))
    assert pieces == ["The", " lamp", " is", " in", " the", " study."]
    assert server.requests[-1] == {
        "model": "scripted",
        "messages": MESSAGES,
        "max_tokens": 32,
        "temperature": 0,
        "stream": True,
    }
    assert not server.disconnected.is_set()  # read to [DONE]: nobody hung up


def test_openai_stream_cuts_at_a_stop_string_even_across_chunks(server):
    server.script(Step(content="alpha beta gamma delta"), Step(content="one two\n\nthree"))
    model = remote(server)
    # "a gam" spans the chunks " beta" and " gamma": the filter must hold " bet" back.
    assert list(model.stream(MESSAGES, max_tokens=32, stop=["a gam"])) == ["alph", "a bet"]
    assert server.requests[-1]["stop"] == ["a gam"]  # the server is asked to stop too
    assert "".join(model.stream(MESSAGES, max_tokens=32, stop=["\n\n"])) == "one two"


def test_openai_stream_that_goes_silent_times_out_in_one_line(server):
    server.script(Step(content="first then nothing", hang_s=3.0))
    started = time.monotonic()
    pieces, message = stream_error(remote(server, timeout_s=0.3))
    assert time.monotonic() - started < 2.0
    assert pieces == ["first"]
    assert message == f"the LLM server at {server.url} sent nothing for 0.3 s"


def test_openai_stream_errors_are_one_line(server):
    server.script(
        Step(status=500, error="model not loaded,\n try again"),
        Step(raw=b'data: {"choices": [{"delta": {"content": "hi"}}]}\n\n'),
        Step(raw=b"data: {not json\n\n"),
        Step(raw=b"<html>Bad gateway</html>\n"),
        Step(raw=b'data: {"error": {"message": "CUDA out of memory"}}\n\n'),
    )
    model = remote(server)
    assert stream_error(model)[1] == (
        f"the LLM server at {server.url} answered HTTP 500: model not loaded, try again"
    )
    assert stream_error(model) == (["hi"], f"the LLM server at {server.url} ended the stream before [DONE]")  # fmt: skip
    assert "sent an event that is not a JSON object: {not json" in stream_error(model)[1]
    assert "not a server-sent event: <html>Bad gateway</html>" in stream_error(model)[1]
    assert stream_error(model)[1].endswith("failed mid-stream: CUDA out of memory")


def test_closing_an_openai_stream_hangs_up_on_the_server(server):
    server.script(Step(content=WORDS, chunk_delay_s=0.02))
    stream = remote(server).stream(MESSAGES, max_tokens=64)
    assert next(stream) == "word0"
    stream.close()  # type: ignore[attr-defined]
    assert server.disconnected.wait(5)


def test_generate_text_streams_to_on_text_or_generates_whole(server):
    server.script(Step(content=" The lamp is in the study. "), Step(content="The lamp."))
    model = remote(server)
    seen: list[str] = []
    text = llm.generate_text(model, MESSAGES, max_tokens=32, on_text=seen.append)
    assert seen == ["The", " lamp", " is", " in", " the", " study."]
    assert text == "The lamp is in the study."
    assert llm.generate_text(model, MESSAGES, max_tokens=32) == "The lamp."
    assert server.requests[-1]["stream"] is False  # without on_text: one plain request


def test_ctrl_c_while_streaming_stops_the_generation_and_keeps_the_partial_text(server):
    server.script(Step(content=WORDS, chunk_delay_s=0.02))
    seen: list[str] = []

    def on_text(piece: str) -> None:
        seen.append(piece)
        if len(seen) == 3:
            raise KeyboardInterrupt  # what Ctrl-C in the REPL raises in the main thread

    with pytest.raises(GenerationStopped) as caught:
        llm.generate_text(remote(server), MESSAGES, max_tokens=64, on_text=on_text)
    assert caught.value.partial == "word0 word1 word2"
    assert isinstance(caught.value, LLMError) and "\n" not in str(caught.value)
    assert server.disconnected.wait(5)


# --- openai backend: complete (tool calls) --------------------------------------------------


def test_openai_complete_reads_tool_calls(server):
    server.script(
        Step(
            tool_calls=[
                {"name": "device.set", "arguments": {"device": "lamp", "on": True}},
                {"name": "time.now", "arguments": ""},
            ]
        )
    )
    completion = remote(server).complete(MESSAGES, tools=TOOLS, max_tokens=64)
    assert (completion.content, completion.finish_reason) == ("", "tool_calls")
    first, second = completion.tool_calls
    assert (first.id, first.name, first.arguments) == ("call_1", "device.set", {"device": "lamp", "on": True})  # fmt: skip
    assert first.raw_arguments == '{"device": "lamp", "on": true}' and first.error is None
    assert (second.id, second.name, second.arguments) == ("call_2", "time.now", {})
    assert first.as_message() == {
        "id": "call_1",
        "type": "function",
        "function": {"name": "device.set", "arguments": '{"device": "lamp", "on": true}'},
    }
    sent = server.requests[-1]
    assert (sent["tools"], sent["tool_choice"], sent["stream"]) == (TOOLS, "auto", False)


def test_openai_complete_accepts_object_arguments_and_flags_bad_ones(server):
    ollama = {  # Ollama sends the arguments as an object, and says "stop"
        "choices": [
            {
                "message": {
                    "role": "assistant",
                    "content": "",
                    "tool_calls": [{"function": {"name": "device.set", "arguments": {"a": 1}}}],
                },
                "finish_reason": "stop",
            }
        ]
    }
    server.script(
        Step(raw=json.dumps(ollama).encode()),
        Step(tool_calls=[{"name": "device.set", "arguments": '{"device": "lamp"'}]),
        Step(tool_calls=[{"name": "device.set", "arguments": "[1, 2]"}]),
    )
    model = remote(server)
    completion = model.complete(MESSAGES, tools=TOOLS, max_tokens=64)
    [call] = completion.tool_calls
    assert (call.name, call.arguments, call.raw_arguments) == ("device.set", {"a": 1}, '{"a": 1}')
    assert call.id.startswith("call_") and completion.finish_reason == "tool_calls"
    [broken] = model.complete(MESSAGES, tools=TOOLS, max_tokens=64).tool_calls
    assert (broken.name, broken.arguments, broken.raw_arguments) == ("device.set", None, '{"device": "lamp"')  # fmt: skip
    assert broken.error is not None and broken.error.startswith("the arguments are not JSON")
    [listed] = model.complete(MESSAGES, tools=TOOLS, max_tokens=64).tool_calls
    assert listed.arguments is None
    assert listed.error == "the arguments are a JSON list, not an object"


def test_openai_complete_with_only_text_has_no_tool_calls(server):
    server.script(Step(content=" It is noon. "), Step(status=503, error="busy"))
    model = remote(server)
    completion = model.complete(MESSAGES, tools=TOOLS, max_tokens=64)
    assert (completion.content, completion.tool_calls, completion.finish_reason) == (
        "It is noon.",
        [],
        "stop",
    )
    with pytest.raises(LLMError, match=r"answered HTTP 503: busy$"):
        model.complete(MESSAGES, tools=TOOLS, max_tokens=64)


def test_scripted_server_repeats_and_lists_its_model(server):
    server.repeat(Step(content="again"))
    model = remote(server)
    assert [model.generate(MESSAGES, max_tokens=8) for _ in range(3)] == ["again"] * 3
    with urllib.request.urlopen(server.url + "/models", timeout=5) as reply:
        assert [entry["id"] for entry in json.load(reply)["data"]] == ["scripted"]


# --- the stop filter, on hand-fed pieces ----------------------------------------------------


@pytest.mark.parametrize(
    ("whole", "stop"),
    [
        ("  hello world  ", None),
        ("\n\nhidden", ["\n\n"]),
        ("one two\n\nthree", ["\n\n"]),
        ("alpha beta gamma", ["a gam", "zzz"]),
        ("no marker here, just a prefix: STO", ["STOP"]),
        ("early END late STOP", ["STOP", "END"]),
    ],
)
def test_stop_filter_lets_through_what_generate_would_return(whole, stop):
    for size in (1, 2, 5):
        cut = StopFilter(stop)
        pieces = [cut.feed(whole[i : i + size]) for i in range(0, len(whole), size)]
        assert "".join([*pieces, cut.flush()]) == llm.cut_at_stop(whole, stop).strip()


# --- transformers backend ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    return build_tiny_model(tmp_path_factory.mktemp("tiny-gpt2-stream"))


def test_transformers_stream_joins_to_what_generate_returns(tiny_model):
    model = llm.TransformersLLM(tiny_model)
    pieces = list(model.stream(MESSAGES, max_tokens=12))
    assert len(pieces) > 3
    assert "".join(pieces) == model.generate(MESSAGES, max_tokens=12)  # greedy: the same text
    marker = pieces[3].strip()
    cut = list(model.stream(MESSAGES, max_tokens=12, stop=[marker]))
    assert "".join(cut) == model.generate(MESSAGES, max_tokens=12, stop=[marker])
    assert marker not in "".join(cut)


def test_closing_a_transformers_stream_stops_the_model_thread(tiny_model):
    model = llm.TransformersLLM(tiny_model)
    forwards: list[float] = []

    def slow_cpu(*args: Any) -> None:  # 40 tokens would take 2 s; stopping must not wait
        forwards.append(time.monotonic())
        time.sleep(0.05)

    hook = model.model.register_forward_hook(slow_cpu)
    try:
        stream = model.stream(MESSAGES, max_tokens=40)
        assert next(stream)
        started = time.monotonic()
        stream.close()  # type: ignore[attr-defined]
        assert time.monotonic() - started < 0.5
        assert len(forwards) < 8
        assert not [t for t in threading.enumerate() if t.name == "llm-stream"]
        assert not model._lock.locked()
        with pytest.raises(GenerationStopped):  # Ctrl-C from on_text stops it the same way
            llm.generate_text(model, MESSAGES, max_tokens=40, on_text=_interrupt)
        assert len(forwards) < 16 and not model._lock.locked()
    finally:
        hook.remove()
    assert model.generate(MESSAGES, max_tokens=4)  # the model is free again


def _interrupt(piece: str) -> None:
    raise KeyboardInterrupt


def test_transformers_complete_shows_the_tools_to_the_model(tmp_path, monkeypatch):
    model = llm.TransformersLLM(build_tiny_model(tmp_path / "tools", TOOLS_TEMPLATE))
    assert model.prompt(MESSAGES, TOOLS).startswith("Tools: device.set time.now.\n<system>")
    prompts: list[str] = []
    real_prompt = model.prompt
    monkeypatch.setattr(model, "prompt", lambda m, t=None: prompts.append(real_prompt(m, t)) or prompts[-1])  # fmt: skip
    completion = model.complete(MESSAGES, tools=TOOLS, max_tokens=4)
    assert prompts[0].startswith("Tools: device.set time.now")
    # The random model writes noise: no calls, and it ran to max_tokens.
    assert completion.tool_calls == [] and completion.finish_reason == "length"
    assert len(model.tokenizer(completion.content, add_special_tokens=False)["input_ids"]) == 4


def test_transformers_prompt_describes_tools_where_the_template_cannot(tiny_model, tmp_path):
    plain = llm.TransformersLLM(tiny_model).prompt(MESSAGES, TOOLS)
    assert plain.startswith("System: answer the question\n\nYou can call these tools.")
    assert "- device.set: Switch a device on or off {" in plain
    no_tools = "{% for m in messages %}<{{ m['role'] }}> {{ m['content'] }}\n{% endfor %}"
    templated = llm.TransformersLLM(build_tiny_model(tmp_path / "plain", no_tools))
    assert "<system> answer the question\n\nYou can call these tools." in templated.prompt(
        MESSAGES, TOOLS
    )


TOOL_TURN = [
    {"role": "user", "content": "turn on the lamp"},
    {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {
                "id": "call_1",
                "type": "function",
                "function": {"name": "device.set", "arguments": '{"device": "lamp"}'},
            }
        ],
    },
    {"role": "tool", "tool_call_id": "call_1", "content": "the lamp is on"},
]


def test_prompts_render_tool_calls_and_results(tmp_path):
    assert llm.plain_prompt(TOOL_TURN) == (
        "User: turn on the lamp\n"
        'Assistant: <tool_call>{"name": "device.set", "arguments": {"device": "lamp"}}</tool_call>\n'
        "Tool (device.set): the lamp is on\nAssistant:"
    )
    template = (
        "{% for m in messages %}<{{ m['role'] }}> {{ m['content'] }}"
        "{% for c in m.get('tool_calls', []) %}{{ c['function']['arguments']['device'] }}"
        "{% endfor %}|{% endfor %}"
    )
    model = llm.TransformersLLM(build_tiny_model(tmp_path / "turn", template))
    assert model.prompt(TOOL_TURN) == (  # no "None"; the arguments as a dict, as templates expect
        "<user> turn on the lamp|<assistant> lamp|<tool> the lamp is on|"
    )


# --- parsing a local model's tool calls --------------------------------------------------------


def test_hermes_tool_call_blocks_are_parsed():
    text = (
        "Let me check.\n<tool_call>\n"
        '{"name": "device.set", "arguments": {"device": "lamp", "on": true}}\n</tool_call>\n'
        '<tool_call>{"name": "time.now", "arguments": "{}"}</tool_call>'
    )
    content, calls = parse_tool_calls(text)
    assert content == "Let me check."
    assert [(c.name, c.arguments) for c in calls] == [
        ("device.set", {"device": "lamp", "on": True}),
        ("time.now", {}),
    ]
    assert len({c.id for c in calls}) == 2 and all(c.id.startswith("call_") for c in calls)


def test_a_cut_off_or_broken_hermes_block_still_names_its_tool():
    _, [cut] = parse_tool_calls('<tool_call>{"name": "time.now", "arguments": {}}')
    assert (cut.name, cut.arguments, cut.error) == ("time.now", {}, None)
    _, [broken] = parse_tool_calls('<tool_call>{"name": "device.set", "arguments": {"on": tru')
    assert (broken.name, broken.arguments) == ("device.set", None)
    assert broken.error is not None and broken.error.startswith("the tool call is not JSON")
    assert broken.raw_arguments == '{"name": "device.set", "arguments": {"on": tru'


def test_llama_style_json_replies_are_tool_calls():
    _, [call] = parse_tool_calls(' {"name": "device.set", "parameters": {"device": "fan"}} ')
    assert (call.name, call.arguments) == ("device.set", {"device": "fan"})
    _, [fenced] = parse_tool_calls('```json\n{"name": "time.now", "arguments": {}}\n```')
    assert fenced.name == "time.now"
    _, [listed] = parse_tool_calls('{"name": "time.now", "arguments": [1]}')
    assert listed.arguments is None and listed.error is not None


@pytest.mark.parametrize(
    "text",
    [
        "The lamp is on.",
        '{"answer": 42}',  # JSON, but not a call
        '{"name": "x"} and then some prose {"arguments": {}}',
        "{not json at all}",
    ],
)
def test_plain_replies_are_not_tool_calls(text):
    assert parse_tool_calls(text) == (text.strip(), [])


# --- imports ----------------------------------------------------------------------------------


def test_the_package_imports_the_transformers_backend_only_on_demand():
    script = (
        "import sys; from assistant.llm import OpenAICompatibleLLM, ToolCall, generate_text; "
        "print('torch' in sys.modules, 'assistant.llm.local' in sys.modules); "
        "import assistant.llm as llm; llm.TransformersLLM; print('assistant.llm.local' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False", "True"]  # the class, on demand

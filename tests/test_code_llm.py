"""The code skill with a code model: the openai backend against a scripted OpenAI-protocol
server on loopback (tests/openai_server.py, standing in for Ollama or llama.cpp, which cannot
run here). Streaming, extraction, ast.parse and ruff checks, the repair round, explain and fix
with pasted code or a file, and running only after yes, in the real sandbox. Routing is the
real intent model's."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core import Assistant
from assistant.dialogue.session import Session
from tests.openai_server import ScriptedServer, Step

GOOD = (
    'Here it is:\n```python\ndef reverse(items):\n    """Reverse a list."""\n'
    "    return items[::-1]\n\n\nprint(reverse([1, 2, 3]))\n```\nIt uses slicing."
)


@pytest.fixture
def server():
    with ScriptedServer() as scripted:
        yield scripted


def open_home(home: Path, intent_model, url: str) -> Assistant:
    (home / "config.toml").write_text(
        f'[llm]\nbackend = "openai"\nurl = "{url}"\nmodel = "tiny"\ntimeout_s = 5.0\n'
        "[sandbox]\ncpu_s = 2.0\nwall_s = 5.0\n"
    )
    return Assistant.open(home=home, model=intent_model, notify=lambda _: None)


@pytest.fixture
def coder(home, intent_model, server):
    assistant = open_home(home, intent_model, server.url)
    session = Session()
    pieces: list[str] = []
    session.on_text = pieces.append
    yield assistant, session, pieces
    assistant.close()


def test_code_streams_is_checked_and_runs_only_after_yes(coder, server):
    assistant, session, pieces = coder
    server.script(Step(content=GOOD))
    turn = assistant.handle("write a python function that reverses a list", session)
    assert turn.intent == "code"
    assert len(pieces) > 3 and turn.reply.text.startswith("".join(pieces))
    assert "Checked with ast.parse and ruff: no problems found." in turn.reply.text
    assert turn.reply.data["code"].startswith("def reverse(items):")
    assert turn.reply.question is not None and turn.reply.text.endswith("(yes/no)")
    sent = server.requests[0]
    assert (
        sent["stream"] is True and "exactly one fenced code block" in sent["messages"][0]["content"]
    )
    assert turn.reply.actions == []  # shown, not run
    ran = assistant.handle("yes", session)
    run = ran.reply.data["run"]
    assert run["stdout"].strip() == "[3, 2, 1]" and run["exit_code"] == 0
    assert run["isolation"] in {"bwrap", "unshare"}
    assert "[3, 2, 1]" in ran.reply.text
    assert len(server.requests) == 1  # the yes ran the code shown, not a new generation


def test_no_means_the_code_never_runs(coder, server):
    assistant, session, _ = coder
    server.script(Step(content="```python\nprint('ran')\n```"))
    shown = assistant.handle("write a python script that prints ran", session)
    assert shown.reply.question is not None
    declined = assistant.handle("no", session)
    assert declined.reply.text == "OK, not running it."
    assert "run" not in declined.reply.data and declined.reply.actions == []


def test_a_syntax_error_gets_one_repair_round(coder, server):
    assistant, session, _ = coder
    server.script(
        Step(content="```python\ndef add(a, b:\n    return a + b\n```"),
        Step(content="```python\ndef add(a, b):\n    return a + b\n```"),
    )
    turn = assistant.handle("write a python function that adds two numbers", session)
    repair = server.requests[1]["messages"][-1]["content"]
    assert "does not pass the check" in repair and "line 1" in repair
    assert "Asking the model to repair it." in turn.reply.text
    assert turn.reply.data["repaired"] is True and turn.reply.data["check"]["ok"] is True
    assert turn.reply.data["code"] == "def add(a, b):\n    return a + b\n"


def test_ruff_finds_an_undefined_name_and_a_failed_repair_is_said(coder, server):
    assistant, session, _ = coder
    server.script(
        Step(content="```python\nprint(totl)\n```"),
        Step(content="Sorry, here:\n```python\nprint(totl + 1)\n```"),
    )
    turn = assistant.handle("write a python script that prints the total", session)
    assert "F821" in server.requests[1]["messages"][-1]["content"]
    assert turn.reply.data["check"]["ok"] is False and "F821" in turn.reply.text
    assert turn.reply.question is None  # code that fails its check is not offered to run


def test_explain_reads_pasted_lines_with_their_indentation(coder, server):
    assistant, session, _ = coder
    server.script(Step(content="It doubles every number that is even."))
    pasted = "explain this code:\ndef evens(xs):\n    return [x * 2 for x in xs if x % 2 == 0]"
    turn = assistant.handle(pasted, session)
    assert turn.intent == "code" and turn.reply.data["mode"] == "explain"
    user = server.requests[0]["messages"][-1]["content"]
    assert "    return [x * 2 for x in xs if x % 2 == 0]" in user
    assert (
        turn.reply.text == "It doubles every number that is even." and turn.reply.question is None
    )


def test_fix_reads_a_file_named_in_the_request(coder, server, tmp_path, monkeypatch):
    assistant, session, _ = coder
    (tmp_path / "buggy.py").write_text("def half(n):\n    return n / 0\n")
    monkeypatch.chdir(tmp_path)
    server.script(Step(content="```python\ndef half(n):\n    return n / 2\n```\nIt divided by 0."))
    turn = assistant.handle("fix the bug in buggy.py, it throws ZeroDivisionError", session)
    assert "return n / 0" in server.requests[0]["messages"][-1]["content"]
    assert "You fix python code" in server.requests[0]["messages"][0]["content"]
    assert turn.reply.data["code"] == "def half(n):\n    return n / 2\n"
    missing = assistant.handle("explain the code in nowhere.py", session)
    assert missing.reply.text.splitlines()[-1].startswith("I can't find the file nowhere.py")
    (tmp_path / "blob.py").write_bytes(b"\x00\x01binary")
    assert "binary" in assistant.handle("explain blob.py", session).reply.text


def test_ctrl_c_stops_the_stream_and_keeps_what_came(coder, server):
    assistant, session, _ = coder
    server.script(Step(content="```python\n" + "x = 1\n" * 200 + "```", chunk_delay_s=0.01))
    seen: list[str] = []

    def impatient(piece: str) -> None:
        seen.append(piece)
        if len(seen) == 5:
            raise KeyboardInterrupt  # what Ctrl-C raises in the REPL's main thread

    session.on_text = impatient
    turn = assistant.handle("write a python script that sets x many times", session)
    assert turn.reply.text.endswith("(stopped)") and turn.reply.data == {"stopped": True}
    assert turn.reply.text.startswith("".join(seen))
    assert server.disconnected.wait(5)


def test_a_dead_server_is_one_line_and_the_library_still_helps(home, intent_model):
    assistant = open_home(home, intent_model, "http://127.0.0.1:9/v1")
    turn = assistant.handle("write a python function that checks if a year is a leap year",
                            Session())  # fmt: skip
    first = turn.reply.text.splitlines()[0]
    assert first.startswith("The code model failed (cannot reach the LLM server")
    assert turn.reply.data["snippet"] == "dates.is_leap_year"
    assistant.close()


def test_without_a_model_a_fix_request_still_gets_the_checks(assistant, session):
    turn = assistant.handle("fix this code please:\ndef f(x)\n    return x", session)
    assert turn.intent == "code"
    assert turn.reply.text.startswith("No code model is configured, so I can't fix code")
    assert "ast.parse found: line 1: expected ':'" in turn.reply.text


def test_a_question_about_code_without_code_gets_a_plain_answer(coder, server):
    assistant, session, _ = coder
    server.script(Step(content="A closure is a function that keeps the variables around it."))
    turn = assistant.handle("explain what a closure is in javascript", session)
    system, user = server.requests[0]["messages"]
    assert "You answer programming questions" in system["content"]
    assert user["content"] == "explain what a closure is in javascript"
    assert turn.reply.text.startswith("A closure is") and turn.reply.question is None

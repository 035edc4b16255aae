"""Code in the REPL, in a real terminal (tmux): the reply streams onto the screen as the
model sends it, Ctrl-C stops it and keeps the shell, pasted lines keep their indentation,
and /save writes the code shown. The model is a scripted OpenAI-protocol server on loopback
(tests/openai_server.py), standing in for Ollama or llama.cpp, which cannot run here."""

import os
import shutil
import sys
import time

import pytest

from tests.openai_server import ScriptedServer, Step
from tests.tmux import Tmux

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("tmux") is None, reason="tmux missing: `make test` installs it"
    ),
]


@pytest.fixture
def repl(home):
    with ScriptedServer() as server:
        env = {
            "ASSISTANT_HOME": str(home),
            "ASSISTANT_CACHE": os.environ["ASSISTANT_CACHE"],
            "ASSISTANT_LLM_BACKEND": "openai",
            "ASSISTANT_LLM_URL": server.url,
            "ASSISTANT_LLM_MODEL": "tiny",
            "TERM": "xterm-256color",
            "PATH": os.environ["PATH"],
            "ASSISTANT_NLU_TRAIN_IN_BACKGROUND": "false",  # test_background_training tests it
        }
        tmux = Tmux([sys.executable, "-m", "assistant"], env)
        try:
            tmux.wait_for("(intent model ready")
            yield tmux, server
        finally:
            tmux.close()


def test_a_reply_streams_and_ctrl_c_stops_it_without_leaving(repl):
    tmux, server = repl
    words = " ".join(f"word{n}" for n in range(200))
    server.script(Step(content=f"```python\n# {words}\n```", chunk_delay_s=0.05))
    tmux.type_line("write a python function that counts the words in a file")
    tmux.wait_for("word3")
    early = tmux.screen()
    time.sleep(0.5)
    assert len(tmux.screen()) > len(early)  # more arrived: it is streaming, not waiting
    tmux.send("C-c")
    tmux.wait_for("(stopped)")
    assert "word199" not in tmux.screen()
    assert server.disconnected.wait(5)
    tmux.type_line("hello")
    tmux.wait_for("Hello! What can I do for you?")


def test_pasted_code_keeps_its_lines_and_save_writes_the_code(repl, tmp_path):
    tmux, server = repl
    server.script(
        Step(content="It adds one."),
        Step(content="```python\ndef square(n):\n    return n * n\n```"),
    )
    tmux.paste("explain this code:\ndef inc(x):\n    return x + 1\n")
    tmux.send("Enter")
    tmux.wait_for("It adds one.")
    assert "def inc(x):\n    return x + 1" in server.requests[0]["messages"][-1]["content"]
    tmux.type_line("write a python function that squares a number")
    tmux.wait_for("Run it in the sandbox? (yes/no)")
    tmux.type_line("no")
    target = tmp_path / "square.py"
    tmux.type_line(f"/save {target}")
    tmux.wait_for(f"Saved 2 lines to {target}")
    assert target.read_text() == "def square(n):\n    return n * n\n"
    tmux.type_line(f"/save {target}")
    tmux.wait_for("exists; /save")

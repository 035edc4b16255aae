"""The REPL in a real terminal (tmux), with the real model, asserting the screen and the turn log."""

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from assistant.store import Store
from tests.tmux import Tmux

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("tmux") is None, reason="tmux missing: `make test` installs it"
    ),
]
PROMPT = "› "
PROMPT_MARK = "›"  # tmux trims the trailing space of an empty prompt line


@pytest.fixture
def repl_env(home):
    return {
        "ASSISTANT_HOME": str(home),
        "ASSISTANT_CACHE": os.environ["ASSISTANT_CACHE"],
        "TERM": "xterm-256color",
        "PATH": os.environ["PATH"],
        "ASSISTANT_NLU_TRAIN_IN_BACKGROUND": "false",  # test_background_training tests it
    }


@pytest.fixture
def terminal(repl_env):
    opened = []

    def start(**extra_env: str) -> Tmux:
        tmux = Tmux([sys.executable, "-m", "assistant"], {**repl_env, **extra_env})
        opened.append(tmux)
        tmux.wait_for("(intent model ready")
        return tmux

    yield start
    for tmux in opened:
        tmux.close()


def last_line(screen: str) -> str:
    return [line for line in screen.splitlines() if line.strip()][-1]


def test_session_with_clarification_correction_and_follow_up(terminal, home):
    # A wider margin makes the deliberately vague "the thermostat" ask instead of guessing.
    tmux = terminal(ASSISTANT_ROUTER_MARGIN="0.35")

    tmux.type_line("hello")
    tmux.wait_for("Hello! What can I do for you?")

    tmux.type_line("the thermostat")
    screen = tmux.wait_for("Did you mean 1) ")
    assert "check a device's state" in screen
    tmux.type_line("check the state")  # answered by the option's wording, whatever its position
    tmux.wait_for("The thermostat is on.")

    tmux.type_line("switch off the tv")
    tmux.wait_for("The tv was already off.")
    tmux.type_line("/wrong")
    tmux.wait_for("Which intent was right?")
    screen = tmux.wait_for("check a device's state", count=2)  # the numbered list of intents
    assert re.search(r"\d+\. device\.query\s+check a device's state", screen)
    tmux.type_line("device.query")
    tmux.wait_for("Noted: turn")
    tmux.wait_for("The tv is off.")

    tmux.type_line("switch off the living room lights")
    tmux.wait_for("The living room ceiling light is now off.")
    tmux.type_line("and in the kitchen?")
    tmux.wait_for("The kitchen lights are now off.")

    tmux.type_line("/why")
    screen = tmux.wait_for("latency")
    assert "intent      device.off" in screen and "'room': 'kitchen'" in screen

    tmux.send("C-d")
    tmux.wait_for("EXITED=0")

    store = Store(home / "assistant.db")
    rows = store.recent_turns(20)
    store.close()
    texts = [(r.text, r.intent, r.skill) for r in rows]
    assert texts[0] == ("hello", "chat", "chat")
    assert texts[1] == ("the thermostat", None, "router")  # the question: nothing acted on yet
    assert (rows[2].text, rows[2].intent, rows[2].parent_id) == (
        "the thermostat",
        "device.query",
        rows[1].id,
    )
    tv = rows[3]
    assert (tv.text, tv.intent, tv.correction) == (
        "switch off the tv",
        "device.off",
        "device.query",
    )
    assert (rows[4].intent, rows[4].parent_id) == ("device.query", tv.id)  # redone as corrected
    assert (rows[6].text, rows[6].intent, rows[6].slots["room"]) == (
        "and in the kitchen?",
        "device.off",
        "kitchen",
    )


def test_background_message_prints_above_what_the_user_is_typing(repl_env, home, tmp_path):
    # A cache without example embeddings makes the model take a few seconds to get ready.
    cache = tmp_path / "cache"
    shutil.copytree(Path(repl_env["ASSISTANT_CACHE"]) / "encoders", cache / "encoders")
    tmux = Tmux([sys.executable, "-m", "assistant"], {**repl_env, "ASSISTANT_CACHE": str(cache)})
    try:
        tmux.wait_for(PROMPT_MARK)
        tmux.send("remind me to wat")
        screen = tmux.wait_for("(intent model ready", timeout=120)
        assert screen.index("(intent model ready") < screen.rindex(PROMPT_MARK)
        assert last_line(screen) == f"{PROMPT}remind me to wat"  # the half-typed line survives
        tmux.send("er the plants", "Enter")
        tmux.wait_for("When should I remind you?")
    finally:
        tmux.close()


def test_keys_history_completion_and_slash_commands(terminal, home):
    tmux = terminal()
    tmux.send("/sk", "Tab")
    tmux.wait_for(f"{PROMPT}/skills")
    tmux.send("Enter")
    tmux.wait_for("reminders: Reminders, alarms, timers and calendar events.")

    tmux.send("this line is abandoned", "C-c")
    tmux.wait_for(PROMPT_MARK, count=3)
    tmux.type_line("/help")
    tmux.wait_for("/wrong [INTENT]")
    tmux.type_line("/nonsense")
    tmux.wait_for("Unknown command /nonsense")
    tmux.type_line("/why")
    tmux.wait_for("Nothing to explain yet.")
    tmux.type_line("/quit")
    tmux.wait_for("EXITED=0")

    history = (home / "history").read_text()
    assert "/skills" in history and "/help" in history
    assert "this line is abandoned" not in history  # Ctrl-C dropped it
    store = Store(home / "assistant.db")
    assert store.recent_turns(10) == []  # slash commands are not turns
    store.close()

    again = terminal()  # history from the first session is there: Up recalls it
    again.send("\x1b[A")
    again.wait_for(f"{PROMPT}/quit")

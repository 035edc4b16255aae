"""The `assistant` command as a user runs it: a real process, real files, real output."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def run(
    home: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "ASSISTANT_HOME": str(home), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_help_lists_the_commands(home):
    result = run(home, "--help")
    assert result.returncode == 0
    for command in ("ask", "skills", "log", "config", "nlu"):
        assert command in result.stdout


def test_ask_json_has_the_documented_fields(home):
    result = run(home, "ask", "--json", "set a timer for 10 minutes")
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout)
    assert reply["intent"] == "reminder.create" and reply["skill"] == "reminders"
    assert reply["slots"]["duration"] == "10 minutes" and reply["slots"]["duration_seconds"] == 600
    assert {"confidence", "text", "sources", "latency_ms"} <= set(reply)


def test_ask_refuses_empty_input_with_exit_status_1(home):
    result = run(home, "ask", "   ")
    assert result.returncode == 1 and "empty" in result.stdout


def test_log_shows_turns_from_earlier_processes(home):
    run(home, "ask", "hello there")
    run(home, "ask", "turn off the tv")
    rows = json.loads(run(home, "log", "--json").stdout)
    assert [r["text"] for r in rows] == ["hello there", "turn off the tv"]
    assert [r["intent"] for r in rows] == ["chat", "device.off"]
    human = run(home, "log").stdout
    assert "turn off the tv" in human and "device.off" in human


def test_skills_json_and_human(home):
    data = json.loads(run(home, "skills", "--json").stdout)
    assert {s["name"] for s in data["skills"]} == {
        "chat",
        "code",
        "devices",
        "qa",
        "remember",
        "reminders",
    }
    devices = next(s for s in data["skills"] if s["name"] == "devices")
    assert all(i["examples"] >= 25 for i in devices["intents"])
    assert "· dim the {device} to {value}" in run(home, "skills", "devices").stdout


def test_config_shows_layers_and_rejects_bad_values(home):
    (home / "config.toml").write_text("[router]\nthreshold = 0.6\n")
    data = json.loads(run(home, "config", "--json", env={"ASSISTANT_ROUTER_MARGIN": "0.2"}).stdout)
    assert data["router"]["threshold"] == 0.6 and data["router"]["margin"] == 0.2
    bad = run(home, "config", env={"ASSISTANT_INPUT_MAX_CHARS": "lots"})
    assert bad.returncode == 1
    assert (
        bad.stderr.strip()
        == "error: ASSISTANT_INPUT_MAX_CHARS: input.max_chars = 'lots' is not a valid int"
    )


def test_config_names_the_active_llm_backend_and_reads_booleans(home):
    assert run(home, "config").stdout.startswith("# LLM backend: none (")
    env = {"ASSISTANT_LLM_BACKEND": "openai", "ASSISTANT_LLM_URL": "http://127.0.0.1:11434/v1",
           "ASSISTANT_LLM_MODEL": "llama3.2:1b", "ASSISTANT_AGENT_ENABLED": "false"}  # fmt: skip
    shown = run(home, "config", env=env).stdout
    assert shown.startswith("# LLM backend: openai (llama3.2:1b at http://127.0.0.1:11434/v1)")
    assert "[agent]\nenabled = false" in shown
    bad = run(home, "config", env={"ASSISTANT_AGENT_ENABLED": "sometimes"})
    assert "agent.enabled = 'sometimes' is not a valid bool" in bad.stderr


def test_nlu_predict_file_prints_one_json_line_per_row(home, tmp_path):
    data = tmp_path / "in.jsonl"
    data.write_text('{"text": "turn off the tv"}\n\n{"text": "play some jazz"}\n{"text": "hi"}\n')
    result = run(home, "nlu", "predict", "--file", str(data), "--json")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["text"] for line in lines] == ["turn off the tv", "play some jazz", "hi"]
    assert [line["label"] for line in lines] == ["device.off", "out_of_scope", "chat"]
    assert set(lines[0]) == {"text", "label", "confidence", "alternatives"}


def test_nlu_eval_reports_metrics(home, tmp_path):
    data = tmp_path / "gold.jsonl"
    data.write_text(
        "\n".join(
            json.dumps(r)
            for r in [
                {"text": "switch the porch light off", "label": "device.off"},
                {
                    "text": "what's the capital of peru, book me a flight there",
                    "label": "out_of_scope",
                },
                {"text": "hey", "label": "chat"},
            ]
        )
    )
    report = json.loads(run(home, "nlu", "eval", str(data), "--json").stdout)
    assert report["n"] == 3
    assert {
        "accuracy",
        "macro_f1",
        "per_label",
        "out_of_scope",
        "confusion",
        "in_scope_accuracy",
    } <= set(report)
    human = run(home, "nlu", "eval", str(data)).stdout
    assert "macro-F1" in human and "confusion" in human


def test_bad_jsonl_is_a_one_line_error_naming_the_line(home, tmp_path):
    data = tmp_path / "bad.jsonl"
    data.write_text('{"text": "hi", "label": "chat"}\n{oops\n')
    result = run(home, "nlu", "eval", str(data))
    assert result.returncode == 1
    assert result.stderr.strip().startswith(f"error: {data}:2: not JSON")
    missing = run(home, "nlu", "eval", str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 1 and "cannot read" in missing.stderr


def test_a_question_asked_by_one_ask_is_answered_by_the_next_with_the_same_session(home):
    asked = json.loads(run(home, "ask", "--json", "--session", "kitchen", "remember this").stdout)
    assert asked["text"] == "What should I remember?"
    assert asked["question"] == {
        "text": "What should I remember?",
        "kind": "slot",
        "slot": "fact",
        "options": [],
        "declined": "OK, I won't.",
    }
    elsewhere = run(home, "ask", "--json", "--session", "hall", "my locker code is 4312")
    assert json.loads(elsewhere.stdout)["abandoned"] is None  # another session asked nothing
    answered = run(home, "ask", "--json", "--session", "kitchen", "Alice is my sister")
    reply = json.loads(answered.stdout)
    assert reply["text"] == "OK, I'll remember that Alice is your sister."
    assert (reply["intent"], reply["input"]) == ("remember", "remember this")
    facts = json.loads(run(home, "knowledge", "facts", "--json").stdout)
    assert {(f["subject"], f["relation"], f["object"]) for f in facts} == {
        ("me", "sister", "Alice"),
        ("me", "locker code", "4312"),
    }


def test_now_sets_the_clock_that_times_are_read_against(home):
    result = run(home, "ask", "--json", "--now", "2026-12-02T15:00", "remind me to call mom at 5")
    assert json.loads(result.stdout)["slots"]["time"] == "2026-12-02T17:00"
    bad = run(home, "ask", "--now", "yesterday-ish", "hello")
    assert bad.returncode == 1 and bad.stderr.strip() == (
        "error: --now 'yesterday-ish' is not an ISO date and time, e.g. 2026-12-03T08:00"
    )

"""Skill discovery through real entry points: dist-info folders on sys.path, and a pip-installed package."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from assistant import plugins
from assistant.core import Assistant
from assistant.registry import SkillRegistry
from tests.test_intents import BUILTIN_LABELS

REPO = Path(__file__).resolve().parent.parent


def install_fake_distribution(
    root: Path,
    name: str,
    modules: dict[str, str],
    points: dict[str, str],
    more: dict[str, dict[str, str]] | None = None,
) -> None:
    """Write modules plus a <name>.dist-info with entry points, as pip would lay them out;
    `points` are skills, `more` maps other entry-point groups to theirs."""
    for module, source in modules.items():
        (root / f"{module}.py").write_text(textwrap.dedent(source))
    info = root / f"{name}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n")
    sections = []
    for section, entries in {"assistant.skills": points, **(more or {})}.items():
        lines = "\n".join(f"{k} = {v}" for k, v in entries.items())
        sections.append(f"[{section}]\n{lines}\n")
    (info / "entry_points.txt").write_text("\n".join(sections))


GOOD = """
from assistant import Reply, Request, Skill, intent

class Timer(Skill):
    '''Kitchen timers.'''
    @intent("kitchen.egg", examples=["boil an egg", "egg timer"])
    def egg(self, req: Request) -> Reply:
        return Reply(text="egg on")
"""
HIJACK = """
from assistant import Reply, Request, Skill, intent

class Hijack(Skill):
    @intent("device.on", examples=["turn on the lamp"])
    def on(self, req: Request) -> Reply:
        return Reply(text="hijacked")
"""


def test_broken_third_party_skills_are_reported_and_skipped(tmp_path, monkeypatch, home):
    install_fake_distribution(
        tmp_path,
        "thirdparty",
        {
            "good_skill": GOOD,
            "crashing_skill": "raise RuntimeError('boom at import')",
            "hijack_skill": HIJACK,
            "plain_thing": "class NotASkill:\n    pass\n",
        },
        {
            "good": "good_skill:Timer",
            "crashing": "crashing_skill:Anything",
            "hijack": "hijack_skill:Hijack",
            "plain": "plain_thing:NotASkill",
            "missing": "no_such_module:Skill",
        },
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assistant = Assistant.open(home=home)

    assert "timer" in assistant.registry.skills
    assert assistant.registry.intents["device.on"].skill.name == "devices"  # built-ins load first
    failures = {f.source.split(" ")[0]: f.error for f in assistant.registry.failures}
    assert set(failures) == {"crashing", "hijack", "plain", "missing"}
    assert "RuntimeError: boom at import" in failures["crashing"]
    assert "already served by 'devices'" in failures["hijack"]
    assert "not a Skill subclass" in failures["plain"]
    assert "ModuleNotFoundError" in failures["missing"]


def test_builtin_skills_come_through_the_entry_point_group():
    names = {ep.name for ep in plugins.entry_points() if ep.dist and ep.dist.name == "assistant"}
    assert names == {"chat", "qa", "remember", "reminders", "devices", "code"}
    registry = SkillRegistry()
    plugins.load_skills(registry, lambda cls: cls(None))
    assert registry.failures == []
    assert set(registry.labels()) == BUILTIN_LABELS


@pytest.mark.slow
def test_example_skill_package_from_docs_installs_and_answers(tmp_path, monkeypatch, home):
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(REPO / "docs" / "examples" / "assistant-dice"),
        ],
        check=True,
    )
    monkeypatch.syspath_prepend(str(target))
    assistant = Assistant.open(home=home)  # builds its own model: the dice examples are new
    try:
        assert "dice" in assistant.registry.skills
        from assistant.dialogue.session import Session

        turn = assistant.handle("roll a d20", Session())
        assert (turn.intent, turn.skill) == ("dice.roll", "dice")
        assert 1 <= turn.reply.data["total"] <= 20 and turn.reply.data["sides"] == 20
        assert turn.reply.text.startswith("🎲 1d20: ")
        # The declared slot is missing: the skill asks, and the next utterance answers it.
        session = Session()
        asked = assistant.handle("roll two dice", session)
        assert asked.reply.text == "How many sides should the dice have?"
        answered = assistant.handle("twelve", session)
        assert (answered.intent, answered.reply.data["count"], answered.reply.data["sides"]) == (
            "dice.roll",
            2,
            12,
        )
        assert answered.reply.text.startswith("🎲 2d12: ")
        coin = assistant.handle("could you flip a coin for me", Session())
        assert coin.intent == "dice.flip" and coin.reply.data["side"] in {"heads", "tails"}
        # Built-in routing still works beside the plugin.
        assert assistant.handle("turn on the porch light", Session()).intent == "device.on"
    finally:
        assistant.close()


GREETER = """
from assistant import Reply, Request, Skill, intent


class Greeter:
    '''A service of the plugin's own: one per assistant, built on first use.'''

    def __init__(self, services):
        self.count = 0

    def greet(self, name):
        self.count += 1
        return f"Salut {name} (#{self.count})"


class Salute(Skill):
    '''Salutes people.'''

    @intent("salute.person", examples=["salute Ada", "say hi to Grace"])
    def salute(self, req: Request) -> Reply:
        return Reply(text=self.context.service("greeter").greet(req.text.split()[-1]))


def register(cli):
    parser = cli.command("salute", "salute someone from the command line", run)
    parser.add_argument("name")


def run(args, assistant):
    text = assistant.services.get("greeter").greet(args.name)
    print('{"text": "%s"}' % text if args.json else text)
    return 0
"""


def test_a_plugin_registers_a_service_and_a_command_through_the_same_hooks(tmp_path, home):
    install_fake_distribution(
        tmp_path,
        "salute",
        {"salute_plugin": GREETER},
        {"salute": "salute_plugin:Salute"},
        more={
            "assistant.services": {"greeter": "salute_plugin:Greeter"},
            "assistant.commands": {"salute": "salute_plugin:register"},
        },
    )
    env = {**os.environ, "ASSISTANT_HOME": str(home), "PYTHONPATH": str(tmp_path)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True)

    assert "salute someone from the command line" in run("-m", "assistant", "--help").stdout
    said = run("-m", "assistant", "salute", "Ada", "--json")
    assert said.returncode == 0, said.stderr
    assert said.stdout.strip() == '{"text": "Salut Ada (#1)"}'
    script = (
        "from assistant.core import Assistant; from assistant.skill import Request; "
        "skill = Assistant.open().registry.skills['salute']; "
        "print(*(skill.salute(Request(t, 'salute.person', 1.0)).text "
        "for t in ('salute Ada', 'salute Grace')), sep='|')"
    )
    # The skill reaches the plugin's service through its context: one instance, shared.
    assert run("-c", script).stdout.strip() == "Salut Ada (#1)|Salut Grace (#2)"

"""`assistant skills [NAME]`, `assistant log` and `assistant config`."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from assistant.cli.commands import CommandLine
from assistant.cli.numbers import count
from assistant.cli.output import emit

if TYPE_CHECKING:
    from assistant.core import Assistant


def register(cli: CommandLine) -> None:
    skills = cli.command(
        "skills", "list installed skills, their intents and example counts", _skills
    )
    skills.add_argument("name", nargs="?", help="show one skill's example sentences")
    skills.add_argument(
        "--check",
        action="store_true",
        help="report intents of different skills whose examples the model confuses",
    )
    log = cli.command("log", "show recent turns from the turn log", _log)
    log.add_argument("-n", "--limit", type=count, default=20, help="how many turns (default 20)")
    cli.command("config", "print the effective configuration", _config, needs_assistant=False)


def _skills(args: argparse.Namespace, assistant: Assistant) -> int:
    from assistant.cli import render

    if args.check:
        from assistant.nlu import collisions

        found = collisions.confusions(
            assistant.registry, assistant.predict, assistant.router.config.threshold
        )
        emit(args, [c.as_json() for c in found], lambda: collisions.describe(found))
        return 1 if found else 0

    emit(args, skills_json(assistant), lambda: render.skills(assistant.registry, args.name))
    return 0


def _log(args: argparse.Namespace, assistant: Assistant) -> int:
    from assistant.cli import render

    rows = assistant.store.recent_turns(args.limit)
    emit(args, [row.as_dict() for row in rows], lambda: render.log_rows(rows))
    return 0


def _config(args: argparse.Namespace, _: Any) -> int:
    from assistant import config

    effective = config.load().as_dict()
    emit(args, effective, lambda: _format_config(effective))
    return 0


def llm_summary(llm: dict[str, Any]) -> str:
    """The active generator in words: what answers, code and the agent run on."""
    if llm["backend"] == "transformers":
        return f"transformers (local model in {llm['model_path']})"
    if llm["backend"] == "openai":
        return f"openai ({llm['model']} at {llm['url']})"
    return "none (extractive answers and the snippet library; no agent)"


def skills_json(assistant: Assistant) -> dict[str, Any]:
    registry = assistant.registry
    return {
        "skills": [
            {
                "name": name,
                "description": skill.description(),
                "intents": [
                    {
                        "name": s.name,
                        "description": s.description,
                        "examples": len(s.examples),
                        "slots": {slot: type(kind).__name__ for slot, kind in s.slots.items()},
                    }
                    for s in skill.intent_specs()
                ],
            }
            for name, skill in registry.skills.items()
        ],
        "failures": [f.__dict__ for f in registry.failures],
    }


def _format_config(effective: dict[str, dict[str, Any]]) -> str:
    lines = [f"# LLM backend: {llm_summary(effective['llm'])}", ""]
    for section, values in effective.items():
        lines.append(f"[{section}]")
        lines.extend(f"{key} = {json.dumps(value)}" for key, value in values.items())
        lines.append("")
    return "\n".join(lines).rstrip()

"""Human-readable text for turns, skills and the turn log (the REPL and the CLI share it)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.core import Turn
    from assistant.registry import SkillRegistry
    from assistant.store import TurnRow


def why(turn: Turn) -> str:
    """Explain how the last turn was understood: scores, runner-up, slots, sources."""
    if turn.kind == "error":
        return f"Turn {turn.id} was refused: {turn.error}"
    lines = [f"turn {turn.id}: {turn.input!r}", f"  route       {turn.kind}"]
    if turn.intent:
        lines.append(f"  intent      {turn.intent} ({_pct(turn.confidence)})")
    for rank, (label, p) in enumerate(turn.alternatives, start=2):
        lines.append(f"  #{rank:<10} {label} ({_pct(p)})")
    if turn.evidence:
        lines.append(f"  closest     {turn.evidence!r}")
    lines.append(f"  slots       {turn.slots or '-'}")
    lines.append(f"  skill       {turn.skill or '-'}")
    if turn.reply.sources:
        for source in turn.reply.sources:
            lines.append(f"  source      {source}")
    if turn.error:
        lines.append(f"  error       {turn.error}")
    for part in turn.parts:
        lines.append(f"  part {part.id}: {part.input!r} → {part.intent} ({_pct(part.confidence)})")
    lines.append(f"  latency     {turn.latency_ms:.1f} ms")
    return "\n".join(lines)


def skills(registry: SkillRegistry, only: str | None = None) -> str:
    lines = []
    for name, skill in registry.skills.items():
        if only and name != only:
            continue
        lines.append(f"{name}: {skill.description()}")
        for spec in skill.intent_specs():
            lines.append(f"  {spec.name:<18} {len(spec.examples):>3} examples  {spec.description}")
            if only:
                lines.extend(f"      · {example}" for example in spec.examples)
    if only and not lines:
        return f"No skill named {only!r}. Loaded: {', '.join(registry.skills)}"
    for failure in registry.failures:
        lines.append(f"not loaded: {failure.source}: {failure.error}")
    return "\n".join(lines)


def log_rows(rows: list[TurnRow]) -> str:
    if not rows:
        return "No turns logged yet."
    lines = []
    for row in rows:
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(row.ts))
        parent = f" ↳{row.parent_id}" if row.parent_id else ""
        label = row.intent or "-"
        if row.correction:
            label += f" → {row.correction} (corrected)"
        reply = (row.reply or "").replace("\n", " ")
        lines.append(
            f"{row.id:>5}{parent} {when} [{label} {_pct(row.confidence)}] {row.text[:60]!r}"
            f" → {reply[:70]}" + (f"  ERROR {row.error}" if row.error else "")
        )
    return "\n".join(lines)


def _pct(p: float | None) -> str:
    return "-" if p is None else f"{p:.0%}"

"""The whole action on our own device command set (bench/data/device_commands.jsonl, written
for this project against the demo home): right intent, right devices, right values, and the
refusals (unknown names, devices not exposed, capabilities a device lacks).

Each row starts from a fresh demo home. The served intent model routes it, exactly as
`assistant ask` would; `--oracle` hands the skill the expected intent instead, to measure
the slot resolver and value parser alone.

    python bench/device_commands.py [--oracle] [--show-misses]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.core import Assistant
from assistant.devices.demo import DEMO_HOME, DEMO_STATE
from assistant.devices.device import device_from
from assistant.dialogue.session import Session
from assistant.nlu.prediction import Prediction
from bench.report import publish

DATA = Path(__file__).parent / "data" / "device_commands.jsonl"
_REFUSAL_STATUS = {"unknown": {"unknown", "nothing"}, "not_exposed": {"not_exposed"},
                   "capability": {"cannot"}}  # fmt: skip


class Oracle:
    """Routes each text to the label the data set expects (measures everything but routing)."""

    def __init__(self, labels: dict[str, str]):
        self.labels = labels

    def predict(self, texts: list[str]) -> list[Prediction]:
        return [Prediction(self.labels.get(t, "out_of_scope"), 0.99) for t in texts]


def reset(assistant: Assistant) -> None:
    home = assistant.services.get("devices").home
    home.replace([device_from(d) for d in DEMO_HOME], DEMO_STATE, keep_state=False)


def check(row: dict[str, Any], assistant: Assistant) -> tuple[bool, bool, str]:
    """(intent right, whole action right, what went wrong)."""
    reset(assistant)
    home = assistant.services.get("devices").home
    before = {d: r.state for d, r in home.readings().items()}
    session = Session()
    turn = assistant.handle(row["text"], session)
    intent_ok = turn.intent == row["intent"]
    reply = turn.reply
    if row.get("confirm"):
        if reply.question is None or reply.question.kind != "confirm":
            return intent_ok, False, f"did not ask to confirm: {reply.text}"
        reply = assistant.handle("yes", session).reply
    after = {d: r.state for d, r in home.readings().items()}
    changed = {d for d in after if after[d] != before.get(d)}
    if "refuse" in row:
        status = reply.data.get("status")
        ok = status in _REFUSAL_STATUS[row["refuse"]] and not changed
        return (
            intent_ok,
            ok,
            "" if ok else f"status {status}, changed {sorted(changed)}: {reply.text}",
        )
    if row["intent"] == "device.query":
        text = reply.text.lower()
        missing = [a for a in row["answer"] if a.lower() not in text]
        ok = not missing and not changed
        return intent_ok, ok, "" if ok else f"missing {missing}: {reply.text}"
    expected = set(row["devices"])
    wrong = [d for d in expected if any(after[d].get(k) != v for k, v in row["expect"].items())]
    extra = changed - expected
    ok = not wrong and not extra
    detail = f"wrong {wrong} extra {sorted(extra)}: {reply.text}" if not ok else ""
    return intent_ok, ok, detail


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--oracle", action="store_true", help="give the skill the right intent")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--home", type=Path, help="an $ASSISTANT_HOME with a trained model")
    args = parser.parse_args()
    rows = [json.loads(line) for line in DATA.read_text().splitlines() if line.strip()]
    model = Oracle({r["text"]: r["intent"] for r in rows}) if args.oracle else None
    with tempfile.TemporaryDirectory() as tmp:
        home = args.home or Path(tmp)
        assistant = Assistant.open(home, model=model, notify=lambda _: None)
        totals: Counter[str] = Counter()
        by_intent: dict[str, Counter[str]] = {}
        for row in rows:
            intent_ok, ok, detail = check(row, assistant)
            kind = "refusal" if "refuse" in row else row["intent"]
            counts = by_intent.setdefault(kind, Counter())
            counts["n"] += 1
            counts["intent"] += intent_ok
            counts["action"] += ok
            if args.show_misses and not ok:
                print(f"MISS {row['text']!r}: {detail}")
        assistant.close()
    table = []
    for kind, counts in sorted(by_intent.items()):
        totals.update(counts)
        table.append({"rows": kind, "n": counts["n"],
                      "intent_acc": round(counts["intent"] / counts["n"], 3),
                      "action_acc": round(counts["action"] / counts["n"], 3)})  # fmt: skip
    table.append({"rows": "all", "n": totals["n"],
                  "intent_acc": round(totals["intent"] / totals["n"], 3),
                  "action_acc": round(totals["action"] / totals["n"], 3)})  # fmt: skip
    name = "device_commands_oracle" if args.oracle else "device_commands"
    publish(name, table, f"{DATA.name}, each row on a fresh demo home")


if __name__ == "__main__":
    main()

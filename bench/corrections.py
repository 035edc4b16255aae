"""The correction loop end to end: a family of phrasings the shipped model gets wrong
("goodnight house" meaning "switch everything off"), 10 corrected through the REPL's
/wrong, 10 held out; then `assistant finetune`, the gate, and `models rollback`."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from report import publish

FAMILY = Path(__file__).parent / "data" / "correction_family.jsonl"


def main() -> None:
    from prompt_toolkit import PromptSession
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from assistant.cli.repl import Repl
    from assistant.core import Assistant
    from assistant.dialogue.session import Session
    from assistant.nlu.encoder import resolve_model_dir
    from assistant.nlu.trained import TrainedModel
    from finetune.continual import finetune_version
    from finetune.pipeline import EVAL_SET, read_labelled

    source = Path(os.environ["ASSISTANT_HOME"]) / "models"
    home = Path(tempfile.mkdtemp(prefix="bench-corrections-"))
    shutil.copytree(source, home / "models")
    rows = [json.loads(line) for line in FAMILY.read_text().splitlines() if line.strip()]
    to_correct = [r for r in rows if r["split"] == "correct"]
    held_out = [r for r in rows if r["split"] == "held_out"]
    eval_rows = read_labelled(EVAL_SET)

    assistant = Assistant.open(home=home)
    before_version = assistant.models.current()
    before_eval = assistant.predict([r["text"] for r in eval_rows])
    threshold = assistant.router.config.threshold
    before_held = _rate(assistant.predict, threshold, held_out)
    before_corrected = _rate(assistant.predict, threshold, to_correct)

    with create_pipe_input() as pipe:  # the REPL object, fed lines as a user would type them
        repl = Repl(
            assistant,
            Session(),
            PromptSession(input=pipe, output=DummyOutput()),
            echo=lambda _: None,
        )
        for row in to_correct:
            repl.handle_line(row["text"])
            repl.handle_line(f"/wrong {row['label']}")

    started = time.perf_counter()
    result = finetune_version(
        assistant.registry,
        assistant.models,
        assistant.store.feedback(),
        resolve_model_dir(),
        progress=False,
    )
    seconds = time.perf_counter() - started
    candidate = TrainedModel(result.version)  # promoted or not, what finetune produced
    threshold = result.version.meta["calibration"]["threshold"]
    after_held = _rate(candidate.predict, threshold, held_out)
    after_corrected = _rate(candidate.predict, threshold, to_correct)
    old_eval, new_eval = before_version.meta["eval"], result.version.meta["eval"]

    if result.promoted:
        assistant.models.rollback()
    restored = assistant.predict([r["text"] for r in eval_rows])
    identical = all(
        a.label == b.label and a.confidence == b.confidence
        for a, b in zip(before_eval, restored, strict=True)
    )
    rows_out = [
        {
            "measure": "held-out phrasings routed right (of 10)",
            "before": before_held,
            "after": after_held,
        },
        {
            "measure": "corrected phrasings routed right (of 10)",
            "before": before_corrected,
            "after": after_corrected,
        },
        {
            "measure": "eval in-scope accuracy",
            "before": old_eval["in_scope_accuracy"],
            "after": new_eval["in_scope_accuracy"],
        },
        {
            "measure": "eval out-of-scope recall",
            "before": old_eval["out_of_scope"]["recall"],
            "after": new_eval["out_of_scope"]["recall"],
        },
        {"measure": "promoted by the gate", "before": "", "after": str(result.promoted)},
        {
            "measure": "finetune seconds (10 corrections + replay)",
            "before": "",
            "after": round(seconds, 1),
        },
        {
            "measure": "rollback restores every eval prediction exactly",
            "before": "",
            "after": str(identical),
        },
    ]
    publish("corrections", rows_out, f"{FAMILY.name}; gate reasons: {result.reasons or 'none'}")
    assistant.close()


def _rate(predict, threshold, rows) -> int:  # type: ignore[no-untyped-def]
    from assistant.nlu.prediction import decided

    predictions = predict([r["text"] for r in rows])
    return sum(
        decided(p, threshold).label == r["label"] for p, r in zip(predictions, rows, strict=True)
    )


if __name__ == "__main__":
    main()

"""`assistant nlu predict|eval`: the intent model as the router uses it (with abstention)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.cli.commands import CommandLine
from assistant.cli.inputs import read_jsonl
from assistant.cli.output import add_json_command, emit
from assistant.errors import InputError
from assistant.nlu import metrics
from assistant.nlu.prediction import decided

if TYPE_CHECKING:
    from assistant.core import Assistant


def register(cli: CommandLine) -> None:
    nlu = cli.command("nlu", "intent model tools: predict, eval", run)
    sub = nlu.add_subparsers(dest="nlu_command", metavar="NLU_COMMAND", required=True)
    predict = add_json_command(sub, "predict", "predict the intent of a text or a file of texts")
    predict.add_argument("text", nargs="?", help="one utterance")
    predict.add_argument("--file", type=Path, help="JSONL file whose rows have a 'text' field")
    evaluate = add_json_command(sub, "eval", "score the intent model on a labelled JSONL file")
    evaluate.add_argument("file", type=Path, help='JSONL rows {"text": ..., "label": ...}')
    evaluate.add_argument(
        "--include-ambiguous",
        action="store_true",
        help='also score rows marked "ambiguous": true (left out by default)',
    )


def run(args: argparse.Namespace, assistant: Assistant) -> int:
    assistant.model  # noqa: B018 - load first: a trained model brings its calibrated threshold
    threshold = assistant.router.config.threshold
    if args.nlu_command == "predict":
        if bool(args.text) == bool(args.file):
            raise InputError("give either TEXT or --file FILE.jsonl")
        texts = (
            [args.text] if args.text else [row["text"] for row in read_jsonl(args.file, ("text",))]
        )
        for text, prediction in zip(texts, assistant.predict(texts), strict=True):
            final = decided(prediction, threshold)
            if args.json:
                print(json.dumps({"text": text, **final.as_dict()}, ensure_ascii=False))
            else:
                runner = ", ".join(f"{label} {p:.0%}" for label, p in final.alternatives[:2])
                print(f"{final.label} ({final.confidence:.0%})  runner-up: {runner}  ← {text}")
        return 0
    rows = read_jsonl(args.file, ("text", "label"))
    kept = [row for row in rows if args.include_ambiguous or not row.get("ambiguous")]
    if not kept:
        raise InputError(f"{args.file}: every row is marked ambiguous; see --include-ambiguous")
    predictions = assistant.predict([row["text"] for row in kept])
    report = metrics.evaluate(
        [row["label"] for row in kept],
        [decided(p, threshold).label for p in predictions],
        assistant.registry.action_labels(),
    )
    report["threshold"] = threshold
    report["skipped_ambiguous"] = len(rows) - len(kept)
    emit(args, report, lambda: metrics.format_report(report))
    sys.stdout.flush()
    return 0

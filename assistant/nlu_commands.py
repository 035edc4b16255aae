"""`assistant nlu predict|eval`: the intent model as the router uses it (with abstention)."""

from __future__ import annotations

import argparse
import json
import sys

from assistant import metrics
from assistant.cli import read_jsonl
from assistant.core import Assistant
from assistant.errors import InputError
from assistant.nlu import decided


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
    predictions = assistant.predict([row["text"] for row in rows])
    report = metrics.evaluate(
        [row["label"] for row in rows], [decided(p, threshold).label for p in predictions]
    )
    report["threshold"] = threshold
    if args.json:
        print(json.dumps(report))
    else:
        print(metrics.format_report(report))
    sys.stdout.flush()
    return 0

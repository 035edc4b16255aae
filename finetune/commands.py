"""`assistant train`, `assistant finetune` and `assistant models list|promote|rollback`,
registered through the same command hook a plugin uses."""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.cli.commands import CommandLine
from assistant.cli.output import add_json_command, emit
from assistant.errors import AssistantError
from assistant.nlu import collisions, metrics
from assistant.nlu.training_progress import TrainingProgress, write_progress

if TYPE_CHECKING:
    from assistant.core import Assistant


def register(cli: CommandLine) -> None:
    train_parser = cli.command(
        "train",
        "train the intent model on every skill's examples, evaluate it, save a version",
        train,
    )
    train_parser.add_argument(
        "--method",
        choices=["lora", "full", "head"],
        default="lora",
        help="LoRA adapters (default), full fine-tune, or a head on frozen embeddings",
    )
    train_parser.add_argument(
        "--epochs", type=int, help="passes over the data (default from TrainConfig)"
    )
    train_parser.add_argument(
        "--if-stale",
        action="store_true",
        help="only train when no model exists or the skills' examples changed",
    )
    train_parser.add_argument(
        "--no-promote", action="store_true", help="save the version without using it"
    )
    train_parser.add_argument(
        "--progress-file",
        type=Path,
        metavar="FILE",
        help="keep FILE (JSON) up to date with how far training is; the shell shows it",
    )
    cli.command(
        "finetune",
        "learn from the recorded corrections; promoted only if it passes the evaluation gate",
        finetune,
    )
    models_parser = cli.command("models", "trained model versions: list, promote, rollback", models)
    sub = models_parser.add_subparsers(dest="models_command", metavar="MODELS_COMMAND")
    add_json_command(sub, "list", "every version with its metrics (the default)")
    promote = add_json_command(sub, "promote", "use VERSION from now on")
    promote.add_argument("version", help="a version name from `assistant models list`, e.g. v2")
    add_json_command(sub, "rollback", "go back to the previously promoted version")


def train(args: argparse.Namespace, assistant: Assistant) -> int:
    from assistant.nlu.encoder import resolve_model_dir
    from finetune import pipeline
    from finetune.config import TrainConfig

    assert assistant.models is not None
    try:
        config = TrainConfig(method=args.method, **({"epochs": args.epochs} if args.epochs else {}))
    except ValueError as exc:
        raise AssistantError(f"bad training settings: {exc}") from None
    report = _Reporter(args.progress_file)
    if args.if_stale and not pipeline.is_stale(assistant.registry, assistant.models, config):
        current = assistant.models.current()
        assert current is not None
        report.stage("done", current.name)
        emit(
            args,
            {"trained": False, "version": current.name},
            f"Intent model {current.name} is up to date.",
        )
        return 0
    if not args.json:
        print(f"Training the intent model ({config.method}, {config.epochs} epochs) on this CPU…")
    try:
        result = pipeline.train_version(
            assistant.registry,
            assistant.models,
            resolve_model_dir(assistant.config.nlu.encoder_path),
            config,
            promote=not args.no_promote,
            progress=not args.json,
            on_step=report.step,
        )
    except BaseException as exc:
        report.stage("failed", str(exc) or type(exc).__name__)
        raise
    report.stage("done", result.version.name)
    meta = result.version.meta
    found = _collisions(assistant, result.version)
    summary = {
        "trained": True,
        "version": result.version.name,
        "promoted": not args.no_promote,
        "seconds": round(result.seconds, 1),
        "train_examples": meta["train_examples"],
        "calibration": meta["calibration"],
        "serving_file": meta["serving_file"],
        "eval": result.eval_report,
        "collisions": [c.as_json() for c in found],
    }
    if args.json:
        print(json.dumps(summary))
        return 0
    cal = meta["calibration"]
    print(
        f"\nModel {result.version.name}: {meta['train_examples']} examples, {result.seconds:.0f} s; "
        f"temperature {cal['temperature']}, threshold {cal['threshold']}, margin {cal['margin']}; "
        f"serving {meta['serving_file']}" + (" (promoted)" if not args.no_promote else "")
    )
    if result.eval_report:
        print("\nOn the hand-written evaluation set:\n" + metrics.format_report(result.eval_report))
    print("\n" + collisions.describe(found))
    return 0


class _Reporter:
    """Writes the progress file (when asked for one) at most once a second."""

    def __init__(self, path: Path | None):
        self.path = path
        self.started = time.time()
        self._last = 0.0
        self.stage("starting")

    def step(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done == total:
            self.stage("saving", done=done, total=total)
        elif now - self._last >= 1.0:
            self._last = now
            self.stage("training", done=done, total=total)

    def stage(self, stage: str, message: str = "", done: int = 0, total: int = 0) -> None:
        if self.path is None:
            return
        progress = TrainingProgress(stage, done, total, os.getpid(), self.started, message)
        write_progress(self.path, progress)


def _collisions(assistant: Assistant, version: Any) -> list[collisions.Confusion]:
    """The new model's cross-skill confusions on the skills' own examples."""
    from assistant.nlu.trained import TrainedModel

    model = TrainedModel(version)
    threshold = float(version.meta["calibration"]["threshold"])
    return collisions.confusions(assistant.registry, model.predict, threshold)


def finetune(args: argparse.Namespace, assistant: Assistant) -> int:
    from assistant.nlu.encoder import resolve_model_dir
    from finetune.continual import finetune_version

    assert assistant.models is not None
    corrections = assistant.store.feedback()
    if not args.json:
        print(f"Learning from {len(corrections)} correction(s)…")
    result = finetune_version(
        assistant.registry,
        assistant.models,
        corrections,
        resolve_model_dir(assistant.config.nlu.encoder_path),
        progress=not args.json,
    )
    meta = result.version.meta
    summary = {
        "version": result.version.name,
        "promoted": result.promoted,
        "rejected": result.reasons,
        "continued": result.continued,
        "seconds": round(result.seconds, 1),
        "eval": meta.get("eval"),
    }
    if args.json:
        print(json.dumps(summary))
    elif result.promoted:
        ev = meta.get("eval") or {}
        score = (
            f"; in-scope {ev['in_scope_accuracy']:.3f}, oos recall {ev['out_of_scope']['recall']:.3f}"
            if ev
            else ""
        )
        how = "continued the adapter" if result.continued else "retrained from scratch"
        print(f"Promoted {result.version.name} ({how}, {result.seconds:.0f} s{score}).")
    else:
        print(f"Kept {result.version.name} as rejected: " + "; ".join(result.reasons))
    return 0 if result.promoted else 3


def models(args: argparse.Namespace, assistant: Assistant) -> int:
    store = assistant.models
    assert store is not None
    if args.models_command == "promote":
        version = store.promote(args.version)
        emit(args, {"current": version.name}, f"Promoted {version.name}.")
    elif args.models_command == "rollback":
        version = store.rollback()
        emit(args, {"current": version.name}, f"Rolled back to {version.name}.")
    else:
        current = store.current()
        rows = [
            _row(v.name, v.meta, current is not None and current.name == v.name)
            for v in store.versions()
        ]
        emit(args, rows, lambda: _listing(rows))
    return 0


def _listing(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "No trained models yet: `assistant train` makes one."
    lines = []
    for row in rows:
        ev = row["eval"] or {}
        score = (
            f"in-scope {ev['in_scope_accuracy']:.3f}, oos recall {ev['out_of_scope']['recall']:.3f}"
            if ev
            else "not evaluated"
        )
        mark = "*" if row["current"] else "x" if row["rejected"] else " "
        lines.append(
            f"{mark} {row['version']:<5} {row['created']}  {row['method']:<5} {score}  data {row['data_hash']}"
        )
    return "\n".join(lines)


def _row(name: str, meta: dict[str, Any], current: bool) -> dict[str, Any]:
    return {
        "version": name,
        "current": current,
        "created": time.strftime("%Y-%m-%d %H:%M", time.localtime(meta.get("created", 0))),
        "method": meta.get("config", {}).get("method", "?"),
        "data_hash": meta.get("data_hash"),
        "eval": meta.get("eval"),
        "calibration": meta.get("calibration"),
        "rejected": meta.get("rejected"),
        "parent": meta.get("parent"),
    }

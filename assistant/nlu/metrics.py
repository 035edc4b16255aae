"""Classification metrics for `assistant nlu eval`: accuracy, F1, out-of-scope and confusion."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.nlu.prediction import OUT_OF_SCOPE


@dataclass
class LabelScore:
    precision: float
    recall: float
    f1: float
    support: int  # gold examples of this label


def evaluate(
    gold: list[str], predicted: list[str], actions: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """The report `assistant nlu eval` prints; `actions` are the labels that change something
    (devices, reminders, facts), for the rate of out-of-scope rows routed to one."""
    if len(gold) != len(predicted) or not gold:
        raise ValueError("need the same non-zero number of gold and predicted labels")
    labels = sorted(set(gold) | set(predicted))
    confusion = {g: {p: 0 for p in labels} for g in labels}
    for g, p in zip(gold, predicted, strict=True):
        confusion[g][p] += 1
    per_label = {}
    for label in labels:
        tp = confusion[label][label]
        predicted_n = sum(confusion[g][label] for g in labels)
        support = sum(confusion[label].values())
        precision = tp / predicted_n if predicted_n else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = LabelScore(precision, recall, f1, support)
    gold_labels = [label for label in labels if per_label[label].support]
    in_scope = [(g, p) for g, p in zip(gold, predicted, strict=True) if g != OUT_OF_SCOPE]
    oos = per_label.get(OUT_OF_SCOPE)
    gold_oos = [p for g, p in zip(gold, predicted, strict=True) if g == OUT_OF_SCOPE]
    return {
        "n": len(gold),
        "in_scope_n": len(in_scope),
        "accuracy": sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold),
        "in_scope_accuracy": (sum(g == p for g, p in in_scope) / len(in_scope))
        if in_scope
        else None,
        # The skill right (device.on for device.set counts): where the request lands.
        "in_scope_skill_accuracy": _share(in_scope, lambda g, p: _skill(g) == _skill(p)),
        "skill_accuracy": {
            skill: _share(
                [(g, p) for g, p in in_scope if _skill(g) == skill],
                lambda g, p: _skill(g) == _skill(p),
            )
            for skill in sorted({_skill(g) for g, _ in in_scope})
        },
        "out_of_scope_to_action": (sum(p in actions for p in gold_oos) / len(gold_oos))
        if gold_oos and actions
        else None,
        "macro_f1": sum(per_label[label].f1 for label in gold_labels) / len(gold_labels),
        "out_of_scope": None
        if oos is None
        else {"precision": oos.precision, "recall": oos.recall, "n": oos.support},
        "per_label": {label: score.__dict__ for label, score in per_label.items()},
        "labels": labels,
        "confusion": [[confusion[g][p] for p in labels] for g in labels],
    }


def _skill(label: str) -> str:
    return label.split(".")[0]


def _share(pairs: list[tuple[str, str]], right: Any) -> float | None:
    return sum(bool(right(g, p)) for g, p in pairs) / len(pairs) if pairs else None


def format_report(report: dict[str, Any]) -> str:
    lines = [
        f"examples          {report['n']}",
        f"accuracy          {report['accuracy']:.3f}",
    ]
    if report["in_scope_accuracy"] is not None:
        lines.append(f"in-scope accuracy {report['in_scope_accuracy']:.3f}")
    if report.get("in_scope_skill_accuracy") is not None:
        by_skill = "  ".join(f"{k} {v:.2f}" for k, v in report["skill_accuracy"].items())
        lines.append(f"in-scope skill    {report['in_scope_skill_accuracy']:.3f}  ({by_skill})")
    lines.append(f"macro-F1          {report['macro_f1']:.3f}")
    if report["out_of_scope"]:
        oos = report["out_of_scope"]
        lines.append(
            f"out-of-scope      precision {oos['precision']:.3f}  recall {oos['recall']:.3f}"
        )
    if report.get("out_of_scope_to_action") is not None:
        lines.append(f"out-of-scope → an action  {report['out_of_scope_to_action']:.3f}")
    if report.get("skipped_ambiguous"):
        lines.append(f"(left out {report['skipped_ambiguous']} rows marked ambiguous)")
    lines += ["", f"{'label':<18}{'precision':>10}{'recall':>8}{'f1':>7}{'n':>5}"]
    for label, score in report["per_label"].items():
        lines.append(
            f"{label:<18}{score['precision']:>10.3f}{score['recall']:>8.3f}{score['f1']:>7.3f}{score['support']:>5}"
        )
    labels = report["labels"]
    short = [label[:7] for label in labels]
    lines += [
        "",
        "confusion (rows gold, columns predicted)",
        " " * 18 + "".join(f"{s:>8}" for s in short),
    ]
    for label, row in zip(labels, report["confusion"], strict=True):
        lines.append(f"{label:<18}" + "".join(f"{v:>8}" for v in row))
    return "\n".join(lines)

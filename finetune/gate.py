"""The promotion gate: may a fine-tuned candidate replace the model in use?

It must route every corrected turn right, and lose no ground on the hand-written evaluation
set beyond evaluation noise. Floating-point kernels differ between CPUs (AVX-512 on Intel,
AMD EPYC), so the same training run lands a sentence or two apart on two machines; a gate
that refused any drop would refuse good models on some machines. So, per metric (in-scope
accuracy, out-of-scope recall):

- a drop of at most half a point or one sentence (whichever is larger) is noise: it passes;
- a drop of more than one point is a regression: it is refused;
- in between, the two models' predictions are compared sentence by sentence, and the drop is
  refused only when a one-sided exact McNemar test on the sentences they disagree on says
  the candidate is worse (p < 0.05).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from assistant.nlu.prediction import OUT_OF_SCOPE, decided
from assistant.nlu.versions import ModelVersion

NOISE = 0.005  # half a point: always allowed
REGRESSION = 0.01  # more than a point: always refused
SIGNIFICANCE = 0.05  # between the two, refused when McNemar's p is below this


def gate(
    current: ModelVersion,
    candidate: ModelVersion,
    corrections: list[dict[str, Any]],
    eval_path: Path | None = None,
) -> list[str]:
    """Reasons to refuse the candidate; empty means it may be promoted."""
    from assistant.nlu.trained import TrainedModel

    reasons = []
    old, new = current.meta.get("eval"), candidate.meta.get("eval")
    if old and new:
        drops = {
            "in-scope accuracy": (
                old["in_scope_accuracy"],
                new["in_scope_accuracy"],
                new.get("in_scope_n"),
            ),
            "out-of-scope recall": (
                old["out_of_scope"]["recall"],
                new["out_of_scope"]["recall"],
                new["out_of_scope"].get("n"),
            ),
        }
        unclear = {
            name: (before, after)
            for name, (before, after, n) in drops.items()
            if REGRESSION >= before - after > allowed_drop(n)
        }
        significance = _paired_p_values(current, candidate, eval_path) if unclear else {}
        for name, (before, after, _) in drops.items():
            fell = f"{name} fell from {before:.3f} to {after:.3f}"
            if before - after > REGRESSION:
                reasons.append(fell)
            elif name in unclear and significance.get(name, 0.0) < SIGNIFICANCE:
                reasons.append(f"{fell} (McNemar p = {significance.get(name, 0.0):.3f})")
    model = TrainedModel(candidate)
    threshold = candidate.meta["calibration"]["threshold"]
    predictions = model.predict([c["text"] for c in corrections])
    wrong = [
        c["text"]
        for c, p in zip(corrections, predictions, strict=True)
        if decided(p, threshold).label != c["label"]
    ]
    if wrong:
        reasons.append(f"{len(wrong)} corrected turn(s) still routed wrong, e.g. {wrong[0]!r}")
    return reasons


def allowed_drop(n: int | None) -> float:
    """Evaluation noise over `n` sentences: half a point or one sentence, whichever is larger."""
    return max(NOISE, 1 / n) if n else NOISE


def mcnemar_p(lost: int, gained: int) -> float:
    """One-sided exact McNemar: the chance of losing at least `lost` of the `lost + gained`
    sentences the models disagree on, were the candidate no worse (a fair coin per sentence)."""
    n = lost + gained
    if n == 0:
        return 1.0
    return sum(math.comb(n, k) for k in range(lost, n + 1)) / 2**n


def _paired_p_values(
    current: ModelVersion, candidate: ModelVersion, eval_path: Path | None
) -> dict[str, float]:
    """McNemar's p per metric, from both models' predictions on the evaluation set."""
    from assistant.nlu.trained import TrainedModel
    from finetune.pipeline import EVAL_SET, read_labelled

    rows = read_labelled(eval_path or EVAL_SET)
    texts, gold = [r["text"] for r in rows], [r["label"] for r in rows]
    right = []
    for version in (current, candidate):
        threshold = version.meta["calibration"]["threshold"]
        labels = [decided(p, threshold).label for p in TrainedModel(version).predict(texts)]
        right.append([g == label for g, label in zip(gold, labels, strict=True)])
    p_values = {}
    for name, keep in (
        ("in-scope accuracy", [g != OUT_OF_SCOPE for g in gold]),
        ("out-of-scope recall", [g == OUT_OF_SCOPE for g in gold]),
    ):
        pairs = [(a, b) for a, b, k in zip(right[0], right[1], keep, strict=True) if k]
        lost = sum(a and not b for a, b in pairs)
        gained = sum(b and not a for a, b in pairs)
        p_values[name] = mcnemar_p(lost, gained)
    return p_values

import numpy as np
import pytest

from finetune.calibrate import calibrate, choose_threshold, decisions, fit_temperature, softmax

LABELS = ["a", "b", "out_of_scope"]


def sample(n: int, temperature: float, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Logits whose labels are drawn from softmax(logits / temperature): a known calibration."""
    rng = np.random.default_rng(seed)
    logits = rng.normal(0, 3, size=(n, 3))
    probs = softmax(logits, temperature)
    gold = np.array([rng.choice(3, p=row) for row in probs])
    return logits, gold


def test_temperature_scaling_recovers_the_true_temperature():
    logits, gold = sample(4000, temperature=2.5)
    assert fit_temperature(logits, gold) == pytest.approx(2.5, rel=0.15)


def test_threshold_keeps_out_of_scope_recall_at_target():
    logits, gold = sample(2000, temperature=1.0, seed=1)
    probs = softmax(logits)
    threshold = choose_threshold(probs, gold, oos=2, min_oos_recall=0.9)
    predicted = decisions(probs, threshold, oos=2)
    assert (predicted[gold == 2] == 2).mean() >= 0.9
    in_scope = gold != 2

    def accuracy(t: float) -> float:
        chosen = decisions(probs, t, oos=2)
        return float((chosen[in_scope] == gold[in_scope]).mean())

    # No other threshold that meets the recall target has better in-scope accuracy.
    for t in np.arange(0.0, 1.0, 0.01):
        chosen = decisions(probs, float(t), oos=2)
        if (chosen[gold == 2] == 2).mean() >= 0.9:
            assert accuracy(float(t)) <= accuracy(threshold) + 1e-9


def test_calibrate_reports_its_tuning_scores_and_refuses_unknown_labels():
    logits, gold = sample(500, temperature=1.5, seed=2)
    result = calibrate(logits, [LABELS[g] for g in gold], LABELS)
    assert 0 <= result.threshold < 1 and 0 <= result.margin <= 0.4
    assert result.tuning["oos_recall"] >= 0.9 and result.tuning["n"] == 500
    with pytest.raises(ValueError, match="weather"):
        calibrate(logits[:1], ["weather"], LABELS)

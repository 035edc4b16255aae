import pytest

from assistant.nlu.metrics import evaluate, format_report


def test_metrics_on_a_small_known_case():
    gold = ["a", "a", "b", "out_of_scope", "out_of_scope"]
    predicted = ["a", "b", "b", "out_of_scope", "a"]
    report = evaluate(gold, predicted)
    assert report["accuracy"] == pytest.approx(3 / 5)
    assert report["in_scope_accuracy"] == pytest.approx(2 / 3)
    assert report["per_label"]["a"]["precision"] == pytest.approx(1 / 2)
    assert report["per_label"]["a"]["recall"] == pytest.approx(1 / 2)
    assert report["per_label"]["b"]["f1"] == pytest.approx(2 / 3)
    assert report["out_of_scope"] == {"precision": 1.0, "recall": 0.5, "n": 2}
    assert report["macro_f1"] == pytest.approx((0.5 + 2 / 3 + 2 / 3) / 3)
    labels = report["labels"]
    assert report["confusion"][labels.index("out_of_scope")][labels.index("a")] == 1
    assert "macro-F1" in format_report(report)


def test_mismatched_lengths_are_refused():
    with pytest.raises(ValueError):
        evaluate(["a"], [])

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


def test_skill_accuracy_and_out_of_scope_sent_to_an_action():
    gold = ["device.on", "device.set", "qa", "out_of_scope", "out_of_scope", "out_of_scope"]
    predicted = ["device.set", "device.set", "chat", "device.on", "qa", "out_of_scope"]
    report = evaluate(gold, predicted, frozenset({"device.on", "device.set"}))
    assert report["in_scope_accuracy"] == 1 / 3
    assert report["in_scope_skill_accuracy"] == 2 / 3  # device.on for device.set: right skill
    assert report["skill_accuracy"] == {"device": 1.0, "qa": 0.0}
    assert report["out_of_scope_to_action"] == 1 / 3  # qa is no action; device.on is
    assert "out-of-scope → an action  0.333" in format_report(report)
    assert evaluate(gold, predicted)["out_of_scope_to_action"] is None

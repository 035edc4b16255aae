"""The time-expression evaluation set (bench/data/time_expressions.jsonl) stays well formed:
it is what engines are compared on, so a broken row would skew every score."""

import json
from collections import Counter
from datetime import datetime
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "bench" / "data" / "time_expressions.jsonl"
KEYS = {"text", "start", "end", "grain", "rrule", "error", "family"}
NOW = datetime(2026, 12, 2, 15, 0)


def rows() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]


def test_every_row_is_complete_and_consistent():
    found = rows()
    assert len(found) >= 220
    assert len({r["text"] for r in found}) == len(found)  # no phrasing twice
    for row in found:
        assert set(row) == KEYS, row
        assert (row["start"] is None) == (row["error"] is not None), row
        if row["start"]:
            start = datetime.fromisoformat(row["start"])
            assert start >= NOW, row
            assert row["grain"] in {"minute", "hour", "day", "week", "month", "year"}, row
            if row["end"]:
                assert datetime.fromisoformat(row["end"]) > start, row
        if row["rrule"]:
            assert row["rrule"].startswith("FREQ="), row


def test_every_family_is_covered():
    families = Counter(r["family"] for r in rows())
    for family in ("clock", "relative", "day", "date", "recurrence", "timer", "alarm", "error"):
        assert families[family] >= 15, family
    for family in ("part_of_day", "range", "abbrev"):
        assert families[family] >= 8, family

"""Time-expression engines compared on bench/data/time_expressions.jsonl (the dev set:
275 phrasings) and time_expressions_holdout.jsonl (160, written apart from the dev set and
the parser), both written for this project, fixed reference time 2026-12-02 15:00 London.
Engines: the assistant's own parser (assistant.timeparse), dateparser, Duckling
in-process (pyduckling-native-phihos) and Microsoft Recognizers-Text. Engines that are not
installed are reported as such (`pip install '.[bench]'` brings them all).

Scores, each over the rows it applies to:
- moment: the first moment meant, to the minute (rows with an expected start);
- rrule: the recurrence rule, exactly (recurrence rows; only our parser emits RRULEs);
- refusal: no usable future time for an impossible, past or missing time (error rows).

    python bench/time_engines.py            # prints a table, writes bench/results/time_engines.json
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

DATA = Path(__file__).parent / "data" / "time_expressions.jsonl"
HOLDOUT = Path(__file__).parent / "data" / "time_expressions_holdout.jsonl"  # written apart
RESULTS = Path(__file__).parent / "results" / "time_engines.json"
ZONE = "Europe/London"
NOW = datetime(2026, 12, 2, 15, 0, tzinfo=ZoneInfo(ZONE))

Parsed = tuple[str | None, str | None]  # (start "YYYY-MM-DDTHH:MM" or None, rrule or None)


def ours() -> Callable[[str], Parsed]:
    from assistant.timeparse import parse

    def run(text: str) -> Parsed:
        spec = parse(text, NOW)
        if spec is None or spec.error or spec.start is None:
            return None, spec.rrule if spec else None
        return spec.start.strftime("%Y-%m-%dT%H:%M"), spec.rrule

    return run


def dateparser_engine() -> Callable[[str], Parsed]:
    from dateparser.search import search_dates

    settings = {
        "RELATIVE_BASE": NOW.replace(tzinfo=None),
        "PREFER_DATES_FROM": "future",
        "DATE_ORDER": "DMY",
    }

    def run(text: str) -> Parsed:
        found = search_dates(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
        return (found[0][1].strftime("%Y-%m-%dT%H:%M"), None) if found else (None, None)

    return run


def duckling_engine() -> Callable[[str], Parsed]:
    from duckling import (
        Context,
        default_locale_lang,
        load_time_zones,
        parse,
        parse_dimensions,
        parse_lang,
        parse_locale,
        parse_ref_time,
    )

    zones = load_time_zones("/usr/share/zoneinfo")
    context = Context(
        parse_ref_time(zones, ZONE, int(NOW.timestamp())),
        parse_locale("EN_GB", default_locale_lang(parse_lang("EN"))),
    )
    dims = parse_dimensions(["time"])

    def run(text: str) -> Parsed:
        for entity in parse(text, context, dims, False):
            value = entity["value"]
            moment = value.get("value") or (value.get("from") or {}).get("value")
            if moment:
                return datetime.fromisoformat(moment).strftime("%Y-%m-%dT%H:%M"), None
        return None, None

    return run


def recognizers_engine() -> Callable[[str], Parsed]:
    from recognizers_date_time import recognize_datetime
    from recognizers_text import Culture

    def run(text: str) -> Parsed:
        for result in recognize_datetime(text, Culture.English, reference=NOW.replace(tzinfo=None)):
            for value in (result.resolution or {}).get("values", []):
                moment = value.get("value") or value.get("start")
                if moment and len(moment) == 8:  # a time of day alone: its next occurrence
                    today = NOW.strftime("%Y-%m-%d")
                    moment = f"{today} {moment}"
                    if moment[:16] <= NOW.strftime("%Y-%m-%d %H:%M"):
                        moment = f"{(NOW + timedelta(days=1)).strftime('%Y-%m-%d')} {moment[11:]}"
                if moment and len(moment) >= 10:
                    if len(moment) == 10:
                        moment += " 00:00"
                    return moment.replace(" ", "T")[:16], None
        return None, None

    return run


ENGINES = {
    "assistant (ours)": ours,
    "dateparser": dateparser_engine,
    "duckling": duckling_engine,
    "recognizers-text": recognizers_engine,
}


def score(run: Callable[[str], Parsed], rows: list[dict]) -> dict[str, float | int]:
    moments = [r for r in rows if r["start"]]
    rules = [r for r in rows if r["rrule"]]
    errors = [r for r in rows if r["error"]]
    hits = {"moment": 0, "rrule": 0, "refusal": 0}
    families: dict[str, list[int]] = {}  # family → [right moments, rows with a moment]
    started = time.perf_counter()
    for row in rows:
        start, rule = run(row["text"])
        if row["start"]:
            hits["moment"] += start == row["start"]
            tally = families.setdefault(row["family"], [0, 0])
            tally[0] += start == row["start"]
            tally[1] += 1
        if row["rrule"]:
            hits["rrule"] += rule == row["rrule"]
        if row["error"]:
            hits["refusal"] += start is None or start <= NOW.strftime("%Y-%m-%dT%H:%M")
    per_row = (time.perf_counter() - started) * 1000 / len(rows)
    return {
        "moment": hits["moment"] / len(moments),
        "rrule": hits["rrule"] / len(rules),
        "refusal": hits["refusal"] / len(errors),
        "ms_per_row": round(per_row, 2),
        "moment_by_family": {f: round(right / n, 3) for f, (right, n) in sorted(families.items())},
    }


def main() -> None:
    report: dict[str, object] = {"now": NOW.isoformat()}
    for data in (DATA, HOLDOUT):
        report[data.stem] = compare(data)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2))


def compare(data: Path) -> dict[str, object]:
    rows = [json.loads(line) for line in data.read_text().splitlines() if line.strip()]
    report: dict[str, object] = {"rows": len(rows), "engines": {}}
    print(f"\n{data.name}: {len(rows)} phrasings, now = {NOW.isoformat()}\n")
    print(f"{'engine':<18} {'moment':>7} {'rrule':>7} {'refusal':>8} {'ms/row':>7}")
    for name, make in ENGINES.items():
        try:
            run = make()
        except ImportError as exc:
            print(f"{name:<18} not installed ({exc.name})")
            report["engines"][name] = None  # type: ignore[index]
            continue
        result = score(run, rows)
        report["engines"][name] = result  # type: ignore[index]
        print(
            f"{name:<18} {result['moment']:>7.1%} {result['rrule']:>7.1%}"
            f" {result['refusal']:>8.1%} {result['ms_per_row']:>7}"
        )
    measured = {n: r for n, r in report["engines"].items() if r}  # type: ignore[attr-defined]
    if measured:
        families = list(next(iter(measured.values()))["moment_by_family"])
        print("\nmoment accuracy by family")
        print(f"{'family':<12}" + "".join(f"{n.split()[0][:11]:>12}" for n in measured))
        for family in families:
            cells = "".join(
                f"{r['moment_by_family'].get(family, 0):>12.0%}" for r in measured.values()
            )
            print(f"{family:<12}{cells}")
    return report


if __name__ == "__main__":
    sys.exit(main())

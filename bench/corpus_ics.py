"""Other projects' real calendars through `assistant reminders import`: every .ics file of a
corpus imported into its own fresh home by the CLI's own code, in this process. Counts the
events imported and refused (a VTODO or VFREEBUSY refused counts too), whole files refused
(by reason class), tracebacks (any error that is not an AssistantError) and hangs (over
60 s), and the slowest file.

    python bench/corpus_ics.py [DIR]   # default /work/shared/data/corpora/ics
                                        # prints a table, writes bench/results/corpus_ics.json
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.cli.main import build_parser, run
from assistant.errors import AssistantError

RESULTS = Path(__file__).parent / "results" / "corpus_ics.json"
CORPUS = Path("/work/shared/data/corpora/ics")
HANG_S = 60
NOW = "2026-01-15T09:00"  # fixed, so which events are over does not depend on the day


class Hang(Exception):
    pass


def _alarm(*_: object) -> None:
    raise Hang(f"still importing after {HANG_S} s")


def import_one(path: Path, home: Path) -> dict[str, Any]:
    """One file through the CLI's `reminders import --json`, as a user runs it."""
    os.environ["ASSISTANT_HOME"] = str(home)
    parser, cli = build_parser()
    args = parser.parse_args(["reminders", "--now", NOW, "import", str(path), "--json"])
    out = io.StringIO()
    started = time.perf_counter()
    signal.alarm(HANG_S)
    try:
        with contextlib.redirect_stdout(out):
            run(args, cli)
        outcome: dict[str, Any] = {"outcome": "imported", **json.loads(out.getvalue())}
    except AssistantError as exc:
        outcome = {"outcome": "refused", "reason": str(exc)}
    except Hang as exc:
        outcome = {"outcome": "hang", "reason": str(exc)}
    except Exception as exc:  # what a user would see as a traceback
        outcome = {"outcome": "traceback", "reason": f"{type(exc).__name__}: {exc}"}
    finally:
        signal.alarm(0)
    outcome["seconds"] = round(time.perf_counter() - started, 3)
    return outcome


def reason_class(reason: str, path: Path) -> str:
    """A refusal's message without the file, names and numbers: what kind of refusal."""
    text = reason.replace(str(path), "FILE")
    text = re.split(r"['\"(]", text, maxsplit=1)[0]
    return re.sub(r"\d+", "N", text).strip(" :,")[:80]


def refused_events(outcome: dict[str, Any]) -> list[str]:
    """Event refusals in either report shape: `refused` (now) or `skipped` (before)."""
    rows = outcome.get("refused", outcome.get("skipped", []))
    return [r if isinstance(r, str) else f"{r.get('event')}: {r.get('reason')}" for r in rows]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, nargs="?", default=CORPUS)
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*.ics"))
    per_file: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for number, path in enumerate(files):
            per_file[path.name] = import_one(path, Path(tmp) / f"home-{number}")
    outcomes = Counter(o["outcome"] for o in per_file.values())
    classes = Counter(
        reason_class(o["reason"], args.corpus / name)
        for name, o in per_file.items()
        if o["outcome"] == "refused"
    )
    unnamed = [
        name
        for name, o in per_file.items()
        if o["outcome"] == "refused" and (name not in o["reason"] or "\n" in o["reason"])
    ]
    summary = {
        "files": len(files),
        "imported": outcomes["imported"],
        "refused": outcomes["refused"],
        "refused_classes": dict(classes.most_common()),
        "refusals_without_file_or_multiline": unnamed,
        "events_added": sum(o.get("added", 0) for o in per_file.values()),
        "events_refused": sum(len(refused_events(o)) for o in per_file.values()),
        "tracebacks": outcomes["traceback"],
        "hangs": outcomes["hang"],
        "max_seconds": max((o["seconds"] for o in per_file.values()), default=0.0),
        "slowest": max(per_file, key=lambda n: per_file[n]["seconds"]) if files else None,
    }
    rows = [
        ("files", summary["files"]),
        ("imported", summary["imported"]),
        ("refused whole-file", summary["refused"]),
        *((f"  {cls}", n) for cls, n in classes.most_common()),
        ("refusals not naming the file", len(unnamed)),
        ("events added", summary["events_added"]),
        ("events (and other components) refused", summary["events_refused"]),
        ("tracebacks", summary["tracebacks"]),
        ("hangs (> 60 s)", summary["hangs"]),
        ("max seconds", f"{summary['max_seconds']:.2f}  ({summary['slowest']})"),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    for name, o in per_file.items():
        if o["outcome"] in ("traceback", "hang"):
            print(f"{o['outcome']}: {name}: {o['reason'][:200]}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"summary": summary, "files": per_file}, indent=1) + "\n")
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Real PDFs through the reader ingest uses, one by one, then as one `assistant ingest FOLDER`.

`python bench/corpus_pdf.py [FOLDER] [--without-cryptography]` (default: the pypdf corpus
under /work/shared, which a clone may lack). Each file is read and chunked exactly as ingest
does; so are damaged copies of each (cut at 30/60/90 %, or 20 random bytes changed, seeded),
since real downloads break. Outcomes: stored, refused (with the reason up to its first
parenthesis) or traceback. --without-cryptography reads as if that package were missing
(AES files) and skips the folder ingest. Prints a table and writes
bench/results/corpus_pdf.json (corpus_pdf_without_cryptography.json).
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from report import publish

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
WITHOUT_CRYPTOGRAPHY = "--without-cryptography" in sys.argv
if WITHOUT_CRYPTOGRAPHY:
    sys.modules["cryptography"] = None  # type: ignore[assignment]  # pypdf then has no AES

from knowledge import chunking, documents  # noqa: E402

DEFAULT = Path("/work/shared/data/corpora/pdf")


def outcome(path: Path) -> tuple[str, str, float]:
    """(outcome class, full reason, seconds) for one file, as ingest's reader sees it."""
    started = time.perf_counter()
    try:
        chunks = chunking.chunk(documents.read(path))
        kind, reason = ("stored", "") if chunks else ("refused: no text found", "no text found")
    except documents.UnreadableDocument as exc:
        reason = str(exc).removeprefix(f"{path}: ")
        kind = "refused: " + re.sub(r"\d+", "N", reason.split(" (")[0])
    except Exception as exc:  # what this benchmark exists to count
        kind, reason = f"traceback: {type(exc).__name__}", f"{type(exc).__name__}: {exc}"
    return kind, reason[:160], time.perf_counter() - started


def damaged_copies(files: list[Path], folder: Path) -> list[Path]:
    rng = random.Random(0)
    out = []
    for file in files:
        raw = file.read_bytes()
        variants = {f"cut{p}": raw[: len(raw) * p // 100] for p in (30, 60, 90)}
        for k in range(4):
            flipped = bytearray(raw)
            for _ in range(20):
                flipped[rng.randrange(len(flipped))] = rng.randrange(256)
            variants[f"flip{k}"] = bytes(flipped)
        for tag, data in variants.items():
            out.append(folder / f"{file.stem}.{tag}.pdf")
            out[-1].write_bytes(data)
    return out


def read_each(files: list[Path]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    by_kind: dict[str, list[tuple[str, float]]] = defaultdict(list)
    rows = []
    for file in files:
        kind, reason, seconds = outcome(file)
        by_kind[kind].append((file.name, seconds))
        rows.append({"file": file.name, "outcome": kind, "reason": reason, "s": round(seconds, 3)})
    summary = {
        "files": len(files),
        "stored": len(by_kind.get("stored", [])),
        "refused": sum(len(v) for k, v in by_kind.items() if k.startswith("refused")),
        "tracebacks": sum(len(v) for k, v in by_kind.items() if k.startswith("traceback")),
        "max_s": round(max((r["s"] for r in rows), default=0.0), 3),
        "slowest": max(rows, key=lambda r: r["s"])["file"] if rows else "",
        "by_outcome": {k: len(v) for k, v in sorted(by_kind.items())},
    }
    return summary, rows


def ingest_folder(folder: Path) -> dict[str, Any]:
    """One real `assistant ingest FOLDER --json` into a fresh home."""
    with tempfile.TemporaryDirectory() as home:
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "assistant", "ingest", str(folder), "--json"],
            env={**os.environ, "ASSISTANT_HOME": home},
            capture_output=True,
            text=True,
            timeout=1800,
        )
        seconds = time.perf_counter() - started
    try:
        report = json.loads(done.stdout)
    except ValueError:
        report = {}
    skipped = [s for s in report.get("skipped", []) if s["path"].lower().endswith(".pdf")]
    told = ("  skipped ", "  partly read ")  # the one line per file ingest means to print
    return {
        "exit": done.returncode,
        "stored": len(report.get("added", [])) + len(report.get("updated", [])),
        "skipped_pdfs": len(skipped),
        "partial": len(report.get("partial", [])),
        "traceback": "Traceback" in done.stderr,
        "other_stderr_lines": sum(
            1 for line in done.stderr.splitlines() if not line.startswith(told)
        ),
        "seconds": round(seconds, 1),
        "stderr_tail": done.stderr[-600:] if done.returncode not in (0, 3) else "",
    }


def _ingested(run: dict[str, Any]) -> dict[str, Any]:
    """The folder ingest's columns for the table (none without one)."""
    if not run:
        return {}
    return {
        "ingest_exit": run["exit"],
        "ingest_stored": run["stored"],
        "ingest_skipped": run["skipped_pdfs"],
        "ingest_partial": run["partial"],
        "ingest_traceback": run["traceback"],
        "ingest_noise_lines": run["other_stderr_lines"],
        "ingest_s": run["seconds"],
    }


def main() -> None:
    given = [a for a in sys.argv[1:] if not a.startswith("--")]
    folder = Path(given[0]) if given else DEFAULT
    files = sorted(folder.glob("*.pdf"))
    if not files:
        sys.exit(f"no PDFs in {folder}")
    real, real_rows = read_each(files)
    with tempfile.TemporaryDirectory() as scratch:
        copies = damaged_copies(files, Path(scratch))
        broken, broken_rows = read_each(copies)
        broken_whole = {} if WITHOUT_CRYPTOGRAPHY else ingest_folder(Path(scratch))
    whole = {} if WITHOUT_CRYPTOGRAPHY else ingest_folder(folder)
    table = [
        {"set": name, **{k: v for k, v in s.items() if k != "by_outcome"}, **_ingested(w)}
        for name, s, w in (("real", real, whole), ("damaged copies", broken, broken_whole))
    ]
    notes = str(folder) + (" without cryptography" if WITHOUT_CRYPTOGRAPHY else "")
    name = "corpus_pdf" + ("_without_cryptography" if WITHOUT_CRYPTOGRAPHY else "")
    path = publish(name, table, notes)
    for label, summary in (("real", real), ("damaged copies", broken)):
        print(f"\n{label}: " + ", ".join(f"{n} {k}" for k, n in summary["by_outcome"].items()))
    for label, run in (("real", whole), ("damaged copies", broken_whole)):
        if run.get("stderr_tail"):
            print(f"\ningest of {label}, stderr:\n" + run["stderr_tail"])
    data = json.loads(path.read_text())
    data.update(
        summary={"real": real, "damaged": broken},
        folder_ingest={"real": whole, "damaged": broken_whole},
        files=real_rows,
        damaged_files=[r for r in broken_rows if r["outcome"] != "stored"],
    )
    path.write_text(json.dumps(data, indent=2))


if __name__ == "__main__":
    main()

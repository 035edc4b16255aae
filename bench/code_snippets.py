"""Snippet retrieval on bench/data/code_requests.jsonl (185 requests written from the
snippets' names only, 30 of them for which nothing fits): top-1 accuracy on the ones with a
snippet, and how often "nothing fits" is said rightly, at several floors.

    python bench/code_snippets.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.core import Assistant
from bench.report import publish
from skills.snippet_search import FLOOR, SnippetSearch

DATA = Path(__file__).parent / "data" / "code_requests.jsonl"


def main() -> None:
    rows = [json.loads(line) for line in DATA.read_text().splitlines() if line.strip()]
    assistant = Assistant.open(notify=lambda _: None)
    search = SnippetSearch(assistant.services.encoder)
    tops = [search.ranked(r["text"], 1)[0] for r in rows]
    table = []
    for floor in sorted({0.35, 0.4, 0.45, 0.5, 0.55, FLOOR}):
        fit = [(r, t) for r, t in zip(rows, tops, strict=True) if r["snippet"]]
        none = [(r, t) for r, t in zip(rows, tops, strict=True) if not r["snippet"]]
        right = sum(t.score >= floor and t.snippet.key == r["snippet"] for r, t in fit)
        refused = sum(t.score < floor for _, t in none)
        table.append({"floor": floor, "top1_with_floor": right / len(fit),
                      "top1_ignoring_floor": sum(t.snippet.key == r["snippet"] for r, t in fit) / len(fit),
                      "nothing_fits_right": refused / len(none), "n_fit": len(fit),
                      "n_none": len(none), "default": floor == FLOOR})  # fmt: skip
    assistant.close()
    publish("code_snippets", table, f"{DATA.name}, MiniLM over descriptions + names")


if __name__ == "__main__":
    main()

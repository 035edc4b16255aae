"""Reading the files commands take: JSONL rows, each bad line a one-line error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.errors import InputError


def read_jsonl(path: Path, required: tuple[str, ...]) -> list[dict[str, Any]]:
    """Rows of a JSONL file; a bad line is a one-line error naming the line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from None
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not JSON ({exc.msg})") from None
        missing = [key for key in required if not isinstance(row, dict) or key not in row]
        if missing:
            raise InputError(f"{path}:{number}: missing field(s) {', '.join(missing)}")
        rows.append(row)
    if not rows:
        raise InputError(f"{path} has no rows")
    return rows

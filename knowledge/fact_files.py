"""Facts files for `FactStore.import_file`: .csv, .json and .jsonl rows with their line numbers."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError

_MAX_FIELD = 300  # characters; longer cells in a facts file are a mistake, not a fact


class FactImportError(AssistantError):
    """A facts file with bad rows; nothing from it was stored."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or []  # one "line N: why" per bad row


def read_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(line number, row) pairs from a facts file; FactImportError if it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise FactImportError(f"{path}: cannot read ({exc})") from None
    suffix = path.suffix.lower()
    if suffix == ".csv":
        reader = csv.DictReader(text.splitlines())
        fields = [(f or "").strip().lower() for f in reader.fieldnames or []]
        if not {"subject", "relation", "object"} <= set(fields):
            raise FactImportError(
                f"{path.name}: the header must name subject, relation and object"
                f" (found: {', '.join(fields) or 'nothing'})"
            )
        reader.fieldnames = fields
        rows: list[tuple[int, dict[str, Any]]] = []
        for row in reader:
            rows.append((reader.line_num, row))
        return rows
    if suffix == ".jsonl":
        return [
            (n, _json_line(path, n, line))
            for n, line in enumerate(text.splitlines(), start=1)
            if line.strip()
        ]
    if suffix == ".json":
        return _json_items(path, text)
    raise FactImportError(f"{path.name}: facts files are .csv, .json or .jsonl")


def _json_line(path: Path, number: int, line: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise FactImportError(f"{path.name} line {number}: not valid JSON ({exc.msg})") from None


def _json_items(path: Path, text: str) -> list[tuple[int, Any]]:
    """The items of a top-level JSON list, each with the line it starts on."""
    decoder, items = json.JSONDecoder(), list[tuple[int, Any]]()
    try:
        position = len(text) - len(text.lstrip())
        if text[position : position + 1] != "[":
            raise FactImportError(f"{path.name}: expected a JSON list of facts")
        position += 1
        while True:
            while position < len(text) and text[position] in " \t\r\n,":
                position += 1
            if text[position : position + 1] == "]":
                return items
            item, end = decoder.raw_decode(text, position)
            items.append((text.count("\n", 0, position) + 1, item))
            position = end
    except json.JSONDecodeError as exc:
        raise FactImportError(
            f"{path.name} line {exc.lineno}: not valid JSON ({exc.msg})"
        ) from None


def problem(row: Any) -> str:
    """Why a row cannot be a fact, or "" when it can."""
    if not isinstance(row, dict):
        return "expected an object with subject, relation and object"
    for field in ("subject", "relation", "object"):
        value = row.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            return f"missing {field}"
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            return f"{field} must be text"
        if len(str(value)) > _MAX_FIELD or "\n" in str(value):
            return f"{field} is not a short single line"
        row[field] = str(value).strip()
    return ""

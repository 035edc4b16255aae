"""JSON and CSV: read and write files, JSON lines, flatten and merge, convert, sum and dedupe."""

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any


def read_json_file(path: str | Path) -> Any:
    """Load a JSON file and return the data in it (dicts, lists, strings, numbers).

    Example: config = read_json_file("config.json")
    """
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def write_json_file(path: str | Path, data: Any, indent: int = 2) -> None:
    """Save data to a JSON file, indented and in UTF-8, creating missing folders.

    Example: write_json_file("out/result.json", {"score": 0.93})
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=indent, ensure_ascii=False)
        handle.write("\n")


def pretty_json(data: Any, sort_keys: bool = True) -> str:
    """Format data as pretty-printed JSON text with sorted keys and two-space indentation.

    Example: print(pretty_json(json.loads(raw_text)))
    """
    return json.dumps(data, indent=2, sort_keys=sort_keys, ensure_ascii=False)


def read_jsonl(path: str | Path) -> list[Any]:
    """Read a JSON Lines file (one JSON value per line) into a list, skipping blank lines.

    Example: events = read_jsonl("events.jsonl")
    """
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def write_jsonl(path: str | Path, records: Iterable[Any], append: bool = False) -> int:
    """Write records to a JSON Lines file, one compact JSON value per line; returns the count.

    Example: write_jsonl("events.jsonl", [{"id": 1}, {"id": 2}], append=True)
    """
    count = 0
    with open(path, "a" if append else "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def csv_to_dicts(path: str | Path, delimiter: str = ",") -> list[dict[str, str]]:
    """Read a CSV file with a header row into a list of dicts, one per row.

    Example: for row in csv_to_dicts("people.csv"): print(row["name"])
    """
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def csv_string_to_dicts(text: str, delimiter: str = ",") -> list[dict[str, str]]:
    """Parse CSV text held in a string (with a header row) into a list of dicts.

    Example: csv_string_to_dicts("name,age\\nana,31\\n")  # [{'name': 'ana', 'age': '31'}]
    """
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def dicts_to_csv(
    path: str | Path, rows: Iterable[Mapping[str, Any]], fieldnames: Sequence[str] | None = None
) -> int:
    """Write a list of dicts to a CSV file with a header row; returns the number of rows.

    Example: dicts_to_csv("people.csv", [{"name": "ana", "age": 31}])
    """
    materialized = list(rows)
    if fieldnames is None:
        fieldnames = list(dict.fromkeys(key for row in materialized for key in row))
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames, restval="")
        writer.writeheader()
        writer.writerows(materialized)
    return len(materialized)


def sum_csv_column(path: str | Path, column: str) -> float:
    """Add up the numbers in one column of a CSV file, skipping empty cells.

    Example: total = sum_csv_column("sales.csv", "amount")
    """
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return sum(float(row[column]) for row in csv.DictReader(handle) if row[column].strip())


def csv_to_json(csv_path: str | Path, json_path: str | Path, indent: int = 2) -> int:
    """Convert a CSV file into a JSON file holding a list of objects; returns the row count.

    Example: csv_to_json("people.csv", "people.json")
    """
    with open(csv_path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    with open(json_path, "w", encoding="utf-8") as handle:
        json.dump(rows, handle, indent=indent, ensure_ascii=False)
        handle.write("\n")
    return len(rows)


def json_to_csv(json_path: str | Path, csv_path: str | Path) -> int:
    """Convert a JSON file holding a list of objects into a CSV file; returns the row count.

    Example: json_to_csv("people.json", "people.csv")  # nested values are written as JSON
    """
    with open(json_path, encoding="utf-8") as handle:
        rows = json.load(handle)
    fieldnames = list(dict.fromkeys(key for row in rows for key in row))
    with open(csv_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames, restval="")
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {
                    key: json.dumps(value) if isinstance(value, dict | list) else value
                    for key, value in row.items()
                }
            )
    return len(rows)


def dedupe_rows(
    rows: Iterable[Mapping[str, Any]], keys: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """Remove duplicate rows from a list of dicts, keeping the first; compare all or some keys.

    Example: dedupe_rows([{"id": 1}, {"id": 1}, {"id": 2}])  # [{'id': 1}, {'id': 2}]
    """
    seen: set[tuple[Any, ...]] = set()
    unique = []
    for row in rows:
        identity: tuple[Any, ...]
        if keys is None:
            identity = tuple(sorted(row.items()))
        else:
            identity = tuple(row.get(key) for key in keys)
        if identity not in seen:
            seen.add(identity)
            unique.append(dict(row))
    return unique


def flatten_nested_dict(data: Mapping[str, Any], separator: str = ".") -> dict[str, Any]:
    """Flatten a nested dict into one level with dotted keys, like {"a.b": 1} for {"a": {"b": 1}}.

    Example: flatten_nested_dict({"db": {"host": "x", "port": 5432}})  # {'db.host': 'x', 'db.port': 5432}
    """
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, Mapping) and value:
            for inner_key, inner_value in flatten_nested_dict(value, separator).items():
                flat[f"{key}{separator}{inner_key}"] = inner_value
        else:
            flat[key] = value
    return flat


def unflatten_dotted_dict(data: Mapping[str, Any], separator: str = ".") -> dict[str, Any]:
    """Turn a dict with dotted keys such as "db.host" back into nested dicts.

    Example: unflatten_dotted_dict({"db.host": "x", "db.port": 1})  # {'db': {'host': 'x', 'port': 1}}
    """
    nested: dict[str, Any] = {}
    for key, value in data.items():
        *parents, last = key.split(separator)
        node = nested
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return nested


def get_nested_value(data: Any, path: str, default: Any = None) -> Any:
    """Look up a value deep in parsed JSON by a dotted path such as "users.0.name".

    Example: get_nested_value(response, "items.0.price", default=0)
    """
    current = data
    for part in path.split("."):
        if isinstance(current, Mapping) and part in current:
            current = current[part]
        elif isinstance(current, list) and re.fullmatch(r"-?\d+", part):
            index = int(part)
            if not -len(current) <= index < len(current):
                return default
            current = current[index]
        else:
            return default
    return current


def _deep_merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(merged.get(key), dict) and isinstance(value, Mapping):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def merge_json_files(paths: Iterable[str | Path]) -> dict[str, Any]:
    """Merge several JSON config files into one dict; later files override earlier ones, deeply.

    Example: settings = merge_json_files(["defaults.json", "local.json"])
    """
    merged: dict[str, Any] = {}
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            merged = _deep_merge(merged, json.load(handle))
    return merged


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value)
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def dumps_with_datetimes(data: Any, indent: int | None = None) -> str:
    """Serialize data to JSON, writing datetimes and dates as ISO 8601 strings (sets as lists).

    Example: dumps_with_datetimes({"at": datetime(2024, 5, 31, 9, 30)})  # '{"at": "2024-05-31T09:30:00"}'
    """
    return json.dumps(data, default=_json_default, indent=indent)


class DateTimeJSONEncoder(json.JSONEncoder):
    """A JSON encoder that writes datetime, date and time values as ISO 8601 strings.

    Example: json.dumps({"when": datetime.now()}, cls=DateTimeJSONEncoder)
    """

    def default(self, o: Any) -> Any:
        if isinstance(o, date | datetime | time):
            return o.isoformat()
        return super().default(o)


def loads_with_datetimes(text: str) -> Any:
    """Parse JSON text and turn ISO 8601 date-time strings (like 2024-05-31T09:30:00) into datetimes.

    Example: loads_with_datetimes('{"at": "2024-05-31T09:30:00Z"}')["at"].year  # 2024
    """
    pattern = r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"

    def convert(value: Any) -> Any:
        if isinstance(value, str) and re.fullmatch(pattern, value):
            return datetime.fromisoformat(value)
        if isinstance(value, list):
            return [convert(item) for item in value]
        if isinstance(value, dict):
            return {key: convert(item) for key, item in value.items()}
        return value

    return convert(json.loads(text))

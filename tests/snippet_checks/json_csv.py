"""Checks for skills/snippets/json_csv.py."""

import json
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest


def check_read_json_file(fn, tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    path.write_text('{"name": "caf\u00e9", "ports": [80, 443], "debug": false}', encoding="utf-8")
    assert fn(path) == {"name": "caf\u00e9", "ports": [80, 443], "debug": False}


def check_write_json_file(fn, tmp_path: Path) -> None:
    path = tmp_path / "out" / "result.json"
    fn(path, {"score": 0.93, "city": "Zürich"})
    assert path.read_text(encoding="utf-8") == '{\n  "score": 0.93,\n  "city": "Zürich"\n}\n'
    fn(path, [1], indent=0)
    assert json.loads(path.read_text(encoding="utf-8")) == [1]


def check_pretty_json(fn) -> None:
    assert fn({"b": 1, "a": [1, 2]}) == '{\n  "a": [\n    1,\n    2\n  ],\n  "b": 1\n}'
    assert fn({"b": 1, "a": 2}, sort_keys=False) == '{\n  "b": 1,\n  "a": 2\n}'
    assert fn("é") == '"é"'


def check_read_jsonl(fn, tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text('{"id": 1}\n\n{"id": 2, "tags": ["x"]}\n"text"\n', encoding="utf-8")
    assert fn(path) == [{"id": 1}, {"id": 2, "tags": ["x"]}, "text"]


def check_write_jsonl(fn, tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    assert fn(path, [{"id": 1}, {"id": 2}]) == 2
    assert fn(path, ({"id": n} for n in [3]), append=True) == 1
    assert path.read_text(encoding="utf-8") == '{"id": 1}\n{"id": 2}\n{"id": 3}\n'
    fn(path, [{"name": "Zoë"}])
    assert path.read_text(encoding="utf-8") == '{"name": "Zoë"}\n'


def check_csv_to_dicts(fn, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes('\ufeffname,city\r\nAna,"Paris, FR"\r\nBob,\r\n'.encode())
    assert fn(path) == [{"name": "Ana", "city": "Paris, FR"}, {"name": "Bob", "city": ""}]
    semicolons = tmp_path / "eu.csv"
    semicolons.write_text("a;b\n1;2\n", encoding="utf-8")
    assert fn(semicolons, delimiter=";") == [{"a": "1", "b": "2"}]


def check_csv_string_to_dicts(fn) -> None:
    assert fn("name,age\nana,31\n") == [{"name": "ana", "age": "31"}]
    assert fn('q\n"multi\nline"\n') == [{"q": "multi\nline"}]
    assert fn("a\tb\n1\t2", delimiter="\t") == [{"a": "1", "b": "2"}]


def check_dicts_to_csv(fn, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    rows = [{"name": "Ana", "age": 31}, {"name": "Bob, Jr.", "city": "Oslo"}]
    assert fn(path, rows) == 2
    assert path.read_bytes().decode() == ('name,age,city\r\nAna,31,\r\n"Bob, Jr.",,Oslo\r\n')
    assert fn(path, iter([{"x": 1}]), fieldnames=["x"]) == 1
    assert path.read_bytes() == b"x\r\n1\r\n"


def check_sum_csv_column(fn, tmp_path: Path) -> None:
    path = tmp_path / "sales.csv"
    path.write_text("item,amount\npen,1.5\nbook,12\nfree,\nbag,-0.5\n", encoding="utf-8")
    assert fn(path, "amount") == 13.0
    with pytest.raises(KeyError):
        fn(path, "missing")


def check_csv_to_json(fn, tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_text("name,age\nAna,31\nBob,42\n", encoding="utf-8")
    target = tmp_path / "people.json"
    assert fn(source, target) == 2
    assert json.loads(target.read_text(encoding="utf-8")) == [
        {"name": "Ana", "age": "31"},
        {"name": "Bob", "age": "42"},
    ]


def check_json_to_csv(fn, tmp_path: Path) -> None:
    source = tmp_path / "people.json"
    source.write_text(
        json.dumps([{"name": "Ana", "tags": ["a", "b"]}, {"name": "Bob", "age": 42}]),
        encoding="utf-8",
    )
    target = tmp_path / "people.csv"
    assert fn(source, target) == 2
    assert target.read_bytes().decode() == ('name,tags,age\r\nAna,"[""a"", ""b""]",\r\nBob,,42\r\n')


def check_dedupe_rows(fn) -> None:
    rows = [
        {"email": "a@x.org", "name": "Ana"},
        {"name": "Ana", "email": "a@x.org"},
        {"email": "b@x.org", "name": "Bob"},
        {"email": "a@x.org", "name": "Ana B."},
    ]
    assert fn(rows) == [rows[0], rows[2], rows[3]]
    assert fn(rows, keys=["email"]) == [rows[0], rows[2]]
    assert fn([]) == []


def check_flatten_nested_dict(fn) -> None:
    data = {"db": {"host": "x", "port": 5432, "opts": {"ssl": True}}, "debug": False, "empty": {}}
    assert fn(data) == {
        "db.host": "x",
        "db.port": 5432,
        "db.opts.ssl": True,
        "debug": False,
        "empty": {},
    }
    assert fn({"a": {"b": [1, {"c": 2}]}}, separator="/") == {"a/b": [1, {"c": 2}]}


def check_unflatten_dotted_dict(fn) -> None:
    assert fn({"db.host": "x", "db.port": 1, "debug": True}) == {
        "db": {"host": "x", "port": 1},
        "debug": True,
    }
    assert fn({"a/b/c": 1, "a/d": 2}, separator="/") == {"a": {"b": {"c": 1}, "d": 2}}


def check_get_nested_value(fn) -> None:
    data = {"users": [{"name": "Ana", "tags": ["admin"]}, {"name": "Bob"}], "count": 2}
    assert fn(data, "users.0.name") == "Ana"
    assert fn(data, "users.-1.name") == "Bob"
    assert fn(data, "users.0.tags.0") == "admin"
    assert fn(data, "count") == 2
    assert fn(data, "users.5.name", default="?") == "?"
    assert fn(data, "users.1.tags") is None
    assert fn(data, "count.value", default=0) == 0


def check_merge_json_files(fn, tmp_path: Path) -> None:
    defaults = tmp_path / "defaults.json"
    local = tmp_path / "local.json"
    defaults.write_text(
        json.dumps({"db": {"host": "localhost", "port": 5432}, "debug": False, "tags": [1]}),
        encoding="utf-8",
    )
    local.write_text(json.dumps({"db": {"host": "db.internal"}, "tags": [2]}), encoding="utf-8")
    assert fn([defaults, local]) == {
        "db": {"host": "db.internal", "port": 5432},
        "debug": False,
        "tags": [2],
    }
    assert json.loads(defaults.read_text(encoding="utf-8"))["db"]["host"] == "localhost"
    assert fn([]) == {}


def check_dumps_with_datetimes(fn) -> None:
    assert fn({"at": datetime(2024, 5, 31, 9, 30)}) == '{"at": "2024-05-31T09:30:00"}'
    data = {"day": date(2024, 5, 31), "ids": {3, 1, 2}, "dir": Path("/tmp/x"), "t": time(8, 5)}
    assert json.loads(fn(data)) == {
        "day": "2024-05-31",
        "ids": [1, 2, 3],
        "dir": "/tmp/x",
        "t": "08:05:00",
    }
    assert fn({"at": datetime(2024, 1, 1, tzinfo=UTC)}) == '{"at": "2024-01-01T00:00:00+00:00"}'
    with pytest.raises(TypeError):
        fn({"bad": object()})


def check_DateTimeJSONEncoder(fn) -> None:
    text = json.dumps({"when": datetime(2024, 5, 31, 9, 30), "day": date(2024, 6, 1)}, cls=fn)
    assert text == '{"when": "2024-05-31T09:30:00", "day": "2024-06-01"}'
    with pytest.raises(TypeError):
        json.dumps({"gap": timedelta(1)}, cls=fn)


def check_loads_with_datetimes(fn) -> None:
    parsed = fn('{"at": "2024-05-31T09:30:00Z", "list": ["2024-01-02 03:04"], "name": "2024"}')
    assert parsed["at"] == datetime(2024, 5, 31, 9, 30, tzinfo=UTC)
    assert parsed["list"] == [datetime(2024, 1, 2, 3, 4)]
    assert parsed["name"] == "2024"
    assert fn('"2024-05-31"') == "2024-05-31"
    assert fn('["2024-05-31T09:30:00.250+02:00"]')[0].utcoffset() == timedelta(hours=2)


CHECKS = {
    "read_json_file": check_read_json_file,
    "write_json_file": check_write_json_file,
    "pretty_json": check_pretty_json,
    "read_jsonl": check_read_jsonl,
    "write_jsonl": check_write_jsonl,
    "csv_to_dicts": check_csv_to_dicts,
    "csv_string_to_dicts": check_csv_string_to_dicts,
    "dicts_to_csv": check_dicts_to_csv,
    "sum_csv_column": check_sum_csv_column,
    "csv_to_json": check_csv_to_json,
    "json_to_csv": check_json_to_csv,
    "dedupe_rows": check_dedupe_rows,
    "flatten_nested_dict": check_flatten_nested_dict,
    "unflatten_dotted_dict": check_unflatten_dotted_dict,
    "get_nested_value": check_get_nested_value,
    "merge_json_files": check_merge_json_files,
    "dumps_with_datetimes": check_dumps_with_datetimes,
    "DateTimeJSONEncoder": check_DateTimeJSONEncoder,
    "loads_with_datetimes": check_loads_with_datetimes,
}

"""`assistant serve` as a client sees it: a real uvicorn process on a free loopback port, a
real home (SQLite), real HTTP requests. Routing is the few-shot model of a fresh home: what
is tested is the server, not the model."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.server import call, post_raw, send_raw, serving

pytestmark = pytest.mark.slow


def top_level_turns(home: Path) -> list[int]:
    with sqlite3.connect(home / "assistant.db") as db:
        return [r[0] for r in db.execute("SELECT id FROM turns WHERE parent_id IS NULL")]


def test_converse_sessions_devices_and_reminders(home):
    with serving(home) as url:
        status, turn = call(url, "POST", "/v1/converse", {"text": "turn off the kitchen lights"})
        assert status == 200
        assert {"turn_id", "intent", "confidence", "skill", "slots", "text", "latency_ms"} <= set(
            turn
        )
        status, asked = call(
            url, "POST", "/v1/converse", {"text": "remember this", "session": "s1"}
        )
        assert asked["question"] is not None, asked
        _, answered = call(url, "POST", "/v1/converse",
                           {"text": "my bike is in the shed", "session": "s1"})  # fmt: skip
        assert answered["intent"] == "remember" and "bike" in answered["text"]

        status, devices = call(url, "GET", "/v1/devices")
        assert status == 200 and {d["id"] for d in devices} >= {"desk_lamp", "front_door_lock"}
        status, done = call(url, "POST", "/v1/devices/desk_lamp", {"state": {"brightness": 30}})
        assert status == 200 and done["state"]["brightness"] == 30 and done["state"]["on"] is True
        assert call(url, "POST", "/v1/devices/oven", {"state": {"on": True}})[0] == 409
        status, oven = call(
            url, "POST", "/v1/devices/oven", {"state": {"on": True}, "confirm": True}
        )
        assert status == 200 and oven["state"]["on"] is True
        assert (
            call(url, "POST", "/v1/devices/front_door_lock", {"state": {"locked": False}})[0] == 403
        )

        status, made = call(
            url, "POST", "/v1/reminders", {"title": "call mom", "when": "tomorrow at 5pm"}
        )
        assert status == 201 and made["next"] and made["title"] == "call mom"
        assert [r["id"] for r in call(url, "GET", "/v1/reminders")[1]] == [made["id"]]
        assert call(url, "DELETE", f"/v1/reminders/{made['id']}")[0] == 200
        assert call(url, "GET", "/v1/reminders")[1] == []
        assert call(url, "DELETE", f"/v1/reminders/{made['id'] + 99}")[0] == 404

        status, fixed = call(
            url, "POST", "/v1/feedback", {"turn_id": turn["turn_id"], "label": "device.on"}
        )
        assert status == 200 and fixed["label"] == "device.on"


HUGE = 2**64  # past SQLite's integers: once a 500 (OverflowError)
# What the schema says (types, fields, bounds, patterns) is a 422; a value it cannot say
# wrong is a 400; a missing thing a 404.
BAD_REQUESTS = [
    ("POST", "/v1/converse", {}, 422),  # missing text
    ("POST", "/v1/converse", {"text": 5}, 422),  # wrong type
    ("POST", "/v1/converse", {"text": "hi", "extra": 1}, 422),
    ("POST", "/v1/converse", {"text": "hi", "session": "no spaces please"}, 422),
    ("POST", "/v1/converse", {"text": "hi", "now": "tuesday-ish"}, 400),
    ("POST", "/v1/feedback", {"turn_id": 999, "label": "chat"}, 404),
    ("POST", "/v1/feedback", {"turn_id": HUGE, "label": "chat"}, 422),
    ("POST", "/v1/devices/flux_capacitor", {"state": {"on": True}}, 404),
    ("POST", "/v1/devices/desk_lamp", {"state": {"brightness": "loud"}}, 400),
    ("POST", "/v1/devices/desk_lamp", {"state": {"temperature": 3}}, 400),
    ("POST", "/v1/devices/desk_lamp", {"state": {}}, 422),
    ("POST", "/v1/reminders", {"title": "x", "when": "at 25:00"}, 400),
    ("POST", "/v1/reminders", {"title": "", "when": "tomorrow at 5pm"}, 422),
    ("POST", "/v1/reminders", {"title": "  ", "when": "tomorrow at 5pm"}, 422),
    ("POST", "/v1/reminders", {"title": "x", "when": "in 999999 weeks"}, 400),  # once a 500
    ("POST", "/v1/reminders", {"title": "x", "when": "9999-12-31T23:59"}, 400),
    ("POST", "/v1/reminders", {"title": "x", "when": "on the 45th of every month"}, 400),
    ("POST", "/v1/reminders", {"title": "x", "when": "every 0 hours"}, 400),
    ("DELETE", f"/v1/reminders/{HUGE}", None, 422),
    ("DELETE", "/v1/reminders/0", None, 422),
    ("GET", f"/v1/chunks/{HUGE}", None, 422),
    ("GET", "/v1/reminders?all=perhaps", None, 422),
    ("GET", "/v1/nothing-here", None, 404),
    ("DELETE", "/v1/devices", None, 405),
]


def test_bad_requests_get_a_4xx_with_a_one_line_error(home):
    with serving(home) as url:
        for method, path, body, status in BAD_REQUESTS:
            got, reply = call(url, method, path, body)
            assert got == status, (path, body, reply)
            assert list(reply) == ["error"] and "\n" not in reply["error"], reply
        assert call(url, "GET", "/v1/reminders")[1] == []  # none of them made one
        assert call(url, "GET", "/v1/health")[0] == 200  # still serving


# Bodies FastAPI once answered with its own {"detail": ...}, or a 400 for a 413.
BAD_BODIES = [
    (b'{"text": "\xff"}', 400, "not UTF-8"),
    (b"[" * 100_000 + b"]" * 100_000, 400, "deeper than"),  # past json's recursion limit
    (b'{"text": ' + b"[" * 40 + b"]" * 40 + b"}", 400, "deeper than"),
    (b'{"text": "hi"', 400, "not JSON"),
    (b'{"text": "remind me to \\ud800 at 5"}', 400, "lone surrogate"),  # once a 500
    (b'{"text": NaN}', 400, "not JSON"),
    (b'{"text": ' + b"9" * 5000 + b"}", 400, "not JSON"),  # past int's 4,300 digits
    (b"", 422, "body"),
]


def test_unreadable_bodies_get_a_one_line_error(home):
    with serving(home) as url:
        for body, status, words in BAD_BODIES:
            got, _, reply = send_raw(url, "POST", "/v1/converse", body)
            assert got == status and words in reply["error"], (body[:40], reply)
        big = b'{"text": "' + b"a" * 2_000_000 + b'"}'
        for chunked in (False, True):  # said or not, the length is over the limit
            got, _, reply = send_raw(url, "POST", "/v1/converse", big, chunked=chunked)
            assert got == 413 and reply == {"error": "the body is over 1,000,000 bytes"}
        got, _, reply = send_raw(url, "POST", "/v1/converse", b'{"text": "hi"}', chunked=True)
        assert got == 200 and reply["input"] == "hi"


def test_a_method_a_path_does_not_take_is_a_405_that_lists_those_it_does(home):
    with serving(home) as url:
        for method, path, allow in [
            ("OPTIONS", "/v1/reminders", "GET, POST"),
            ("PUT", "/v1/reminders", "GET, POST"),
            ("OPTIONS", "/v1/reminders/3", "DELETE"),
            ("OPTIONS", "/v1/health", "GET"),
            ("PATCH", "/v1/devices/desk_lamp", "POST"),
        ]:
            status, headers, reply = send_raw(url, method, path)
            assert (status, headers["allow"]) == (405, allow), (method, path)
            assert reply == {"error": f"{method} is not allowed on {path} (only {allow})"}


def test_a_now_at_the_calendars_end_gets_an_answer_not_a_crash(home):
    last_minutes = "9999-12-31T23:58"
    with serving(home) as url:
        for text in ["remind me to call mom tomorrow at 5", "set a timer for 5 minutes",
                     "what reminders do I have", "hello"]:  # fmt: skip
            status, turn = call(url, "POST", "/v1/converse", {"text": text, "now": last_minutes})
            assert status == 200 and turn["text"], (text, turn)
        assert call(url, "GET", "/v1/reminders")[1] == []  # nothing set past the calendar


def test_a_huge_body_and_empty_text(home):
    with serving(home) as url:
        status, reply = post_raw(url, "/v1/converse", b"{" + b" " * 1_100_000 + b"}")
        assert status == 413 and "1,000,000" in reply["error"]
        status, turn = call(url, "POST", "/v1/converse", {"text": "   "})
        assert status == 200 and turn["kind"] == "error"  # the REPL's refusal, not a crash


def test_twenty_clients_at_once_every_turn_logged_once(home):
    texts = ["turn on the desk lamp", "what can you do", "set a timer for 5 minutes",
             "is the garage door open", "hello"]  # fmt: skip
    with serving(home) as url:

        def client(n: int) -> list[tuple[int, int | None]]:
            out = []
            for i in range(5):
                body = {"text": texts[(n + i) % len(texts)], "session": f"c{n}"}
                status, turn = call(url, "POST", "/v1/converse", body)
                out.append((status, turn.get("turn_id") if turn else None))
            return out

        with ThreadPoolExecutor(20) as pool:
            results = [r for batch in pool.map(client, range(20)) for r in batch]
    assert [s for s, _ in results if s != 200] == []
    ids = [t for _, t in results]
    assert len(set(ids)) == 100
    assert sorted(top_level_turns(home)) == sorted(ids)


def test_auth_token_required_when_configured(home, tmp_path):
    token_file = tmp_path / "token"
    made = subprocess.run([sys.executable, "-m", "assistant", "serve", "--make-token", str(token_file)],
                          env={**os.environ, "ASSISTANT_HOME": str(home)}, capture_output=True, text=True)  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    token = token_file.read_text().strip()
    with serving(home, "--token-file", str(token_file)) as url:
        assert call(url, "GET", "/v1/health")[0] == 200  # health needs no token
        status, reply = call(url, "POST", "/v1/converse", {"text": "hello"})
        assert status == 401 and "Bearer" in reply["error"]
        assert call(url, "GET", "/v1/devices", token="wrong" * 8)[0] == 401
        assert call(url, "POST", "/v1/converse", {"text": "hello"}, token=token)[0] == 200
        assert call(url, "GET", "/v1/events")[0] == 401  # the live stream needs it too
        with urllib.request.urlopen(url + "/") as page:  # the page holds no data: open
            assert page.status == 200 and b"chat.js" in page.read()


def test_off_loopback_without_a_token_refuses_to_start(home):
    result = subprocess.run([sys.executable, "-m", "assistant", "serve", "--host", "0.0.0.0"],
                            env={**os.environ, "ASSISTANT_HOME": str(home)}, capture_output=True,
                            text=True, timeout=120)  # fmt: skip
    assert result.returncode != 0
    [line] = [text for text in result.stderr.splitlines() if text.strip()]
    assert "--make-token" in line


def test_the_openapi_document_is_valid_and_lists_the_endpoints(home):
    from openapi_spec_validator import validate

    with serving(home) as url:
        status, document = call(url, "GET", "/openapi.json")
    assert status == 200
    validate(document)
    assert {"/v1/converse", "/v1/feedback", "/v1/reminders", "/v1/devices",
            "/v1/devices/{device_id}", "/v1/health", "/v1/events",
            "/v1/chunks/{chunk_id}"} <= set(document["paths"])  # fmt: skip
    assert json.dumps(document).count("Converse") >= 1
    error = {"$ref": "#/components/schemas/ErrorBody"}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            errors = {int(s): r for s, r in operation["responses"].items() if int(s) >= 400}
            expected = {413, 500} | ({401} if path != "/v1/health" else set())
            if operation.get("parameters") or operation.get("requestBody"):
                expected.add(422)
            assert expected <= set(errors), (method, path, sorted(errors))
            for response in errors.values():
                assert response["content"]["application/json"]["schema"] == error
    assert "HTTPValidationError" not in document["components"]["schemas"]


def test_two_workers_on_one_home(home):
    with serving(home, "--workers", "2") as url, ThreadPoolExecutor(10) as pool:
        results = list(pool.map(
            lambda n: call(url, "POST", "/v1/converse", {"text": "hello", "session": f"w{n}"}),
            range(20)))  # fmt: skip
    assert [s for s, _ in results] == [200] * 20
    assert len(top_level_turns(home)) == 20


def read_events(response, until: str, limit: int = 50) -> list[tuple[str, dict]]:
    """Server-sent events from `response` up to and including the first of kind `until`."""
    events, kind = [], None
    for raw in response:
        line = raw.decode().rstrip("\n")
        if line.startswith("event: "):
            kind = line[7:]
        elif line.startswith("data: "):
            events.append((kind, json.loads(line[6:])))
            if kind == until or len(events) >= limit:
                return events
    return events


def test_live_events_stream_reminders_and_device_changes(home):
    with serving(home) as url, urllib.request.urlopen(url + "/v1/events", timeout=30) as stream:
        assert stream.headers["Content-Type"].startswith("text/event-stream")
        assert read_events(stream, "ready")[0][0] == "ready"
        call(url, "POST", "/v1/converse", {"text": "turn off the kitchen lights"})
        [(kind, change)] = read_events(stream, "device.changed")
        assert kind == "device.changed" and change["device"] == "kitchen_lights"
        assert change["new"] == {"on": False}
        soon = (datetime.now().astimezone() + timedelta(seconds=1)).isoformat()
        call(url, "POST", "/v1/reminders", {"title": "stretch", "when": soon})
        [(kind, due)] = read_events(stream, "reminder.due")
        assert kind == "reminder.due" and due["title"] == "stretch"


def test_document_sources_point_at_their_passage(home):
    docs = home / "docs"
    docs.mkdir()
    (docs / "bins.md").write_text("# Bins\n\nRecycling goes out on Thursday evenings.\n")
    subprocess.run([sys.executable, "-m", "assistant", "ingest", str(docs)], check=True,
                   capture_output=True, env={**os.environ, "ASSISTANT_HOME": str(home)})  # fmt: skip
    with serving(home) as url:
        _, turn = call(
            url, "POST", "/v1/converse", {"text": "what do my notes say about recycling?"}
        )
        [source, *_] = turn["sources"]
        status, chunk = call(url, "GET", f"/v1/chunks/{source['chunk_id']}")
        assert status == 200 and "Thursday" in chunk["text"] and chunk["path"].endswith("bins.md")
        assert call(url, "GET", "/v1/chunks/99999")[0] == 404

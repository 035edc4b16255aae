import sqlite3

import pytest

from assistant.errors import StoreError
from assistant.store import MIGRATIONS, Store


def test_fresh_database_is_wal_and_fully_migrated(tmp_path):
    store = Store(tmp_path / "assistant.db")
    assert store.schema_version == len(MIGRATIONS)
    mode = sqlite3.connect(tmp_path / "assistant.db").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_turns_round_trip_and_survive_reopening(tmp_path):
    store = Store(tmp_path / "assistant.db")
    turn_id = store.log_turn(
        session_id="s1",
        text="dim the lamp",
        intent="device.set",
        confidence=0.8,
        alternatives=[("device.on", 0.1)],
        slots={"device": "lamp"},
        skill="devices",
        reply="ok",
        sources=[{"path": "a.md"}],
        latency_ms=3.5,
    )
    child = store.log_turn(
        session_id="s1", text="part", intent="chat", confidence=1.0, parent_id=turn_id
    )
    store.set_correction(turn_id, "device.off")
    store.close()

    reopened = Store(tmp_path / "assistant.db")
    row = reopened.turn(turn_id)
    assert row is not None
    assert (row.text, row.intent, row.correction) == ("dim the lamp", "device.set", "device.off")
    assert row.alternatives == [["device.on", 0.1]] and row.slots == {"device": "lamp"}
    assert row.sources == [{"path": "a.md"}] and row.latency_ms == 3.5
    assert [r.id for r in reopened.recent_turns(10)] == [turn_id, child]
    assert reopened.turn(child).parent_id == turn_id


def test_correcting_a_missing_turn_is_an_error(tmp_path):
    with pytest.raises(StoreError, match="no turn with id 99"):
        Store(tmp_path / "a.db").set_correction(99, "chat")


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "assistant.db"
    Store(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version={len(MIGRATIONS) + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer than this assistant"):
        Store(path)


def test_an_older_database_is_migrated_forward(tmp_path):
    path = tmp_path / "assistant.db"
    db = sqlite3.connect(path)  # version 0: nothing there yet
    db.close()
    assert Store(path).schema_version == len(MIGRATIONS)

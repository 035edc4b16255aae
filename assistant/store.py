"""The SQLite store: one WAL database under $ASSISTANT_HOME with numbered migrations."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import StoreError

# Each entry upgrades the schema by one version; never edit a shipped one, append a new one.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE turns (
        id           INTEGER PRIMARY KEY,
        ts           REAL NOT NULL,          -- unix time the turn started
        session_id   TEXT NOT NULL,
        parent_id    INTEGER REFERENCES turns(id),  -- compound parts and clarification answers
        text         TEXT NOT NULL,          -- what the user typed (truncated if huge)
        intent       TEXT,                   -- label the router acted on
        confidence   REAL,
        alternatives TEXT NOT NULL DEFAULT '[]',  -- JSON [[label, confidence], ...]
        slots        TEXT NOT NULL DEFAULT '{}',  -- JSON
        skill        TEXT,
        reply        TEXT,
        sources      TEXT NOT NULL DEFAULT '[]',  -- JSON
        latency_ms   REAL,
        error        TEXT,                   -- one-line error, if the turn failed
        correction   TEXT                    -- the label the user said was right
    );
    CREATE INDEX turns_session ON turns(session_id, id);
    """,
    """
    CREATE TABLE feedback (
        id        INTEGER PRIMARY KEY,
        ts        REAL NOT NULL,
        turn_id   INTEGER NOT NULL REFERENCES turns(id),
        label     TEXT NOT NULL,         -- the intent the user says was right
        source    TEXT NOT NULL,         -- repl, natural, cli, http
        undone    INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX feedback_turn ON feedback(turn_id);
    """,
    # Version 3 created the knowledge tables; the knowledge package now owns them
    # (knowledge/schema.py), so this step stays as a no-op for databases made since.
    "SELECT 1;",
    """
    CREATE TABLE sessions (
        id          TEXT PRIMARY KEY,       -- the session's name (`ask --session NAME`)
        state       TEXT NOT NULL,          -- JSON: last intent and slots, open question
        updated_at  REAL NOT NULL
    );
    CREATE TABLE components (
        name     TEXT PRIMARY KEY,          -- a package that owns tables here ("knowledge")
        version  INTEGER NOT NULL           -- how many of its migrations have run
    );
    """,
]


@dataclass
class TurnRow:
    id: int
    ts: float
    session_id: str
    parent_id: int | None
    text: str
    intent: str | None
    confidence: float | None
    alternatives: list[list[Any]]
    slots: dict[str, Any]
    skill: str | None
    reply: str | None
    sources: list[Any]
    latency_ms: float | None
    error: str | None
    correction: str | None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class Store:
    """Thread-safe access to assistant.db (the REPL's background loader shares it)."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._migrate()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {path}: {exc}") from None

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StoreError(
                f"{self.path} has schema v{version}, newer than this assistant (v{len(MIGRATIONS)})"
            )
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            # executescript commits on its own; the version bump rides in the same script.
            self._db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version={number};\nCOMMIT;")

    def migrate_component(self, name: str, migrations: list[str]) -> None:
        """Bring a component's own tables up to date (knowledge and plugins own theirs)."""
        with self._lock:
            row = self._db.execute(
                "SELECT version FROM components WHERE name=?", (name,)
            ).fetchone()
            version = int(row[0]) if row else 0
            if version > len(migrations):
                raise StoreError(
                    f"{self.path} has {name} schema v{version}, newer than this assistant"
                    f" (v{len(migrations)})"
                )
            for number, script in enumerate(migrations[version:], start=version + 1):
                self._db.executescript(
                    f"BEGIN;\n{script}\nINSERT INTO components VALUES ('{name}', {number})"
                    f" ON CONFLICT(name) DO UPDATE SET version={number};\nCOMMIT;"
                )

    def session_state(self, session_id: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute(
                "SELECT state FROM sessions WHERE id=?", (session_id,)
            ).fetchone()
        return json.loads(row[0]) if row else None

    def save_session_state(self, session_id: str, state: dict[str, Any]) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO sessions (id, state, updated_at) VALUES (?,?,?) ON CONFLICT(id)"
                " DO UPDATE SET state=excluded.state, updated_at=excluded.updated_at",
                (session_id, json.dumps(state, default=str), time.time()),
            )

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """The connection inside BEGIN IMMEDIATE ... COMMIT (ROLLBACK if the block raises)."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Rows of one read-only statement, for the knowledge modules' own tables."""
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def log_turn(
        self,
        *,
        session_id: str,
        text: str,
        intent: str | None,
        confidence: float | None,
        alternatives: list[tuple[str, float]] | None = None,
        slots: dict[str, Any] | None = None,
        skill: str | None = None,
        reply: str | None = None,
        sources: list[Any] | None = None,
        latency_ms: float | None = None,
        error: str | None = None,
        parent_id: int | None = None,
        ts: float | None = None,
    ) -> int:
        with self._lock:
            cursor = self._db.execute(
                "INSERT INTO turns (ts, session_id, parent_id, text, intent, confidence,"
                " alternatives, slots, skill, reply, sources, latency_ms, error)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    time.time() if ts is None else ts,
                    session_id,
                    parent_id,
                    text,
                    intent,
                    confidence,
                    json.dumps([list(a) for a in alternatives or []]),
                    json.dumps(slots or {}, default=str),
                    skill,
                    reply,
                    json.dumps(sources or [], default=str),
                    latency_ms,
                    error,
                ),
            )
            return int(cursor.lastrowid or 0)

    def finish_turn(self, turn_id: int, *, reply: str, latency_ms: float) -> None:
        """Fill in a parent turn (a compound command) once its parts have run."""
        with self._lock:
            self._db.execute(
                "UPDATE turns SET reply=?, latency_ms=? WHERE id=?", (reply, latency_ms, turn_id)
            )

    def set_correction(self, turn_id: int, label: str, source: str = "repl") -> int:
        """Record the right label for a turn (replacing an earlier one); the feedback id."""
        with self._lock:
            cursor = self._db.execute("UPDATE turns SET correction=? WHERE id=?", (label, turn_id))
            if cursor.rowcount == 0:
                raise StoreError(f"no turn with id {turn_id}")
            self._db.execute(
                "UPDATE feedback SET undone=1 WHERE turn_id=? AND undone=0", (turn_id,)
            )
            inserted = self._db.execute(
                "INSERT INTO feedback (ts, turn_id, label, source) VALUES (?,?,?,?)",
                (time.time(), turn_id, label, source),
            )
            return int(inserted.lastrowid or 0)

    def undo_feedback(self, feedback_id: int) -> int:
        """Withdraw a correction; its turn no longer counts as corrected. Returns the turn id."""
        with self._lock:
            row = self._db.execute(
                "SELECT turn_id FROM feedback WHERE id=? AND undone=0", (feedback_id,)
            ).fetchone()
            if row is None:
                raise StoreError(f"no active correction with id {feedback_id}")
            self._db.execute("UPDATE feedback SET undone=1 WHERE id=?", (feedback_id,))
            self._db.execute("UPDATE turns SET correction=NULL WHERE id=?", (row[0],))
            return int(row[0])

    def feedback(self, include_undone: bool = False) -> list[dict[str, Any]]:
        """Corrections with their turn's text and predicted intent, oldest first."""
        where = "" if include_undone else "WHERE f.undone=0"
        with self._lock:
            rows = self._db.execute(
                "SELECT f.id, f.ts, f.turn_id, t.text, t.intent, f.label, f.source, f.undone"
                f" FROM feedback f JOIN turns t ON t.id=f.turn_id {where} ORDER BY f.id"
            ).fetchall()
        keys = ("id", "ts", "turn_id", "text", "predicted", "label", "source", "undone")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def turn(self, turn_id: int) -> TurnRow | None:
        rows = self._select("WHERE id=?", (turn_id,))
        return rows[0] if rows else None

    def recent_turns(self, limit: int = 20, session_id: str | None = None) -> list[TurnRow]:
        """Newest last, so a listing reads like the conversation did."""
        if session_id is None:
            rows = self._select("ORDER BY id DESC LIMIT ?", (limit,))
        else:
            rows = self._select("WHERE session_id=? ORDER BY id DESC LIMIT ?", (session_id, limit))
        return list(reversed(rows))

    def _select(self, where: str, params: tuple[Any, ...]) -> list[TurnRow]:
        with self._lock:
            cursor = self._db.execute(
                "SELECT id, ts, session_id, parent_id, text, intent, confidence, alternatives,"
                f" slots, skill, reply, sources, latency_ms, error, correction FROM turns {where}",
                params,
            )
            raw = cursor.fetchall()
        return [
            TurnRow(
                id=r[0],
                ts=r[1],
                session_id=r[2],
                parent_id=r[3],
                text=r[4],
                intent=r[5],
                confidence=r[6],
                alternatives=json.loads(r[7]),
                slots=json.loads(r[8]),
                skill=r[9],
                reply=r[10],
                sources=json.loads(r[11]),
                latency_ms=r[12],
                error=r[13],
                correction=r[14],
            )
            for r in raw
        ]

    def close(self) -> None:
        with self._lock:
            self._db.close()

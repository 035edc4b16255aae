"""The code last shown in each session, kept so "yes, run it" and /save act on exactly what
the user read (never on a fresh generation)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from assistant.store import Store

MIGRATIONS = [
    """
    CREATE TABLE code_drafts (
        id          INTEGER PRIMARY KEY,
        session_id  TEXT NOT NULL,
        language    TEXT NOT NULL,
        code        TEXT NOT NULL,
        created     REAL NOT NULL
    );
    CREATE INDEX code_drafts_session ON code_drafts(session_id, id);
    """
]


@dataclass(frozen=True)
class Draft:
    id: int
    language: str
    code: str


class Drafts:
    def __init__(self, store: Store):
        self.store = store
        store.migrate_component("code", MIGRATIONS)

    def save(self, session_id: str, language: str, code: str) -> int:
        with self.store.transaction() as db:
            cursor = db.execute(
                "INSERT INTO code_drafts (session_id, language, code, created) VALUES (?,?,?,?)",
                (session_id, language, code, time.time()),
            )
            return int(cursor.lastrowid or 0)

    def latest(self, session_id: str) -> Draft | None:
        rows = self.store.query(
            "SELECT id, language, code FROM code_drafts WHERE session_id=? ORDER BY id DESC"
            " LIMIT 1",
            (session_id,),
        )
        return Draft(*rows[0]) if rows else None

"""The audit of device actions: one row per device per command, done or not, kept forever.
`assistant devices log` reads it; "undo that" restores the last batch's old states."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from assistant.store import Store


@dataclass(frozen=True)
class AuditRow:
    id: int
    ts: float
    batch: str
    session_id: str | None
    turn_id: int | None
    requester: str
    device_id: str
    change: dict[str, Any]
    old_state: dict[str, Any]
    new_state: dict[str, Any] | None
    result: str  # done, failed, refused, unchanged
    error: str | None
    undone: bool

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


_COLUMNS = (
    "id, ts, batch, session_id, turn_id, requester, device_id, change, old_state, new_state,"
    " result, error, undone"
)


class Audit:
    def __init__(self, store: Store):
        self.store = store

    def record(
        self,
        batch: str,
        *,
        session_id: str | None,
        requester: str,
        device_id: str,
        change: dict[str, Any],
        old_state: dict[str, Any],
        new_state: dict[str, Any] | None,
        result: str,
        error: str | None = None,
    ) -> None:
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO device_audit (ts, batch, session_id, requester, device_id, change,"
                " old_state, new_state, result, error) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    time.time(),
                    batch,
                    session_id,
                    requester,
                    device_id,
                    json.dumps(change),
                    json.dumps(old_state),
                    None if new_state is None else json.dumps(new_state),
                    result,
                    error,
                ),
            )

    def link_turn(self, batch: str, turn_id: int) -> None:
        """The turn a batch belongs to, once the turn is logged."""
        with self.store.transaction() as db:
            db.execute("UPDATE device_audit SET turn_id=? WHERE batch=?", (turn_id, batch))

    def rows(self, limit: int = 50, device_id: str | None = None) -> list[AuditRow]:
        where, params = ("WHERE device_id=?", (device_id,)) if device_id else ("", ())
        found = self.store.query(
            f"SELECT {_COLUMNS} FROM device_audit {where} ORDER BY id DESC LIMIT ?",
            (*params, limit),
        )
        return [_row(r) for r in reversed(found)]

    def last_batch(self, session_id: str | None) -> list[AuditRow]:
        """The most recent command (in this session, when given) that changed something
        and has not been undone."""
        where = "result='done' AND undone=0 AND requester != 'undo'"
        params: tuple[Any, ...] = ()
        if session_id is not None:
            where += " AND session_id=?"
            params = (session_id,)
        found = self.store.query(
            f"SELECT batch FROM device_audit WHERE {where} ORDER BY id DESC LIMIT 1", params
        )
        if not found:
            return []
        rows = self.store.query(
            f"SELECT {_COLUMNS} FROM device_audit WHERE batch=? AND result='done' ORDER BY id",
            (found[0][0],),
        )
        return [_row(r) for r in rows]

    def mark_undone(self, batch: str) -> None:
        with self.store.transaction() as db:
            db.execute("UPDATE device_audit SET undone=1 WHERE batch=?", (batch,))


def _row(r: tuple[Any, ...]) -> AuditRow:
    return AuditRow(
        id=r[0],
        ts=r[1],
        batch=r[2],
        session_id=r[3],
        turn_id=r[4],
        requester=r[5],
        device_id=r[6],
        change=json.loads(r[7]),
        old_state=json.loads(r[8]),
        new_state=None if r[9] is None else json.loads(r[9]),
        result=r[10],
        error=r[11],
        undone=bool(r[12]),
    )

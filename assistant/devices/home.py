"""The home's registry in SQLite: the devices, their last known state, and changes to both.

Every process on one $ASSISTANT_HOME shares it; a version stamp in `home_meta` tells a
process when another one changed the devices, so lookups stay in memory between changes.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from assistant.devices import schema
from assistant.devices.demo import DEMO_HOME, DEMO_STATE
from assistant.devices.device import Device, device_from
from assistant.devices.state import initial_state
from assistant.errors import InputError
from assistant.store import Store


@dataclass(frozen=True)
class Reading:
    state: dict[str, Any]
    available: bool
    updated: float


class Home:
    def __init__(self, store: Store):
        store.migrate_component("devices", schema.MIGRATIONS)
        self.store = store
        self._lock = threading.Lock()
        self._cached: tuple[int, list[Device]] | None = None
        self.listeners: list[Callable[[list[Device]], None]] = []  # told after devices change

    # -- devices ------------------------------------------------------------------------

    def devices(self) -> list[Device]:
        version = self._version()
        with self._lock:
            if self._cached is None or self._cached[0] != version:
                rows = self.store.query("SELECT spec FROM devices ORDER BY position")
                self._cached = (version, [_device(json.loads(r[0])) for r in rows])
            return list(self._cached[1])

    def get(self, device_id: str) -> Device:
        for device in self.devices():
            if device.id == device_id:
                return device
        raise InputError(f"no device with id {device_id!r} (see `assistant devices`)")

    def add(self, device: Device, state: dict[str, Any] | None = None) -> Device:
        if any(d.id == device.id for d in self.devices()):
            raise InputError(f"a device with id {device.id!r} exists already")
        self.replace([*self.devices(), device], {device.id: state or {}}, keep_state=True)
        return device

    def update(self, device: Device) -> Device:
        """Store a changed declaration (a rename, a flag) of an existing device."""
        self.get(device.id)
        self.replace([device if d.id == device.id else d for d in self.devices()], keep_state=True)
        return device

    def remove(self, device_id: str) -> Device:
        device = self.get(device_id)
        self.replace([d for d in self.devices() if d.id != device_id], keep_state=True)
        return device

    def replace(
        self,
        devices: Iterable[Device],
        states: dict[str, dict[str, Any]] | None = None,
        keep_state: bool = True,
    ) -> list[Device]:
        """Make the home exactly `devices`, in one transaction. A device that stays keeps its
        state when `keep_state`. A new simulated device starts from its kind's defaults plus
        `states`; a real one (MQTT, Home Assistant) from `states` alone: what it has not
        reported is unknown, never a default presented as fact."""
        devices = list(devices)
        ids = [d.id for d in devices]
        if len(set(ids)) != len(ids):
            twice = next(i for i in ids if ids.count(i) > 1)
            raise InputError(f"device id {twice!r} is declared twice")
        now = time.time()
        with self.store.transaction() as db:
            known = {r[0] for r in db.execute("SELECT id FROM device_state")}
            db.execute("DELETE FROM devices")
            for position, device in enumerate(devices):
                db.execute(
                    "INSERT INTO devices (id, spec, position) VALUES (?,?,?)",
                    (device.id, json.dumps(device.as_json()), position),
                )
                if keep_state and device.id in known:
                    continue
                simulated = device.adapter == "virtual"
                state = {**(initial_state(device) if simulated else {}),
                         **(states or {}).get(device.id, {})}  # fmt: skip
                heard = simulated or device.id in (states or {})  # updated 0: never heard from
                db.execute(
                    "INSERT OR REPLACE INTO device_state (id, state, available, updated)"
                    " VALUES (?,?,1,?)",
                    (device.id, json.dumps(state), now if heard else 0.0),
                )
            db.execute("DELETE FROM device_state WHERE id NOT IN (SELECT id FROM devices)")
            db.execute(
                "INSERT INTO home_meta VALUES ('version', '1')"
                " ON CONFLICT(key) DO UPDATE SET value=CAST(value AS INTEGER)+1"
            )
        current = self.devices()
        for listener in self.listeners:
            listener(current)
        return current

    def ensure_demo(self) -> bool:
        """Seed the demo home once per $ASSISTANT_HOME (not again after the user empties it)."""
        if self.store.query("SELECT 1 FROM home_meta WHERE key='seeded'"):
            return False
        with self.store.transaction() as db:
            db.execute("INSERT OR IGNORE INTO home_meta VALUES ('seeded', 'demo')")
        if self.devices():
            return False
        self.replace([device_from(d) for d in DEMO_HOME], DEMO_STATE, keep_state=False)
        return True

    # -- state --------------------------------------------------------------------------

    def reading(self, device_id: str) -> Reading:
        rows = self.store.query(
            "SELECT state, available, updated FROM device_state WHERE id=?", (device_id,)
        )
        if not rows:
            return Reading({}, False, 0.0)
        state, available, updated = rows[0]
        return Reading(json.loads(state), bool(available), float(updated))

    def readings(self) -> dict[str, Reading]:
        rows = self.store.query("SELECT id, state, available, updated FROM device_state")
        return {r[0]: Reading(json.loads(r[1]), bool(r[2]), float(r[3])) for r in rows}

    def record_state(
        self,
        device_id: str,
        state: dict[str, Any] | None = None,
        available: bool | None = None,
        *,
        whole: bool = False,
    ) -> None:
        """What a device reported: its (partial) state, its availability, or both; `whole`
        when the report is the device's entire state, so a field it no longer reports is
        forgotten rather than kept from an older report."""
        with self.store.transaction() as db:
            row = db.execute(
                "SELECT state, available FROM device_state WHERE id=?", (device_id,)
            ).fetchone()
            if row is None:
                return  # not (or no longer) in the home
            merged = dict(state or {}) if whole else {**json.loads(row[0]), **(state or {})}
            online = bool(row[1]) if available is None else available
            db.execute(
                "UPDATE device_state SET state=?, available=?, updated=? WHERE id=?",
                (json.dumps(merged), int(online), time.time(), device_id),
            )

    def _version(self) -> int:
        rows = self.store.query("SELECT value FROM home_meta WHERE key='version'")
        return int(rows[0][0]) if rows else 0


def _device(data: dict[str, Any]) -> Device:
    return Device(**{**data, **{k: tuple(data[k]) for k in ("aliases", "capabilities", "groups")}})

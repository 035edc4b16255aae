"""The device hub: carry out a change on devices through their adapters, one audit row per
device, a failure reported per device and nothing else changed; undo the last command; and
re-read devices whose recorded state is older than `max_age_s` before acting or answering."""

from __future__ import annotations

import logging
import time
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from assistant.devices.adapters.base import Adapter, DeviceUnreachable
from assistant.devices.audit import Audit, AuditRow
from assistant.devices.device import Device
from assistant.devices.home import Home
from assistant.devices.state import Change, apply_change
from assistant.events import Events

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    device: Device
    result: str  # done, unchanged, failed, refused
    old: dict[str, Any]
    new: dict[str, Any]
    error: str = ""
    asked: tuple[str, ...] = ()  # the state fields the command was about

    def as_action(self) -> dict[str, Any]:
        changed = {k: v for k, v in self.new.items() if self.old.get(k) != v}
        return {
            "type": "device",
            "device": self.device.id,
            "result": self.result,
            "old": {k: self.old.get(k) for k in changed},
            "new": changed,
            **({"error": self.error} if self.error else {}),
        }


class Hub:
    def __init__(
        self,
        home: Home,
        audit: Audit,
        adapters: dict[str, Any],
        events: Events | None = None,
        max_age_s: float = 10.0,
    ):
        self.home = home
        self.audit = audit
        self.events = events
        self.max_age_s = max_age_s  # a real device's state older than this is read again
        self._adapters = adapters  # name -> Adapter, or a callable that makes one on first use

    def adapter(self, name: str) -> Adapter:
        made = self._adapters.get(name)
        if made is None:
            raise DeviceUnreachable(f"no adapter {name!r} is configured")
        if callable(made) and not hasattr(made, "apply"):
            made = made()
            self._adapters[name] = made
        return made

    def refresh(self, devices: list[Device], max_age_s: float | None = None) -> dict[str, str]:
        """Re-read the real devices among `devices` whose state is older than `max_age_s`
        (default: the hub's); {device id: why it could not be read} for the rest, whose
        recorded state stays, with its age."""
        limit = self.max_age_s if max_age_s is None else max_age_s
        readings = self.home.readings()
        now = time.time()
        stale: dict[str, list[Device]] = defaultdict(list)
        for device in devices:
            reading = readings.get(device.id)
            if device.adapter != "virtual" and (reading is None or now - reading.updated >= limit):
                stale[device.adapter].append(device)
        failed: dict[str, str] = {}
        for name, group in stale.items():
            try:
                observed = self.adapter(name).read(group)
            except Exception as exc:  # a bridge that is down is this read's failure only
                reason = str(exc) if isinstance(exc, DeviceUnreachable) else repr(exc)
                log.info("could not re-read %d %s devices: %s", len(group), name, reason)
                failed.update({d.id: reason for d in group})
                continue
            for device in group:
                seen = observed.get(device.id)
                if seen is None:
                    failed[device.id] = "it did not answer"
                else:
                    self.home.record_state(device.id, seen.state, seen.available, whole=True)
        return failed

    def act(
        self,
        changes: list[tuple[Device, Change]],
        *,
        requester: str,
        session_id: str | None = None,
        batch: str | None = None,
    ) -> tuple[str, list[Outcome]]:
        """Apply each change; (batch id, an outcome per device). Devices on remote adapters
        are asked at once, so a group waits for its slowest device, not their sum."""
        batch = batch or uuid.uuid4().hex[:12]
        self.refresh([device for device, _ in changes])
        remote = [c for c in changes if c[0].adapter != "virtual"]
        with ThreadPoolExecutor(max_workers=min(8, len(remote) or 1)) as pool:
            futures = {c[0].id: pool.submit(self._one, *c) for c in remote}
            outcomes = [
                futures[d.id].result() if d.id in futures else self._one(d, change)
                for d, change in changes
            ]
        for (device, change), outcome in zip(changes, outcomes, strict=True):
            self.audit.record(
                batch,
                session_id=session_id,
                requester=requester,
                device_id=device.id,
                change=change.as_json(),
                old_state=outcome.old,
                new_state=outcome.new if outcome.result in {"done", "unchanged"} else None,
                result=outcome.result,
                error=outcome.error or None,
            )
            if self.events is not None and outcome.result == "done":
                self.events.emit("device.changed", {**outcome.as_action(), "requester": requester})
        return batch, outcomes

    def _one(self, device: Device, change: Change) -> Outcome:
        reading = self.home.reading(device.id)
        old = reading.state
        new = apply_change(old, change)
        wanted = {k: v for k, v in new.items() if old.get(k) != v}
        asked = tuple(change.fields())
        if device.adapter != "virtual" and not reading.available:
            return Outcome(device, "failed", old, old, "it is unavailable", asked)
        if not wanted:
            return Outcome(device, "unchanged", old, old, asked=asked)
        try:
            reported = self.adapter(device.adapter).apply(device, wanted)
        except DeviceUnreachable as exc:
            return Outcome(device, "failed", old, old, str(exc), asked)
        except Exception as exc:  # an adapter's bug is this device's failure, not the turn's
            return Outcome(device, "failed", old, old, f"{type(exc).__name__}: {exc}", asked)
        if device.adapter != "virtual":
            self.home.record_state(device.id, reported, available=True)
            reported = self.home.reading(device.id).state
        return Outcome(device, "done", old, reported, asked=asked)

    def undo(
        self, session_id: str | None, requester: str = "undo"
    ) -> tuple[list[AuditRow], list[Outcome]]:
        """Put back the fields the last command changed (in this session, if given)."""
        rows = self.audit.last_batch(session_id)
        changes = []
        known = {d.id: d for d in self.home.devices()}
        for row in rows:
            device = known.get(row.device_id)
            if device is None or row.new_state is None:
                continue
            fields = {k: row.old_state.get(k) for k, v in row.new_state.items()
                      if row.old_state.get(k) != v and k in row.old_state}  # fmt: skip
            if fields:
                changes.append((device, Change(fields)))
        if not changes:
            return rows, []
        _, outcomes = self.act(changes, requester=requester, session_id=session_id)
        self.audit.mark_undone(rows[0].batch)
        return rows, outcomes

    def close(self) -> None:
        for adapter in self._adapters.values():
            if hasattr(adapter, "close") and hasattr(adapter, "apply"):
                adapter.close()

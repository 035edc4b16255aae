"""A device of the home as declared: who it is, where it is, what it can do, and whether the
assistant may control it."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from typing import Any

from assistant.devices.kinds import CAPABILITIES, KINDS, kind_named
from assistant.errors import InputError

FIELDS = (
    "id", "name", "kind", "room", "floor", "aliases", "capabilities", "groups",
    "exposed", "sensitive", "adapter", "address",
)  # fmt: skip
_ID = re.compile(r"^[a-z0-9][a-z0-9_.:-]{0,63}$")
ADAPTERS = ("virtual", "mqtt", "homeassistant")


@dataclass(frozen=True)
class Device:
    id: str  # stable: "desk_lamp", "light.kitchen" (what the adapter and the audit use)
    name: str  # what people call it: "desk lamp"
    kind: str  # a key of KINDS
    room: str = ""
    floor: str = ""
    aliases: tuple[str, ...] = ()
    capabilities: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    exposed: bool = True  # the assistant may control it
    sensitive: bool = False  # every action on it asks first
    adapter: str = "virtual"
    address: str = ""  # the adapter's name for it: an MQTT friendly name, an HA entity id

    def can(self, capability: str) -> bool:
        return capability in self.capabilities

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("aliases", "capabilities", "groups"):
            data[key] = list(data[key])
        return data

    def renamed(self, name: str) -> Device:
        return replace(self, name=clean_name(name, "name"))


def device_from(data: dict[str, Any], where: str = "") -> Device:
    """A Device from a mapping as imported; an InputError naming `where` for a bad field."""
    at = f"{where}: " if where else ""
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise InputError(f"{at}unknown key {unknown[0]!r} (known: {', '.join(FIELDS)})")
    for required in ("id", "name", "kind"):
        if not str(data.get(required) or "").strip():
            raise InputError(f"{at}missing {required!r}")
    device_id = str(data["id"]).strip()
    if not _ID.match(device_id):
        raise InputError(f"{at}id {device_id!r} must be lower-case letters, digits, _ . : -")
    kind = kind_named(str(data["kind"]))
    if kind is None:
        raise InputError(f"{at}unknown kind {data['kind']!r} (known: {', '.join(KINDS)})")
    capabilities = _names(data.get("capabilities"), "capabilities", at) or kind.capabilities
    bad = [c for c in capabilities if c not in CAPABILITIES]
    if bad:
        known = ", ".join(sorted(CAPABILITIES))
        raise InputError(f"{at}unknown capability {bad[0]!r} (known: {known})")
    adapter = str(data.get("adapter") or "virtual")
    if adapter not in ADAPTERS:
        raise InputError(f"{at}unknown adapter {adapter!r} (known: {', '.join(ADAPTERS)})")
    return Device(
        id=device_id,
        name=clean_name(str(data["name"]), f"{at}name"),
        kind=kind.name,
        room=_place(data.get("room")),
        floor=_place(data.get("floor")),
        aliases=tuple(
            clean_name(a, f"{at}alias") for a in _names(data.get("aliases"), "aliases", at)
        ),
        capabilities=tuple(capabilities),
        groups=tuple(_place(g) for g in _names(data.get("groups"), "groups", at)),
        exposed=_flag(data.get("exposed"), kind.exposed, "exposed", at),
        sensitive=_flag(data.get("sensitive"), kind.sensitive, "sensitive", at),
        adapter=adapter,
        address=str(data.get("address") or ""),
    )


def clean_name(name: str, what: str) -> str:
    name = " ".join(str(name).split())
    if not name or len(name) > 80:
        raise InputError(f"{what} must be 1 to 80 characters")
    return name


def _place(value: Any) -> str:
    return " ".join(str(value or "").lower().split())


def _names(value: Any, what: str, at: str) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"{at}{what} must be a list of strings")
    return tuple(value)


def _flag(value: Any, default: bool, what: str, at: str) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    raise InputError(f"{at}{what} must be true or false, not {value!r}")

"""`assistant devices [import FILE | add | remove | rename | expose | hide | log]`: the home's
devices with their state, declared from a file or one by one, and the audit of actions."""

from __future__ import annotations

import argparse
import dataclasses
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.cli.commands import CommandLine
from assistant.cli.numbers import count
from assistant.cli.output import add_json_command, emit
from assistant.errors import InputError

if TYPE_CHECKING:
    from assistant.core import Assistant


def register(cli: CommandLine) -> None:
    devices = cli.command("devices", "the home's devices, their state and the action log", run)
    sub = devices.add_subparsers(dest="devices_command", metavar="DEVICES_COMMAND")
    imported = add_json_command(sub, "import", "declare the home from a YAML or JSON file")
    imported.add_argument("file", type=Path, nargs="?", help="a list of devices (see README)")
    imported.add_argument("--merge", action="store_true",
                          help="add and update these devices, keep the others")  # fmt: skip
    imported.add_argument("--from-homeassistant", action="store_true",
                          help="import the entities of the configured Home Assistant")  # fmt: skip
    add = add_json_command(sub, "add", "add one device")
    add.add_argument("id")
    add.add_argument("name")
    add.add_argument("--kind", required=True, help="light, plug, fan, climate, lock, cover, …")
    add.add_argument("--room", default="")
    add.add_argument("--floor", default="")
    add.add_argument("--alias", action="append", default=[], help="another name (repeatable)")
    add.add_argument("--group", action="append", default=[], help="a group (repeatable)")
    add.add_argument("--adapter", default="virtual", help="virtual, mqtt or homeassistant")
    add.add_argument("--address", default="", help="the adapter's name for it")
    remove = add_json_command(sub, "remove", "remove devices by id")
    remove.add_argument("ids", nargs="+")
    rename = add_json_command(sub, "rename", "give a device a new name")
    rename.add_argument("id")
    rename.add_argument("name")
    for name, text in (("expose", "let the assistant control these devices"),
                       ("hide", "stop the assistant controlling these devices"),
                       ("sensitive", "ask yes or no before risky actions on these devices"),
                       ("trusted", "no longer ask before actions on these devices")):  # fmt: skip
        flag = add_json_command(sub, name, text)
        flag.add_argument("ids", nargs="+")
    log = add_json_command(sub, "log", "every action asked of a device, newest last")
    log.add_argument("--limit", type=count, default=30)
    log.add_argument("--device", help="only this device's actions")


def run(args: argparse.Namespace, assistant: Assistant) -> int:
    service = assistant.services.get("devices")
    command = args.devices_command
    if command == "import":
        return _import(args, service, assistant)
    if command == "add":
        return _add(args, service)
    if command == "remove":
        gone = [service.home.remove(i).as_json() for i in args.ids]
        emit(args, {"removed": gone}, f"removed {', '.join(d['name'] for d in gone)}")
        return 0
    if command == "rename":
        device = service.home.update(service.home.get(args.id).renamed(args.name))
        emit(args, device.as_json(), f"{device.id} is now called {device.name!r}")
        return 0
    if command in {"expose", "hide", "sensitive", "trusted"}:
        return _flag(args, service, command)
    if command == "log":
        return _log(args, service)
    return _list(args, service)


def _list(args: argparse.Namespace, service: Any) -> int:
    rows = service.listing()
    emit(args, rows, lambda: _table(rows) or "no devices; add some with `assistant devices import`")
    return 0


def _table(rows: list[dict[str, Any]]) -> str:
    lines = []
    for row in rows:
        flags = ("" if row["exposed"] else " [not exposed]") + (
            " [sensitive]" if row["sensitive"] else ""
        )
        state = ", ".join(f"{k}={v}" for k, v in row["state"].items())
        where = row["room"] or "-"
        offline = "" if row["available"] else " (not answering)"
        lines.append(
            f"{row['id']:<22} {row['name']:<28} {row['kind']:<18} {where:<12} {state}{offline}{flags}"
        )
    return "\n".join(lines)


def _import(args: argparse.Namespace, service: Any, assistant: Assistant) -> int:
    from assistant.devices.importer import read_home

    observed: dict[str, Any] = {}
    if args.from_homeassistant:
        from assistant.devices.adapters.homeassistant import HomeAssistantAdapter

        adapter = HomeAssistantAdapter.from_config(assistant.config.devices)
        devices, observed = adapter.discover()
    elif args.file is None:
        raise InputError("give a YAML or JSON file, or --from-homeassistant")
    else:
        devices = read_home(args.file)
    if args.merge or args.from_homeassistant:
        incoming = {d.id: d for d in devices}
        kept = [incoming.pop(d.id, d) for d in service.home.devices()]
        devices = [*kept, *incoming.values()]
    home = service.home.replace(devices, keep_state=True)
    for device_id, seen in observed.items():  # what HA says now, not what we held before
        service.home.record_state(device_id, seen.state, seen.available, whole=True)
    rooms = sorted({d.room for d in home if d.room})
    unavailable = sorted(i for i, seen in observed.items() if not seen.available)
    note = f"; {len(unavailable)} unavailable in Home Assistant" if unavailable else ""
    emit(args, {"devices": len(home), "rooms": rooms, "unavailable": unavailable},
         f"the home has {len(home)} devices in {len(rooms)} rooms{note}")  # fmt: skip
    return 0


def _add(args: argparse.Namespace, service: Any) -> int:
    from assistant.devices.device import device_from

    device = device_from({
        "id": args.id, "name": args.name, "kind": args.kind, "room": args.room,
        "floor": args.floor, "aliases": args.alias, "groups": args.group,
        "adapter": args.adapter, "address": args.address,
    })  # fmt: skip
    service.home.add(device)
    emit(args, device.as_json(), f"added {device.name} ({device.id})")
    return 0


def _flag(args: argparse.Namespace, service: Any, command: str) -> int:
    name, value = {"expose": ("exposed", True), "hide": ("exposed", False),
                   "sensitive": ("sensitive", True), "trusted": ("sensitive", False)}[command]  # fmt: skip
    changed = []
    for device_id in args.ids:
        device = dataclasses.replace(service.home.get(device_id), **{name: value})
        changed.append(service.home.update(device).as_json())
    emit(args, changed, f"{', '.join(d['name'] for d in changed)}: {name} = {str(value).lower()}")
    return 0


def _log(args: argparse.Namespace, service: Any) -> int:
    rows = [r.as_json() for r in service.audit.rows(args.limit, args.device)]

    def text() -> str:
        lines = []
        for row in rows:
            when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(row["ts"]))
            new = row["new_state"] or {}
            changed = {k: v for k, v in new.items() if row["old_state"].get(k) != v}
            what = ", ".join(f"{k} {row['old_state'].get(k)}→{v}" for k, v in changed.items())
            note = f" ({row['error']})" if row["error"] else ""
            undone = " [undone]" if row["undone"] else ""
            turn = f" turn {row['turn_id']}" if row["turn_id"] else ""
            lines.append(f"{when} {row['device_id']:<20} {row['result']:<9} {what}{note}{undone}"
                         f"  ← {row['requester']!r}{turn}")  # fmt: skip
        return "\n".join(lines) or "no device actions yet"

    emit(args, rows, text)
    return 0

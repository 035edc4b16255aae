"""Read a home from a YAML or JSON file: a list of `{id, name, kind, room, floor, aliases,
capabilities, groups, exposed, sensitive, adapter, address}` (or `{devices: [...]}`).
Only id, name and kind are required; a mistake is an InputError naming the file and line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.devices.device import FIELDS, Device, device_from
from assistant.errors import InputError
from assistant.textinput import read_text_file

MAX_BYTES = 5_000_000


def read_home(path: Path) -> list[Device]:
    text = read_text_file(path, MAX_BYTES, "YAML or JSON")
    if path.suffix.lower() == ".json":
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path} line {exc.lineno}: {exc.msg}") from None
    return parse_home(text, str(path))


def parse_home(text: str, origin: str = "home file") -> list[Device]:
    """Devices from YAML (JSON is YAML too), each error with its line."""
    import yaml

    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{origin}{where}: {problem}") from None
    finally:
        loader.dispose()
    if root is None:
        raise InputError(f"{origin}: empty; expected a list of devices")
    items = _device_nodes(root, origin)
    devices: list[Device] = []
    seen: dict[str, int] = {}
    for node in items:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            raise InputError(f"{origin} line {line}: each device must be a mapping")
        data: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key, key_line = str(key_node.value), key_node.start_mark.line + 1
            if key not in FIELDS:
                known = ", ".join(FIELDS)
                raise InputError(f"{origin} line {key_line}: unknown key {key!r} (known: {known})")
            data[key] = yaml.SafeLoader(yaml.serialize(value_node)).get_single_data()
        device = device_from(data, f"{origin} line {line}")
        if device.id in seen:
            raise InputError(
                f"{origin} line {line}: id {device.id!r} is also used on line {seen[device.id]}"
            )
        seen[device.id] = line
        devices.append(device)
    return devices


def _device_nodes(root: Any, origin: str) -> list[Any]:
    import yaml

    if isinstance(root, yaml.MappingNode):
        for key_node, value_node in root.value:
            if key_node.value == "devices":
                root = value_node
                break
        else:
            raise InputError(f"{origin}: expected a list of devices (or a 'devices:' key)")
    if not isinstance(root, yaml.SequenceNode):
        raise InputError(f"{origin} line {root.start_mark.line + 1}: expected a list of devices")
    return list(root.value)

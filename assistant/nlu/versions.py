"""Versioned intent models under $ASSISTANT_HOME/models: list, current, promote, rollback.

Each version is a folder (`v1`, `v2`, …) holding model.onnx, tokenizer.json and meta.json.
`CURRENT` names the version in use and `history.json` every promotion, both replaced
atomically, so a running REPL sees a promotion whole or not at all.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import ModelError


@dataclass
class ModelVersion:
    name: str  # "v3"
    path: Path
    meta: dict[str, Any]  # labels, data_hash, config, calibration, metrics, created

    @property
    def labels(self) -> list[str]:
        return list(self.meta["labels"])


class ModelStore:
    def __init__(self, root: Path):
        self.root = root

    def versions(self) -> list[ModelVersion]:
        found = []
        if self.root.exists():
            for path in self.root.iterdir():
                if re.fullmatch(r"v\d+", path.name) and (path / "meta.json").exists():
                    found.append(self._load(path))
        return sorted(found, key=lambda v: int(v.name[1:]))

    def get(self, name: str) -> ModelVersion:
        path = self.root / name
        if not (path / "meta.json").exists():
            known = ", ".join(v.name for v in self.versions()) or "none"
            raise ModelError(f"no model version {name!r} (have: {known})")
        return self._load(path)

    def current(self) -> ModelVersion | None:
        pointer = self.root / "CURRENT"
        if not pointer.exists():
            return None
        return self.get(pointer.read_text().strip())

    def current_stamp(self) -> tuple[int, int] | None:
        """Cheap change detector for the CURRENT pointer (inode, mtime)."""
        try:
            stat = (self.root / "CURRENT").stat()
        except FileNotFoundError:
            return None
        return (stat.st_ino, stat.st_mtime_ns)

    def new_version_dir(self) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        numbers = [int(p.name[1:]) for p in self.root.iterdir() if re.fullmatch(r"v\d+", p.name)]
        path = self.root / f"v{max(numbers, default=0) + 1}"
        path.mkdir()
        return path

    def write_meta(self, path: Path, meta: dict[str, Any]) -> None:
        _atomic_write(path / "meta.json", json.dumps({"created": time.time(), **meta}, indent=2))

    def promote(self, name: str) -> ModelVersion:
        version = self.get(name)
        history = self.history()
        history.append({"version": name, "at": time.time()})
        _atomic_write(self.root / "history.json", json.dumps(history, indent=2))
        _atomic_write(self.root / "CURRENT", name)
        return version

    def rollback(self) -> ModelVersion:
        """Back to the version promoted before the current one."""
        current = self.current()
        earlier = [
            h["version"] for h in self.history() if current is None or h["version"] != current.name
        ]
        if not earlier:
            raise ModelError("there is no earlier promoted version to roll back to")
        return self.promote(earlier[-1])

    def history(self) -> list[dict[str, Any]]:
        path = self.root / "history.json"
        return list(json.loads(path.read_text())) if path.exists() else []

    def _load(self, path: Path) -> ModelVersion:
        try:
            meta = json.loads((path / "meta.json").read_text())
        except (OSError, json.JSONDecodeError) as exc:
            raise ModelError(f"{path / 'meta.json'} is unreadable: {exc}") from None
        return ModelVersion(path.name, path, meta)


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)

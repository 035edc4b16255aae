"""Where user data and caches live; one env var each so tests point them at a tmp dir."""

from __future__ import annotations

import os
from pathlib import Path


def home() -> Path:
    """$ASSISTANT_HOME, else the platform's user data dir; created on first use."""
    override = os.environ.get("ASSISTANT_HOME")
    if override:
        path = Path(override).expanduser()
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir("assistant", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache() -> Path:
    """$ASSISTANT_CACHE, else the platform's cache dir: derived files that can be rebuilt."""
    override = os.environ.get("ASSISTANT_CACHE")
    if override:
        path = Path(override).expanduser()
    else:
        import platformdirs

        path = Path(platformdirs.user_cache_dir("assistant", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path

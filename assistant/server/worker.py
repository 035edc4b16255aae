"""The app factory each `assistant serve --workers N` process calls: its own assistant
on the shared home (SQLite in WAL mode), the token passed in the environment."""

from __future__ import annotations

import os

from fastapi import FastAPI


def app() -> FastAPI:
    from assistant.core import Assistant
    from assistant.server.app import create_app
    from assistant.server.auth import TOKEN_ENV

    return create_app(Assistant.open(notify=lambda _: None), os.environ.get(TOKEN_ENV) or None)

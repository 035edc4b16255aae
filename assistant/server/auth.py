"""The bearer token `assistant serve` asks for: required off loopback, optional on it."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.errors import ConfigError, InputError
from assistant.loopback import is_loopback
from assistant.server.failures import error

TOKEN_ENV = "ASSISTANT_SERVE_TOKEN"


def load_token(token_file: Path | None) -> str | None:
    """The token from --token-file, else $ASSISTANT_SERVE_TOKEN, else None."""
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise InputError(f"cannot read the token file {token_file}: {exc.strerror}") from None
        if len(token) < 16:
            raise ConfigError(f"{token_file}: a token must be at least 16 characters")
        return token
    return os.environ.get(TOKEN_ENV) or None


def require_token_off_loopback(host: str, token: str | None) -> None:
    if token is None and not is_loopback(host):
        raise ConfigError(
            f"serving on {host} needs a token: run `assistant serve --make-token FILE`, then"
            f" `assistant serve --host {host} --token-file FILE` (or set ${TOKEN_ENV})"
        )


def make_token(path: Path) -> str:
    """Write a new random token to `path`, readable only by this user."""
    token = secrets.token_urlsafe(32)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(token + "\n")
    os.chmod(path, 0o600)  # an existing file keeps its mode through O_CREAT
    return token


def authorised(header: str | None, token: str | None) -> bool:
    if token is None:
        return True
    scheme, _, given = (header or "").partition(" ")
    return scheme.lower() == "bearer" and secrets.compare_digest(given.strip(), token)


class TokenCheck:
    """401 for a request without the token, except on `open_paths`. Plain ASGI: Starlette's
    BaseHTTPMiddleware would wrap the body's reads in a task group, so the 413 that
    BodyLimit raises there would reach FastAPI as an ExceptionGroup, answered 400."""

    def __init__(self, app: ASGIApp, token: str | None, open_paths: set[str]):
        self.app, self.token, self.open_paths = app, token, open_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["path"] not in self.open_paths
            and not authorised(Headers(scope=scope).get("authorization"), self.token)
        ):
            refusal = error(401, "a bearer token is required: Authorization: Bearer TOKEN")
            return await refusal(scope, receive, send)
        await self.app(scope, receive, send)

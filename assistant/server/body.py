"""Request bodies: at most MAX_BODY bytes whether the client says the length or streams it,
and JSON read by one reader that refuses, on one line, what is not UTF-8, not JSON, nested
deeper than any request needs, or holds a string that is not text."""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import HTTPException
from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.server.failures import error

MAX_BODY = 1_000_000
MAX_DEPTH = 32  # the deepest request is 3 levels; json's own limit is a RecursionError
TOO_LARGE = f"the body is over {MAX_BODY:,} bytes"


class BodyLimit:
    """413 for a body over MAX_BODY: at once when it says its length, else when the bytes
    read pass it (an HTTPException, so FastAPI answers it instead of "error parsing")."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > MAX_BODY:
            return await error(413, TOO_LARGE)(scope, receive, send)
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > MAX_BODY:
                raise HTTPException(413, TOO_LARGE)
            return message

        await self.app(scope, counted, send)


class JSONRoute(APIRoute):
    """A route whose request body is read by `read_json`."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            return await handler(_JSONRequest(request.scope, request.receive))

        return handle


class _JSONRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = read_json(await self.body())
        return self._json


def read_json(body: bytes) -> Any:
    """The JSON value in `body`, or an HTTPException 400 that says why there is none."""
    try:
        value = json.loads(body.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError as exc:
        raise HTTPException(400, f"the body is not UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise HTTPException(
            400, f"the body is not JSON: {exc.msg} at character {exc.pos}"
        ) from None
    except RecursionError:
        raise HTTPException(400, f"the body nests deeper than {MAX_DEPTH} levels") from None
    except ValueError as exc:  # NaN, or an integer of more than 4,300 digits
        reason = str(exc).split(":")[0]  # less Python's advice to raise its limit
        raise HTTPException(400, f"the body is not JSON: {reason}") from None
    why = _unusable(value)
    if why:
        raise HTTPException(400, f"the body {why}")
    return value


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def _unusable(value: Any) -> str | None:
    """Why a parsed body cannot be used: lists and objects nested more than MAX_DEPTH deep,
    or a string with half a UTF-16 pair ("\\ud800"), which I-JSON (RFC 7493) forbids and
    the encoder's tokenizer cannot take."""
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, str) and not _is_text(item):
            return f"holds {ascii(item)[:40]}, a string with a lone surrogate"
        if isinstance(item, dict | list):
            if level > MAX_DEPTH:
                return f"nests deeper than {MAX_DEPTH} levels"
            children = [*item, *item.values()] if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return None


def _is_text(string: str) -> bool:
    try:
        string.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True

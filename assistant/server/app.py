"""The ASGI app: FastAPI routes over a `Front`, bearer-token auth, a 1 MB body limit, and
every error as a one-line JSON `{"error": ...}` (4xx for the request, 5xx for our faults)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.errors import AssistantError, InputError
from assistant.server import page, routes
from assistant.server.auth import authorised
from assistant.server.front import Front
from assistant.server.live import Live

if TYPE_CHECKING:
    from assistant.core import Assistant

MAX_BODY = 1_000_000
log = logging.getLogger(__name__)


def create_app(
    assistant: Assistant,
    token: str | None = None,
    deliver: bool = True,
    mqtt_url: str = "",
    wyoming_uri: str = "",
) -> FastAPI:
    """The API over `assistant`; `token` None means none is asked for. With `deliver`, the
    reminder scheduler runs while the app does; with `mqtt_url` the voice bridge, and with
    `wyoming_uri` the Wyoming handler, in the same process."""
    front = Front(assistant)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        reminders = assistant.services.get("reminders")
        bridge = None
        if mqtt_url:
            from assistant.server.mqtt_bridge import MqttBridge

            bridge = MqttBridge(front, mqtt_url, assistant.config.mqtt.prefix)
            bridge.start()
            reminders.delivery.add("mqtt", bridge.notify)
        assistant.services.get("speech").attach(reminders)
        if deliver:
            reminders.start()
        wyoming = None
        if wyoming_uri:
            from assistant.server.wyoming_handler import start_wyoming

            wyoming = await start_wyoming(wyoming_uri, front)
        assistant.start_loading()
        yield
        if wyoming is not None:
            await wyoming.stop()
        if bridge is not None:
            bridge.close()
        assistant.close()

    app = FastAPI(title="assistant", version="1", lifespan=lifespan,
                  description="The assistant's HTTP API: the same turns as `assistant ask`.")  # fmt: skip
    app.state.front = front
    app.state.live = Live()
    assistant.services.events.listen(app.state.live.publish)

    @app.middleware("http")
    async def check_token(request: Request, call_next: Any) -> Any:
        open_paths = {"/v1/health", "/openapi.json", "/docs", *page.FILES}
        if request.url.path not in open_paths and not authorised(
            request.headers.get("authorization"), token
        ):
            return error(401, "a bearer token is required: Authorization: Bearer TOKEN")
        return await call_next(request)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        return error(422, f"{where or 'body'}: {first.get('msg', 'invalid')}")

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError) -> JSONResponse:
        return error(400, str(exc))

    @app.exception_handler(LookupError)
    async def missing(request: Request, exc: LookupError) -> JSONResponse:
        return error(404, str(exc.args[0]) if exc.args else "not found")

    @app.exception_handler(PermissionError)
    async def refused(request: Request, exc: PermissionError) -> JSONResponse:
        return error(403, str(exc))

    @app.exception_handler(AssistantError)
    async def ours(request: Request, exc: AssistantError) -> JSONResponse:
        return error(409, str(exc))

    @app.exception_handler(Exception)
    async def fault(request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error on %s", request.url.path)
        return error(500, f"internal error: {type(exc).__name__}")

    app.include_router(routes.router)
    app.include_router(page.router)
    app.add_middleware(BodyLimit)
    return app


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message.splitlines()[0] if message else "error"}, status)


class BodyLimit:
    """413 for a body over MAX_BODY, whether it says its length or streams it."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > MAX_BODY:
            return await _too_large(scope, receive, send)
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > MAX_BODY:
                raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await _too_large(scope, receive, send)


class _TooLarge(Exception):
    pass


async def _too_large(scope: Scope, receive: Receive, send: Send) -> None:
    response = error(413, f"the body is over {MAX_BODY:,} bytes")
    await response(scope, receive, send)

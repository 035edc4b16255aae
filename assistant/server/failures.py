"""Every error the API gives is one line of JSON, `{"error": "..."}`: the handlers that turn
exceptions (ours, FastAPI's and Starlette's) into it, and the OpenAPI responses that say so."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from assistant.errors import AssistantError, InputError

log = logging.getLogger(__name__)


class ErrorBody(BaseModel):
    """Every error the API answers: one line, for a person to read."""

    error: str = Field(description="what went wrong, on one line")


WHY = {
    400: "The body is not readable JSON, or a value in it cannot be used",
    401: "A bearer token is required (when the server has one)",
    403: "The device is not exposed to the assistant",
    404: "No such turn, chunk, reminder or device",
    409: "The device is sensitive: send confirm",
    413: "The body is over 1,000,000 bytes",
    422: "The request does not match this schema",
    500: "The server's own fault",
}


def documented(*statuses: int, auth: bool = True) -> dict[int | str, dict[str, Any]]:
    """The error responses of an operation: `statuses`, 413 and 500 (any request can get
    them) and, with `auth`, 401."""
    every = sorted({*statuses, 413, 500, *([401] if auth else [])})
    return {status: {"model": ErrorBody, "description": WHY[status]} for status in every}


def error(status: int, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        {"error": message.splitlines()[0] if message.strip() else "error"}, status, headers
    )


def install(app: FastAPI) -> None:
    """Answer every exception with `error`: a 4xx for the request, a 500 for our faults."""

    @app.exception_handler(HTTPException)
    async def http(request: Request, exc: HTTPException) -> JSONResponse:
        if exc.status_code == 404:
            return error(404, f"no endpoint {request.url.path}")
        if exc.status_code == 405:
            allowed = _allowed(request) or (exc.headers or {}).get("Allow", "")
            message = f"{request.method} is not allowed on {request.url.path} (only {allowed})"
            return error(405, message, {"Allow": allowed})
        return error(exc.status_code, str(exc.detail), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())[1:])  # less "body", "path"...
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


def _allowed(request: Request) -> str:
    """The methods the OpenAPI document gives this path. Starlette's 405 names only the
    first route's, so GET /v1/reminders would hide POST."""
    for template, operations in request.app.openapi()["paths"].items():
        pattern = "[^/]+".join(re.escape(part) for part in re.split(r"\{[^}]+\}", template))
        if re.fullmatch(pattern, request.url.path):
            return ", ".join(sorted(method.upper() for method in operations))
    return ""

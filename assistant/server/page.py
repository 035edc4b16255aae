"""The web chat: one page and its script and style, shipped in assistant/server/static/.
A Content-Security-Policy keeps it to this server: nothing is loaded from elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources

from fastapi import APIRouter
from fastapi.responses import Response

router = APIRouter(include_in_schema=False)
FILES = {"/": ("index.html", "text/html"), "/chat.js": ("chat.js", "text/javascript"),
         "/chat.css": ("chat.css", "text/css")}  # fmt: skip
POLICY = "default-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'"


def _file(name: str, media_type: str) -> Callable[[], Response]:
    def serve() -> Response:
        body = resources.files("assistant.server").joinpath("static", name).read_bytes()
        headers = {"Content-Security-Policy": POLICY, "Cache-Control": "no-cache"}
        return Response(body, media_type=f"{media_type}; charset=utf-8", headers=headers)

    return serve


for _path, (_name, _type) in FILES.items():
    router.add_api_route(_path, _file(_name, _type), methods=["GET"])

"""A real `assistant serve` process on a free loopback port, and a small JSON client."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.broker import free_port


@contextmanager
def serving(home: Path, *args: str) -> Iterator[str]:
    """Start `assistant serve` on `home`; yield its base URL once /v1/health answers."""
    port = free_port()
    env = {**os.environ, "ASSISTANT_HOME": str(home)}
    process = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", str(port),
                                *args], env=env, stderr=subprocess.PIPE, text=True)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while call(url, "GET", "/v1/health")[0] != 200:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start: {process.stderr.read()}")  # type: ignore[union-attr]
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)
        if process.stderr:
            process.stderr.close()


def call(
    url: str, method: str, path: str, body: Any = None, token: str | None = None
) -> tuple[int, Any]:
    """(status, decoded JSON); status 0 when nothing answers."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")
    except (urllib.error.URLError, ConnectionError):
        return 0, None


def post_raw(url: str, path: str, body: bytes) -> tuple[int, Any]:
    """POST `body` as it is, with its length said."""
    status, _, reply = send_raw(url, "POST", path, body)
    return status, reply


def send_raw(
    url: str, method: str, path: str, body: bytes = b"", chunked: bool = False
) -> tuple[int, dict[str, str], Any]:
    """(status, headers, decoded JSON) for `body` sent as it is: with its length said, or
    `chunked` with none. A server that answers before reading it all still gets read."""
    import http.client
    from urllib.parse import urlparse

    parsed = urlparse(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
    try:
        connection.putrequest(method, path)
        connection.putheader("Content-Type", "application/json")
        if chunked:
            connection.putheader("Transfer-Encoding", "chunked")
        else:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders()
        # A server that answers early and closes still leaves its answer to read.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            if chunked:
                for start in range(0, len(body), 65536):
                    piece = body[start : start + 65536]
                    connection.send(b"%x\r\n%s\r\n" % (len(piece), piece))
                connection.send(b"0\r\n\r\n")
            else:
                connection.send(body)
        response = connection.getresponse()
        headers = {name.lower(): value for name, value in response.getheaders()}
        return response.status, headers, json.loads(response.read() or b"null")
    finally:
        connection.close()

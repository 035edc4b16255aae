"""Checks for skills/snippets/web.py: each one starts a real HTTP server on 127.0.0.1 (port 0)
in a thread, talks to it, and shuts it down; nothing leaves the machine."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

_BLOB = bytes(range(256)) * 800  # 204,800 bytes: several download chunks


class _Handler(BaseHTTPRequestHandler):
    failures_left = 0  # how many more times /flaky answers 503

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def _reply(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path == "/text":
            self._reply(200, "héllo wörld".encode(), "text/plain; charset=utf-8")
        elif path == "/latin1":
            self._reply(200, "café".encode("latin-1"), "text/plain; charset=iso-8859-1")
        elif path == "/json":
            accept = self.headers.get("Accept", "")
            self._reply(
                200, json.dumps({"items": [1, 2], "accept": accept}).encode(), "application/json"
            )
        elif path == "/file":
            self._reply(200, _BLOB, "application/octet-stream")
        elif path == "/flaky":
            if _Handler.failures_left > 0:
                _Handler.failures_left -= 1
                self._reply(503, b"busy", "text/plain")
            else:
                self._reply(200, b"recovered", "text/plain")
        elif path == "/headers":
            agent = self.headers.get("User-Agent", "")
            self._reply(200, f"agent={agent}".encode(), "text/plain", X_Reply="yes")
        elif path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/text")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._reply(404, b"no such page", "text/plain")

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length).decode()
        kind = self.headers.get("Content-Type", "")
        if self.path == "/echo":
            reply = json.dumps({"got": json.loads(raw), "type": kind}).encode()
            self._reply(201, reply, "application/json")
        elif self.path == "/form":
            self._reply(200, f"{kind}|{raw}".encode(), "text/plain")
        else:
            self._reply(404, b"", "text/plain")


@contextmanager
def _serve(server: ThreadingHTTPServer | None = None) -> Iterator[str]:
    server = server or ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _check_fetch_text(fn: Callable[..., str]) -> None:
    with _serve() as base:
        assert fn(f"{base}/text") == "héllo wörld"
        assert fn(f"{base}/latin1") == "café"
        assert fn(f"{base}/redirect") == "héllo wörld"
        with pytest.raises(urllib.error.HTTPError) as caught:
            fn(f"{base}/nowhere")
        assert caught.value.code == 404
        caught.value.close()


def _check_fetch_json(fn: Callable[..., Any]) -> None:
    with _serve() as base:
        assert fn(f"{base}/json") == {"items": [1, 2], "accept": "application/json"}


def _check_post_json(fn: Callable[..., Any]) -> None:
    with _serve() as base:
        reply = fn(f"{base}/echo", {"name": "lamp", "watts": [40, 60]})
    assert reply == {"got": {"name": "lamp", "watts": [40, 60]}, "type": "application/json"}


def _check_post_form(fn: Callable[..., str]) -> None:
    with _serve() as base:
        reply = fn(f"{base}/form", {"user": "ann lee", "note": "a&b=c"})
    assert reply == "application/x-www-form-urlencoded|user=ann+lee&note=a%26b%3Dc"


def _check_download_file(fn: Callable[..., Path], tmp_path: Path) -> None:
    target = tmp_path / "sub" / "blob.bin"
    with _serve() as base:
        result = fn(f"{base}/file", target)
    assert Path(result) == target
    assert target.read_bytes() == _BLOB
    assert sorted(p.name for p in target.parent.iterdir()) == ["blob.bin"]


def _check_add_query_params(fn: Callable[..., str]) -> None:
    assert fn("https://x.org/search?q=cat", {"page": 2}) == "https://x.org/search?q=cat&page=2"
    assert fn("https://x.org/s?q=cat&page=1#r", {"page": 3}) == "https://x.org/s?q=cat&page=3#r"
    assert fn("http://h/p", {"name": "a b&c"}) == "http://h/p?name=a+b%26c"


def _check_parse_query_params(fn: Callable[..., dict[str, list[str]]]) -> None:
    assert fn("https://x.org/?tag=a&tag=b&n=1") == {"tag": ["a", "b"], "n": ["1"]}
    assert fn("https://x.org/p?q=red+shoes&empty=") == {"q": ["red shoes"], "empty": [""]}
    assert fn("https://x.org/p") == {}


def _check_fetch_with_retry(fn: Callable[..., bytes]) -> None:
    delays: list[float] = []
    with _serve() as base:
        _Handler.failures_left = 2
        assert fn(f"{base}/flaky", attempts=4, base_delay=0.5, sleep=delays.append) == b"recovered"
        assert delays == [0.5, 1.0]

        delays.clear()
        _Handler.failures_left = 5
        with pytest.raises(urllib.error.HTTPError) as caught:
            fn(f"{base}/flaky", attempts=3, base_delay=0.1, sleep=delays.append)
        assert caught.value.code == 503
        assert delays == [0.1, 0.2]

        delays.clear()
        with pytest.raises(urllib.error.HTTPError) as missing:
            fn(f"{base}/nowhere", sleep=delays.append)
        assert missing.value.code == 404
        assert delays == []  # client errors are not retried
    _Handler.failures_left = 0


def _check_basic_auth_header(fn: Callable[..., dict[str, str]]) -> None:
    assert fn("Aladdin", "open sesame") == {"Authorization": "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="}
    assert fn("ann", "") == {"Authorization": "Basic YW5uOg=="}


def _check_encode_form(fn: Callable[..., str]) -> None:
    assert fn({"q": "red shoes", "size": ["40", "41"]}) == "q=red+shoes&size=40&size=41"
    assert fn({"n": 3, "x": "a/b?"}) == "n=3&x=a%2Fb%3F"


def _check_url_is_ok(fn: Callable[..., bool]) -> None:
    with _serve() as base:
        assert fn(f"{base}/text") is True
        assert fn(f"{base}/nowhere") is False
        port = base.rsplit(":", 1)[1]
    assert fn(f"http://127.0.0.1:{port}/text", timeout=1.0) is False  # nothing listens now
    assert fn("not a url") is False


def _check_make_static_server(fn: Callable[..., ThreadingHTTPServer], tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<h1>home</h1>")
    (tmp_path / "notes.txt").write_text("static text")
    server = fn(tmp_path, host="127.0.0.1", port=0)
    with _serve(server) as base:
        with urllib.request.urlopen(f"{base}/notes.txt", timeout=5) as response:
            assert response.read() == b"static text"
        with urllib.request.urlopen(f"{base}/", timeout=5) as response:
            assert response.read() == b"<h1>home</h1>"
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(f"{base}/absent.txt", timeout=5)
        assert caught.value.code == 404
        caught.value.close()


def _check_head_content_length(fn: Callable[..., int | None]) -> None:
    with _serve() as base:
        assert fn(f"{base}/file") == len(_BLOB)
        assert fn(f"{base}/text") == len("héllo wörld".encode())


def _check_get_with_headers(fn: Callable[..., tuple[int, dict[str, str], str]]) -> None:
    with _serve() as base:
        status, headers, body = fn(f"{base}/headers", {"User-Agent": "snippet-check/1.0"})
        assert (status, body) == (200, "agent=snippet-check/1.0")
        assert headers["X-Reply"] == "yes"
        status, headers, body = fn(f"{base}/nowhere", {})
        assert (status, body) == (404, "no such page")


def _check_join_url(fn: Callable[..., str]) -> None:
    assert fn("https://x.org/docs/intro.html", "../img/logo.png") == "https://x.org/img/logo.png"
    assert fn("https://x.org/docs/", "guide.html") == "https://x.org/docs/guide.html"
    assert fn("https://x.org/docs/a", "/root") == "https://x.org/root"


def _check_url_parts(fn: Callable[..., dict[str, Any]]) -> None:
    assert fn("https://X.org:8443/a/b?q=1#top") == {
        "scheme": "https",
        "host": "x.org",
        "port": 8443,
        "path": "/a/b",
        "query": "q=1",
        "fragment": "top",
    }
    assert fn("http://h/")["port"] is None


CHECKS = {
    "fetch_text": _check_fetch_text,
    "fetch_json": _check_fetch_json,
    "post_json": _check_post_json,
    "post_form": _check_post_form,
    "download_file": _check_download_file,
    "add_query_params": _check_add_query_params,
    "parse_query_params": _check_parse_query_params,
    "fetch_with_retry": _check_fetch_with_retry,
    "basic_auth_header": _check_basic_auth_header,
    "encode_form": _check_encode_form,
    "url_is_ok": _check_url_is_ok,
    "make_static_server": _check_make_static_server,
    "head_content_length": _check_head_content_length,
    "get_with_headers": _check_get_with_headers,
    "join_url": _check_join_url,
    "url_parts": _check_url_parts,
}

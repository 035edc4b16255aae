"""HTTP with the standard library only: urllib.request for clients, http.server for servers."""

import base64
import functools
import json
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


def fetch_text(url: str, timeout: float = 10.0) -> str:
    """Fetch a URL with a GET request and return the response body as text.

    html = fetch_text("https://example.com/")
    """
    with urllib.request.urlopen(url, timeout=timeout) as response:
        charset = response.headers.get_content_charset() or "utf-8"
        return response.read().decode(charset, errors="replace")


def fetch_json(url: str, timeout: float = 10.0) -> Any:
    """Fetch a URL and parse its JSON response body into Python objects.

    data = fetch_json("https://api.example.com/items?page=1")
    """
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read().decode("utf-8"))


def post_json(url: str, payload: Any, timeout: float = 10.0) -> Any:
    """Send a JSON body in a POST request and return the parsed JSON reply.

    created = post_json("https://api.example.com/items", {"name": "lamp"})
    """
    body = json.dumps(payload).encode("utf-8")
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        raw = response.read().decode("utf-8")
    return json.loads(raw) if raw else None


def post_form(url: str, fields: Mapping[str, str], timeout: float = 10.0) -> str:
    """Submit form fields URL-encoded in a POST request and return the reply as text.

    reply = post_form("https://example.com/login", {"user": "ann", "password": "s3cret"})
    """
    body = urllib.parse.urlencode(fields).encode("ascii")
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read().decode("utf-8", errors="replace")


def download_file(url: str, destination: str | Path, timeout: float = 30.0) -> Path:
    """Download a URL to a local file in chunks and return the file's path.

    path = download_file("https://example.com/report.pdf", "downloads/report.pdf")
    """
    target = Path(destination)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    with urllib.request.urlopen(url, timeout=timeout) as response, partial.open("wb") as out:
        shutil.copyfileobj(response, out, length=64 * 1024)
    partial.replace(target)
    return target


def add_query_params(url: str, params: Mapping[str, str | int]) -> str:
    """Add query parameters to a URL, replacing any that already have the same name.

    add_query_params("https://x.org/search?q=cat", {"page": 2})  # '...?q=cat&page=2'
    """
    parts = urllib.parse.urlsplit(url)
    query = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
    query.update({key: str(value) for key, value in params.items()})
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


def parse_query_params(url: str) -> dict[str, list[str]]:
    """Parse the query string of a URL into a dict that maps each name to its list of values.

    parse_query_params("https://x.org/?tag=a&tag=b&n=1")  # {'tag': ['a', 'b'], 'n': ['1']}
    """
    return urllib.parse.parse_qs(urllib.parse.urlsplit(url).query, keep_blank_values=True)


def fetch_with_retry(
    url: str,
    attempts: int = 4,
    base_delay: float = 0.5,
    timeout: float = 10.0,
    sleep: Callable[[float], None] = time.sleep,
) -> bytes:
    """Fetch a URL, retrying with exponential backoff on network errors and 5xx responses.

    body = fetch_with_retry("https://api.example.com/status", attempts=5)
    """
    for attempt in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            error.close()
            if error.code < 500 or attempt == attempts - 1:
                raise
        except (urllib.error.URLError, TimeoutError, ConnectionError):
            if attempt == attempts - 1:
                raise
        sleep(base_delay * 2**attempt)
    raise ValueError("attempts must be at least 1")


def basic_auth_header(username: str, password: str) -> dict[str, str]:
    """Build an HTTP Basic Authorization header from a username and password.

    request = urllib.request.Request(url, headers=basic_auth_header("ann", "s3cret"))
    """
    token = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
    return {"Authorization": f"Basic {token}"}


def encode_form(fields: Mapping[str, str | int | list[str]]) -> str:
    """URL-encode a dict of form fields into a query string; list values repeat the name.

    encode_form({"q": "red shoes", "size": [40, 41]})  # 'q=red+shoes&size=40&size=41'
    """
    return urllib.parse.urlencode(fields, doseq=True)


def url_is_ok(url: str, timeout: float = 5.0) -> bool:
    """Check whether a URL answers with HTTP status 200.

    if not url_is_ok("http://localhost:8080/health"): print("service is down")
    """
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status == 200
    except urllib.error.HTTPError as error:
        error.close()
        return False
    except (urllib.error.URLError, OSError, ValueError):
        return False


def make_static_server(
    directory: str | Path, host: str = "127.0.0.1", port: int = 8000
) -> ThreadingHTTPServer:
    """Create an HTTP server that serves the files of a directory (port 0 picks a free port).

    make_static_server("public", port=8000).serve_forever()
    """
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(directory))
    return ThreadingHTTPServer((host, port), handler)


def head_content_length(url: str, timeout: float = 10.0) -> int | None:
    """Send a HEAD request and return the Content-Length the server reports, or None.

    size = head_content_length("https://example.com/big.iso")
    """
    request = urllib.request.Request(url, method="HEAD")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        length = response.headers.get("Content-Length")
    return int(length) if length is not None and length.isdigit() else None


def get_with_headers(
    url: str, headers: Mapping[str, str], timeout: float = 10.0
) -> tuple[int, dict[str, str], str]:
    """Send a GET request with custom headers; return the status, response headers and body text.

    status, headers, body = get_with_headers(url, {"User-Agent": "my-tool/1.0"})
    """
    request = urllib.request.Request(url, headers=dict(headers))
    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as error:
        response = error  # 4xx/5xx replies still have a status, headers and a body
    with response:
        body = response.read().decode("utf-8", errors="replace")
        return response.status, dict(response.headers.items()), body


def join_url(base: str, path: str) -> str:
    """Resolve a relative path or link against a base URL to get an absolute URL.

    join_url("https://x.org/docs/intro.html", "../img/logo.png")  # 'https://x.org/img/logo.png'
    """
    return urllib.parse.urljoin(base, path)


def url_parts(url: str) -> dict[str, str | int | None]:
    """Split a URL into its scheme, host, port, path, query and fragment.

    url_parts("https://x.org:8443/a/b?q=1#top")["port"]  # 8443
    """
    parts = urllib.parse.urlsplit(url)
    return {
        "scheme": parts.scheme,
        "host": parts.hostname,
        "port": parts.port,
        "path": parts.path,
        "query": parts.query,
        "fragment": parts.fragment,
    }

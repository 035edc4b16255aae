"""`assistant serve`: the HTTP API on 127.0.0.1:8765 (see assistant/server/)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.cli.commands import CommandLine

if TYPE_CHECKING:
    from assistant.core import Assistant


def register(cli: CommandLine) -> None:
    serve = cli.command("serve", "serve the HTTP API (POST /v1/converse, …; /openapi.json)", run)
    serve.add_argument("--host", help="address to listen on (default [serve] host: 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default [serve] port: 8765)")
    serve.add_argument("--token-file", type=Path,
                       help="a file holding the bearer token every request must send")  # fmt: skip
    serve.add_argument("--make-token", type=Path, metavar="FILE",
                       help="write a new random token to FILE (mode 600) and exit")  # fmt: skip
    serve.add_argument("--mqtt", metavar="URL",
                       help="also run the MQTT voice bridge on this broker (default [mqtt] url)")  # fmt: skip
    serve.add_argument("--wyoming", metavar="URI",
                       help="also serve the Wyoming protocol, e.g. tcp://127.0.0.1:10700 (default [wyoming] uri)")  # fmt: skip
    serve.add_argument("--workers", type=int, default=1,
                       help="processes serving the same home (default 1)")  # fmt: skip


def run(args: argparse.Namespace, assistant: Assistant) -> int:
    import uvicorn

    from assistant.errors import InputError
    from assistant.server.auth import (
        TOKEN_ENV,
        load_token,
        make_token,
        require_token_off_loopback,
    )

    if args.make_token:
        make_token(args.make_token)
        print(f"wrote a new token to {args.make_token}; serve with --token-file {args.make_token}")
        return 0
    config = assistant.config.serve
    host, port = args.host or config.host, args.port or config.port
    token_file = args.token_file or (Path(config.token_file) if config.token_file else None)
    token = load_token(token_file)
    require_token_off_loopback(host, token)
    if args.workers < 1:
        raise InputError("--workers must be 1 or more")
    mqtt_url = args.mqtt or assistant.config.mqtt.url
    wyoming_uri = args.wyoming or assistant.config.wyoming.uri
    if wyoming_uri and not wyoming_uri.startswith(("tcp://", "unix://")):
        raise InputError(f"--wyoming must look like tcp://127.0.0.1:10700, not {wyoming_uri!r}")
    if (mqtt_url or wyoming_uri) and args.workers > 1:
        raise InputError("the MQTT bridge and Wyoming run in one process: use --workers 1")
    bridge = f", MQTT bridge on {mqtt_url}" if mqtt_url else ""
    bridge += f", Wyoming on {wyoming_uri}" if wyoming_uri else ""
    print(f"serving on http://{host}:{port} ({'token required' if token else 'no token'},"
          f" {args.workers} worker{'s' if args.workers > 1 else ''}{bridge})", file=sys.stderr)  # fmt: skip
    if args.workers == 1:
        from assistant.server.app import create_app

        app = create_app(assistant, token, mqtt_url=mqtt_url, wyoming_uri=wyoming_uri)
        uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=3)
        return 0
    assistant.close()  # each worker opens its own
    if token:
        os.environ[TOKEN_ENV] = token
    uvicorn.run("assistant.server.worker:app", factory=True, host=host, port=port,
                workers=args.workers, log_level="warning", timeout_graceful_shutdown=3)  # fmt: skip
    return 0

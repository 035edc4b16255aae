"""A loopback HTTP server that stands in for Home Assistant (a real one cannot run here): it
speaks the REST endpoints the adapter uses (`/api/config`, `/api/states`,
`/api/states/<entity>`, `/api/services/<domain>/<service>`, `/api/template`), checks the
bearer token, and changes its states the way HA's services do."""

from __future__ import annotations

import copy
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

TOKEN = "test-token"
DUMPS = Path(__file__).parent / "data" / "homeassistant"

# Service → the state it leaves an entity in.
_STATE_AFTER = {
    "turn_on": "on", "turn_off": "off", "lock": "locked", "unlock": "unlocked",
    "open_cover": "open", "close_cover": "closed",
}  # fmt: skip


class FakeHomeAssistant:
    def __init__(
        self,
        states: list[dict[str, Any]],
        areas: dict[str, str] | None = None,
        unit: str = "°C",
    ):
        self.states = {s["entity_id"]: copy.deepcopy(s) for s in states}
        self.areas = dict(areas or {})
        self.unit = unit
        self.calls: list[tuple[str, dict]] = []
        self.reads: list[str] = []  # the GET paths asked, newest last
        self.fail_services = False
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _reply(self, code: int, body: Any) -> None:
                data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
                self.send_response(code)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _authorised(self) -> bool:
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    self._reply(401, {"message": "401: Unauthorized"})
                    return False
                return True

            def do_GET(self) -> None:
                if not self._authorised():
                    return
                fake.reads.append(self.path)
                if self.path == "/api/config":
                    return self._reply(200, {"unit_system": {"temperature": fake.unit}})
                if self.path == "/api/states":
                    return self._reply(200, list(fake.states.values()))
                entity = self.path.removeprefix("/api/states/")
                if entity in fake.states:
                    return self._reply(200, fake.states[entity])
                self._reply(404, {"message": "Entity not found."})

            def do_POST(self) -> None:
                if not self._authorised():
                    return
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"{}")
                if self.path == "/api/template":
                    lines = [f"{e}\t{fake.areas.get(e, '')}" for e in fake.states]
                    return self._reply(200, "\n".join(lines))
                if fake.fail_services:
                    return self._reply(500, {"message": "Internal Server Error"})
                service = self.path.removeprefix("/api/services/")
                fake.calls.append((service, body))
                fake.apply(service, body)
                self._reply(200, [])

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @classmethod
    def from_dump(cls, name: str) -> FakeHomeAssistant:
        """A stand-in serving one of the dumps in tests/data/homeassistant/."""
        dump = json.loads((DUMPS / name).read_text(encoding="utf-8"))
        return cls(dump["states"], dump["areas"], dump["unit_system"]["temperature"])

    def set_state(self, entity: str, state: str, **attributes: Any) -> None:
        """Change an entity as something outside the assistant would (a wall switch)."""
        self.states[entity]["state"] = state
        self.states[entity]["attributes"].update(attributes)

    def apply(self, service: str, body: dict[str, Any]) -> None:
        entity = self.states[body["entity_id"]]
        action = service.split("/", 1)[1]
        if action in _STATE_AFTER:
            entity["state"] = _STATE_AFTER[action]
        if "brightness_pct" in body:
            entity["attributes"]["brightness"] = round(body["brightness_pct"] * 255 / 100)
        if action == "set_temperature":
            entity["attributes"]["temperature"] = body["temperature"]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

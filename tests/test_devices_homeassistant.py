"""The Home Assistant adapter against a loopback HTTP server that stands in for Home
Assistant: it speaks the REST endpoints the adapter uses (`/api/states`,
`/api/states/<entity>`, `/api/services/<domain>/<service>`, `/api/template`) and checks
the bearer token. A real Home Assistant cannot run here."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.devices.adapters.base import DeviceUnreachable
from assistant.devices.adapters.homeassistant import HomeAssistantAdapter, service_calls
from assistant.devices.audit import Audit
from assistant.devices.home import Home
from assistant.devices.hub import Hub
from assistant.devices.state import Change
from assistant.store import Store

TOKEN = "test-token"


class FakeHomeAssistant:
    def __init__(self):
        self.states = {
            "light.kitchen": {"entity_id": "light.kitchen", "state": "off",
                              "attributes": {"friendly_name": "Kitchen ceiling", "brightness": None}},
            "lock.front_door": {"entity_id": "lock.front_door", "state": "locked",
                                "attributes": {"friendly_name": "Front door"}},
            "sensor.office_temperature": {"entity_id": "sensor.office_temperature", "state": "21.5",
                                          "attributes": {"friendly_name": "Office temperature",
                                                         "device_class": "temperature"}},
            "climate.hall": {"entity_id": "climate.hall", "state": "heat",
                             "attributes": {"friendly_name": "Hall thermostat", "temperature": 20,
                                            "current_temperature": 19}},
            "automation.night": {"entity_id": "automation.night", "state": "on", "attributes": {}},
        }  # fmt: skip
        self.areas = {"light.kitchen": "Kitchen", "sensor.office_temperature": "Office"}
        self.calls: list[tuple[str, dict]] = []
        self.fail_services = False
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _reply(self, code, body):
                data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
                self.send_response(code)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _authorised(self):
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    self._reply(401, {"message": "401: Unauthorized"})
                    return False
                return True

            def do_GET(self):
                if not self._authorised():
                    return
                if self.path == "/api/states":
                    return self._reply(200, list(fake.states.values()))
                entity = self.path.removeprefix("/api/states/")
                if entity in fake.states:
                    return self._reply(200, fake.states[entity])
                self._reply(404, {"message": "Entity not found."})

            def do_POST(self):
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

    def apply(self, service, body):
        entity = self.states[body["entity_id"]]
        if service == "light/turn_on":
            entity["state"] = "on"
            if "brightness_pct" in body:
                entity["attributes"]["brightness"] = round(body["brightness_pct"] * 255 / 100)
        elif service == "light/turn_off":
            entity["state"] = "off"
        elif service == "lock/unlock":
            entity["state"] = "unlocked"
        elif service == "climate/set_temperature":
            entity["attributes"]["temperature"] = body["temperature"]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def ha(tmp_path):
    fake = FakeHomeAssistant()
    home = Home(Store(tmp_path / "a.db"))
    adapter = HomeAssistantAdapter(fake.url, TOKEN, timeout_s=2.0)
    home.replace(adapter.discover())
    yield fake, home, Hub(home, Audit(home.store), {"homeassistant": adapter})
    fake.close()


def test_discover_imports_entities_with_their_areas(ha):
    _, home, _ = ha
    devices = {d.id: d for d in home.devices()}
    assert set(devices) == {
        "light.kitchen",
        "lock.front_door",
        "sensor.office_temperature",
        "climate.hall",
    }  # fmt: skip  (automations are not devices)
    assert devices["light.kitchen"].name == "Kitchen ceiling"
    assert devices["light.kitchen"].room == "kitchen"
    assert devices["sensor.office_temperature"].kind == "temperature_sensor"
    assert devices["lock.front_door"].exposed is False  # a lock, as any lock


def test_actions_call_services_and_read_the_state_back(ha):
    fake, home, hub = ha
    _, [outcome] = hub.act([(home.get("light.kitchen"), Change({"on": True, "brightness": 40}))],
                           requester="test")  # fmt: skip
    assert outcome.result == "done"
    assert fake.calls == [("light/turn_on", {"entity_id": "light.kitchen", "brightness_pct": 40})]
    assert home.reading("light.kitchen").state == {"on": True, "brightness": 40}
    hub.act([(home.get("climate.hall"), Change({"target_temperature": 21.5}))], requester="test")
    assert fake.states["climate.hall"]["attributes"]["temperature"] == 21.5


def test_a_server_error_fails_that_device_and_changes_nothing(ha):
    fake, home, hub = ha
    fake.fail_services = True
    _, [outcome] = hub.act([(home.get("light.kitchen"), Change({"on": True}))], requester="t")
    assert outcome.result == "failed"
    assert "500" in outcome.error
    assert home.reading("light.kitchen").state.get("on") is False


def test_a_wrong_token_and_a_dead_server_are_one_line_errors(ha):
    fake, _, _ = ha
    with pytest.raises(DeviceUnreachable, match="refused the token"):
        HomeAssistantAdapter(fake.url, "wrong").discover()
    with pytest.raises(DeviceUnreachable, match="did not answer"):
        HomeAssistantAdapter("http://127.0.0.1:9", TOKEN, timeout_s=0.5).discover()


def test_service_calls_for_each_kind_of_change():
    assert service_calls("lock.front", {"locked": False}) == [("lock", "unlock", {})]
    assert service_calls("cover.blind", {"position": 30}) == [
        ("cover", "set_cover_position", {"position": 30})]  # fmt: skip
    assert service_calls("light.desk", {"on": True, "colour": "blue"}) == [
        ("light", "turn_on", {"color_name": "blue"})]  # fmt: skip
    assert service_calls("switch.kettle", {"on": False}) == [("switch", "turn_off", {})]

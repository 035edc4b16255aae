"""The ASGI app: FastAPI routes over a `Front`, bearer-token auth, a 1 MB body limit, and
every error as a one-line JSON `{"error": ...}` (4xx for the request, 5xx for our faults)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI

from assistant.server import failures, page, routes
from assistant.server.auth import TokenCheck
from assistant.server.body import BodyLimit
from assistant.server.front import Front
from assistant.server.live import Live

if TYPE_CHECKING:
    from assistant.core import Assistant


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
        if assistant.config.devices.homeassistant_url:  # its states stay current
            assistant.services.get("devices").watch()
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

    failures.install(app)
    app.include_router(routes.router)
    app.include_router(page.router)
    open_paths = {"/v1/health", "/openapi.json", "/docs", *page.FILES}
    app.add_middleware(TokenCheck, token=token, open_paths=open_paths)
    app.add_middleware(BodyLimit)  # outermost: a body declared too large is refused first
    return app

"""The /v1 endpoints. Each is a thin call into the `Front` or a service; sync functions, so
FastAPI runs them in its thread pool and a slow turn never blocks the event loop."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from assistant.errors import InputError
from assistant.server.front import Front
from assistant.services import parse_now

router = APIRouter(prefix="/v1")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Converse(Strict):
    text: str = Field(description="what the user said or typed")
    session: str | None = Field(None, description="a session name: keeps follow-ups and questions")
    now: str | None = Field(None, description="take this ISO time as now (scripts, tests)")


class Feedback(Strict):
    turn_id: int
    label: str = Field(description="the intent the turn should have been")


class NewReminder(Strict):
    title: str
    when: str = Field(description='words ("tomorrow at 5pm", "every monday at 9") or an ISO time')


class DeviceChange(Strict):
    state: dict[str, Any] = Field(description='fields to set, e.g. {"on": true, "brightness": 30}')
    confirm: bool = Field(False, description="required for a sensitive device")


def front(request: Request) -> Front:
    return request.app.state.front


@router.get("/health")
def health(request: Request) -> dict[str, Any]:
    assistant = front(request).assistant
    return {"status": "ok", "model_ready": assistant.intents.ready}


@router.post("/converse")
def converse(body: Converse, request: Request) -> dict[str, Any]:
    """The turn, exactly as `assistant ask --json` prints it."""
    return front(request).converse(body.text, body.session, body.now)


@router.post("/feedback")
def feedback(body: Feedback, request: Request) -> dict[str, Any]:
    return front(request).correct(body.turn_id, body.label)


@router.get("/events", response_class=StreamingResponse)
def events(request: Request) -> StreamingResponse:
    """Server-sent events: reminder.due, device.changed, correction.recorded as they happen."""
    stream = request.app.state.live.stream()
    headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    return StreamingResponse(stream, media_type="text/event-stream", headers=headers)


@router.get("/chunks/{chunk_id}")
def chunk(chunk_id: int, request: Request) -> dict[str, Any]:
    """The passage a document source points at."""
    library = front(request).assistant.services.get("knowledge").library
    found = library.corpus.chunks([chunk_id]).get(chunk_id)
    if found is None:
        raise LookupError(f"no chunk {chunk_id}")
    return {"id": found.id, "path": found.path, "title": found.title,
            "headings": list(found.headings), "text": found.text}  # fmt: skip


@router.get("/reminders")
def reminders(request: Request, all: bool = False) -> list[dict[str, Any]]:
    book = front(request).assistant.services.get("reminders").book
    return [e.as_json() for e in book.entries(status=None if all else "active")]


@router.post("/reminders", status_code=201)
def add_reminder(body: NewReminder, request: Request) -> dict[str, Any]:
    from assistant.reminders.entry import Entry

    the = front(request)
    service = the.assistant.services.get("reminders")
    now = the.clock.now()
    title = body.title.strip()
    if not title:
        raise InputError("title is empty")
    start, rrule = _when(body.when, now)
    if rrule is None and start <= now:
        raise InputError(f"{start.isoformat()} is in the past")
    with the.locked():
        entry = service.book.add(Entry(title, start, rrule=rrule), now)
    service.changed()
    return entry.as_json()


def _when(text: str, now: datetime) -> tuple[datetime, str | None]:
    """An ISO time, else words the time parser reads: (first occurrence, RRULE)."""
    from assistant.timeparse.parse import parse

    try:
        start = parse_now(text, "when")
        return (start if start.tzinfo else start.replace(tzinfo=now.tzinfo)), None
    except InputError:
        pass
    spec = parse(text, now)
    if spec is None or spec.start is None:
        raise InputError(spec.error if spec and spec.error else f"no time in {text!r}")
    return spec.start, spec.rrule


@router.delete("/reminders/{entry_id}")
def cancel_reminder(entry_id: int, request: Request) -> dict[str, Any]:
    service = front(request).assistant.services.get("reminders")
    if service.book.get(entry_id) is None:
        raise LookupError(f"no reminder {entry_id}")
    with front(request).locked():
        service.book.cancel([entry_id])
    service.changed()
    return {"cancelled": entry_id}


@router.get("/devices")
def devices(request: Request) -> list[dict[str, Any]]:
    return front(request).assistant.services.get("devices").listing()


@router.post("/devices/{device_id}")
def change_device(device_id: str, body: DeviceChange, request: Request) -> dict[str, Any]:
    """Set fields on one device, with the same rules as a spoken command: only exposed
    devices, a sensitive one only with `confirm`, every change audited."""
    from assistant.server.device_change import checked_change

    the = front(request)
    service = the.assistant.services.get("devices")
    device = next((d for d in service.home.devices() if d.id == device_id), None)
    if device is None:
        raise LookupError(f"no device {device_id!r}")
    change = checked_change(device, body.state, body.confirm)
    with the.locked():
        _, [outcome] = service.hub.act([(device, change)], requester="http")
    return {**outcome.as_action(), "state": outcome.new}

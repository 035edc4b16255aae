"""The /v1 endpoints. Each is a thin call into the `Front` or a service; sync functions, so
FastAPI runs them in its thread pool and a slow turn never blocks the event loop. What the
schema can say about a request it says (ids, names, non-empty titles), so a client can know."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from assistant.errors import InputError
from assistant.server.body import JSONRoute
from assistant.server.failures import documented
from assistant.server.front import SESSION_NAME, Front
from assistant.services import parse_now

router = APIRouter(prefix="/v1", route_class=JSONRoute)
# Ids count up from 1. The bound is the largest integer a JSON client holds exactly (a
# double's 53 bits), well inside SQLite's 64: a larger one could pass the schema's check
# as a float and still fail ours.
MAX_ID = 2**53 - 1
Id = Annotated[int, Path(ge=1, le=MAX_ID)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Converse(Strict):
    text: str = Field(description="what the user said or typed")
    session: str | None = Field(
        None,
        pattern=SESSION_NAME.pattern,
        description="a session name: keeps follow-ups and questions",
    )
    now: str | None = Field(None, description="take this ISO time as now (scripts, tests)")


class Feedback(Strict):
    turn_id: int = Field(ge=1, le=MAX_ID)
    label: str = Field(description="the intent the turn should have been")


class NewReminder(Strict):
    title: str = Field(pattern=r"\S", description="what to remind of: not only spaces")
    when: str = Field(description='words ("tomorrow at 5pm", "every monday at 9") or an ISO time')


class DeviceChange(Strict):
    state: dict[str, Any] = Field(
        min_length=1, description='fields to set, e.g. {"on": true, "brightness": 30}'
    )
    confirm: bool = Field(False, description="required for a sensitive device")


def front(request: Request) -> Front:
    return request.app.state.front


@router.get("/health", responses=documented(auth=False))
def health(request: Request) -> dict[str, Any]:
    assistant = front(request).assistant
    return {"status": "ok", "model_ready": assistant.intents.ready}


@router.post("/converse", responses=documented(400, 422))
def converse(body: Converse, request: Request) -> dict[str, Any]:
    """The turn, exactly as `assistant ask --json` prints it."""
    return front(request).converse(body.text, body.session, body.now)


@router.post("/feedback", responses=documented(400, 404, 422))
def feedback(body: Feedback, request: Request) -> dict[str, Any]:
    return front(request).correct(body.turn_id, body.label)


@router.get("/events", response_class=StreamingResponse, responses=documented())
def events(request: Request) -> StreamingResponse:
    """Server-sent events: reminder.due, device.changed, correction.recorded as they happen."""
    stream = request.app.state.live.stream()
    headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    return StreamingResponse(stream, media_type="text/event-stream", headers=headers)


@router.get("/chunks/{chunk_id}", responses=documented(404, 422))
def chunk(chunk_id: Id, request: Request) -> dict[str, Any]:
    """The passage a document source points at."""
    library = front(request).assistant.services.get("knowledge").library
    found = library.corpus.chunks([chunk_id]).get(chunk_id)
    if found is None:
        raise LookupError(f"no chunk {chunk_id}")
    return {"id": found.id, "path": found.path, "title": found.title,
            "headings": list(found.headings), "text": found.text}  # fmt: skip


@router.get("/reminders", responses=documented(422))
def reminders(request: Request, all: bool = False) -> list[dict[str, Any]]:
    book = front(request).assistant.services.get("reminders").book
    return [e.as_json() for e in book.entries(status=None if all else "active")]


@router.post("/reminders", status_code=201, responses=documented(400, 422))
def add_reminder(body: NewReminder, request: Request) -> dict[str, Any]:
    from assistant.reminders.entry import Entry

    the = front(request)
    service = the.assistant.services.get("reminders")
    now = the.clock.now()
    start, rrule = _when(body.when, now)
    if rrule is None and start <= now:
        raise InputError(f"{start.isoformat()} is in the past")
    with the.locked():
        entry = service.book.add(Entry(body.title.strip(), start, rrule=rrule), now)
    service.changed()
    return entry.as_json()


def _when(text: str, now: datetime) -> tuple[datetime, str | None]:
    """An ISO time, else words the time parser reads: (first occurrence, RRULE)."""
    from assistant.timeparse.parse import MAX_YEARS_AHEAD, parse

    try:
        start = parse_now(text, "when")
    except InputError:
        pass
    else:  # held to the parser's horizon, as the same time said in words is
        if start.year > now.year + MAX_YEARS_AHEAD:
            raise InputError(f"{start.year} is too far ahead")
        return (start if start.tzinfo else start.replace(tzinfo=now.tzinfo)), None
    spec = parse(text, now)
    if spec is None or spec.start is None:
        raise InputError(spec.error if spec and spec.error else f"no time in {text!r}")
    return spec.start, spec.rrule


@router.delete("/reminders/{entry_id}", responses=documented(404, 422))
def cancel_reminder(entry_id: Id, request: Request) -> dict[str, Any]:
    service = front(request).assistant.services.get("reminders")
    if service.book.get(entry_id) is None:
        raise LookupError(f"no reminder {entry_id}")
    with front(request).locked():
        service.book.cancel([entry_id])
    service.changed()
    return {"cancelled": entry_id}


@router.get("/devices", responses=documented())
def devices(request: Request) -> list[dict[str, Any]]:
    return front(request).assistant.services.get("devices").listing()


@router.post("/devices/{device_id}", responses=documented(400, 403, 404, 409, 422))
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

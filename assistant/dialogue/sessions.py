"""Named sessions (`assistant ask --session NAME`, the HTTP API) saved in SQLite after every
turn, so a question asked by one process is answered by the next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.dialogue.questions import OpenQuestion
from assistant.dialogue.session import Session

if TYPE_CHECKING:
    from assistant.store import Store


def load(store: Store, name: str) -> Session:
    """The saved session `name`, or a new one by that name."""
    session = Session(id=name, persistent=True)
    state = store.session_state(name)
    if state:
        session.last_intent = state.get("last_intent")
        session.last_slots = dict(state.get("last_slots") or {})
        session.last_turn_id = state.get("last_turn_id")
        question = state.get("open_question")
        session.open_question = OpenQuestion.from_json(question) if question else None
    return session


def save(store: Store, session: Session) -> None:
    if session.persistent:
        store.save_session_state(session.id, session.as_json())

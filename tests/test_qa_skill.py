"""The qa skill: graph first, then documents (extractive, or cited by an LLM), else "I don't know"."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from assistant import config as config_module
from assistant.skill import Request, SkillContext
from assistant.store import Store
from knowledge.ingest import ingest
from skills.qa import QA
from skills.remember import Remember
from tests.helpers import skill_context


def _context(home: Path) -> SkillContext:
    return skill_context(Store(home / "assistant.db"), config_module.load(home, environ={}))


def _ask(context: SkillContext, text: str):  # type: ignore[no-untyped-def]
    return QA(context).answer(Request(text=text, intent="qa", confidence=0.9))


@pytest.fixture
def context(home: Path, tmp_path: Path) -> SkillContext:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "house.md").write_text(
        "# House\n\n## Boiler\n\nThe boiler pressure should sit between 1 and 1.5 bar.\n\n"
        "## Bins\n\nThe recycling is collected on Tuesday mornings.\n"
    )
    context = _context(home)
    ingest(context.knowledge.library, [docs])
    return context


def test_with_no_documents_it_says_it_does_not_know_and_how_to_add_some(home):
    reply = _ask(_context(home), "what pressure should the boiler be at")
    assert "I don't know" in reply.text and "assistant ingest" in reply.text
    assert reply.sources == []


def test_a_document_answer_quotes_the_sentence_and_cites_the_chunk(context):
    reply = _ask(context, "what pressure should the boiler be at")
    assert "1.5 bar" in reply.text and "house.md" in reply.text
    assert reply.data["from"] == "documents"
    assert reply.sources[0]["type"] == "document" and reply.sources[0]["headings"][-1] == "Boiler"


def test_an_unrelated_question_is_not_guessed(context):
    reply = _ask(context, "who won the world cup in 1966")
    assert reply.text.startswith("I don't know") and reply.data["answer"] is None


def test_a_remembered_fact_answers_before_the_documents(context):
    Remember(context).remember(
        Request(text="remember that my locker code is 4312", intent="remember", confidence=0.9)
    )
    reply = _ask(context, "what's my locker code")
    assert "4312" in reply.text and reply.data["from"] == "graph"
    assert reply.sources[0]["type"] == "graph" and reply.sources[0]["path"]


class _Chat(BaseHTTPRequestHandler):
    """Stands in for an OpenAI-compatible server (Ollama, llama.cpp), which can't run here."""

    reply = "The pressure should be between 1 and 1.5 bar [1]."

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).seen = body["messages"]  # type: ignore[attr-defined]
        out = json.dumps({"choices": [{"message": {"content": type(self).reply}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def chat_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Chat)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def test_with_an_llm_the_answer_is_generated_from_the_passages_and_cites_them(context, chat_server):
    context.config.llm.backend, context.config.llm.url, context.config.llm.model = (
        "openai",
        chat_server,
        "tiny",
    )
    reply = _ask(context, "what pressure should the boiler be at")
    assert reply.data["from"] == "llm" and reply.data["cited"] == [1]
    assert reply.sources[0]["path"].endswith("house.md")
    assert "[1] house.md" in reply.text
    prompt = " ".join(m["content"] for m in _Chat.seen)  # type: ignore[attr-defined]
    assert "1.5 bar" in prompt  # the passage went to the model as data


def test_when_the_llm_is_unreachable_the_extractive_answer_says_why(context, chat_server):
    context.config.llm.backend, context.config.llm.model = "openai", "tiny"
    context.config.llm.url = "http://127.0.0.1:9/v1"  # nothing listens on the discard port
    reply = _ask(context, "what pressure should the boiler be at")
    assert reply.data["from"] == "documents" and "1.5 bar" in reply.text
    assert "language model failed" in reply.text


def test_a_question_out_of_the_models_scope_is_answered_from_the_users_documents(
    assistant, session, tmp_path
):
    """The model calls "what should i wear to the party" out of scope; the invitation says.
    ("when does the party start" now reads as a calendar question.)"""
    invitation = tmp_path / "party.md"
    invitation.write_text(
        "# Party\n\nThe party starts at 8 pm on Saturday at Priya's flat.\n\n"
        "## What to wear\n\nWear fancy dress for the party: come as a film character.\n"
    )
    question = "what should i wear to the party"
    assert assistant.predict([question])[0].label == "out_of_scope"
    assert assistant.handle(question, session).intent == "out_of_scope"

    ingest(assistant.services.knowledge.library, [invitation])
    turn = assistant.handle(question, session)
    assert turn.intent == "qa" and turn.kind == "act" and "film character" in turn.reply.text
    assert turn.reply.sources[0]["path"].endswith("party.md")
    still_out = assistant.handle("what's the weather like in oslo?", session)
    assert still_out.intent == "out_of_scope"

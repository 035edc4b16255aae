"""Answers questions from remembered facts (the graph) first, then from documents.

Retrieved text is only ever quoted back: nothing in a document reaches the router, so a
document saying "turn off the lights" cannot turn anything off.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import AssistantError
from assistant.skill import Reply, Request, Skill, intent
from skills.qa_phrasings import QUESTIONS

if TYPE_CHECKING:
    from knowledge.answer import Answer
    from knowledge.retriever import Hit
    from knowledge.service import KnowledgeService

CONFIDENT = 0.5  # extractive answers scoring below this are offered with a hedge
# What an out-of-scope text must look like for the qa skill to try answering it anyway.
_QUESTION = re.compile(
    r"^\s*(what|what's|whats|when|where|where's|who|who's|whom|whose|which|why|how|is|are|"
    r"was|were|does|do|did|can|could|will|would|should|has|have)\b|.*\?\s*$",
    re.IGNORECASE,
)


class QA(Skill):
    """Answer questions from your documents and facts."""

    name = "qa"
    keywords = ("question", "query", "lookup")

    @intent(
        "qa",
        description="answer a question",
        read_only=True,
        examples=[
            "who wrote {topic}",
            "what does {topic} say about (pets|parking|subletting|noise)",
            "who is {person}'s manager",
            "where (is|did I put) {thing}",
            "what's {person}'s (phone number|email|home address)",
            "when is {person}'s birthday",
            "who reports to {person}",
            "what is on the ground floor",
            "summarize {topic} [for me]",
            "what do my notes say about {topic}",
            "can you give me a quick summary of {topic}?",
            "hey where did i leave {thing}",
            "do you know where {thing} ended up",
            "who is {person}",
            "how do I know {person} again",
            "what was {person}'s email again",
            "whats my wifi password",
            "what's my locker code?",
            "when does {topic} expire",
            "according to {topic} how many vacation days do i get",
            "is there anything in {topic} about (overtime|remote work|refunds)",
            "what did I tell you about {person}",
            "who's in charge of {topic}",
            "what's the capital of (australia|canada|peru)",
            "how tall is mount everest",
            "who invented the telephone",
            "what year did the berlin wall fall",
            "which floor is the (gym|cafeteria|server room) on",
            "what rooms are on the second floor",
            "what's the gist of {topic}",
            "tldr {topic}",
            "i forgot what {topic} says about (deposits|termination|the notice period) can you check",
            "does {topic} mention {person}",
            "who else works with {person}",
            "what's {person}'s job title",
            "um what do i know about {person}",
            "quick question, who is {person}'s dentist?",
            "when did I last (see|talk to) {person}",
            "what is the definition of (entropy|inflation|photosynthesis)",
            "so i was reading {topic} last week and i cant remember what it said about the deadline, what was it",
            "what is Sean O'Neil's extension",
            "how many days of parental leave does {topic} allow",
            "what's the notice period in {topic}",
            "who's {person}",
            "wheres {thing}",
            "what's the boiling point of water",
            "how many people live in tokyo",
            "who painted the mona lisa",
            "what do you know about {person}",
            "did {topic} say anything about the (budget|deadline|parking)",
            "could you please look up what {topic} says about working from home",
            "where did i park the car",
            "what's the password for the wifi again",
            "hmm what was the name of {person}'s dog",
            "how old is {person}",
            "when was {topic} last updated",
            "why is the sky blue",
            "what's Dr. Nakamura's (phone number|address)",
            *QUESTIONS,  # plain sentences in strangers' registers
        ],
    )
    def answer(self, req: Request) -> Reply:
        """Answer a question."""
        return self._from_graph(req.text) or self._from_documents(req.text)

    def answer_if_known(self, req: Request) -> Reply | None:
        """A reply only when the user's facts or documents answer confidently, else None.

        The assistant asks this for what its intent model put out of scope: a question
        the user's own documents answer is in scope, whatever the model learned.
        """
        from knowledge import answer

        question = req.text
        if not _QUESTION.match(question):
            return None
        from_graph = self._from_graph(question)
        if from_graph is not None:
            return from_graph
        library = self._knowledge.library
        if library.corpus.counts()["chunks"] == 0:
            return None
        found = answer.answer(library, question)
        return _quoted(found) if found is not None and found.score >= CONFIDENT else None

    @property
    def _knowledge(self) -> KnowledgeService:
        return self.context.knowledge

    def _from_graph(self, question: str) -> Reply | None:
        from_graph = self._knowledge.graph.answer(question)
        if from_graph is None:
            return None
        return Reply(
            text=from_graph.text,
            data={"answer": from_graph.text, "from": "graph"},
            sources=[{"type": "graph", "path": [f.as_dict() for f in from_graph.path]}],
        )

    def _from_documents(self, question: str) -> Reply:
        from knowledge import answer

        library = self._knowledge.library
        if library.corpus.counts()["chunks"] == 0:
            return _unknown(
                "I don't know that, and I have no documents to look in yet"
                " (add some with `assistant ingest PATH`)."
            )
        hits = answer.relevant_hits(library, question)
        note = ""
        if hits:
            try:
                generated = self._generate(question, hits)
            except AssistantError as exc:  # the LLM is down: say so, answer extractively
                generated, note = None, f" (The language model failed: {exc})"
            if generated is not None:
                return generated
        found = answer.answer(library, question, hits) if hits else None
        if found is None:
            return _unknown(
                "I don't know: nothing in your documents or the facts you've told me answers"
                " that." + note
            )
        return _quoted(found, note)

    def _generate(self, question: str, hits: list[Hit]) -> Reply | None:
        """A cited answer from the configured LLM, or None without one (or when unusable)."""
        from knowledge.grounded import Passage, grounded_answer

        llm = self.context.llm
        if llm is None:
            return None
        passages = [
            Passage(
                n, f"{Path(hit.chunk.path).name} > {' > '.join(hit.chunk.headings)}", hit.chunk.text
            )
            for n, hit in enumerate(hits, start=1)
        ]
        result = grounded_answer(llm, question, passages)
        if result is None:
            return None
        if not result.knows:
            return _unknown("I don't know: your documents don't say.")
        cited = [hits[n - 1] for n in result.cited]
        legend = "\n".join(
            f"  [{n}] {Path(hits[n - 1].chunk.path).name} [chunk {hits[n - 1].chunk.id}]"
            for n in result.cited
        )
        return Reply(
            text=f"{result.text}\n{legend}",
            data={"answer": result.text, "from": "llm", "cited": result.cited},
            sources=[_source(hit) for hit in cited],
        )


def _quoted(found: Answer, note: str = "") -> Reply:
    """The answering sentence, verbatim, with its file, section and chunk."""
    chunk = found.hit.chunk
    where = Path(chunk.path).name + (f", {chunk.headings[-1]}" if chunk.headings else "")
    lead = "" if found.score >= CONFIDENT else "I'm not sure, but this looks closest: "
    return Reply(
        text=f"{lead}{found.sentence}\n  — {where} [chunk {chunk.id}]{note}",
        data={"answer": found.sentence, "from": "documents", "score": round(found.score, 3)},
        sources=[_source(found.hit)] + [_source(hit) for hit in found.alternatives],
    )


def _source(hit: Hit) -> dict[str, Any]:
    chunk = hit.chunk
    return {
        "type": "document",
        "path": chunk.path,
        "chunk_id": chunk.id,
        "title": chunk.title,
        "headings": list(chunk.headings),
        "score": round(hit.score, 4),
    }


def _unknown(text: str) -> Reply:
    return Reply(text=text, data={"answer": None, "from": None})

"""Answers questions from the user's documents and remembered facts."""

from __future__ import annotations

from assistant.skill import Reply, Request, Skill, intent
from skills.pending import not_yet


class QA(Skill):
    """Answer questions from your documents and facts."""

    name = "qa"

    @intent(
        "qa",
        description="answer a question",
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
        ],
    )
    def answer(self, req: Request) -> Reply:
        """Answer a question."""
        return not_yet("Answering from your documents", req)

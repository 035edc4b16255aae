"""Keeps facts the user states, and forgets them on request."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.dialogue.questions import ask, confirm
from assistant.skill import Reply, Request, Skill, intent
from assistant.slots import Text
from knowledge.phrasing import clause, join, name, object_clause, possessive, sentence
from knowledge.relations import PERSON_ROLES, Triple, relation

if TYPE_CHECKING:
    from knowledge.facts import Fact, FactStore, Recorded
    from knowledge.graph import KnowledgeGraph
    from knowledge.statements import ForgetRequest

_EXAMPLES = (
    'Try "Alice is my sister", "my locker code is 4312" or "the spare key is under the mat".'
)


class Remember(Skill):
    """Remember facts you tell me."""

    keywords = ("fact", "note", "remember", "memo")

    @intent(
        "remember",
        description="remember a fact",
        # Filled only by the answer to "What should I remember?" (asked after "remember this").
        slots={"fact": Text()},
        examples=[
            "remember that {fact}",
            "(note|make a note) that {fact}",
            "keep in mind that {fact}",
            "{person} is my (sister|boss|dentist|neighbor|landlord)",
            "the {device} is in the {room}",
            "I put {thing} in the (drawer|car|hall closet|glovebox)",
            "my wifi password is hunter2",
            "please remember {fact}",
            "can you remember that {fact}?",
            "just so you know, {fact}",
            "fyi {fact}",
            "for future reference {fact}",
            "store this: {fact}",
            "save the fact that {fact}",
            "i left {thing} (at the office|in my backpack|under the bed)",
            "{thing} (is|are) in the {room} now",
            "my (locker code|gate code|bike lock combination) is (4312|0917|7788)",
            "note to self {fact}",
            "jot down that {fact}",
            "{person}'s birthday is (march 3rd|june 12|the 9th of october)",
            "{person}'s (phone number|extension) is 555 0199",
            "add to my notes: {fact}",
            "heads up, {fact}, keep that in mind",
            "i parked the car (on level 3|in the blue section|on elm street)",
            "{person} works (in accounting|at the hospital|on project atlas)",
            "my (license plate|passport number) is (KX 4521|X1234567)",
            "remmeber that {fact}",
            "ok so um remember that {fact} ok",
            "i want you to remember something {fact}",
            "{person} is allergic to (peanuts|shellfish|cats)",
            "the spare key is under the (mat|flower pot)",
            "my favorite (color|food) is (green|sushi)",
            "memorize this: {fact}",
            "{topic} is (in the shared drive|in the blue folder)",
            "keep track of the fact that {fact}",
            "Dr. Nakamura's clinic is on 4th street",
            "{person}'s email is sean.oneil@example.com",
            "i keep {thing} in the (top drawer|safe|blue box)",
            "remember i'm allergic to penicillin",
            "remember this for me {fact}",
            "please note {fact}",
            "mental note: {fact}",
            "{person} just moved to (Denver|the third floor)",
            "my blood group is A positive",
            "our anniversary is on (june 4th|the 22nd of august)",
            "{person} prefers (tea|to be called Sam)",
            "so i just want to let you know that {fact}, could you keep that somewhere",
            "rememebr {fact}",
            "the code for the garage is 4471",
            "i lent {thing} to {person}",
            "ok note this down {fact}",
            # Only a lead-in: the skill asks "What should I remember?".
            "remember this [for me]",
            "(can|could) you remember something [for me]",
            "note this down",
            "take a note",
            "keep this in mind",
            "forget that {fact}",
            "forget my (locker code|wifi password|gate code)",
            "forget what i told you about {person}",
            "please forget everything about {person}",
            "forget where i put {thing}",
            "you can forget {person}'s (birthday|email|phone number) now",
        ],
    )
    def remember(self, req: Request) -> Reply:
        """Remember a fact."""
        # Imported here: networkx and the parsers would add ~0.2 s to every start-up.
        from knowledge.statements import (
            EmptyStatement,
            StatementError,
            parse_forget,
            parse_statement,
        )

        knowledge = self.context.knowledge
        facts, graph = knowledge.facts, knowledge.graph
        said = req.slots.get("fact") or req.text
        forget = parse_forget(said)
        if forget is not None:
            everything = [r for r in forget if r.relation is None and r.object is None]
            if everything and not req.confirmed:
                asked = _confirm_forgetting(facts, graph, everything)
                if asked is not None:
                    return asked
            return _forget(facts, graph, forget)
        try:
            triples = parse_statement(said)
        except EmptyStatement:
            if req.answer is not None:  # asked already: a second "remember this" is no fact
                return Reply(
                    text=f"That's no fact I can keep. {_EXAMPLES}",
                    data={"status": "not_understood"},
                )
            return Reply.asking(ask("fact", "What should I remember?"), data={"status": "asking"})
        except StatementError as exc:
            return Reply(
                text=f"I couldn't tell what fact to keep: {exc}. {_EXAMPLES}",
                data={"status": "not_understood"},
            )
        recorded = [facts.record(_resolved(graph, t), "user", origin=said) for t in triples]
        return _stored(recorded)


def _resolved(graph: KnowledgeGraph, triple: Triple) -> Triple:
    """ "my sister's birthday is …" is about Alice once Alice is known to be your sister."""

    def named(phrase: str) -> str:
        if not phrase.lower().startswith(("my ", "our ")) and "'" not in phrase:
            return phrase
        found = graph.resolve(phrase)
        return found if found and not found.islower() else phrase  # people, not values

    return Triple(named(triple.subject), triple.relation, named(triple.object), triple.qualifier)


def _told(fact: Fact) -> str:
    """A fact as the user would say it back: "Alice is your sister", "your locker code is 4312"."""
    if fact.relation in PERSON_ROLES:
        return object_clause(fact.subject, fact.relation, fact.object)
    return clause(fact.subject, fact.relation, fact.object, fact.qualifier)


def _stored(recorded: list[Recorded]) -> Reply:
    new = [r for r in recorded if not r.duplicate]
    known = [r for r in recorded if r.duplicate]
    parts = []
    if new:
        told = []
        for r in new:
            was = join([f.object for f in r.replaced], "or")
            told.append(_told(r.fact) + (f" (it was {was} before)" if was else ""))
        replaced = any(r.replaced for r in new)
        parts.append(("Noted: " if replaced else "OK, I'll remember that ") + join(told) + ".")
    if known:
        lead = "I already knew that" if not new else "and I already knew that"
        parts.append(sentence(f"{lead} {join([_told(r.fact) for r in known])}"))
    data = {"status": "stored" if new else "known", "facts": [_entry(r) for r in recorded]}
    actions: list[dict[str, Any]] = [{"type": "fact.stored", **_entry(r)} for r in new]
    return Reply(text=" ".join(parts), data=data, actions=actions)


def _entry(r: Recorded) -> dict[str, Any]:
    f = r.fact
    return {
        "id": f.id,
        "triple": [f.subject, f.relation, f.object],
        "replaced": [old.id for old in r.replaced],
        "duplicate": r.duplicate,
    }


def _confirm_forgetting(
    facts: FactStore, graph: KnowledgeGraph, requests: list[ForgetRequest]
) -> Reply | None:
    """Forgetting everything about someone is asked first when it is more than one fact."""
    subjects = [graph.resolve(r.subject) or r.subject for r in requests]
    doomed = {
        f.id for s in subjects for f in facts.forget(s, dry_run=True) if f.superseded_by is None
    }
    if len(doomed) < 2:
        return None
    about = join([name(s) for s in subjects])
    question = confirm(
        f"Forget all {len(doomed)} things I know about {about}?", declined="OK, I'll keep them."
    )
    return Reply.asking(question, data={"status": "confirming", "facts": sorted(doomed)})


def _forget(facts: FactStore, graph: KnowledgeGraph, requests: list[ForgetRequest]) -> Reply:
    gone: list[Fact] = []
    for request in requests:
        subject = graph.resolve(request.subject) or request.subject
        gone += facts.forget(subject, request.relation, request.object)
    if not gone:
        first = requests[0]
        known = first.relation and not relation(first.relation).verb and len(requests) == 1
        what = f"{possessive(first.subject)} {first.relation}" if known else None
        about = f"anything about {name(first.subject)}" if len(requests) == 1 else "that"
        return Reply(
            text=f"I didn't have {what or about} to forget.", data={"status": "nothing_to_forget"}
        )
    current = [f for f in gone if f.superseded_by is None] or gone
    listed = join(
        [_told(f) for f in current[:3]] + ([f"{len(current) - 3} more"] if current[3:] else [])
    )
    entries = [{"id": f.id, "triple": [f.subject, f.relation, f.object]} for f in gone]
    return Reply(
        text=f"OK, I've forgotten that {listed}.",
        data={"status": "forgotten", "facts": entries},
        actions=[{"type": "fact.forgotten", **e} for e in entries],
    )

"""Graph answers: each kind of query walked over the graph and told in second person."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from knowledge.facts import Fact
from knowledge.phrasing import clause, join, name, object_clause, possessive, sentence
from knowledge.questions import Query, Step
from knowledge.relations import relation

if TYPE_CHECKING:
    from knowledge.graph import Hit, KnowledgeGraph

_MAX_LISTED = 15  # names in one answer before "and N more"
_MAX_DESCRIBED = 8  # facts in a "who is X" answer


@dataclass
class GraphAnswer:
    text: str  # a sentence for the user, in second person
    entities: list[str]  # the entities involved: the one asked about, then those on the path
    path: list[Fact] = field(default_factory=list)  # the facts the answer rests on, in order
    confidence: float = 1.0  # linking certainty, discounted per hop and for document facts
    kind: str = ""  # the query that answered: value, describe, where, members, inverse, ...

    def sources(self) -> list[dict[str, Any]]:
        """The path as Reply.sources entries: each fact with its provenance."""
        keys = ("subject", "relation", "object", "source", "origin", "document_id", "chunk_id")
        return [
            {"type": "fact", "fact_id": f.id, **{k: getattr(f, k) for k in keys}} for f in self.path
        ]


def answer_query(g: KnowledgeGraph, q: Query) -> GraphAnswer | None:
    found = _HANDLERS[q.kind](g, q)
    if found is not None:
        found.kind = q.kind
    return found


def _said(fact: Fact) -> str:
    return clause(fact.subject, fact.relation, fact.object, fact.qualifier)


def _reply(
    g: KnowledgeGraph, text: str, nodes: list[str], path: list[Fact], score: float, hops: int = 1
) -> GraphAnswer:
    path = list(dict.fromkeys(path))
    score *= 0.97 ** max(0, hops - 1)
    if any(f.source == "document" for f in path):
        score *= 0.85  # read from a document by a pattern: less sure than what the user said
    ends = [name for f in path for name in (f.subject, f.object)]
    entities = list(dict.fromkeys([*(g.name(n) for n in nodes), *ends]))
    return GraphAnswer(sentence(text), entities, path, round(score, 3))


def _noun(step: Step) -> str | None:
    """The noun to say a step with ("manager"), or None when it was asked with a verb."""
    rel = relation(step.relation)
    if not rel.verb or step.word in (*rel.nouns, *rel.inverse_nouns):
        return step.word
    return None


def _head_word(step: Step) -> str:
    """ "manager" for reports_to even when asked "who does alice report to"."""
    nouns = relation(step.relation).nouns
    return _noun(step) or (nouns[0] if nouns else step.word)


def _value(g: KnowledgeGraph, q: Query) -> GraphAnswer | None:
    """ "what's my locker code", "who is my sister's manager", "where does alice work"."""
    hits, score = g.start(q.entity)
    if not hits:
        return None
    node, lead = hits[0]
    owner = g.name(node) if not lead else q.entity
    for step in q.steps[:-1]:
        hits = g.follow(hits, step)
    last, nouns = q.steps[-1], [_noun(s) for s in q.steps]
    head = f"{possessive(owner)} " + "'s ".join(_head_word(s) for s in q.steps)
    if q.history and not last.inverse:
        return _history(g, hits, last, head, node, score)
    found = g.follow(hits, last)
    if not found:
        return None
    path = [f for _, p in found for f in p]
    hops = len(q.steps) + len(lead)
    if nouns[-1] is None:
        return _reply(g, "; ".join(_said(p[-1]) for _, p in found), [], path, score, hops)
    values = join([name(g.name(n)) for n, _ in found])
    if len(found) > 1 and not head.endswith("s"):
        head += "s"  # "your sisters are Alice and Carol"
    text = f"{head} {'is' if len(found) == 1 else 'are'} {values}"
    if hops > 1:
        text += " (" + "; ".join(_said(f) for f in dict.fromkeys(path)) + ")"
    return _reply(g, text, [], path, score, hops)


def _history(
    g: KnowledgeGraph, hits: list[Hit], step: Step, head: str, node: str, score: float
) -> GraphAnswer | None:
    """ "who did alice report to before": the values this one superseded."""
    for owner, path in hits:
        past = [
            f
            for f in g.facts.history(owner, step.relation)
            # replaced by a later fact (not a document fact the user had already overruled)
            if f.superseded_by is not None and f.superseded_by > f.id and f.retracted_at is None
        ]
        if past:
            now = g.follow([(owner, path)], step)
            text = f"{head} was {join([name(f.object) for f in past])} before"
            if now:
                text += f"; now it is {join([name(g.name(n)) for n, _ in now])}"
            return _reply(g, text, [node], [*path, *past], score)
    return None


def _describe(g: KnowledgeGraph, q: Query) -> GraphAnswer | None:
    """ "who is alice", "what do you know about the office"."""
    linked = g.link(q.entity)
    if linked is None:
        return None
    node, score = linked
    told = [(f, False) for _, _, f in g.graph.out_edges(node, data="fact")]
    told += [(f, True) for _, _, f in g.graph.in_edges(node, data="fact")]
    told.sort(key=lambda pair: (pair[0].source == "document", pair[0].id))
    shown = told[:_MAX_DESCRIBED]
    text = " ".join(
        sentence(object_clause(f.subject, f.relation, f.object) if about_object else _said(f))
        for f, about_object in shown
    )
    if len(told) > len(shown):
        text += f" And {len(told) - len(shown)} more facts."
    if score < 1:
        text = f'(Taking "{q.entity}" to mean {g.name(node)}.) {text}'
    return _reply(g, text, [node], [f for f, _ in shown], score)


def _where(g: KnowledgeGraph, q: Query) -> GraphAnswer | None:
    """ "where is the desk lamp": its place, then that place's places."""
    hits, score = g.start(q.entity)
    for node, lead in hits:
        spots = [e for r in ("located_in", "lent_to", "lives_in") for e in g.edges(node, r)]
        if not spots:
            continue
        first, place = spots[0]
        chain = [first, *(f for f, _ in g.climb(place, "located_in"))]
        if q.type_word:  # "which floor is the gym on": stop at the first floor on the way up
            kind = q.type_word.rstrip("s")
            upto = next((i + 1 for i, f in enumerate(chain) if kind in f.object_key.split()), 0)
            if not upto:
                continue
            chain, top = chain[:upto], chain[upto - 1]
            text = clause(first.subject, "located_in", top.object, top.qualifier)
            if len(chain) > 1:
                text += " (" + "; ".join(_said(f) for f in chain) + ")"
        else:
            text = _said(first) + "".join(
                f", {f.qualifier or 'in'} {name(f.object)}" for f in chain[1:]
            )
        return _reply(g, text, [node], [*lead, *chain], score, len(lead) + 1)
    return None


def _members(g: KnowledgeGraph, q: Query) -> GraphAnswer | None:
    """ "what is on the ground floor": everything in it, directly or through rooms."""
    hits, score = g.start(q.entity)
    if not hits:
        return None
    target = hits[0][0]
    found: dict[str, list[Fact]] = {}  # member → facts from it up to the target
    queue = deque([(target, list[Fact]())])
    while queue and len(found) < 500:
        node, path = queue.popleft()
        for fact, member in g.edges(node, q.relation, inverse=True):
            if member not in found and member != target and len(path) < 6:
                found[member] = [fact, *path]
                queue.append((member, found[member]))
    if q.type_word:  # "what rooms …": members called or typed so, else the direct ones
        kind = q.type_word.rstrip("s")
        typed = {
            m: p
            for m, p in found.items()
            if kind in m.split() or any(kind in o.split() for _, o in g.edges(m, "is_a"))
        }
        found = typed or {m: p for m, p in found.items() if len(p) == 1}
    if not found:
        return None
    items = [
        name(g.name(m)) + (f" ({p[0].qualifier or 'in'} {name(p[0].object)})" if len(p) > 1 else "")
        for m, p in found.items()
    ]
    more = len(items) - _MAX_LISTED
    listed = join(items[:_MAX_LISTED] + ([f"{more} more"] if more > 0 else []))
    first = next(iter(found.values()))[-1]
    lead = "part of" if q.relation == "part_of" else first.qualifier or "in"
    path = [f for p in list(found.values())[:_MAX_LISTED] for f in p]  # the listed ones
    return _reply(g, f"{lead} {name(g.name(target))}: {listed}", [target], path, score)


def _inverse(g: KnowledgeGraph, q: Query) -> GraphAnswer | None:
    """ "who reports to Bob", "whose sister is Alice", "who manages Carol"."""
    hits, score = g.start(q.entity)
    found = g.follow(hits[:1], q.steps[0]) if hits else []
    if not found:
        return None
    facts = [p[-1] for _, p in found]
    step, rel = q.steps[0], relation(q.steps[0].relation)
    if rel.verb and step.inverse and len(facts) > 1 and rel.name != "located_in":
        subjects = join([name(f.subject) for f in facts])
        text = f"{subjects} {rel.plural} {name(facts[0].object)}"  # "Carol and Dan report to Bob"
    elif rel.verb:
        text = "; ".join(_said(f) for f in facts)
    else:
        text = "; ".join(object_clause(f.subject, f.relation, f.object) for f in facts)
    path = [f for _, p in found for f in p]
    return _reply(g, text, [hits[0][0]], path, score)


def _check(g: KnowledgeGraph, q: Query) -> GraphAnswer | None:
    """ "is the desk lamp on the ground floor", "does carol report to bob", "is alice my sister"."""
    hits, score = g.start(q.entity)
    others = g.start(q.other)[0]
    if not hits or not others:
        return None
    node, target = hits[0][0], others[0][0]
    if not q.steps:  # the phrase's values against the other entity
        values = dict(hits)
        if target in values:
            fact = values[target][-1]
            yes = object_clause(fact.subject, fact.relation, fact.object)
            return _reply(g, f"Yes, {yes}", [target], list(values[target]), score)
        facts = [f for p in values.values() for f in p]
        shown = join([name(g.name(n)) for n in values])
        return _reply(g, f"No, that is {shown}", [target], facts, score * 0.8) if facts else None
    step = q.steps[0]
    rel = relation(step.relation)
    if rel.transitive and rel.functional:
        chain = g.climb(node, step.relation)
    elif rel.transitive and (found := g.reach(node, step.relation, target)):
        return _reply(g, "Yes: " + "; ".join(_said(f) for f in found), [node], found, score)
    else:
        chain = g.edges(node, step.relation, step.inverse)
    facts = [f for f, _ in chain]
    for i, (fact, reached) in enumerate(chain):
        if reached == target:
            used = facts[: i + 1] if rel.transitive else [fact]
            return _reply(
                g, "Yes: " + "; ".join(_said(f) for f in used), [node, target], used, score
            )
    if not chain:
        return None
    text = "No, as far as I know: " + "; ".join(_said(f) for f in facts)
    return _reply(g, text, [node, target], facts, score * 0.8)


def _connect(g: KnowledgeGraph, q: Query) -> GraphAnswer | None:
    """ "how do I know Bob": the shortest chain of facts between two entities."""
    found = g.paths(q.entity, q.other, limit=1)
    if not found:
        return None
    ends = [g.start(q.entity)[0][0][0], g.start(q.other)[0][0][0]]
    return _reply(g, "; ".join(_said(f) for f in found[0]), ends, found[0], 0.9)


_HANDLERS: dict[str, Callable[[KnowledgeGraph, Query], GraphAnswer | None]] = {
    "value": _value,
    "describe": _describe,
    "where": _where,
    "members": _members,
    "inverse": _inverse,
    "check": _check,
    "connect": _connect,
}
__all__ = ["GraphAnswer", "answer_query"]

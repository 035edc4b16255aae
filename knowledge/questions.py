"""Questions into graph queries: which entity is asked about, and along which relations.

Parsing is pure text work; the graph then links each reading's phrases to its nodes and
keeps the first reading it can answer, so a question matching no pattern, or naming
nothing the graph holds, falls through to document retrieval.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.relations import ME, PLACE_PREPOSITIONS, noun_meaning, verb_forms


@dataclass(frozen=True)
class Step:
    relation: str  # canonical relation to follow
    inverse: bool  # follow it backwards: "Bob's reports", "who reports to Bob"
    word: str  # the user's word for it, echoed in the answer: "manager"


@dataclass(frozen=True)
class Query:
    # value: follow steps from the entity; describe: everything about it; where: its place;
    # members: what is (transitively) in/part of it; inverse: who stands in a relation to it;
    # check: a yes/no question; connect: how two entities are linked
    kind: str
    entity: str  # the phrase to link to a node ("alice", "me", "the ground floor")
    steps: tuple[Step, ...] = ()  # value and inverse: the relations to follow
    other: str = ""  # check and connect: the second phrase
    relation: str = ""  # members and check: the relation asked about
    type_word: str = ""  # "rooms" in "what rooms are on the second floor"
    history: bool = False  # "… before": the superseded values instead of the current one


_PREP = "|".join(PLACE_PREPOSITIONS)
_FILLERS = re.compile(
    r"^(?:(?:hey|hi|ok(?:ay)?|so|um+|uh+|er+m?|oh|and|also|btw|assistant|please|quick question)"
    r"\b[\s,]*)+"
)
_EMBEDDED = re.compile(
    r"^(?:do you (?:know|remember)|can you tell me|could you tell me|(?:please )?remind me"
    r"|any idea|i (?:forgot|forget|wonder))(?: again)?,? (?=who|what|where|when|which|whose|how|if|is|are|does)"
)
_TRAILING = re.compile(
    r"[\s,]+(?:again|please|now|currently|right now|at the moment|these days|for me)$"
)
_HISTORY = re.compile(r"\s+(?:before|previously|earlier|formerly|originally|in the past)$")
_CONTRACTIONS = [
    (r"\b(what|who|where|when|how|that)'?s\b", r"\1 is"),
    (r"\b(what|who|where|when|how)'re\b", r"\1 are"),
    (r"\bwhats\b", "what is"),
    (r"\bwhos\b", "who is"),
    (r"\bwheres\b", "where is"),
]


def normalise(question: str) -> tuple[str, bool]:
    """Lower case, contractions opened, fillers dropped; and whether it asks about the past."""
    q = " ".join(question.lower().replace("’", "'").split()).strip(" ?!.")
    for pattern, repl in _CONTRACTIONS:
        q = re.sub(pattern, repl, q)
    for _ in range(3):
        q = _TRAILING.sub("", _EMBEDDED.sub("", _FILLERS.sub("", q))).strip(" ,")
    # "where the keys are" (after "do you know") reads as "where are the keys"
    q = re.sub(r"^(what|who|where|when|which \w+) (.+?) (is|are|was|were)$", r"\1 \3 \2", q)
    history = bool(_HISTORY.search(q)) or bool(re.search(r"\b(?:used|use) to\b|\bold\b", q))
    q = _HISTORY.sub("", q)
    q = re.sub(r"\s+(?:used|use) to\b|\bold\s+", " ", q).strip()
    return " ".join(q.split()), history


def readings(phrase: str) -> list[tuple[str, tuple[Step, ...]]]:
    """Ways to read a possessive phrase as (entity, steps), longest entity first.

    "my sister's manager" → ("my sister's manager", ()), ("my sister", (manager,)),
    ("me", (sister, manager)); "the email of alice" → ("alice", (email,)).
    """
    phrase = phrase.strip()
    of = re.match(r"^(?:the |a )?(?P<n>[^']+?) (?:of|for) (?P<e>.+)$", phrase)
    if of:
        step = _step(of["n"])
        return [(phrase, ()), *((e, (*s, step)) for e, s in readings(of["e"]))]
    parts = [p for p in re.split(r"(?<=\w)'s\s+|(?<=s)'\s+", phrase) if p]
    found: list[tuple[str, tuple[Step, ...]]] = []
    for cut in range(len(parts), 0, -1):
        entity = "'s ".join(parts[:cut])
        steps = tuple(_step(p) for p in parts[cut:])
        found.append((entity, steps))
        owner = re.match(r"^(?:my|our) (?P<n>.+)$", entity)
        if owner and cut == 1:
            found.append((ME, (_step(owner["n"]), *steps)))
    return found


def _step(noun: str, inverse: bool = False) -> Step:
    name, inverted = noun_meaning(noun)
    return Step(name, inverted != inverse, noun.strip())


def _verb_step(verb: str) -> Step | None:
    """ "reports to" → (reports_to, forward); "manages" → (reports_to, backward)."""
    for phrase, name, inverted in verb_forms():
        if verb == phrase:
            return Step(name, inverted, phrase)
    return None


# Base forms after "does X …": "who does alice report to", "where does alice live".
_BASE_VERBS = {
    "report to": "reports to",
    "answer to": "reports to",
    "work for": "works for",
    "work at": "works at",
    "work in": "works in",
    "work on": "works on",
    "work": "works at",
    "live in": "lives in",
    "live": "lives in",
    "lead": "leads",
    "run": "runs",
    "head": "heads",
    "manage": "manages",
    "supervise": "supervises",
    "prefer": "prefers",
    "like": "likes",
    "love": "loves",
    "own": "owns",
    "belong to": "belongs to",
}
_ADJECTIVES = {
    "allergic to": "is allergic to",
    "married to": "is married to",
    "part of": "is part of",
    "a part of": "is part of",
    "in charge of": "is in charge of",
    "the head of": "is the head of",
    "managed by": "is managed by",
    "led by": "is led by",
    "run by": "is run by",
    "owned by": "is owned by",
}
_BASE = "|".join(sorted(_BASE_VERBS, key=len, reverse=True))
_ADJ = "|".join(sorted(_ADJECTIVES, key=len, reverse=True))
_THIRD = "|".join(
    sorted(
        {p for p, _, _ in verb_forms() if not p.startswith("is ")},
        key=len,
        reverse=True,
    )
)
_WH = r"(?:who|whom|what|which)(?: (?P<t>(?!(?:is|are|was|were|else)\b)\w+))?"


def _steps(table: dict[str, str]) -> dict[str, Step]:
    found = {word: _verb_step(verb) for word, verb in table.items()}
    missing = [word for word, step in found.items() if step is None]
    assert not missing, f"no relation for {missing}"  # a vocabulary edit broke a question form
    return {word: step for word, step in found.items() if step is not None}


_BASE_STEPS = _steps(_BASE_VERBS)
_ADJ_STEPS = _steps({**_ADJECTIVES, "a": "is a", "an": "is an"})
_THIRD_STEPS = {p: Step(n, not inv, p) for p, n, inv in verb_forms()}


def parse(question: str) -> list[Query]:
    """Every reading of `question` as a graph query, most specific first (maybe none)."""
    q, history = normalise(question)
    found: list[Query] = []

    def add(kind: str, entity: str, *steps: Step, **extra: str) -> None:
        found.append(Query(kind, entity.strip(), tuple(steps), history=history, **extra))

    def match(pattern: str) -> re.Match[str] | None:
        return re.match(pattern, q)

    if m := match(r"^how do (?:i|we) know (?P<a>.+)$"):
        add("connect", ME, other=m["a"])
    if m := match(
        r"^(?:how (?:is|are) (?P<a>.+?) (?:connected|related) to (?P<b>.+)"
        r"|how (?:is|are) (?P<c>.+?) and (?P<d>.+?) (?:connected|related)"
        r"|what(?: is)? the (?:connection|link|relationship|relation) between (?P<e>.+?) and (?P<f>.+))$"
    ):
        a, b = (m["a"], m["b"]) if m["a"] else (m["c"], m["d"]) if m["c"] else (m["e"], m["f"])
        add("connect", a, other=b)
    if m := match(
        r"^(?:(?:what|who|anything) (?:do|did|have) (?:you|i|we) (?:know|tell you|told you|say"
        r"|said|mention|mentioned|got)(?: to you)?|tell me(?: everything| what you know)?)"
        r" about (?P<e>.+)$"
    ):
        add("describe", m["e"])
    # where things are
    if m := match(r"^where (?:is|are|was|were) (?P<e>.+?)(?: (?:kept|stored|located))?$"):
        add("where", m["e"])
    if m := match(
        r"^where (?:did|do|have|had) (?:i|we) (?:put|leave|left|keep|kept|store|stored|hide|hid"
        r"|stash|stashed|park|parked)(?: (?P<e>.+))?$"
    ):
        add("where", m["e"] or "my car")
    if m := match(r"^where (?:did|has|have) (?P<e>.+?) (?:end(?:ed)? up|go|gone|got to)$"):
        add("where", m["e"])
    if m := match(rf"^(?:which|what) (?P<t>\w+) (?:is|are) (?P<e>.+?) (?:{_PREP})$"):
        add("where", m["e"], type_word=m["t"])
    # yes/no
    if m := match(rf"^(?:is|are) (?P<a>.+?) (?P<v>{_ADJ}|an?) (?P<b>.+)$"):
        add("check", m["a"], _ADJ_STEPS[m["v"]], other=m["b"])
    if m := match(rf"^(?:is|are) (?P<a>.+?) (?:(?:located|kept|still) )?(?:{_PREP}) (?P<b>.+)$"):
        add("check", m["a"], Step("located_in", False, "in"), other=m["b"])
    if m := match(rf"^(?:does|do|did) (?P<a>.+?) (?P<v>{_BASE}) (?P<b>.+)$"):
        add("check", m["a"], _BASE_STEPS[m["v"]], other=m["b"])
    if m := match(r"^(?:is|are) (?P<b>.+?) (?P<pe>(?:my|our) .+|[^']+?'s? [^']+)$"):
        add("check", m["pe"], other=m["b"])
    # who stands in a relation to something
    if m := match(r"^whose (?P<n>.+?) (?:is|are|was|were) (?P<b>.+)$"):
        add("inverse", m["b"], _step(m["n"], inverse=True))
    if m := match(rf"^{_WH} (?:else )?(?P<v>{_THIRD}) (?P<b>.+)$"):
        add("inverse", m["b"], _THIRD_STEPS[m["v"]])
    if m := match(rf"^{_WH} (?:is|are|was|were) (?P<v>{_ADJ}) (?P<b>.+)$"):
        step = _ADJ_STEPS[m["v"]]
        kind = "members" if step.relation == "part_of" else "inverse"
        add(kind, m["b"], Step(step.relation, not step.inverse, step.word), relation=step.relation)
    if m := match(rf"^{_WH} (?:is|are|was|were) (?:located |kept |stored )?(?:{_PREP}) (?P<b>.+)$"):
        add("members", m["b"], relation="located_in", type_word=m["t"] or "")
    # something's value
    if m := match(
        rf"^(?:who|what|where|which \w+|when) (?:does|do|did) (?P<a>.+?) (?P<v>{_BASE})$"
    ):
        add("value", m["a"], _BASE_STEPS[m["v"]])
    if m := match(rf"^(?:who|what|where) (?:is|are|was|were) (?P<a>.+?) (?P<v>{_ADJ})$"):
        add("value", m["a"], _ADJ_STEPS[m["v"]])
    if m := match(
        r"^(?:(?:who|what|when|which|how much|how many) )?(?:is|are|was|were) (?P<pe>.+)$"
    ):
        options = readings(m["pe"])
        for entity, steps in options:  # "who is rachel's boss": her boss before "rachel's boss"
            if steps:
                add("value", entity, *steps)
        if re.match(r"^(?:who|what) ", q):
            for entity, steps in options:
                if not steps:
                    add("describe", entity)
        if "'" not in m["pe"] and not m["pe"].startswith(("my ", "our ")):
            add("value", ME, _step(m["pe"]))  # "what is the wifi password": the user's own
    elif m := match(r"^(?P<pe>(?:my|our) [^?]+|[^' ]+(?: [^' ]+)?'s? [^?]+)$"):
        for entity, steps in readings(m["pe"]):
            if steps:
                add("value", entity, *steps)
    return found

"""Statements into triples: what the user tells the assistant to remember or to forget.

Document sentences are read by `knowledge.doc_facts`; `extract_from_text` is re-exported here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.errors import AssistantError
from knowledge.doc_facts import extract_from_text
from knowledge.relations import (
    ME,
    PLACE_PREPOSITIONS,
    Triple,
    canonical_relation,
    display_name,
    normalise_triple,
    relation,
    verb_forms,
)

__all__ = [
    "ForgetRequest",
    "StatementError",
    "Triple",
    "extract_from_text",
    "parse_forget",
    "parse_statement",
    "strip_lead_ins",
]


class StatementError(AssistantError):
    """A statement holds no fact that can be stored safely."""


class EmptyStatement(StatementError):
    """Only a lead-in ("remember that", "note this down"): the fact itself is missing."""


@dataclass(frozen=True)
class ForgetRequest:
    subject: str  # whose facts go: "me", "Alice"
    relation: str | None = None  # only this relation; None: everything about the subject
    object: str | None = None  # only this value (from "forget that Alice is my sister")


# --- the user's words around a fact -------------------------------------------------------

_FILLER = (
    r"(?:ok(?:ay)?|so|um+|uh+|er+m?|hey|hi|well|also|and|oh|alright|right|please|pls|assistant)"
)
_ASK = (
    r"(?:(?:can|could|would|will) you|i (?:just )?(?:want|need|would like|'d like|wanted) (?:you )?to"
    r"|(?:i )?just wanted to|let me)"
)
_REMEMBER = (  # longest first: "note to self" must not stop at "note"
    r"(?:note to self|mental note|make a note(?: of)?|take a note(?: of)?|note down|note"
    r"|remember|rememebr|remmeber|remeber|memori[sz]e|jot down|write down|keep in mind"
    r"|bear in mind|keep track of|do(?:n'?t| not) forget|(?:save|store|record)(?= (?:the fact|this|that)\b)"
    r"|add to (?:my|your) notes|heads up|fyi|f\.y\.i\.?|for future reference|for the record"
    r"|(?:just )?so you know|let you know|tell you)"
)
_WHAT = r"(?: (?:the fact|this|something|it))?(?: (?:down|for me|for later))?(?: that)?"
_LEAD = re.compile(
    rf"^(?:(?:{_FILLER}|{_ASK})\b[\s,:.-]*|{_REMEMBER}{_WHAT}(?=\W|$)[\s,:;.-]*)+", re.IGNORECASE
)
_TRAIL = re.compile(
    r"[\s,;.:!?-]*(?:(?:can|could|would|will) you (?:keep|remember|note|save|store) (?:that|this|it)"
    r"(?: somewhere| for me| down)?|(?:keep|bear) (?:that|this|it) in mind|please|thanks|thank you"
    r"|ok(?:ay)?|for me|for later|got it|alright|now|for now"
    r"|(?:i )?thought you should know\b.*|(?:just )?in case i forget\b.*)[\s,.!?]*$",
    re.IGNORECASE,
)
_CONTRACTIONS = [
    (r"\bi'm\b", "i am"),
    (r"\b(\w+)'re\b", r"\1 are"),
    (r"\b(it|that|there|he|she)'s\b", r"\1 is"),
]


def strip_lead_ins(text: str) -> str:
    """The fact inside "remember that …, keep that in mind": lead-ins and trailers removed."""
    text = " ".join(text.replace("’", "'").split())
    for _ in range(4):
        stripped = _TRAIL.sub("", _LEAD.sub("", text)).strip()
        if stripped == text:
            break
        text = stripped
    for pattern, repl in _CONTRACTIONS:
        text = re.sub(pattern, repl, text, flags=re.IGNORECASE)
    return text


# --- statements --------------------------------------------------------------------------

_PRONOUNS = set(
    "he she it they this that these those there here him her them his its their you who what"
    " which someone something everyone everything nothing one".split()
)
_COPULAS = {"is", "are", "am", "was", "were"}
_PREP = "|".join(PLACE_PREPOSITIONS)
_PREP_WORDS = {"in", "on", "at", "to", "by", "for", "with", "from", "into", "under", "about"}
_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
    r"|\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?s?\b"
    r"|^(?:the )?\d{1,2}(?:st|nd|rd|th)$|\b\d{1,4}[/-]\d{1,2}\b",
    re.IGNORECASE,
)
_ATTRIBUTE_HEADS = set(
    "code password pin number combination combo day date time size name address reg registration"
    " plate group anniversary birthday email phone extension username login id".split()
)
_CLEAN = re.compile(r"^[\w'.@+&/:# -]+$")


def _entity(text: str, max_words: int = 6) -> str | None:
    """A short noun phrase usable as an entity, or None."""
    name = display_name(text)
    words = name.lower().split()
    if not 1 <= len(words) <= max_words or not _CLEAN.match(name):
        return None
    if words[0] in _PRONOUNS or _COPULAS & set(words):
        return None
    return name


def _value(text: str) -> str | None:
    """An attribute value: freer than an entity ("to be called Sam", "A positive")."""
    if _DATE.search(text):
        text = re.sub(r"^(?:on|at)\s+", "", text.strip(), flags=re.IGNORECASE)
    name = display_name(text)
    words = name.lower().split()
    if not 1 <= len(words) <= 10 or words == ["it"] or "?" in name:
        return None
    return name


def _triple(subject: str, rel: str, obj: str, qualifier: str = "") -> list[Triple] | None:
    """Validated, canonical triples; non-functional values like "peanuts and cats" are split."""
    s = _entity(subject)
    if s is None:
        return None
    triple = normalise_triple(s, rel, obj, qualifier)
    objects = [obj]
    if not relation(triple.relation).functional and triple.object == display_name(
        obj
    ):  # not inverted
        objects = [p for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", obj) if p.strip()]
    found = []
    for part in objects:
        value = _value(part)
        if value is None:
            return None
        found.append(normalise_triple(s, rel, value, qualifier))
    return found


Rule = Callable[[str], list[Triple] | None]
_RULES: list[Rule] = []  # tried in order; the first that yields triples wins


def _rule(pattern: str) -> Callable[[Callable[[re.Match[str]], list[Triple] | None]], Rule]:
    """Register a regex rule: `build` turns a match into triples, or None to pass."""
    compiled = re.compile(pattern, re.IGNORECASE)

    def register(build: Callable[[re.Match[str]], list[Triple] | None]) -> Rule:
        def rule(text: str) -> list[Triple] | None:
            match = compiled.match(text)
            return build(match) if match else None

        _RULES.append(rule)
        return rule

    return register


_PUT = r"(?:put|keep|kept|left|leave|stored?|hid|hide|placed?|parked|stashed?)"


@_rule(rf"^(?:i|we) (?:have )?{_PUT} (?P<x>.+?) (?P<p>{_PREP}) (?P<y>.+)$")
def _put(m: re.Match[str]) -> list[Triple] | None:
    return _triple(m["x"], "located_in", m["y"], m["p"].lower())


@_rule(rf"^(?:i|we) parked (?P<p>{_PREP}) (?P<y>.+)$")
def _parked(m: re.Match[str]) -> list[Triple] | None:
    return _triple("my car", "located_in", m["y"], m["p"].lower())


@_rule(r"^(?:i|we) (?:have )?(?:lent|loaned) (?P<x>.+?) to (?P<y>.+)$")
def _lent(m: re.Match[str]) -> list[Triple] | None:
    return _triple(m["x"], "lent_to", m["y"])


@_rule(r"^(?P<x>.+?) (?:has |have |just |recently )*moved to (?P<y>.+)$")
def _moved(m: re.Match[str]) -> list[Triple] | None:
    return _triple(m["x"], "located_in", m["y"]) if _entity(m["y"]) else None


def _verb_pattern(phrase: str) -> re.Pattern[str]:
    words = re.escape(phrase).replace(r"\ ", " ")
    if phrase in {"is a", "is an"}:  # "my blood group is A positive" is no class
        words = r"(?:is|are|am) (?-i:an?)"
    elif phrase.startswith("is "):
        words = r"(?:is|are|am)(?: also)? " + words[3:]
    return re.compile(rf"^(?P<x>.+?) (?:also )?{words} (?P<y>.+)$", re.IGNORECASE)


_VERB_PATTERNS = [
    (phrase, _verb_pattern(phrase), name, inverted) for phrase, name, inverted in verb_forms()
]


_FREE_OBJECTS = {"prefers", "likes", "allergic_to"}  # "prefers to be called Sam" is fine


def _verbs(clause: str) -> list[Triple] | None:
    """ "Carol reports to Bob", "Bob manages Carol", "Alice is allergic to cats"."""
    for phrase, pattern, name, inverted in _VERB_PATTERNS:
        match = pattern.match(clause)
        if match is None:
            continue
        x, y = match["x"], match["y"]
        # "the dishwasher runs at night" is not (dishwasher, leads, night)
        stray_preposition = (
            phrase.split()[-1] not in _PREP_WORDS and y.split()[0].lower() in _PREP_WORDS
        )
        if name not in _FREE_OBJECTS and (_entity(y) is None or stray_preposition):
            continue
        found = _triple(y, name, x) if inverted else _triple(x, name, y)
        if found:
            return found
    return None


_RULES.append(_verbs)  # verbs before places: "is in charge of" is not a place


@_rule(
    r"^(?P<x>.+?) (?:is|are|am)(?: now| currently| still| always)?"
    rf"(?: (?:located|kept|stored|sitting|hidden|parked|left))? (?P<p>{_PREP}) (?P<y>.+)$"
)
def _place(m: re.Match[str]) -> list[Triple] | None:
    if _DATE.search(m["y"]) or _entity(m["y"], 8) is None:
        return None  # "Bob's birthday is on march 3rd" is an attribute, not a place
    return _triple(m["x"], "located_in", m["y"], m["p"].lower())


@_rule(r"^(?P<x>.+?) (?:is|are) (?:my|our) (?P<n>[^']+)$")
def _is_my(m: re.Match[str]) -> list[Triple] | None:
    return _triple(ME, m["n"], m["x"]) if len(m["n"].split()) <= 4 and _entity(m["x"]) else None


@_rule(r"^(?:my|our) (?P<n>[^']+?) (?:is|are) (?P<x>.+)$")
def _my_is(m: re.Match[str]) -> list[Triple] | None:
    return _triple(ME, m["n"], m["x"]) if len(m["n"].split()) <= 4 else None


@_rule(r"^(?P<x>.+?) (?:is|are) (?P<y>.+?)'s? (?P<n>[^']+)$")
def _is_possessive(m: re.Match[str]) -> list[Triple] | None:
    ok = len(m["n"].split()) <= 4 and _entity(m["x"])
    return _triple(m["y"], m["n"], m["x"]) if ok else None


@_rule(r"^(?P<y>.+?)'s? (?P<n>[^']+?) (?:is|are) (?P<x>.+)$")
def _possessive_is(m: re.Match[str]) -> list[Triple] | None:
    return _triple(m["y"], m["n"], m["x"]) if len(m["n"].split()) <= 4 else None


@_rule(r"^(?P<x>.+?) (?:is|are) the (?P<n>[^']+?) (?:of|for) (?P<y>.+)$")
def _is_the_of(m: re.Match[str]) -> list[Triple] | None:
    ok = len(m["n"].split()) <= 3 and _entity(m["x"])
    return _triple(m["y"], m["n"], m["x"]) if ok else None


@_rule(r"^the (?P<n>[^']+?) (?:of|for) (?P<y>.+?) (?:is|are) (?P<x>.+)$")
def _the_of_is(m: re.Match[str]) -> list[Triple] | None:
    return _triple(m["y"], m["n"], m["x"]) if len(m["n"].split()) <= 3 else None


@_rule(r"^(?:the |our )?(?P<n>[a-z][\w -]*?) (?:is|are) (?P<x>.+)$")
def _attribute(m: re.Match[str]) -> list[Triple] | None:
    """ "the wifi password is hunter2": an attribute of the user's own."""
    words = m["n"].lower().split()
    ok = len(words) <= 3 and words[-1] in _ATTRIBUTE_HEADS
    return _triple(ME, m["n"], m["x"]) if ok else None


@_rule(
    r"^(?P<x>.+?) (?P<v>(?:was|were|has been|have been) [a-z]+ed|[a-z]+(?:s|ed))"
    r"(?: (?P<p>in|on|at|to|by|for|with|from|into))? (?P<y>.+)$"
)
def _generic(m: re.Match[str]) -> list[Triple] | None:
    """Last resort, only for a clean name, a plain verb and a short object."""
    verb = m["v"].lower()
    if verb.split()[-1] in {"is", "was", "has", "does", "says", "thinks", "knows", "wants"}:
        return None
    subject, obj = _entity(m["x"], 4), _entity(m["y"], 5)
    if subject is None or obj is None or not re.match(r"^(?:[A-Z]|the |my |our )", subject):
        return None
    name = "_".join([*verb.split(), *([m["p"].lower()] if m["p"] else [])])
    return [Triple(display_name(subject), name, obj)]


def _clause(text: str) -> list[Triple] | None:
    text = text.strip(" ,.;:!?")
    for rule in _RULES:
        found = rule(text)
        if found:
            return found
    return None


def parse_statement(text: str) -> list[Triple]:
    """The facts in one statement; StatementError when none can be read safely."""
    body = strip_lead_ins(text)
    if not body:
        raise EmptyStatement("there is no fact in that to remember")
    found = _clause(body)
    if found is None:
        parts = [p for p in re.split(r"\s*(?:;|,? and (?:also )?|\n)\s*", body) if p.strip()]
        if len(parts) > 1:
            each = [_clause(p) for p in parts]
            if all(each):
                found = [t for triples in each if triples for t in triples]
    if not found:
        raise StatementError(f'I couldn\'t read a fact in "{body}"')
    return found


_FORGET = re.compile(
    r"^(?:please |can you |could you |ok |okay |so |you can |go ahead and )*(?:forget|delete"
    r"|remove|erase|drop|unlearn|stop remembering)(?: about)? (?P<rest>.+?)"
    r"(?:,? (?:now|please|thanks|for me))*$",
    re.IGNORECASE,
)


def parse_forget(text: str) -> list[ForgetRequest] | None:
    """What "forget …" asks to drop; None when `text` is not a forget request."""
    match = _FORGET.match(" ".join(text.replace("’", "'").split()).strip(" .!?"))
    if match is None:
        return None
    rest = re.sub(r"^(?:the fact )?that ", "", match["rest"], flags=re.IGNORECASE)
    about = re.match(
        r"^(?:what i (?:told|said to) you|everything(?: you know)?|anything|all|what you know)"
        r" about (?P<e>.+)$",
        rest,
        re.IGNORECASE,
    )
    if about:
        return [ForgetRequest(display_name(about["e"]))]
    where = re.match(rf"^where (?:i|we) {_PUT} (?P<e>.+)$", rest, re.IGNORECASE)
    if where:
        return [ForgetRequest(display_name(where["e"]), "located_in")]
    if match["rest"] != rest or re.search(r"\b(?:is|are|am|reports?|works?|lives?)\b", rest):
        try:
            triples = parse_statement(rest)
        except StatementError:
            triples = []
        if triples:
            return [ForgetRequest(t.subject, t.relation, t.object) for t in triples]
    owned = re.match(r"^(?:(?P<my>my|our)|(?P<y>[^']+?)'s?) (?P<n>[^']+)$", rest, re.IGNORECASE)
    if owned:
        name, inverted = canonical_relation(owned["n"])
        if not inverted:
            return [ForgetRequest(ME if owned["my"] else display_name(owned["y"]), name)]
    return [ForgetRequest(display_name(rest))] if _entity(rest) else None

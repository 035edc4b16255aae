"""Facts as sentences addressed to the user: "me" is "you", "my wallet" is "your wallet"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from knowledge.relations import ME, relation

_PLURAL_OWNED = re.compile(r"^(?:the|my|your|our|these|those)\s.*[^su]s$", re.IGNORECASE)


def name(entity: str) -> str:
    """How to mention an entity to the user."""
    if entity == ME:
        return "you"
    return re.sub(r"^(?:my|our)\b", "your", entity, flags=re.IGNORECASE)


def possessive(entity: str) -> str:
    """ "your", "Alice's", "James'"."""
    if entity == ME:
        return "your"
    mention = name(entity)
    return mention + ("'" if mention.endswith("s") else "'s")


def is_plural(entity: str) -> bool:
    """Plural for verb agreement: "you are", "the car keys are"."""
    return entity == ME or bool(_PLURAL_OWNED.match(entity))


def be(entity: str) -> str:
    return "are" if is_plural(entity) else "is"


def clause(subject: str, relation_name: str, obj: str, qualifier: str = "") -> str:
    """One fact as a clause, subject first: "Alice reports to Bob", "your locker code is 4312"."""
    rel = relation(relation_name)
    if rel.name == "located_in":
        return f"{name(subject)} {be(subject)} {qualifier or 'in'} {name(obj)}"
    if rel.name == "is_a":
        article = "" if is_plural(subject) else ("an " if obj[:1].lower() in "aeiou" else "a ")
        return f"{name(subject)} {be(subject)} {article}{name(obj)}"
    if rel.verb:
        verb = rel.plural if is_plural(subject) else rel.verb
        if verb.startswith("is "):
            verb = f"{be(subject)} {verb[3:]}"
        return f"{name(subject)} {verb} {name(obj)}"
    noun = rel.name.replace("_", " ")
    return f"{possessive(subject)} {noun} is {name(obj)}"


def object_clause(subject: str, relation_name: str, obj: str) -> str:
    """A noun fact told about its object: "Alice is your sister"."""
    if relation(relation_name).verb:
        return clause(subject, relation_name, obj)
    return f"{name(obj)} {be(obj)} {possessive(subject)} {relation_name}"


def sentence(text: str) -> str:
    """Capitalised, with a full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def join(items: Sequence[str], conjunction: str = "and") -> str:
    """ "a", "a and b", "a, b and c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"

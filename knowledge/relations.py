"""The relation vocabulary: canonical names, the words that express them, and their logic."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

ME = "me"  # the user's own node: "my sister" is (me, sister, ?)

_ARTICLES = re.compile(r"^(?:the|a|an)\s+")
_ME_WORDS = {"i", "me", "myself", "my", "mine", "we", "us", "our", "ours"}


@dataclass(frozen=True)
class Triple:
    subject: str  # entity as stated: "Alice", "me", "the desk lamp"
    relation: str  # canonical relation: "sister", "reports_to", "locker code"
    object: str  # entity or value: "Bob", "4312"
    qualifier: str = ""  # a place's preposition ("on", "under"); empty for other relations


@dataclass(frozen=True)
class Relation:
    name: str  # canonical name stored in facts.relation
    verb: str = ""  # third person: "reports to"; empty for noun relations ("sister")
    plural: str = ""  # the same verb for "you" and plural subjects: "report to"
    synonyms: tuple[str, ...] = ()  # other verbs with the same direction: "is managed by"
    inverse_verbs: tuple[str, ...] = ()  # "Bob manages Carol" is (Carol, reports_to, Bob)
    nouns: tuple[str, ...] = ()  # "Alice's manager" is the object of (Alice, reports_to, ?)
    inverse_nouns: tuple[str, ...] = ()  # "Bob's reports" are the subjects of (?, reports_to, Bob)
    functional: bool = True  # one current value per subject: a new one replaces the old
    transitive: bool = False  # lamp in office, office on ground floor: lamp on ground floor
    symmetric: bool = False  # (a, r, b) also means (b, r, a)
    spatial: bool = False  # answers "where is X"


# Verb relations. Copular verbs start with "is "; statements also accept "are"/"am".
VERB_RELATIONS: dict[str, Relation] = {
    r.name: r
    for r in [
        Relation(
            "reports_to",
            "reports to",
            "report to",
            synonyms=("is managed by", "works under", "answers to", "is supervised by"),
            inverse_verbs=("manages", "supervises"),
            nouns=("manager", "boss", "line manager", "supervisor"),
            inverse_nouns=("report", "direct report", "team member"),
        ),
        Relation(
            "located_in",
            "is in",
            "are in",
            synonyms=("is located in", "moved to", "has moved to", "just moved to"),
            nouns=("location",),
            transitive=True,
            spatial=True,
        ),
        Relation(
            "part_of", "is part of", "are part of", synonyms=("is a part of",), transitive=True
        ),
        Relation("is_a", "is a", "are", synonyms=("is an",), functional=False, transitive=True),
        Relation("works_at", "works at", "work at", synonyms=("works for",), nouns=("employer",)),
        Relation("works_in", "works in", "work in", nouns=("department",)),
        Relation("works_on", "works on", "work on", functional=False),
        Relation(
            "lives_in", "lives in", "live in", synonyms=("lives at", "lives on"), spatial=True
        ),
        Relation(
            "leads",
            "leads",
            "lead",
            synonyms=("runs", "heads", "is in charge of", "is the head of", "is the lead of"),
            inverse_verbs=("is led by", "is run by", "is headed by"),
            inverse_nouns=("lead", "leader", "head"),
            functional=False,
        ),
        Relation("allergic_to", "is allergic to", "are allergic to", functional=False),
        Relation("prefers", "prefers", "prefer", functional=False),
        Relation("likes", "likes", "like", synonyms=("loves", "enjoys"), functional=False),
        Relation(
            "married_to",
            "is married to",
            "are married to",
            nouns=("wife", "husband", "spouse"),
            symmetric=True,
        ),
        Relation("lent_to", "is on loan to", "are on loan to", spatial=True),
        Relation(
            "owned_by",
            "belongs to",
            "belong to",
            synonyms=("is owned by",),
            inverse_verbs=("owns",),
            nouns=("owner",),
        ),
    ]
}

# A noun relation's name is the noun itself; these have many values per subject.
NON_FUNCTIONAL_NOUNS = {
    *"sister brother sibling friend son daughter child kid cousin aunt uncle niece nephew".split(),
    *"grandmother grandfather grandparent grandchild grandson granddaughter".split(),
    *"colleague coworker teammate classmate roommate flatmate neighbor pet hobby allergy".split(),
}
# Roles held by people: "Dr. Patel is your dentist" reads better than "your dentist is Dr. Patel".
PERSON_ROLES = NON_FUNCTIONAL_NOUNS | {
    *"mother father partner wife husband dentist doctor landlord landlady lawyer accountant".split(),
    *"vet plumber mechanic hairdresser therapist buddy mentor tutor coach babysitter".split(),
}
SYMMETRIC_NOUNS = {"sibling", "friend", "cousin", "colleague", "coworker", "neighbor", "partner"}
NOUN_SYNONYMS = {
    "mom": "mother",
    "mum": "mother",
    "mommy": "mother",
    "dad": "father",
    "daddy": "father",
    "neighbour": "neighbor",
    "co-worker": "coworker",
    "gp": "doctor",
    "e-mail": "email",
    "email address": "email",
    "e-mail address": "email",
    "phone": "phone number",
    "mobile": "phone number",
    "mobile number": "phone number",
    "cell": "phone number",
    "cell number": "phone number",
    "telephone number": "phone number",
    "bday": "birthday",
    "b-day": "birthday",
    "date of birth": "birthday",
    "dob": "birthday",
    "home address": "address",
    "wi-fi password": "wifi password",
    "wifi code": "wifi password",
    "favourite": "favorite",
}
_PLURALS = {"children": "child", "kids": "kid", "people": "person"}

# Places: the preposition a user says is kept as the fact's qualifier.
PLACE_PREPOSITIONS = (
    "in front of",
    "next to",
    "on top of",
    "inside",
    "underneath",
    "under",
    "behind",
    "beside",
    "near",
    "above",
    "below",
    "in",
    "on",
    "at",
)
_ON_HEADS = {"floor", "level", "storey", "street", "road", "avenue", "lane", "shelf", "desk"}
_ON_HEADS |= {"table", "counter", "wall", "roof", "balcony", "porch", "deck", "landing"}


@lru_cache(maxsize=4096)  # called per fact when a graph loads and per edge when it is walked
def relation(name: str) -> Relation:
    """The Relation for a canonical name; an unknown noun is a functional attribute."""
    known = VERB_RELATIONS.get(name)
    if known is not None:
        return known
    if "_" in name:  # a verb phrase read from a statement or file: "was_serviced_in"
        verb = name.replace("_", " ")
        return Relation(name, verb, verb, functional=False)
    return Relation(
        name, functional=name not in NON_FUNCTIONAL_NOUNS, symmetric=name in SYMMETRIC_NOUNS
    )


def noun_phrase(text: str) -> str:
    """Lower case, single spaces, no leading article: the comparable form of a phrase."""
    text = " ".join(text.replace("’", "'").replace("_", " ").split()).strip(" .,;:!?\"'").lower()
    return _ARTICLES.sub("", text)


def entity_key(name: str) -> str:
    """Case- and article-free key of an entity: "The Desk Lamp" and "desk lamp" match."""
    key = noun_phrase(name)
    return ME if key in _ME_WORDS else key


def display_name(name: str) -> str:
    """The name to show, as stated but tidied; every way of saying "me" becomes "me"."""
    name = " ".join(name.replace("’", "'").split()).strip(' ,;:!?"')
    name = name.rstrip(".") if not re.search(r"\b[A-Z][a-z]?\.$", name) else name  # "Dr."
    return ME if name.lower() in _ME_WORDS else name


def noun_meaning(noun: str) -> tuple[str, bool]:
    """What "X's NOUN" means: (relation, inverted); inverted means X is the object."""
    key = noun_phrase(noun)
    key = re.sub(r"^favourite\b", "favorite", key)
    key = NOUN_SYNONYMS.get(key, key)
    for candidate in (key, _singular(key)):
        for rel in VERB_RELATIONS.values():
            if candidate in rel.nouns:
                return rel.name, False
            if candidate in rel.inverse_nouns:
                return rel.name, True
    single = _singular(key)
    if single in NON_FUNCTIONAL_NOUNS or single in SYMMETRIC_NOUNS:
        return single, False
    return key, False


def verb_forms() -> list[tuple[str, str, bool]]:
    """Every verb phrase as (phrase, relation, inverted), longest first, for parsers."""
    forms: list[tuple[str, str, bool]] = []
    for rel in VERB_RELATIONS.values():
        if rel.name in {"located_in", "lent_to"}:
            continue  # places are parsed with their prepositions; loans by "I lent"
        # A bare "are" (is_a's plural) would match any sentence: parsers never use it.
        forms += [
            (v, rel.name, False) for v in (rel.verb, rel.plural, *rel.synonyms) if v and v != "are"
        ]
        forms += [(v, rel.name, True) for v in rel.inverse_verbs]
    forms = list(dict.fromkeys(forms))
    return sorted(forms, key=lambda form: -len(form[0]))


def canonical_relation(text: str) -> tuple[str, bool]:
    """Map any way of naming a relation (reports_to, "reports to", manager) to (name, inverted).

    Names with underscores are verb relations ("was_serviced_in"); with spaces, nouns.
    """
    raw = text.strip().lower()
    if re.fullmatch(r"[a-z]+(?:_[a-z]+)+", raw) and raw not in VERB_RELATIONS:
        return raw, False
    phrase = noun_phrase(text)
    if phrase.replace(" ", "_") in VERB_RELATIONS:
        return phrase.replace(" ", "_"), False
    for verb, name, inverted in verb_forms():
        if phrase == verb:
            return name, inverted
    if phrase in {"is in", "is on", "is at", "located in", "in", "on", "at"}:
        return "located_in", False
    return noun_meaning(phrase)


def normalise_triple(subject: str, relation_text: str, obj: str, qualifier: str = "") -> Triple:
    """A Triple in canonical form: relation names mapped, inversions applied, "I" as "me"."""
    name, inverted = canonical_relation(relation_text)
    subject, obj = display_name(subject), display_name(obj)
    if inverted:
        subject, obj = obj, subject
    if name == "located_in" and not qualifier:
        qualifier = place_preposition(obj)
    return Triple(subject, name, obj, qualifier if name == "located_in" else "")


def place_preposition(place: str) -> str:
    """The usual preposition for a place when none was said: "on the ground floor"."""
    words = noun_phrase(place).split()
    return "on" if words and words[-1] in _ON_HEADS else "in"


def _singular(noun: str) -> str:
    if noun in _PLURALS:
        return _PLURALS[noun]
    if noun.endswith("s") and not noun.endswith(("ss", "us", "is")) and len(noun) > 3:
        return noun[:-1]
    return noun

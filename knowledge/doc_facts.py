"""Facts stated plainly in documents: conservative patterns, precision over recall.

Documents are data: what they say is stored as facts of source "document" and never acts.
Only short proper-noun phrases qualify as names, and pronoun subjects are skipped.
"""

from __future__ import annotations

import re

from knowledge.relations import Triple, display_name

_ABBREVIATION = re.compile(r"\b(Dr|Mr|Mrs|Ms|Prof|St|Mt|Jr|Sr|No|vs|etc)\.", re.IGNORECASE)
_NOT_NAMES = set(
    "It This That These Those We You Our He She They There Here His Her Their Its Your My I A An"
    " Each Every All Any Some No If When Please Note New Who What Which Where Why How".split()
)
_WORD = r"[A-Z][\w'’-]*"
_PROPER = rf"(?:(?:Dr|Mr|Mrs|Ms|Prof)\.\s+)?{_WORD}(?:\s+(?:(?:of|de|van|von|da|di|du|le|la|the|and|&)\s+)?{_WORD}){{0,4}}"
_HEAD = r"(?:\s+(?:team|project|office|department|group|division|building|site|campus|room|floor|service|app|system|committee|club|unit|lab|branch|company))?"
_SUBJ = rf"(?:[Tt]he\s+)?{_PROPER}{_HEAD}"
_END = r"(?=\s*$|\s*[,;:(]|\s+(?:who|which|that|with|based|founded|since|and|from)\b)"
_FLOOR = r"(?:ground|first|second|third|fourth|fifth|sixth|top|\d+(?:st|nd|rd|th)) floor"
_DOC_RULES: list[tuple[re.Pattern[str], str, bool]] = [
    (re.compile(rf"^(?P<x>{_SUBJ}) is an? (?P<y>(?:[a-z][\w-]*\s+){{0,3}}[a-z][\w-]*){_END}"), "is_a", False),
    (re.compile(rf"^(?P<x>{_SUBJ}) is (?:located|based|situated|housed) (?P<p>in|on|at) (?P<y>(?:the\s+)?{_PROPER}{_HEAD}|the {_FLOOR}){_END}"), "located_in", False),
    (re.compile(rf"^(?P<x>(?:[Tt]he\s+)?(?:{_PROPER}|[a-z]+(?:\s+[a-z]+)?)) is (?P<p>on) (?P<y>the {_FLOOR}){_END}"), "located_in", False),
    (re.compile(rf"^(?P<x>{_SUBJ}) is (?:a )?part of (?P<y>(?:the\s+)?{_PROPER}{_HEAD}){_END}"), "part_of", False),
    (re.compile(rf"^(?P<x>{_PROPER}) reports (?:directly )?to (?P<y>{_PROPER}){_END}"), "reports_to", False),
    (re.compile(rf"^(?P<x>{_SUBJ}) is (?:led|run|headed) by (?P<y>{_PROPER}){_END}"), "leads", True),
    (re.compile(rf"^(?P<y>{_PROPER}) leads (?P<x>(?:the\s+)?{_PROPER}{_HEAD}){_END}"), "leads", True),
    (re.compile(rf"^(?P<x>{_PROPER}) works (?P<p>at|for) (?P<y>{_PROPER}){_END}"), "works_at", False),
    (re.compile(rf"^(?P<x>{_PROPER}) lives in (?P<y>{_PROPER}){_END}"), "lives_in", False),
]  # fmt: skip
# Anywhere in a sentence: "…Rachel Adeyemi, Head of Data Platform, who reports to the CTO, Martin Keogh."
_RELATIVE = re.compile(
    rf"(?<![\w'])(?P<x>{_PROPER}),[^,]{{1,60}}, who (?:in turn |also )?reports (?:directly )?to"
    rf" (?:the [A-Z][\w ]{{1,40}},\s+)?(?P<y>{_PROPER}){_END}"
)


def extract_from_text(text: str) -> list[Triple]:
    """Facts stated plainly in a document's sentences; precision over recall."""
    found: list[Triple] = []
    protected = _ABBREVIATION.sub(lambda m: m[0][:-1] + "\x00", text)
    for raw in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])|\n+", protected):
        sentence = re.sub(r"^[\s#>*+-]*|\*\*|__|`", "", raw).replace("\x00", ".").strip()
        sentence = sentence.rstrip(".!? ")
        matches = [(p.match(sentence), name, inverted) for p, name, inverted in _DOC_RULES]
        matches.append((_RELATIVE.search(sentence), "reports_to", False))
        for match, name, inverted in matches:
            if match is None:
                continue
            x, y = (_doc_name(match["x"]), _doc_name(match["y"]))
            if x.split()[0] in _NOT_NAMES or y.split()[0] in _NOT_NAMES:
                continue
            subject, obj = (y, x) if inverted else (x, y)
            qualifier = match.groupdict().get("p") or ""
            found.append(Triple(subject, name, obj, qualifier if name == "located_in" else ""))
    return list(dict.fromkeys(found))


def _doc_name(text: str) -> str:
    return display_name(re.sub(r"^[Tt]he\s+", "", text))

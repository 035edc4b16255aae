"""Which devices a command means: names and aliases (exact, then fuzzy), groups, rooms,
floors ("upstairs"), kinds ("the lights", "the blinds") and "all" — never a guess.

The result is the devices, or a problem to tell the user: a name the home does not have
(with the closest names), or several devices where one was meant (with the choices).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from assistant.devices.device import Device
from assistant.devices.kinds import KINDS

FUZZY_CUTOFF = 84  # rapidfuzz ratio: "dsk lamp" → "desk lamp"; "garage light" ≠ "garage door"
SUGGEST_CUTOFF = 55
FLOOR_WORDS = {
    "upstairs": ("upstairs", "first floor", "upper floor", "top floor", "second floor"),
    "downstairs": ("downstairs", "ground floor", "main floor", "ground level"),
    "outside": ("outside", "outdoors", "outdoor", "garden", "yard"),
    "basement": ("basement", "cellar", "lower level"),
}
_ALL = re.compile(r"\b(all|every|everything|anything|everywhere|whole house|entire house)\b")
_HERE = re.compile(r"\b(in here|this room|around here)\b")
_ANY_DEVICE = re.compile(
    r"\b(everything|anything|all devices|every device|devices|stuff|sensors?|detectors?)\b"
)
Problem = Literal["unknown", "ambiguous", "nothing", "where"]


@dataclass
class Resolution:
    devices: list[Device] = field(default_factory=list)
    problem: Problem | None = None
    said: str = ""  # the words that named them: "the kitchen lights", "flux capacitor"
    suggestions: list[str] = field(default_factory=list)  # closest names, or the choices
    by_name: bool = False  # named one by one (not a room, a kind or "all")
    kinds: tuple[str, ...] = ()  # the kinds the words named, if any


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[\w']+", text.lower().replace("’", "'"))) + " "


@lru_cache(maxsize=65536)  # devices are frozen: a renamed device is a new key
def _phrases(device: Device) -> tuple[str, ...]:
    out = []
    for name in device.names:
        key = " ".join(re.findall(r"[\w']+", name.lower()))
        out.append(key)
        # "the desk lamps"; but "bedroom lights" means every light in the bedroom
        if not key.endswith("s") and not (device.room and key.startswith(device.room)):
            out.append(key + "s")  # "the desk lamps"
    return tuple(out)


def resolve(text: str, devices: list[Device], here: str = "") -> Resolution:
    """The devices `text` names among `devices`; `here` is the room "in here" means."""
    words = _words(text)
    named = _by_name(words, devices)
    if named:
        return Resolution(named, by_name=True, said=", ".join(d.name for d in named))
    group = _group(words, devices)
    if group:
        members = [d for d in devices if group in d.groups]
        return Resolution(members, said=f"the {group}")
    fuzzy = None if _structured(words, devices) else _fuzzy_name(words, devices)
    if fuzzy:
        return Resolution([fuzzy], by_name=True, said=fuzzy.name)
    room = _place(words, sorted({d.room for d in devices if d.room}, key=len, reverse=True))
    floor = _floor(words, devices)
    # "the garage light": "garage" is the room here, not the garage door
    kinds = _kinds(words.replace(f" {room} ", " ") if room else words, devices)
    if room is None and _HERE.search(words) and here:
        room = here
    if room is None and floor is None and not kinds:
        if _ALL.search(words) or _ANY_DEVICE.search(words):
            return Resolution(list(devices), said="everything")
        if _HERE.search(words):
            return Resolution(problem="where", said="in here")
        return _unknown(text, devices)
    found = [d for d in devices if _in_place(d, room, floor) and (not kinds or d.kind in kinds)]
    said = " ".join(x for x in (_kind_word(words, kinds), _place_words(room, floor)) if x)
    if not found:
        return Resolution(problem="nothing", said=said, kinds=kinds)
    noun = _noun_said(words, kinds)
    extra = _modifiers(words, noun, room, floor)
    if extra:  # "the ceiling light", "the christmas tree lights": words the name must have
        named = [
            d for d in found if all(re.search(rf"\b{w}", " ".join(d.names).lower()) for w in extra)
        ]
        if not named:
            return _unknown(" ".join([*extra, noun]), devices)
        found = named
    plural = _plural(words, kinds) or bool(_ALL.search(words)) or not noun
    if len(found) > 1 and not plural:
        narrowed = [d for d in found if noun and noun in d.name.lower()]
        if len(narrowed) == 1:
            return Resolution(narrowed, said=narrowed[0].name, kinds=kinds)
        options = narrowed or found
        return Resolution(options, problem="ambiguous", said=said,
                          suggestions=[d.name for d in options][:6], kinds=kinds)  # fmt: skip
    return Resolution(found, said=said, kinds=kinds)


def _by_name(words: str, devices: list[Device]) -> list[Device]:
    """Devices named by a name or alias, longest names first; a shorter name inside a
    longer one that matched ("front door" in "front door lock") does not count again."""
    spans: list[tuple[int, int, Device]] = []
    # A plain substring test first: a regex per phrase costs ~50 ms a turn in a big home.
    said = [(p, d) for d in devices for p in _phrases(d) if f" {p} " in words]
    for phrase, device in sorted(said, key=lambda pd: -len(pd[0])):
        at = words.find(f" {phrase} ")
        while at != -1:
            start, end = at + 1, at + 1 + len(phrase)
            if not any(s <= start and end <= e for s, e, _ in spans):
                spans.append((start, end, device))
            at = words.find(f" {phrase} ", at + 1)
    found: list[Device] = []
    for _, _, device in sorted(spans, key=lambda s: s[0]):
        if device not in found:
            found.append(device)
    return found


def _structured(words: str, devices: list[Device]) -> bool:
    """A room or floor said exactly beside a kind's noun ("bedroom lights"): no fuzzy names."""
    room = any(f" {d.room} " in words for d in devices if d.room)
    floor = _floor(words, devices) is not None
    return (room or floor) and bool(_kinds(words, devices))


def _fuzzy_name(words: str, devices: list[Device]) -> Device | None:
    from rapidfuzz import fuzz, process

    names = {p: d for d in devices for p in _phrases(d)}
    tokens = words.split()
    best: tuple[Device, float] | None = None
    for n in (4, 3, 2, 1):
        for i in range(len(tokens) - n + 1):
            gram = " ".join(tokens[i : i + n])
            if len(gram) < 4:
                continue
            cutoff = FUZZY_CUTOFF if n > 1 else 88  # "heading" is not "heating"
            match = process.extractOne(gram, list(names), scorer=fuzz.ratio, score_cutoff=cutoff)
            if match and gram.rstrip("s") == str(match[0]).rstrip("s"):
                continue  # "bedroom lights" is every light in the bedroom, not "bedroom light"
            if match and (best is None or match[1] > best[1]):
                best = (names[match[0]], float(match[1]))
    return best[0] if best else None


def _group(words: str, devices: list[Device]) -> str | None:
    groups = sorted({g for d in devices for g in d.groups}, key=len, reverse=True)
    return next((g for g in groups if f" {g} " in words), None)


def _kinds(words: str, devices: list[Device]) -> tuple[str, ...]:
    present = {d.kind for d in devices}
    found = []
    for kind in KINDS.values():
        if kind.name in present and any(f" {noun} " in words for noun in kind.nouns):
            found.append(kind.name)
    if "lock" in present and re.search(r" (doors?|locks?) ", words) and re.search(r"lock", words):
        found.append("lock")  # "are the doors locked"
    if re.search(r" (doors?|windows?) ", words) and re.search(r" (open|closed|shut) ", words):
        found.append("contact_sensor")  # "is any window open"
    return tuple(dict.fromkeys(found))


_FILLER = frozenset(
    "a all an and any are both can could every everything for i in is it just me my of on off "
    "our please set some that the them these this those to turn switch up down you your "
    "which what whats what's how many did left still single".split()
)


def _modifiers(words: str, noun: str, room: str | None, floor: str | None) -> list[str]:
    """Describing words right before the kind's noun that are not the room or floor."""
    if not noun:
        return []
    before = words.split(f" {noun} ")[0].split()
    place = set((room or "").split()) | set((floor or "").split())
    for synonyms in FLOOR_WORDS.values():
        if floor in synonyms:
            place |= {w for s in synonyms for w in s.split()}
    out: list[str] = []
    for word in reversed(before[-2:]):
        if word in _FILLER or word in place:
            break
        out.insert(0, word)
    return out


def _kind_word(words: str, kinds: tuple[str, ...]) -> str:
    noun = _noun_said(words, kinds)
    return f"the {noun}" if noun else ""


def _noun_said(words: str, kinds: tuple[str, ...]) -> str:
    for kind in kinds:
        for noun in sorted(KINDS[kind].nouns, key=len, reverse=True):
            if f" {noun} " in words:
                return noun
    return ""


def _plural(words: str, kinds: tuple[str, ...]) -> bool:
    noun = _noun_said(words, kinds)
    plural_noun = noun.endswith("s") and noun not in {"blinds", "curtains"}
    return plural_noun or bool(re.search(r" (any|which|what) ", words))


def _place(words: str, places: list[str]) -> str | None:
    from rapidfuzz import fuzz, process

    for place in places:
        if f" {place} " in words or f" {place}s " in words:
            return place
    tokens = words.split()
    for n in (2, 1):
        for i in range(len(tokens) - n + 1):
            gram = " ".join(tokens[i : i + n])
            if len(gram) >= 5:
                match = process.extractOne(gram, places, scorer=fuzz.ratio, score_cutoff=88)
                if match:
                    return str(match[0])
    return None


def _floor(words: str, devices: list[Device]) -> str | None:
    floors = {d.floor for d in devices if d.floor}
    for floor in sorted(floors, key=len, reverse=True):
        if f" {floor} " in words:
            return floor
    for canonical, synonyms in FLOOR_WORDS.items():
        if any(f" {s} " in words for s in synonyms):
            for floor in floors:
                if floor == canonical or floor in synonyms:
                    return floor
    return None


def _in_place(device: Device, room: str | None, floor: str | None) -> bool:
    return (room is None or device.room == room) and (floor is None or device.floor == floor)


def _place_words(room: str | None, floor: str | None) -> str:
    if room:
        return f"in the {room}"
    if floor:
        return floor if floor in FLOOR_WORDS else f"on the {floor}"
    return ""


def _unknown(text: str, devices: list[Device]) -> Resolution:
    from rapidfuzz import fuzz, process

    said = mentioned(text)
    if not said:
        return Resolution(problem="unknown", said="")
    names = [d.name for d in devices]
    close = process.extract(said, names, scorer=fuzz.WRatio, limit=3, score_cutoff=SUGGEST_CUTOFF)
    return Resolution(problem="unknown", said=said, suggestions=[str(m[0]) for m in close])


_LEAD = re.compile(
    r"^(?:(?:hey|ok|okay|um+|uh+|please|can you|could you|would you|will you|kindly|just)\s+)*"
    r"(?:turn|switch|power|put|set|make|dim|brighten|start|stop|kill|shut|open|close|lock|unlock"
    r"|activate|deactivate|enable|disable|is|are|check|what's|whats|what is|how is|did i leave)\s+"
    r"(?:(?:on|off|up|down|the|my|a|an|our)\s+)*",
    re.IGNORECASE,
)
_TAIL = re.compile(
    r"\s+(?:(?:on|off|up|down|please|now|for me|again|thanks|to .*|at .*|by .*|in the .*)\s*)+$",
    re.IGNORECASE,
)


def mentioned(text: str) -> str:
    """The device phrase in a command, as said: "turn on the flux capacitor" → "flux capacitor"."""
    phrase = _LEAD.sub("", text.strip().rstrip("?!. "))
    phrase = _TAIL.sub("", phrase)
    phrase = re.sub(r"^(?:the|my|a|an)\s+", "", phrase, flags=re.IGNORECASE)
    return phrase.strip()

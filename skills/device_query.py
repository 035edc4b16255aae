"""Answers about the home's state: "is the garage door open", "which lights are on",
"what's the temperature in the office", "are any doors unlocked", "is there motion"."""

from __future__ import annotations

import re
import time
from typing import Any

from assistant.devices.device import Device
from assistant.devices.home import Reading
from assistant.devices.resolve import Resolution
from assistant.skill import Reply
from skills.device_words import capitalised, join, the, value_words

# What a question asks about: (pattern, state field), first match wins.
_ASKED = [
    (r"\bcolou?r temp|\bwhite\b|kelvin", "colour_temp"),
    (r"\bbattery|batteries|charge(?:d)?\b", "battery"),
    (r"\bhumid", "humidity"),
    (r"\bmotion|movement|moving|anyone|anybody|somebody|someone\b", "motion"),
    (r"\bsmoke|fire\b", "smoke"),
    (r"\bleak|water|flood", "leak"),
    (r"\bunlocked|locked|lock\b", "locked"),
    (r"\bset to|target|thermostat (?:at|on)\b", "target_temperature"),
    (r"\btemp|temperature|degrees|warm|hot|cold|chilly\b", "temperature"),
    (r"\bhow far|position|percent open|% open", "position"),
    (r"\bbright|brightness\b", "brightness"),
    (r"\bvolume|loud\b", "volume"),
    (r"\bcolou?r\b", "colour"),
    (r"\bspeed\b", "speed"),
    (r"\bmode\b", "mode"),
    (r"\bopen|closed|shut\b", "open"),
    (r"\bon|off|running|left|still|doing|status|state\b", "on"),
]
_YES_NO = re.compile(
    r"^\s*(?:hey |um |so |and )*(is|are|did|does|do|has|have|was|were|any)\b", re.I
)
_ALL_OF = re.compile(r"\b(all|both|every)\b", re.I)
_WHICH = re.compile(r"\b(which|what|how many)\b.*\b(are|is)\b|\bwhat's on\b|\bwhat is on\b", re.I)
LOW_BATTERY = 20


def asked_field(text: str) -> str:
    lower = text.lower()
    for pattern, name in _ASKED:
        if re.search(pattern, lower):
            return name
    return "on"


def _has(field_name: str, state: dict[str, Any]) -> bool:
    if field_name == "open":
        return "open" in state or "contact" in state
    if field_name == "temperature":
        return "temperature" in state
    return field_name in state


def answer_query(
    text: str, found: Resolution, devices: list[Device], readings: dict[str, Reading]
) -> Reply:
    asked = asked_field(text)
    if found.problem == "unknown" and found.said:
        hint = f" Did you mean the {found.suggestions[0]}?" if found.suggestions else ""
        return Reply(text=f"I don't know a device called {found.said}.{hint}",
                     data={"status": "unknown", "said": found.said})  # fmt: skip
    pool = found.devices if not found.problem else []
    if not pool and found.problem in {None, "unknown", "where"}:
        pool = devices  # "is there any smoke": every device that reads it
    state = {d.id: readings.get(d.id, Reading({}, False, 0.0)) for d in pool}
    if asked == "temperature" and not any(_has("temperature", state[d.id].state) for d in pool):
        asked = "target_temperature"
    relevant = [d for d in pool if _has(asked, state[d.id].state)]
    if asked == "on" and not relevant:
        asked = "open"
        relevant = [d for d in pool if _has("open", state[d.id].state)]
    if not relevant:
        where = f" {found.said}" if found.said else ""
        return Reply(
            text=f"I have no {_noun(asked)} reading{where}.", data={"status": "no_reading"}
        )
    if asked == "battery" and re.search(r"\b(low|need|replac|change|dying|flat)", text, re.I):
        low = [d for d in relevant if state[d.id].state.get("battery", 100) < LOW_BATTERY]
        return _listing(low, relevant, state, asked, "low on battery", text, found.said)
    offline = [d for d in relevant if not state[d.id].available]
    lines = [_offline(d, state[d.id]) for d in offline]
    online = [d for d in relevant if state[d.id].available]
    if _ALL_OF.search(text) and _YES_NO.search(text) and len(online) > 1:
        hits = _matching(online, state, asked, text)
        misses = [d for d in online if d not in hits]
        if misses:
            names = join([the(d) for d in misses])
            words = [value_words(asked, _value(state[d.id].state, asked)) for d in misses]
            answer = (
                f"No: {names} {'is' if len(misses) == 1 else 'are'} {join(sorted(set(words)))}."
            )
        else:
            answer = f"Yes, all {len(online)} are {_condition_words(asked, text)}."
        return Reply(text=answer, data={"status": "answered", "matching": [d.id for d in hits]})
    if len(online) > 1 and _is_listing(asked, text, found):
        hits = _matching(online, state, asked, text)
        return _listing(hits, online, state, asked, None, text, found.said, lines)
    facts = [_fact(d, state[d.id].state, asked) for d in online]
    answer = " ".join([*(capitalised(f) + "." for f in facts), *lines])
    if _is_yes_no(text) and len(online) == 1:
        answer = _yes_no(online[0], state[online[0].id].state, asked, text) + answer
    return Reply(
        text=answer,
        data={"status": "answered", "devices": {d.id: state[d.id].state for d in relevant}},
    )


def _is_yes_no(text: str) -> bool:
    """ "is the door locked", "any lights on", and short "front door locked?"."""
    return bool(_YES_NO.search(text)) or (text.rstrip().endswith("?") and not _WHICH.search(text)
                                          and len(text.split()) <= 5)  # fmt: skip


def _is_listing(asked: str, text: str, found: Resolution) -> bool:
    return asked in {"on", "open", "locked", "motion", "smoke", "leak"} and (
        bool(_WHICH.search(text))
        or bool(re.search(r"\b(any|anything|all|every)", text, re.I))
        or not found.by_name
    )


def _matching(
    devices: list[Device], state: dict[str, Reading], asked: str, text: str
) -> list[Device]:
    """The devices for which the question's condition holds ("on", "unlocked", "open")."""
    lower = text.lower()
    want: Any = True
    if asked == "locked":
        want = not re.search(r"unlock", lower)
        if re.search(r"\bunlocked\b", lower):
            want = False
    elif asked == "on":
        want = not re.search(r"\boff\b", lower)
    elif asked == "open":
        want = not re.search(r"\b(closed|shut)\b", lower)
    return [d for d in devices if _value(state[d.id].state, asked) == want]


def _listing(hits: list[Device], pool: list[Device], state: dict[str, Reading], asked: str,
             label: str | None, text: str, said: str = "",
             extra: list[str] | None = None) -> Reply:  # fmt: skip
    condition = label or _condition_words(asked, text)
    if hits:
        names = join([the(d) for d in hits])
        verb = "is" if len(hits) == 1 else "are"
        lead = "Yes: " if _is_yes_no(text) else ""
        answer = f"{lead}{capitalised(names) if not lead else names} {verb} {condition}."
    else:
        them = said if said and said != "everything" else "them"
        if them.startswith("the ") or them == "them":
            answer = f"No, none of {them} {'is' if len(pool) == 1 else 'are'} {condition}."
        else:
            answer = f"No, nothing {them} is {condition}."
        if not _is_yes_no(text):
            answer = f"Nothing {'' if them == 'them' else them + ' '}is {condition}."
    answer = " ".join([answer, *(extra or [])])
    return Reply(
        text=answer,
        data={"status": "answered", "matching": [d.id for d in hits],
              "devices": {d.id: state[d.id].state for d in pool}},
    )  # fmt: skip


def _condition_words(asked: str, text: str) -> str:
    lower = text.lower()
    if asked == "locked":
        return "unlocked" if "unlock" in lower else "locked"
    if asked == "on":
        return "off" if re.search(r"\boff\b", lower) else "on"
    if asked == "open":
        return "closed" if re.search(r"\b(closed|shut)\b", lower) else "open"
    return {"motion": "detecting motion", "smoke": "detecting smoke", "leak": "detecting a leak"}[
        asked
    ]


def _value(state: dict[str, Any], asked: str) -> Any:
    if asked == "open" and "open" not in state:
        return state.get("contact") == "open"
    return state.get(asked)


def _fact(device: Device, state: dict[str, Any], asked: str) -> str:
    name = the(device)
    value = _value(state, asked)
    if asked == "temperature":
        words = f"{name} reads {value:g}°C"
        if "target_temperature" in state:
            words += f" and is set to {state['target_temperature']:g}°C"
        return words
    if asked == "motion":
        return f"{name} {'detects motion' if value else 'detects no motion'}"
    if asked in {"smoke", "leak"}:
        return f"{name} {'detects ' + asked + ' — check now' if value else 'detects no ' + asked}"
    if asked == "battery":
        return f"{name} has {value}% battery"
    if asked == "humidity":
        return f"{name} reads {value}% humidity"
    if asked == "on" and state.get("on") and "brightness" in state:
        return f"{name} is on at {state['brightness']}%"
    return f"{name} is {value_words(asked, value)}"


def _yes_no(device: Device, state: dict[str, Any], asked: str, text: str) -> str:
    value = _value(state, asked)
    lower = text.lower()
    if not isinstance(value, bool):
        return ""
    expected = True
    if asked == "locked" and "unlock" in lower:
        expected = False
    if asked == "on" and re.search(r"\boff\b", lower) and not re.search(r"\bon\b", lower):
        expected = False
    if asked == "open" and re.search(r"\b(closed|shut)\b", lower) and "open" not in lower:
        expected = False
    return "Yes. " if value == expected else "No. "


def _offline(device: Device, reading: Reading) -> str:
    ago = ""
    if reading.updated:
        minutes = int((time.time() - reading.updated) // 60)
        ago = f" (last heard {minutes} min ago)" if minutes else " (last heard just now)"
    return f"{capitalised(the(device))} isn't answering{ago}."


def _noun(asked: str) -> str:
    return {"target_temperature": "temperature", "on": "on/off", "open": "open/closed"}.get(
        asked, asked
    )

"""Answers about the home's state: "is the garage door open", "which lights are on",
"what's the temperature in the office", "are any doors unlocked", "is there motion".

Only what a device has reported is stated: a field it has not reported is "I don't know",
an unavailable device is said to be unavailable, and a state that could not be re-read says
how old it is. A "no" is never said while a device that could make it "yes" is unknown."""

from __future__ import annotations

import re
import time
from typing import Any

from assistant.devices.device import Device
from assistant.devices.home import Reading
from assistant.devices.resolve import Resolution
from assistant.devices.state import FIELD_OF
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
_MAX_LINES = 4  # unknown or unavailable devices named one by one; past this, counted


def asked_field(text: str) -> str:
    lower = text.lower()
    for pattern, name in _ASKED:
        if re.search(pattern, lower):
            return name
    return "on"


def _reads(device: Device, field_name: str) -> bool:
    """The device can report `field_name`, whether or not it has yet."""
    fields = {FIELD_OF[c][0] for c in device.capabilities if c in FIELD_OF}
    if field_name == "open":
        return bool(fields & {"open", "contact"})
    return field_name in fields


def _known(field_name: str, state: dict[str, Any]) -> bool:
    if field_name == "open":
        return "open" in state or "contact" in state
    return state.get(field_name) is not None


def answer_query(
    text: str,
    found: Resolution,
    devices: list[Device],
    readings: dict[str, Reading],
    unread: dict[str, str] | None = None,
) -> Reply:
    """The answer to `text` about the resolved devices; `unread` names the devices whose
    state could not be re-read just now, and why."""
    unread = unread or {}
    asked = asked_field(text)
    if found.problem == "unknown" and found.said:
        hint = f" Did you mean the {found.suggestions[0]}?" if found.suggestions else ""
        return Reply(text=f"I don't know a device called {found.said}.{hint}",
                     data={"status": "unknown", "said": found.said})  # fmt: skip
    pool = found.devices if not found.problem else []
    if not pool and found.problem in {None, "unknown", "where"}:
        pool = devices  # "is there any smoke": every device that reads it
    state = {d.id: readings.get(d.id, Reading({}, False, 0.0)) for d in pool}
    if asked == "temperature" and not any(_reads(d, "temperature") for d in pool):
        asked = "target_temperature"
    relevant = [d for d in pool if _reads(d, asked)]
    if asked == "on" and not relevant:
        asked = "open"
        relevant = [d for d in pool if _reads(d, "open")]
    if not relevant:
        where = f" {found.said}" if found.said else ""
        return Reply(
            text=f"I have no {_noun(asked)} reading{where}.", data={"status": "no_reading"}
        )
    if asked == "battery" and re.search(r"\b(low|need|replac|change|dying|flat)", text, re.I):
        low = [d for d in relevant if state[d.id].state.get("battery", 100) < LOW_BATTERY]
        return _listing(low, relevant, state, asked, "low on battery", text, found.said)
    offline = [d for d in relevant if not state[d.id].available]
    unknown = [
        d for d in relevant if state[d.id].available and not _known(asked, state[d.id].state)
    ]
    lines = [_offline(d) for d in offline]
    lines += [_unknown(d, asked, unread.get(d.id)) for d in unknown]
    if len(lines) > _MAX_LINES:  # "which lights are on" in a home where 30 never reported
        lines = [f"I don't know the state of {len(offline) + len(unknown)} of them"
                 f" ({len(offline)} unavailable, {len(unknown)} not reported)."]  # fmt: skip
    online = [d for d in relevant if d not in offline and d not in unknown]
    lines += [_dated(d, state[d.id], unread[d.id]) for d in online if d.id in unread]
    if not online:
        return Reply(text=" ".join(lines), data={"status": "unknown_state",
                                                 "devices": [d.id for d in relevant]})  # fmt: skip
    if _ALL_OF.search(text) and _YES_NO.search(text) and len(relevant) > 1:
        hits = _matching(online, state, asked, text)
        misses = [d for d in online if d not in hits]
        if not misses and len(online) < len(relevant):
            answer = (f"I can't say for sure. The {len(online)} I know about are "
                      f"{_condition_words(asked, text)}.")  # fmt: skip
            return Reply(text=" ".join([answer, *lines]),
                         data={"status": "partly_known", "matching": [d.id for d in hits]})  # fmt: skip
        if misses:
            names = join([the(d) for d in misses])
            words = [value_words(asked, _value(state[d.id].state, asked)) for d in misses]
            answer = (
                f"No: {names} {'is' if len(misses) == 1 else 'are'} {join(sorted(set(words)))}."
            )
        else:
            answer = f"Yes, all {len(online)} are {_condition_words(asked, text)}."
        return Reply(text=answer, data={"status": "answered", "matching": [d.id for d in hits]})
    if len(relevant) > 1 and _is_listing(asked, text, found):
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
    if not hits and extra:  # some devices are unknown or unavailable: no flat "no"
        them = "one" if len(pool) == 1 else f"{len(pool)}"
        answer = f"Of the {them} I know about, none is {condition}. " if pool else ""
        return Reply(
            text=f"I can't say for sure. {answer}{' '.join(extra)}".strip(),
            data={"status": "partly_known", "matching": [],
                  "devices": {d.id: state[d.id].state for d in pool}},
        )  # fmt: skip
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


def _offline(device: Device) -> str:
    return f"{capitalised(the(device))} is unavailable, so I don't know its state."


def _unknown(device: Device, asked: str, why: str | None) -> str:
    name = the(device)
    whether = {"locked": "is locked", "on": "is on", "open": "is open",
               "motion": "detects motion", "smoke": "detects smoke",
               "leak": "detects a leak"}.get(asked)  # fmt: skip
    what = f"whether {name} {whether}" if whether else f"{_noun(asked)} {name} reports"
    because = f" ({why})" if why else ": it hasn't reported it"
    return f"I don't know {what}{because}."


def _dated(device: Device, reading: Reading, why: str) -> str:
    minutes = int((time.time() - reading.updated) // 60)
    return f"(I couldn't re-read {the(device)}: {why}; that is as of {minutes} min ago.)"


def _noun(asked: str) -> str:
    return {"target_temperature": "temperature", "on": "on/off", "open": "open/closed"}.get(
        asked, asked
    )

"""Switches, sets and reads the devices of the home, through the `devices` service.

Safety: only exposed devices are controlled; a risky action on a sensitive device (unlock,
open a garage door, turn on an oven or heater) asks yes or no first, naming the device;
every action is audited; "undo that" puts back what the last command changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.devices.ask import Ask, change_for, read_ask, without_modes
from assistant.devices.device import Device
from assistant.devices.resolve import Resolution, resolve
from assistant.devices.state import SECURING, Change
from assistant.dialogue.questions import ask, choose, confirm
from assistant.skill import Reply, Request, Skill, intent
from assistant.slots import Choice, Room, Scope, Setting
from assistant.slots import Device as DeviceSlot
from assistant.slots.types import SlotContext, SlotType
from skills import device_examples as examples
from skills.device_query import answer_query
from skills.device_words import capitalised, done_sentence, join, the


@dataclass(frozen=True, kw_only=True)
class Carried(SlotType):
    """Never said, only carried to a follow-up from the reply's context: the device ids a
    command acted on ("turn it off") and the words its change was read from ("and the
    porch light?" after "dim the desk lamp to 30%")."""

    referable: bool = True

    def parse(self, text: str, ctx: SlotContext) -> None:
        return None


SLOTS = {
    "room": Room(),
    "device": DeviceSlot(),
    "scope": Scope(),
    "property": Choice(
        values=("brightness", "colour", "temperature", "volume", "speed"),
        aliases={"color": "colour"},
    ),
    "value": Setting(),
    "targets": Carried(),
    "asked": Carried(),
}
_PRONOUN = re.compile(r"\b(it|them|that|those|these|this one|the same)\b(?!['’]s)", re.IGNORECASE)
# Words that point at lights or climate without naming a device: "the room is too dark".
_HINTS = [
    (re.compile(r"\b(dark|can'?t see|too bright|light up|some light)\b", re.I), ("light",)),
    (re.compile(r"\b(cold|chilly|freezing|too hot|too warm|boiling|stuffy)\b", re.I),
     ("climate", "heater", "fan")),
]  # fmt: skip
# Changes that make a sensitive device safer need no yes: off, lock, close.


class Devices(Skill):
    """Control your devices: lights, plugs, thermostats, blinds, locks."""

    keywords = ("device", "light", "lights", "lamp", "switch", "thermostat", "smart", "home")

    @property
    def service(self) -> Any:
        return self.context.service("devices")

    @intent("device.on", description="turn a device on", slots=SLOTS, examples=examples.ON)
    def turn_on(self, req: Request) -> Reply:
        """Turn a device on (or open it)."""
        return self._act(req)

    @intent("device.off", description="turn a device off", slots=SLOTS, examples=examples.OFF)
    def turn_off(self, req: Request) -> Reply:
        """Turn a device off (or close it)."""
        return self._act(req)

    @intent("device.set", description="change a device's setting", slots=SLOTS,
            examples=examples.SET)  # fmt: skip
    def set_property(self, req: Request) -> Reply:
        """Set brightness, colour, temperature, volume, speed, position or a lock."""
        return self._act(req)

    @intent("device.query", description="check a device's state", slots=SLOTS,
            examples=examples.QUERY, read_only=True)  # fmt: skip
    def query(self, req: Request) -> Reply:
        """Read a device's state or a sensor."""
        devices = self.service.home.devices()
        targets = self._resolve(req, devices, reading=True)
        unread = self.service.hub.refresh(targets.devices or devices)
        return answer_query(req.text, targets, devices, self.service.home.readings(), unread)

    @intent("device.undo", description="undo the last device change",
            examples=examples.UNDO)  # fmt: skip
    def undo(self, req: Request) -> Reply:
        """Put back what the last device command changed."""
        session_id = req.session.id if req.session else None
        rows, outcomes = self.service.hub.undo(session_id)
        if not rows:
            return Reply(text="There's no device change to undo.", data={"status": "nothing"})
        if not outcomes:
            return Reply(text="Everything is already as it was.", data={"status": "unchanged"})
        text = done_sentence(outcomes)
        return Reply(
            text=f"Undone. {text}",
            data={"status": "undone", "devices": [o.device.id for o in outcomes]},
            actions=[o.as_action() for o in outcomes],
            context={"targets": [o.device.id for o in outcomes]},
        )

    # -- acting ---------------------------------------------------------------------------

    def _act(self, req: Request) -> Reply:
        devices = self.service.home.devices()
        found = self._resolve(req, devices, reading=False)
        problem = _problem_reply(found, devices)
        if problem is not None:
            return problem
        asked = req.text
        wanted = read_ask(asked, req.intent)
        if wanted.empty and req.slots.get("asked"):
            asked = str(req.slots["asked"])  # an elliptical follow-up: the same change again
            wanted = read_ask(asked, req.intent)
        if wanted.empty:
            return Reply(text="I couldn't tell what to change.", data={"status": "unclear"})
        single = found.by_name or len(found.devices) == 1
        hidden = [d for d in found.devices if not d.exposed]
        if hidden and (single or len(hidden) == len(found.devices)):
            return _not_allowed(hidden)
        exposed = [d for d in found.devices if d.exposed]
        self.service.hub.refresh(found.devices)  # plan from what the devices are now
        plan, skipped = _plan(wanted, exposed, self.service.home, group=not single)
        if not plan:
            reason = skipped[0][1] if skipped and single else _nothing_can(wanted, found)
            return Reply(text=capitalised(reason) + ".", data={"status": "cannot"})
        risky = [d for d, change in plan if d.sensitive and change.set not in SECURING]
        if risky and not req.confirmed:
            names = join([the(d) for d in risky])
            return Reply.asking(
                confirm(f"{capitalised(names)} {'is' if len(risky) == 1 else 'are'} marked "
                        f"sensitive. Go ahead and {_verb(wanted)} {names}? (yes/no)",
                        declined=f"OK, I left {names} alone."),
                data={"status": "confirming", "devices": [d.id for d in risky]},
            )  # fmt: skip
        session_id = req.session.id if req.session else None
        batch, outcomes = self.service.hub.act(plan, requester=req.text, session_id=session_id)
        text = done_sentence(outcomes)
        notes = [reason for _, reason in skipped if single]
        if hidden and not single:
            notes.append(f"I left {join([the(d) for d in hidden])} alone (not exposed)")
        if notes:
            text += " " + " ".join(capitalised(n) + "." for n in notes)
        failed = any(o.result == "failed" for o in outcomes)
        return Reply(
            text=text,
            data={"status": "partial" if failed else "done",
                  "devices": [o.device.id for o in outcomes], "batch": batch},
            actions=[o.as_action() for o in outcomes],
            context={"targets": [o.device.id for o in outcomes], "asked": asked},
            on_logged=[lambda turn_id: self.service.audit.link_turn(batch, turn_id)],
        )  # fmt: skip

    def _resolve(self, req: Request, devices: list[Device], reading: bool) -> Resolution:
        """The devices meant: what this text (or the answer to "which one?") names, else
        what the last command acted on when the text refers back to it."""
        here = str(req.slots.get("room") or self.context.config.devices.room or "")
        text = req.text
        if req.answer:
            # The answer to "which one?": the name said, or the option its number picked.
            for said in (req.answer, str(req.slots.get("device") or "")):
                chosen = resolve(said, devices)
                if chosen.by_name and not chosen.problem:
                    return chosen
            if req.slots.get("room"):
                text = f"{req.text} in the {req.slots['room']}"
        found = resolve(without_modes(text), devices, here=here)
        carried = [d for d in devices if d.id in set(req.slots.get("targets") or [])]
        refers_back = bool(_PRONOUN.search(req.text)) or not found.said
        if carried and found.problem in {"unknown", "where"} and refers_back:
            return Resolution(carried, by_name=len(carried) == 1, said="those")
        said_before = str(req.slots.get("device") or "")
        if said_before and not (found.by_name or found.kinds) and said_before not in text.lower():
            # "and in the kitchen?" after "the living room lights": the kitchen's lights
            found = resolve(without_modes(f"the {said_before} {text}"), devices, here=here)
        if not reading and not found.by_name:
            for pattern, kinds in _HINTS:
                if pattern.search(req.text):
                    hinted = [d for d in (found.devices or devices) if d.kind in kinds]
                    if found.problem == "where":
                        return found
                    if hinted and not found.kinds:
                        return Resolution(hinted, said=found.said, kinds=kinds)
        return found


def _problem_reply(found: Resolution, devices: list[Device]) -> Reply | None:
    if found.problem is None:
        return None
    if found.problem == "unknown":
        if not found.said:
            return Reply(text="Which device do you mean?", data={"status": "unknown"})
        hint = ""
        if found.suggestions:
            hint = " Did you mean " + " or ".join(f"the {s}" for s in found.suggestions) + "?"
        return Reply(
            text=f"I don't know a device called {found.said}.{hint}",
            data={"status": "unknown", "said": found.said, "suggestions": found.suggestions},
        )
    if found.problem == "nothing":
        return Reply(text=f"There's no {found.said.removeprefix('the ')} that I know of.",
                     data={"status": "nothing"})  # fmt: skip
    if found.problem == "where":
        rooms = sorted({d.room for d in devices if d.room})
        return Reply.asking(
            choose("room", "Which room are you in?", rooms) if 1 < len(rooms) <= 8
            else ask("room", "Which room are you in?"),
            data={"status": "asking"},
        )  # fmt: skip
    return Reply.asking(
        choose("device", "Which one?", found.suggestions),
        data={"status": "asking", "options": found.suggestions},
    )


def _plan(
    wanted: Ask, targets: list[Device], home: Any, group: bool
) -> tuple[list[tuple[Device, Change]], list[tuple[Device, str]]]:
    """(device, change) for each target that can do it, and (device, why not) for the rest."""
    plan, skipped = [], []
    readings = home.readings()
    for device in targets:
        state = readings[device.id].state if device.id in readings else {}
        change = change_for(wanted, device, state, group)
        if isinstance(change, str):
            skipped.append((device, change))
        else:
            plan.append((device, change))
    return plan, skipped


def _not_allowed(devices: list[Device]) -> Reply:
    names = join([the(d) for d in devices])
    ids = " ".join(d.id for d in devices)
    return Reply(
        text=f"I'm not allowed to control {names}. To let me, run: assistant devices expose {ids}",
        data={"status": "not_exposed", "devices": [d.id for d in devices]},
    )


def _nothing_can(wanted: Ask, found: Resolution) -> str:
    return (
        f"none of {found.said or 'those devices'} can be set to {wanted.describe()}"
        if (wanted.prop or wanted.number is not None)
        else f"nothing {found.said} can do that".replace("  ", " ")
    )


def _verb(wanted: Ask) -> str:
    if wanted.locked is not None:
        return "lock" if wanted.locked else "unlock"
    if wanted.open is not None:
        return "open" if wanted.open else "close"
    if wanted.power is not None and wanted.prop is None:
        return "turn on" if wanted.power else "turn off"
    return f"set to {wanted.describe()}"

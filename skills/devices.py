"""Switches, sets and reads smart-home devices."""

from __future__ import annotations

from assistant.skill import Reply, Request, Skill, intent
from skills.pending import not_yet


class Devices(Skill):
    """Control your devices: lights, plugs, thermostats."""

    @intent(
        "device.on",
        description="turn a device on",
        examples=[
            "turn on the {device}",
            "switch on [the] {room} lights",
            "{device} on",
            "it's (dark|too dark) in here",
            "(start|power up) the {device}",
            "open the garage door",
            "turn on all the lights [in the {room}]",
            "lights on",
            "turn the {room} lights on",
            "can you turn on the {device} please?",
            "switch the {device} on",
            "could you put the {device} on",
            "fire up the {device}",
            "i need some light in the {room}",
            "activate the {device}",
            "get the {device} going",
            "{room} lights on please",
            "hey turn the {device} on",
            "power on [the] {device}",
            "open the (blinds|curtains) in the {room}",
            "light up the {room}",
            "start the (dishwasher|washing machine|coffee maker)",
            "put the lights on [in the {room}]",
            "boot up the {device}",
            "enable the {device}",
            "i cant see anything turn the lights on",
            "turn on {device}",
            "it's freezing in here, turn the heater on",
            "open the front gate",
            "please switch on every light in the house",
            "tunr on the {device}",
            "would you mind turning on the {device}?",
            "lights in the {room} on",
            "i'm home, switch on the (porch|hallway) light",
            "the {room} is pitch black, lights on please",
        ],
    )
    def turn_on(self, req: Request) -> Reply:
        """Turn a device on."""
        return not_yet("Device control", req)

    @intent(
        "device.off",
        description="turn a device off",
        examples=[
            "turn off the {device}",
            "{room} lights off",
            "kill the {device}",
            "shut down the {device}",
            "close the garage door",
            "turn everything off [downstairs]",
            "I'm leaving, switch off all the lights",
            "lights off",
            "switch off [the] {device}",
            "turn the {device} off",
            "can you turn off the {device} please?",
            "power off the {device}",
            "{device} off",
            "shut off the {room} lights",
            "kill the lights [in the {room}]",
            "cut the power to the {device}",
            "deactivate the {device}",
            "close the (blinds|curtains) [in the {room}]",
            "switch the {room} lights off",
            "i'm going to bed turn off all the lights",
            "lights out",
            "no more {device} please, turn it off",
            "could you shut the {device} off",
            "disable the {device}",
            "stop the {device}",
            "turn of the {device}",
            "please switch everything off in the {room}",
            "turn off every light in the house",
            "nobody's in the {room} so turn the lights off",
            "shut the garage door",
            "all lights off",
            "can you get the {device} off",
            "it's too bright in here, turn off the {device}",
            "turn the lights off upstairs",
            "power down the {device}",
        ],
    )
    def turn_off(self, req: Request) -> Reply:
        """Turn a device off."""
        return not_yet("Device control", req)

    @intent(
        "device.set",
        description="change a device's setting",
        examples=[
            "dim the {device} to {value}",
            "set the {device} {property} to {value}",
            "make the {room} lights {value}",
            "set the thermostat to {value}",
            "turn the {device} (up|down) [to {value}]",
            "change the {device} colour to {value}",
            "(brighter|warmer) please",
            "dim the lights [in the {room}]",
            "set the {room} lights to {value}",
            "{device} to {value}",
            "{property} {value} on the {device}",
            "change the {property} of the {device} to {value}",
            "can you make it a bit (warmer|cooler) in here?",
            "turn the heat up to {value}",
            "bump the thermostat up a couple degrees",
            "lower the {device} {property}",
            "increase the {property} of the {device}",
            "set the {room} temperature to {value}",
            "put the {device} on {value}",
            "make the lights (brighter|dimmer|warmer|cooler)",
            "too bright, dim it a little",
            "crank the {device} up [to max]",
            "turn the {device} speed down",
            "adjust the {device} to {value}",
            "i'd like the {room} lights at {value} please",
            "could you change the {room} lights to {value}",
            "set brightness to {value}",
            "brightness {value}",
            "set the fan to (low|medium|high)",
            "could you drop the thermostat to {value}",
            "the {room} is way too hot, lower the temperature to {value}",
            "half brightness in the {room}",
            "set the blinds to {value}",
            "ok um make the lights like {value} in the {room}",
            "set teh {device} to {value}",
        ],
    )
    def set_property(self, req: Request) -> Reply:
        """Set a device property."""
        return not_yet("Device control", req)

    @intent(
        "device.query",
        description="check a device's state",
        examples=[
            "is the {device} (on|off|open)",
            "what's the {property} of the {device}",
            "are (any|the) lights on [in the {room}]",
            "what temperature is the thermostat set to",
            "did I leave the {device} on",
            "status of the {device}",
            "is the garage door (open|closed)?",
            "what's the {device} set to",
            "is anything still on [in the {room}]",
            "check if the {device} is on",
            "what's the current {property} [of the {device}]",
            "how warm is it in the {room}",
            "which lights are on",
            "what devices are on right now",
            "is the {device} running",
            "what's the temperature in the {room}",
            "tell me if the {device} is on",
            "did someone leave the lights on [in the {room}]",
            "{device} status",
            "can you check whether the {device} is (still on|switched off)?",
            "what's the indoor temperature",
            "is the front door locked",
            "what colour is the {device} set to",
            "what's the {device} {property} at right now",
            "are the {room} lights (on|off)",
            "hey is the {device} still running",
            "is my {device} on or off",
            "how many lights are on [right now]",
            "whats the thermostat at",
            "did i turn off the {device}",
        ],
    )
    def query(self, req: Request) -> Reply:
        """Read a device's state."""
        return not_yet("Reading device state", req)

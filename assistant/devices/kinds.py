"""What each kind of device is: what it can do, the words people call it, and whether the
assistant may touch it (and with a confirmation) unless the home says otherwise."""

from __future__ import annotations

from dataclasses import dataclass

# Capabilities a device may declare. Controls change state; readings are only read.
CONTROLS = (
    "on_off", "brightness", "colour", "colour_temp", "target_temperature", "position",
    "volume", "speed", "lock", "mode", "open_close",
)  # fmt: skip
READINGS = (
    "temperature", "humidity", "motion", "contact", "smoke", "leak", "battery", "power",
)  # fmt: skip
CAPABILITIES = frozenset(CONTROLS + READINGS)


@dataclass(frozen=True)
class Kind:
    name: str
    capabilities: tuple[str, ...]  # what a device of this kind does when it declares nothing
    nouns: tuple[str, ...]  # what people call it: "lights" finds every light
    exposed: bool = True  # the assistant may control it
    sensitive: bool = False  # every action asks yes or no first


KINDS: dict[str, Kind] = {
    k.name: k
    for k in [
        Kind("light", ("on_off", "brightness"), ("light", "lights", "lamp", "lamps", "bulb")),
        Kind("switch", ("on_off",), ("switch", "switches")),
        Kind("plug", ("on_off", "power"), ("plug", "plugs", "socket", "outlet")),
        Kind("fan", ("on_off", "speed"), ("fan", "fans")),
        Kind(
            "climate",
            ("on_off", "target_temperature", "temperature", "mode"),
            ("thermostat", "heating", "ac", "air conditioner", "air conditioning", "climate"),
        ),
        Kind(
            "heater",
            ("on_off", "target_temperature"),
            ("heater", "heaters", "radiator"),
            sensitive=True,
        ),
        Kind("oven", ("on_off", "target_temperature"), ("oven", "stove", "hob"), sensitive=True),
        Kind(
            "cover",
            ("open_close", "position"),
            ("blind", "blinds", "curtain", "curtains", "shade", "shades", "shutter", "shutters"),
        ),
        Kind(
            "garage_door",
            ("open_close",),
            ("garage door", "garage"),
            exposed=False,
            sensitive=True,
        ),
        Kind("lock", ("lock",), ("lock", "locks", "door lock"), exposed=False, sensitive=True),
        Kind(
            "alarm",
            ("on_off",),
            ("alarm", "alarm system", "security system"),
            exposed=False,
            sensitive=True,
        ),
        Kind(
            "media_player",
            ("on_off", "volume"),
            ("tv", "television", "speaker", "speakers", "stereo", "radio"),
        ),
        Kind("vacuum", ("on_off",), ("vacuum", "hoover", "robot vacuum", "roomba")),
        Kind("appliance", ("on_off",), ("appliance", "appliances")),  # named one by one
        Kind(
            "temperature_sensor", ("temperature", "battery"), ("thermometer", "temperature sensor")
        ),
        Kind("humidity_sensor", ("humidity", "battery"), ("humidity sensor", "hygrometer")),
        Kind("motion_sensor", ("motion", "battery"), ("motion sensor", "motion detector")),
        Kind(
            "contact_sensor",
            ("contact", "battery"),
            ("door sensor", "window sensor", "contact sensor"),
        ),
        Kind(
            "smoke_sensor", ("smoke", "battery"), ("smoke detector", "smoke alarm", "smoke sensor")
        ),
        Kind("leak_sensor", ("leak", "battery"), ("leak sensor", "water sensor", "flood sensor")),
        Kind("battery_sensor", ("battery",), ("battery",)),
    ]
}
KIND_ALIASES = {
    "thermostat": "climate",
    "blind": "cover",
    "blinds": "cover",
    "curtain": "cover",
    "garage": "garage_door",
    "media": "media_player",
    "tv": "media_player",
    "speaker": "media_player",
    "sensor": "temperature_sensor",
    "door": "contact_sensor",
    "window": "contact_sensor",
    "motion": "motion_sensor",
    "smoke": "smoke_sensor",
    "leak": "leak_sensor",
}


def kind_named(name: str) -> Kind | None:
    key = name.strip().lower().replace(" ", "_").replace("-", "_")
    return KINDS.get(KIND_ALIASES.get(key, key))

"""The words of time: a normalised text (typos, abbreviations and shorthand spelled out)
that remembers where each word came from, plus number, weekday and month names."""

from __future__ import annotations

import re
from dataclasses import dataclass

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip

# One word as typed → the word the patterns know. Weekday and month abbreviations are
# spelled out here so that every pattern below names each day and month only once.
SPELLING = {
    "tmrw": "tomorrow", "tmr": "tomorrow", "tmrow": "tomorrow", "2moro": "tomorrow",
    "2morrow": "tomorrow", "tomorow": "tomorrow", "tommorow": "tomorrow",
    "tommorrow": "tomorrow", "tomorrows": "tomorrow", "tomorrow's": "tomorrow",
    "tonite": "tonight", "2nite": "tonight", "nite": "night", "nxt": "next", "@": "at",
    "wenesday": "wednesday", "wensday": "wednesday", "wednsday": "wednesday",
    "thursdy": "thursday", "thurday": "thursday", "tuesay": "tuesday", "teusday": "tuesday",
    "firday": "friday", "saturaday": "saturday", "sundy": "sunday", "mondy": "monday",
    "mon": "monday", "tue": "tuesday", "tues": "tuesday", "wed": "wednesday",
    "weds": "wednesday", "thu": "thursday", "thur": "thursday", "thurs": "thursday",
    "fri": "friday", "sat": "saturday", "sun": "sunday",
    "jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june",
    "jul": "july", "aug": "august", "sep": "september", "sept": "september",
    "oct": "october", "nov": "november", "dec": "december",
    "mins": "minutes", "min": "minute", "hrs": "hours", "hr": "hour", "h": "hours",
    "secs": "seconds", "sec": "second", "wks": "weeks", "wk": "week",
    "midday": "noon", "arvo": "afternoon", "a.m": "am", "p.m": "pm", "oclock": "o'clock",
    "everyday": "every day", "weekdays": "every weekday", "fortnightly": "every 2 weeks",
    "nightly": "every night", "timr": "timer", "eve": "evening", "mornin": "morning", "tiemr": "timer", "alram": "alarm",
}  # fmt: skip
for _day in WEEKDAYS:
    SPELLING[_day + "s"] = "every " + _day  # "on mondays"

ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()

# A number in digits or words: "7", "1.5", "seven", "twenty five", "forty-five".
NUM = (
    r"(?:\d+(?:\.\d+)?|(?:twenty|thirty|forty|fifty)(?:[- ](?:one|two|three|four|five|six"
    r"|seven|eight|nine))?|" + "|".join(sorted(ONES, key=len, reverse=True)) + ")"
)
# A day of the month as an ordinal: "3rd", "third", "twenty-first", "31st".
ORDINAL = (
    r"(?:\d{1,2}(?:st|nd|rd|th)|(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth"
    r"|seventh|eighth|ninth)|thirtieth|"
    + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
    + ")"
)
WEEKDAY = "(?:" + "|".join(WEEKDAYS) + ")"
MONTH = "(?:" + "|".join(MONTHS) + ")"


def number(word: str) -> float:
    """ "7" → 7, "twenty five" → 25, "1.5" → 1.5."""
    word = word.lower().strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    parts = re.split(r"[- ]", word)
    total = TENS.get(parts[0], 0) if parts[0] in TENS else ONES.index(parts[0])
    if len(parts) > 1:
        total += ONES.index(parts[1])
    return float(total)


def ordinal(word: str) -> int:
    """ "3rd" → 3, "twenty-first" → 21."""
    word = word.lower()
    if word[0].isdigit():
        return int(re.match(r"\d+", word).group(0))  # type: ignore[union-attr]
    if word == "thirtieth":
        return 30
    parts = re.split(r"[- ]", word)
    if len(parts) == 2:
        return TENS[parts[0]] + ORDINAL_WORDS.index(parts[1]) + 1
    return ORDINAL_WORDS.index(word) + 1


@dataclass
class Normalised:
    """A lower-cased, respelled text whose every character knows where it was typed."""

    text: str
    origin: str
    starts: list[int]  # for each character of `text`, its offset in `origin`
    ends: list[int]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The span of `origin` that the span [start, end) of `text` came from."""
        end = max(end, start + 1)
        return self.starts[start], self.ends[min(end, len(self.ends)) - 1]


def normalise(origin: str) -> Normalised:
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for match in re.finditer(r"\S+", origin):
        word = match.group(0).lower()
        core = word.strip(',!?;"()')
        core = re.sub(r"\.+$", "", core) if not re.search(r"\d\.$", core) else core[:-1]
        core = core.replace("a.m", "am").replace("p.m", "pm").replace("’", "'")
        core = re.sub(r"(?<=\d)\.(?=[ap]m)", "", core)
        time = r"\d{1,2}(?::\d\d)?(?:am|pm)?"
        core = re.sub(rf"^({time})[-–]({time})$", r"\1 - \2", core)  # "1-2pm": a range
        unit = re.fullmatch(r"(\d+(?:\.\d+)?)(h|hrs?|m|mins?|s|secs?)", core)
        if unit:  # "1h", "15m", "2hrs": a number and its unit
            core = (
                f"{unit.group(1)} "
                + {"h": "hours", "m": "minutes", "s": "seconds"}[unit.group(2)[0]]
            )
        spelled = SPELLING.get(core, core)
        if not spelled:
            continue
        if pieces:
            pieces.append(" ")
            starts.append(match.start())
            ends.append(match.start())
        pieces.append(spelled)
        starts.extend([match.start()] * len(spelled))
        ends.extend([match.end()] * len(spelled))
    return Normalised("".join(pieces), origin, starts, ends)

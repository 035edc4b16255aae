"""Times as people say them: "at half past six", "in 90 minutes", "friday the 4th",
"every other monday", "from 3 to 4pm". `parse(text, now)` gives a TimeSpec: the first
moment meant, an end, the grain, an iCalendar RRULE, or why the time cannot be."""

from assistant.timeparse.parse import parse
from assistant.timeparse.spec import TimeSpec

__all__ = ["TimeSpec", "parse"]

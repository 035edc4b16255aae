"""Example templates for the reminders skill: one list of template strings per intent.

CREATE (reminder.create), LIST (reminder.list), CANCEL (reminder.cancel), SNOOZE
(reminder.snooze) and CHANGE (reminder.change) cover reminders, alarms, timers, recurring
ones and calendar events (appointments, meetings). Each string is a template in the syntax
of `assistant.templates`: `(a|b)` alternatives, `[optional]` words and `{slot}` placeholders
filled from `assistant/slots/values.py` ({task}, {when}, {duration}, {event}, {person}).
The intent model is trained on their expansions, so the phrasings are deliberately varied:
questions, indirect requests, short commands, unpunctuated voice transcripts, occasional
typos, British and American wording.
"""

from skills.reminder_examples import changes, create, listing, strangers
from skills.reminder_examples.changes import CHANGE, SNOOZE

# Templates written for the skill, then plain sentences in strangers' registers.
CREATE = [*create.CREATE, *strangers.CREATE]
LIST = [*listing.LIST, *strangers.LIST]
CANCEL = [*changes.CANCEL, *strangers.CANCEL]

__all__ = ["CANCEL", "CHANGE", "CREATE", "LIST", "SNOOZE"]

"""The reminders skill through `Assistant.handle`, on a real SQLite home and a fixed clock.

The intent model here is a keyword fake (routing is not the point of these tests; the
trained model's routing is measured in test_intents and the benchmarks)."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from assistant.core import Assistant
from assistant.dialogue.session import Session
from assistant.nlu.prediction import Prediction
from assistant.services import FixedClock

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 12, 2, 15, 0, tzinfo=LONDON)  # a Wednesday afternoon
RULES = [
    (r"^snooze|remind me again", "reminder.snooze"),
    (r"^(move|push|change|reschedule)", "reminder.change"),
    (r"^(cancel|delete|remove|clear)", "reminder.cancel"),
    (r"^(what|am i|do i|show|list)", "reminder.list"),
    (r"remind|timer|alarm|wake|appointment|meeting|add", "reminder.create"),
]


class KeywordModel:
    labels = [label for _, label in RULES] + ["out_of_scope"]

    def predict(self, texts: list[str]) -> list[Prediction]:
        return [self._one(t.lower()) for t in texts]

    def _one(self, text: str) -> Prediction:
        for pattern, label in RULES:
            if re.search(pattern, text):
                return Prediction(label, 0.95)
        return Prediction("out_of_scope", 0.9)


@pytest.fixture
def home(tmp_path):
    clock = FixedClock(NOW)
    assistant = Assistant.open(tmp_path, model=KeywordModel(), clock=clock)
    session = Session()
    yield assistant, clock, lambda text: assistant.handle(text, session).reply
    assistant.close()


def test_remind_me_at_5_says_the_day_and_time_in_words_and_fires(home):
    assistant, clock, say = home
    reply = say("remind me to call mom at 5")
    assert reply.text == "OK, I'll remind you to call mom today (Wednesday 2 December) at 5 pm."
    [action] = reply.actions
    assert action["start"] == "2026-12-02T17:00:00+00:00"
    service = assistant.services.get("reminders")
    clock.at = NOW + timedelta(hours=2)
    [notice] = service.scheduler.deliver_due()
    assert notice.text == "Reminder: call mom"


def test_no_time_asks_when_and_the_answer_sets_it(home):
    _, _, say = home
    assert say("remind me to water the plants").text == "When should I remind you?"
    reply = say("tomorrow at 8")
    assert reply.text.startswith("OK, I'll remind you to water the plants tomorrow")
    assert "8 am" in reply.text


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("remind me to eat at 25:00", "25:00 is not a time of day"),
        ("remind me on february 30 to pay", "February has 29 days"),
        ("remind me yesterday at 5 to call", "in the past"),
        ("remind me every second to blink", "once a minute"),
    ],
)
def test_impossible_times_are_refused_with_the_reason(home, text, says):
    _, _, say = home
    reply = say(text)
    assert reply.text.startswith("I can't set that") and says in reply.text
    assert reply.actions == []


def test_events_have_an_end_and_a_warning_before(home):
    assistant, clock, say = home
    reply = say("I have a meeting with Rajesh tomorrow from 2 to 3")
    assert reply.text == (
        "Added meeting with Rajesh tomorrow (Thursday 3 December) at 2 pm until 3 pm;"
        " I'll remind you 15 minutes before."
    )
    assert say("am I free tomorrow at 2:30").text.startswith("No, you have meeting with Rajesh")
    assert say("am I free tomorrow at 4").text.startswith("Yes")
    clock.at = datetime(2026, 12, 3, 13, 45, tzinfo=LONDON)
    [notice] = assistant.services.get("reminders").scheduler.deliver_due()
    assert notice.text == "meeting with Rajesh at 14:00 (in 15 min)"


def test_timers_alarms_and_listing_by_kind_and_day(home):
    _, _, say = home
    assert say("set a timer for 10 minutes").text == "Timer set for 10 minutes: it ends at 3:10 pm."
    assert say("wake me up at 7").text == "Alarm set for tomorrow (Thursday 3 December) at 7 am."
    say("add a dentist appointment on friday at 3")
    assert say("what alarms do I have").text.startswith("You have 1 alarm")
    tomorrow = say("what's on tomorrow")
    assert "7 am" in tomorrow.text and "dentist" not in tomorrow.text
    week = say("what's on my calendar this week")
    assert "dentist appointment" in week.text


def test_cancel_one_by_name_and_all_after_a_yes(home):
    assistant, _, say = home
    say("add a dentist appointment on friday at 3")
    say("wake me up at 7")
    say("set an alarm for 6:30 on monday")
    assert say("cancel the dentist reminder").text.startswith("Cancelled dentist appointment")
    question = say("delete all my alarms")
    assert question.text.startswith("Cancel all 2 of these") and question.question is not None
    assert say("yes").text == "Cancelled 2 entries."
    assert assistant.services.get("reminders").book.entries() == []


def test_snooze_and_move(home):
    assistant, clock, say = home
    say("remind me to stretch at 4pm")
    clock.at = NOW + timedelta(hours=1)
    service = assistant.services.get("reminders")
    service.scheduler.deliver_due()
    assert say("snooze 10 minutes").text == "Snoozed stretch until 4:10 pm."
    say("add a dentist appointment on friday at 3")
    moved = say("move the dentist to 4pm")
    assert moved.text == "Moved dentist appointment to Friday 4 December at 4 pm."

"""Reminders, alarms and timers."""

from __future__ import annotations

from assistant.skill import Reply, Request, Skill, intent
from skills.pending import not_yet


class Reminders(Skill):
    """Reminders, alarms and timers."""

    @intent(
        "reminder.create",
        description="set a reminder, alarm or timer",
        examples=[
            "remind me to {task} {when}",
            "[please] remind me to {task}",
            "[can you] remind me to {task} [please]",
            "set a timer for {duration}",
            "wake me up {when}",
            "set an alarm for (7|6:30|seven am)",
            "don't let me forget to {task}",
            "every weekday at 7 remind me to {task}",
            "timer {duration}",
            "timer 5 min",
            "{when} remind me to {task}",
            "can you remind me {when} to {task}?",
            "please set a reminder to {task} {when}",
            "remind me about {task} {when}",
            "i need to {task} {when} so remind me",
            "alarm {when}",
            "set an alarm {when}",
            "wake me (in|after) {duration}",
            "start a {duration} timer",
            "countdown {duration}",
            "could you ping me {when} about {task}",
            "add a reminder {task} {when}",
            "new reminder: {task}",
            "make a reminder for {when}: {task}",
            "set a (pasta|tea|laundry) timer for {duration}",
            "remind me in {duration} to {task}",
            "every (monday|morning|sunday night) remind me to {task}",
            "set a recurring reminder to {task} every (day|week|month)",
            "nudge me {when} to {task}",
            "hey remind me to {task} when i get home",
            "im going to take a nap wake me up in {duration}",
            "alarm for 6 tomorrow",
            "set my alarm for (5:45|quarter to six) tomorrow",
            "reminder {task} {when}",
            "remnd me to {task} {when}",
            "i keep forgetting to {task}, could you remind me {when}?",
            "set a timer {duration} please",
            "give me a heads up {when} to {task}",
            "so um i have to {task} {when} can you make sure i dont forget",
            "buzz me in {duration}",
            "remind me {when}: {task}",
            "let me know when {duration} (is|are) up",
        ],
    )
    def create(self, req: Request) -> Reply:
        """Set a reminder."""
        return not_yet("Scheduling reminders", req)

    @intent(
        "reminder.list",
        description="list your reminders",
        examples=[
            "what (reminders|alarms|timers) do I have [{when}]",
            "show my reminders",
            "what's on my schedule for tomorrow",
            "how long is left on the timer",
            "do I have any alarms set",
            "list all my reminders",
            "what alarms are set {when}",
            "any reminders {when}?",
            "read me my reminders",
            "when is my next alarm",
            "what time is my alarm set for",
            "how much time is left on the (pasta|tea) timer",
            "what's left on the timer",
            "timer status",
            "which reminders are coming up this week",
            "did I set a reminder to {task}",
            "is there a reminder for {task}",
            "what was I supposed to do {when}",
            "how many timers are running",
            "are there any timers going",
            "show me all the reminders i have {when}",
            "my alarms",
            "upcoming reminders",
            "do i have anything scheduled {when}",
            "when am i supposed to {task}",
            "can you tell me what reminders i've set?",
            "check my alarms please",
            "what's my wake up time tomorrow",
            "list active timers",
            "um what reminders did i make today",
        ],
    )
    def list_reminders(self, req: Request) -> Reply:
        """List reminders."""
        return not_yet("Listing reminders", req)

    @intent(
        "reminder.cancel",
        description="cancel a reminder",
        examples=[
            "cancel the {task} reminder",
            "delete my alarm for tomorrow",
            "stop the timer",
            "remove all reminders",
            "never mind the reminder about {task}",
            "turn off my (alarm|alarms)",
            "cancel the alarm {when}",
            "delete the reminder to {task}",
            "clear all my timers",
            "cancel the timer",
            "i don't need the reminder to {task} anymore",
            "get rid of the {task} reminder",
            "scrap the reminder {when}",
            "dismiss the alarm",
            "stop the alarm!",
            "delete all alarms",
            "i already did it, cancel the reminder to {task}",
            "remove the {duration} timer",
            "no need to remind me to {task}",
            "don't remind me to {task} (anymore|after all)",
            "kill the timer",
            "cancel every reminder i have {when}",
            "disable my (weekday|morning) alarm",
            "stop reminding me to {task}",
            "wipe all my reminders",
            "please cancel the (pasta|laundry) timer",
            "unset my alarm",
            "call off the reminder about {task}",
            "alarm off",
            "cancl my alarm",
        ],
    )
    def cancel(self, req: Request) -> Reply:
        """Cancel a reminder."""
        return not_yet("Cancelling reminders", req)

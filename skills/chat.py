"""Greetings, thanks and questions about the assistant itself."""

from __future__ import annotations

import re

from assistant.skill import Reply, Request, Skill, intent
from assistant.slots.values import SLOT_VALUES
from assistant.templates import expand
from skills.chat_phrasings import CHAT

_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "capabilities",
        re.compile(r"\b(what can you|what do you do|help|how do i use|abilities|commands)\b"),
    ),
    (
        "identity",
        re.compile(r"\b(who are you|your name|who made you|who built you|what are you)\b"),
    ),
    ("joke", re.compile(r"\b(jokes?|funny|laugh|puns?|riddle|cheer me up|amuse)\b")),
    ("thanks", re.compile(r"\b(thanks?|thank you|cheers|ta|appreciate)\b")),
    ("farewell", re.compile(r"\b(bye|goodbye|good night|goodnight|see you|later)\b")),
    ("wellbeing", re.compile(r"\b(how are you|how's it going|how do you feel|you ok)\b")),
    ("greeting", re.compile(r"\b(hi|hello|hey|morning|evening|afternoon|yo|howdy)\b")),
]

# Written for this assistant; one is picked by the request's words, so asking again differently
# gets another.
JOKES = (
    "I tried to write a joke about the cloud, but I run locally, so it never got uploaded.",
    "My memory is excellent. I forget nothing you tell me, except where I put the punchline.",
    "I'd tell you a UDP joke, but you might not get it.",
    "Why did the smart bulb go to therapy? Too many people kept turning it down.",
    "I set a reminder to be funny at five. It's five past, and here we are.",
)

_ANSWERS = {
    "identity": "I'm your local assistant: I run on this machine, offline, and learn from your corrections.",
    "thanks": "You're welcome!",
    "farewell": "Goodbye! Your reminders keep running while I'm away.",
    "wellbeing": "All systems fine, thanks. What can I do for you?",
    "greeting": "Hello! What can I do for you? (/help lists what I understand.)",
}


class Chat(Skill):
    """Small talk and questions about the assistant."""

    keywords = ("chat", "greeting", "small", "talk")

    @intent(
        "chat",
        description="chat with me",
        read_only=True,
        examples=[
            "(hi|hello|hey) [there]",
            "thanks [a lot]",
            "what sorts of things can you do",
            "who (are you|made you)",
            "how are you [doing] [today]",
            "good (morning|night|evening|afternoon)",
            "help",
            "you're great",
            "what's your name",
            "are you listening",
            "thank you so so much!",
            "yo",
            "hey assistant",
            "nice to meet you",
            "you're (awesome|the best|so helpful)",
            "that was really helpful, cheers",
            "what are you able to help me with?",
            "how does this work",
            "are you a robot",
            "are you there",
            "(bye|goodbye|see you later|talk to ya later)",
            "can you hear me",
            "what's up",
            "let's chat for a bit",
            "how old are you",
            "do you have feelings",
            "you're kind of dumb sometimes",
            "sorry about that",
            "good job",
            "what should i call you",
            "tell me about yourself",
            "how's it going",
            "hello?? are you awake",
            "what kind of things can i ask you",
            "thx",
            "hiya",
            "thanks mate",
            "cheers",
            "ok thank you",
            "good morning assistant, how are you",
            "who built you",
            "are you an ai",
            "what can u do",
            "you're funny",
            "hey there how's your day going",
            "are you better than alexa",
            "nighty night",
            "thanks that's all",
            "ty",
            "you totally rock",
            "hey so i'm new here and i wanted to ask what sort of stuff you can actually help me with",
            "do you work offline",
            "whats ur name",
            *CHAT,  # plain sentences in strangers' registers
        ],
    )
    def chat(self, req: Request) -> Reply:
        """Chat with the assistant."""
        lowered = req.text.lower()
        kind = next((k for k, pattern in _KINDS if pattern.search(lowered)), "other")
        if kind == "capabilities":
            return Reply(text=self.capabilities(), data={"kind": kind})
        if kind == "joke":
            joke = JOKES[sum(map(ord, lowered)) % len(JOKES)]
            return Reply(text=joke, data={"kind": kind})
        return Reply(
            text=_ANSWERS.get(kind, "I'm here. Ask me anything, or type /help."),
            data={"kind": kind},
        )

    def capabilities(self) -> str:
        lines = ["Here is what I can do:"]
        for skill in self.context.registry.skills.values():
            spec = skill.intent_specs()[0]
            values = {**SLOT_VALUES, **skill.slot_values}
            example = expand(spec.examples[0], spec.name, values, per_template=1)[0].text
            lines.append(f'  • {skill.description()} (e.g. "{example}")')
        return "\n".join(lines)

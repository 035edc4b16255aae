"""A local-first assistant: skills, an intent router and a turn log, for the terminal and the home.

The public API for skill authors is re-exported here; heavy modules load lazily.
"""

from assistant.dialogue.questions import Question, ask, choose, confirm
from assistant.errors import AssistantError
from assistant.skill import Reply, Request, Skill, SkillContext, intent

__version__ = "0.1.0"

__all__ = [
    "AssistantError",
    "Question",
    "Reply",
    "Request",
    "Skill",
    "SkillContext",
    "__version__",
    "ask",
    "choose",
    "confirm",
    "intent",
]

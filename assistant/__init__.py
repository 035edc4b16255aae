"""A local-first assistant: skills, an intent router and a turn log, for the terminal and the home.

The public API for skill authors is re-exported here; heavy modules load lazily.
"""

from assistant.errors import AssistantError
from assistant.skill import Reply, Request, Skill, SkillContext, intent

__version__ = "0.1.0"

__all__ = ["AssistantError", "Reply", "Request", "Skill", "SkillContext", "__version__", "intent"]

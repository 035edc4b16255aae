"""The device intents' example templates, one module per family of phrasing."""

from skills.device_examples.query import QUERY
from skills.device_examples.setting import SET
from skills.device_examples.switching import OFF, ON
from skills.device_examples.undo import UNDO

__all__ = ["OFF", "ON", "QUERY", "SET", "UNDO"]

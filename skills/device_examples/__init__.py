"""The device intents' example templates, one module per family of phrasing."""

from skills.device_examples import query, setting, strangers, switching
from skills.device_examples.undo import UNDO

# Templates written for the skill, then plain sentences in strangers' registers.
ON = [*switching.ON, *strangers.ON]
OFF = [*switching.OFF, *strangers.OFF]
SET = [*setting.SET, *strangers.SET]
QUERY = [*query.QUERY, *strangers.QUERY]

__all__ = ["OFF", "ON", "QUERY", "SET", "UNDO"]

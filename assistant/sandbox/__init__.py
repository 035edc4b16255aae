"""Runs code the user agreed to run, cut off from the machine (no network, no writes outside
its own temp dir, CPU, memory, process, file size and wall-clock limits)."""

from assistant.sandbox.result import RunResult
from assistant.sandbox.runner import Sandbox

__all__ = ["RunResult", "Sandbox"]

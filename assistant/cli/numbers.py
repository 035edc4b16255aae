"""Whole-number arguments with their range, so a typo such as an id of 99999999999999999999
is a one-line usage error instead of an overflow deep in SQLite."""

from __future__ import annotations

import argparse

MAX_ID = 2**53 - 1  # the HTTP API's bound too: the largest integer JSON clients hold exactly


def _bounded(text: str, low: int, high: int, what: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{what} must be {low} to {high:,}, not {value}")
    return value


def record_id(text: str) -> int:
    """An id of a stored row: a turn, a reminder, a correction."""
    return _bounded(text, 1, MAX_ID, "an id")


def count(text: str) -> int:
    """How many rows to show."""
    return _bounded(text, 1, 1_000_000, "a count")

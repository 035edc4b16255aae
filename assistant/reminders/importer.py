"""A calendar file into the book: what `assistant reminders import FILE.ics` does.

Each event is taken or refused on its own, and every refusal is a line naming the event (its
SUMMARY, else its UID) and why; the events taken are written in one SQLite transaction, so an
import that fails or is killed midway leaves the book as it was. Importing a file again is
safe: an event whose UID is here already takes what the file now says, or is left alone.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.errors import InputError, StoreError
from assistant.reminders.book import Book
from assistant.reminders.ics import import_ics
from assistant.textinput import read_text_file

MAX_BYTES = 50_000_000  # ten years of a busy calendar is a few MB


@dataclass
class ImportReport:
    file: str
    added: int = 0
    updated: int = 0  # its UID was here, and the file changed it
    unchanged: int = 0  # its UID was here, as the file has it
    refused: list[str] = field(default_factory=list)  # one line per component not taken: why
    notes: list[str] = field(default_factory=list)  # one line per liberty taken with one taken

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    def lines(self) -> list[str]:
        """As a person reads it: a summary naming the file, then one line per refusal."""
        counts = f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}"
        return [
            f"{self.file}: {counts}, refused {len(self.refused)}",
            *(f"refused: {line}" for line in self.refused),
            *(f"note: {line}" for line in self.notes),
        ]


def import_file(book: Book, path: Path, now: datetime) -> ImportReport:
    """InputError, one line naming the file, for one that cannot be read or is not iCalendar
    at all; otherwise the events it holds, merged into the book all at once."""
    text = read_text_file(path, MAX_BYTES, "an iCalendar (.ics) file")
    assert now.tzinfo is not None, "the clock gives aware times"
    try:
        result = import_ics(text.encode(), zone=now.tzinfo)
    except ValueError as exc:
        raise InputError(f"{path}: {exc}") from None
    report = ImportReport(str(path), refused=result.refused, notes=result.notes)
    taken = []
    for entry in result.entries:
        try:
            book.check(entry, now)
        except InputError as why:
            report.refused.append(f"VEVENT {entry.title[:80]!r} cannot be kept: {why}")
            continue
        taken.append(entry)
    try:
        merged = book.merge(taken, now)
    except sqlite3.Error as exc:  # rolled back: the book is as it was
        raise StoreError(f"{path}: nothing imported, the store failed: {exc}") from None
    report.added, report.updated, report.unchanged = merged.added, merged.updated, merged.unchanged
    return report

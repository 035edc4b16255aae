"""The reminders' own tables, applied with `Store.migrate_component("reminders", MIGRATIONS)`.
Append new steps; never edit a shipped one."""

MIGRATIONS: list[str] = [
    """
    CREATE TABLE reminders (
        id             INTEGER PRIMARY KEY,
        uid            TEXT NOT NULL UNIQUE,     -- iCalendar UID
        kind           TEXT NOT NULL,            -- reminder, alarm, timer, event
        title          TEXT NOT NULL,
        start          TEXT NOT NULL,            -- ISO with offset: the first occurrence
        zone           TEXT NOT NULL,            -- IANA zone its wall-clock time is kept in
        ends           TEXT,                     -- events: ISO end of the first occurrence
        rrule          TEXT,
        alert_s        INTEGER,                  -- deliver this many seconds before the start
        status         TEXT NOT NULL DEFAULT 'active',
        exdates        TEXT NOT NULL DEFAULT '[]',
        next_due       REAL,                     -- epoch seconds of the next delivery, or NULL
        next_occurrence TEXT,                    -- ISO of the occurrence next_due delivers
        snoozed_until  REAL,                     -- a snooze delivers again at this time
        created        REAL NOT NULL
    );
    CREATE INDEX reminders_due ON reminders(next_due) WHERE next_due IS NOT NULL;
    -- One row per delivered occurrence: the primary key is the exactly-once claim.
    CREATE TABLE deliveries (
        reminder_id    INTEGER NOT NULL REFERENCES reminders(id) ON DELETE CASCADE,
        occurrence     TEXT NOT NULL,            -- ISO of the occurrence, or snooze@ISO
        due            REAL NOT NULL,
        delivered      REAL NOT NULL,
        late           INTEGER NOT NULL DEFAULT 0,  -- delivered as "while you were away"
        pid            INTEGER NOT NULL,
        PRIMARY KEY (reminder_id, occurrence)
    );
    """,
    # RDATE: occurrences added to the rule (or to the start alone), ISO like exdates.
    "ALTER TABLE reminders ADD COLUMN rdates TEXT NOT NULL DEFAULT '[]';",
]

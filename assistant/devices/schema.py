"""The home's own tables, applied with `Store.migrate_component("devices", MIGRATIONS)`.
Append new steps; never edit a shipped one."""

MIGRATIONS: list[str] = [
    """
    CREATE TABLE devices (
        id         TEXT PRIMARY KEY,
        spec       TEXT NOT NULL,                -- the Device as JSON
        position   INTEGER NOT NULL              -- import order, for listing
    );
    -- The last state each device reported (the virtual adapter's is the truth).
    CREATE TABLE device_state (
        id         TEXT PRIMARY KEY,                -- a device id (rows of removed ones go)
        state      TEXT NOT NULL DEFAULT '{}',
        available  INTEGER NOT NULL DEFAULT 1,
        updated    REAL NOT NULL
    );
    -- Every action asked of a device, done or not.
    CREATE TABLE device_audit (
        id         INTEGER PRIMARY KEY,
        ts         REAL NOT NULL,
        batch      TEXT NOT NULL,                -- one command's actions share it (undo)
        session_id TEXT,
        turn_id    INTEGER,
        requester  TEXT NOT NULL,                -- what asked: the user's words, "undo", "cli"
        device_id  TEXT NOT NULL,
        change     TEXT NOT NULL,                -- what was asked, JSON
        old_state  TEXT NOT NULL,
        new_state  TEXT,
        result     TEXT NOT NULL,                -- done, failed, refused, unchanged
        error      TEXT,
        undone     INTEGER NOT NULL DEFAULT 0    -- a later "undo that" restored old_state
    );
    CREATE INDEX device_audit_batch ON device_audit(batch);
    CREATE TABLE home_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
]

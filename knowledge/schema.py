"""The knowledge package's own tables: documents, chunks (+ FTS5), facts and aliases.

`Knowledge` applies these through `Store.migrate_component("knowledge", MIGRATIONS)`.
Append new steps; never edit a shipped one. Step 1 is written to be safe on databases whose
tables an older assistant (core schema v3) already created.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.store import Store

MIGRATIONS: list[str] = [
    """
    CREATE TABLE IF NOT EXISTS documents (
        id           INTEGER PRIMARY KEY,
        path         TEXT NOT NULL UNIQUE,   -- resolved absolute path
        title        TEXT NOT NULL,
        size         INTEGER NOT NULL,
        mtime        REAL NOT NULL,
        sha1         TEXT NOT NULL,          -- of the file's bytes: unchanged files are skipped
        ingested_at  REAL NOT NULL
    );
    CREATE TABLE IF NOT EXISTS chunks (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,  -- FAISS id; never reused
        document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        ordinal      INTEGER NOT NULL,       -- position within the document
        hash         TEXT NOT NULL,          -- of headings + text: unchanged chunks keep their vector
        headings     TEXT NOT NULL,          -- JSON list, outermost first
        text         TEXT NOT NULL,
        embedding    BLOB NOT NULL           -- float32 vector: the index can be rebuilt from here
    );
    CREATE INDEX IF NOT EXISTS chunks_document ON chunks(document_id, ordinal);
    CREATE INDEX IF NOT EXISTS chunks_hash ON chunks(hash);
    -- Lexical side of hybrid retrieval; kept in step with chunks by the triggers below.
    CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
        headings, text, content='chunks', content_rowid='id', tokenize='porter unicode61'
    );
    CREATE TRIGGER IF NOT EXISTS chunks_ai AFTER INSERT ON chunks BEGIN
        INSERT INTO chunks_fts(rowid, headings, text) VALUES (new.id, new.headings, new.text);
    END;
    CREATE TRIGGER IF NOT EXISTS chunks_ad AFTER DELETE ON chunks BEGIN
        INSERT INTO chunks_fts(chunks_fts, rowid, headings, text)
            VALUES ('delete', old.id, old.headings, old.text);
    END;
    CREATE TABLE IF NOT EXISTS facts (
        id            INTEGER PRIMARY KEY,
        subject       TEXT NOT NULL,          -- entity as stated ("Alice", "me", "the desk lamp")
        subject_key   TEXT NOT NULL,          -- lower case, no leading article: how entities match
        relation      TEXT NOT NULL,          -- canonical ("sister", "reports_to", "locker code")
        object        TEXT NOT NULL,
        object_key    TEXT NOT NULL,
        qualifier     TEXT NOT NULL DEFAULT '', -- a place's preposition ("on", "under")
        source        TEXT NOT NULL,          -- user, import, document
        document_id   INTEGER REFERENCES documents(id) ON DELETE CASCADE,
        chunk_id      INTEGER,                -- the chunk a document fact was read from
        turn_id       INTEGER,                -- the turn a user fact was told in
        origin        TEXT NOT NULL DEFAULT '', -- free text: what the user said, file and line
        ts            REAL NOT NULL,          -- when it was stated
        -- the newer value of a functional relation; NULL again if that one's document goes
        superseded_by INTEGER REFERENCES facts(id) ON DELETE SET NULL,
        retracted_at  REAL                    -- set when the user asks to forget it
    );
    CREATE INDEX IF NOT EXISTS facts_subject ON facts(subject_key, relation);
    CREATE INDEX IF NOT EXISTS facts_object ON facts(object_key, relation);
    CREATE INDEX IF NOT EXISTS facts_document ON facts(document_id);
    CREATE INDEX IF NOT EXISTS facts_superseded ON facts(superseded_by);
    CREATE TABLE IF NOT EXISTS aliases (
        alias        TEXT PRIMARY KEY,       -- entity key of the other name ("al")
        entity       TEXT NOT NULL,          -- the entity it stands for, as stated ("Alice")
        entity_key   TEXT NOT NULL,
        ts           REAL NOT NULL
    );
    -- Bumped by every change to facts or aliases (cascades included): the graph's reload stamp.
    CREATE TABLE IF NOT EXISTS knowledge_version (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
    INSERT OR IGNORE INTO knowledge_version VALUES (1, 0);
    CREATE TRIGGER IF NOT EXISTS facts_ai AFTER INSERT ON facts BEGIN UPDATE knowledge_version SET n = n + 1; END;
    CREATE TRIGGER IF NOT EXISTS facts_au AFTER UPDATE ON facts BEGIN UPDATE knowledge_version SET n = n + 1; END;
    CREATE TRIGGER IF NOT EXISTS facts_ad AFTER DELETE ON facts BEGIN UPDATE knowledge_version SET n = n + 1; END;
    CREATE TRIGGER IF NOT EXISTS aliases_ai AFTER INSERT ON aliases BEGIN UPDATE knowledge_version SET n = n + 1; END;
    CREATE TRIGGER IF NOT EXISTS aliases_au AFTER UPDATE ON aliases BEGIN UPDATE knowledge_version SET n = n + 1; END;
    CREATE TRIGGER IF NOT EXISTS aliases_ad AFTER DELETE ON aliases BEGIN UPDATE knowledge_version SET n = n + 1; END;

    """,
]


def ensure(store: Store) -> None:
    """Create or upgrade the knowledge tables in `store` (cheap once they are current)."""
    store.migrate_component("knowledge", MIGRATIONS)

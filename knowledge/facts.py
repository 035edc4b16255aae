"""Remembered facts in SQLite: add, supersede, forget, import, with full history kept.

Which value is current: for a functional relation (one value per subject) a newer fact
supersedes the older ones, which stay as history. Facts the user told or imported outrank
facts read from documents whatever their age: a document cannot overwrite what the user
said, and a document fact that arrives later is stored already superseded. Within one rank
the newest wins.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from assistant.store import Store
from knowledge import schema
from knowledge.fact_files import FactImportError, problem, read_rows
from knowledge.relations import Triple, canonical_relation, entity_key, normalise_triple, relation

SOURCES = ("user", "import", "document")
_RANK = {"user": 2, "import": 2, "document": 1}  # what the user said beats what a file says
_COLUMNS = (
    "id, subject, subject_key, relation, object, object_key, qualifier, source, origin, ts,"
    " document_id, chunk_id, turn_id, superseded_by, retracted_at"
)
_LIVE = "retracted_at IS NULL AND superseded_by IS NULL"


@dataclass(frozen=True, slots=True)
class Fact:
    id: int
    subject: str  # as stated: "Alice", "me", "the desk lamp"
    subject_key: str  # matching key: "alice", "me", "desk lamp"
    relation: str  # canonical: "reports_to", "sister", "locker code"
    object: str
    object_key: str
    qualifier: str  # a place's preposition, "" otherwise
    source: str  # user, import, document
    origin: str  # what the user said, "facts.csv line 4", the sentence in a document
    ts: float  # when it was stated (unix time)
    document_id: int | None = None
    chunk_id: int | None = None
    turn_id: int | None = None
    superseded_by: int | None = None  # id of the fact that replaced this value
    retracted_at: float | None = None  # when the user asked to forget it

    @property
    def triple(self) -> Triple:
        return Triple(self.subject, self.relation, self.object, self.qualifier)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Recorded:
    fact: Fact  # the stored fact, or the identical one already current
    replaced: list[Fact]  # older values of a functional relation that this one superseded
    duplicate: bool  # it was already known: nothing new was stored


@dataclass(frozen=True)
class ImportReport:
    path: Path
    added: int  # new facts stored
    unchanged: int  # rows that restated a current fact

    def as_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "added": self.added, "unchanged": self.unchanged}

    def summary(self) -> str:
        known = f" ({self.unchanged} already known)" if self.unchanged else ""
        return f"imported {self.added} fact{'s' * (self.added != 1)} from {self.path.name}{known}"


class FactStore:
    """Facts and aliases over the store's `facts` and `aliases` tables."""

    def __init__(self, store: Store):
        schema.ensure(store)
        self.store = store

    def version(self) -> int:
        """Changes whenever facts or aliases change, in any process: the graph's reload stamp."""
        return int(self.store.query("SELECT n FROM knowledge_version")[0][0])

    def record(
        self,
        triple: Triple,
        source: str = "user",
        *,
        turn_id: int | None = None,
        document_id: int | None = None,
        chunk_id: int | None = None,
        origin: str = "",
    ) -> Recorded:
        """Store one fact; say what it replaced, or that it was known already."""
        with self.store.transaction() as db:
            return self._record(db, triple, source, (document_id, chunk_id, turn_id, origin))

    def add(self, triple: Triple, source: str = "user", **provenance: Any) -> Fact:
        """Store one fact (re-stating a current fact returns it instead of a copy);
        `provenance` takes record's keywords: turn_id, document_id, chunk_id, origin."""
        return self.record(triple, source, **provenance).fact

    def add_many(
        self,
        triples: Iterable[Triple],
        source: str = "document",
        *,
        document_id: int | None = None,
        chunk_id: int | None = None,
        origin: str = "",
    ) -> list[Fact]:
        """Store many facts in one transaction (a document's, or a bulk load)."""
        with self.store.transaction() as db:
            provenance = (document_id, chunk_id, None, origin)
            return [self._record(db, t, source, provenance).fact for t in triples]

    def replace_document_facts(
        self,
        db: sqlite3.Connection,
        document_id: int,
        found: list[tuple[Triple, int, str]],
    ) -> None:
        """Inside the caller's transaction: a document's facts become `found`
        ((triple, chunk id, origin) each), so chunks and facts commit together."""
        db.execute("DELETE FROM facts WHERE document_id=?", (document_id,))
        for triple, chunk_id, origin in found:
            self._record(db, triple, "document", (document_id, chunk_id, None, origin))

    def replace_origin(self, origin: str, triples: Iterable[tuple[str, str, str, str]]) -> None:
        """Make the imported facts from `origin` (a system such as the home's device list)
        exactly `triples` of (subject, relation, object, qualifier), in one transaction."""
        with self.store.transaction() as db:
            old = "SELECT id FROM facts WHERE source='import' AND origin=?"
            db.execute(
                f"UPDATE facts SET superseded_by=NULL WHERE superseded_by IN ({old})", (origin,)
            )
            db.execute("DELETE FROM facts WHERE source='import' AND origin=?", (origin,))
            for subject, rel, obj, qualifier in triples:
                self._record(
                    db, Triple(subject, rel, obj, qualifier), "import", (None, None, None, origin)
                )

    def remove_document(self, document_id: int) -> int:
        """Delete the facts read from a document (before re-reading it); how many went."""
        with self.store.transaction() as db:
            return db.execute("DELETE FROM facts WHERE document_id=?", (document_id,)).rowcount

    def forget(
        self,
        subject: str,
        relation_name: str | None = None,
        obj: str | None = None,
        dry_run: bool = False,
    ) -> list[Fact]:
        """Retract matching facts, history included; with only a subject, all facts about it.
        With `dry_run`, only say which facts that would be."""
        now = time.time()
        with self.store.transaction() as db:
            keys = self._keys(db, subject)
            marks = ",".join("?" * len(keys))
            if relation_name is None and obj is None:
                where = f"(subject_key IN ({marks}) OR object_key IN ({marks}))"
                params: list[Any] = [*keys, *keys]
            else:
                name, inverted = canonical_relation(relation_name or "")
                sides = ("object_key", "subject_key") if inverted else ("subject_key", "object_key")
                where, params = f"{sides[0]} IN ({marks})", list(keys)
                if relation_name is not None:
                    where += " AND relation=?"
                    params.append(name)
                if obj is not None:
                    other = self._keys(db, obj)
                    where += f" AND {sides[1]} IN ({','.join('?' * len(other))})"
                    params += other
            where += " AND retracted_at IS NULL"
            rows = db.execute(f"SELECT {_COLUMNS} FROM facts WHERE {where}", params).fetchall()
            if not dry_run:
                ids = [(now, row[0]) for row in rows]
                db.executemany("UPDATE facts SET retracted_at=? WHERE id=?", ids)
        return [_fact(row) for row in rows]

    def current(self) -> list[Fact]:
        """Every current fact: not forgotten, not superseded, one value per functional relation."""
        facts = [_fact(r) for r in self.store.query(f"SELECT {_COLUMNS} FROM facts WHERE {_LIVE}")]
        best: dict[tuple[str, str], Fact] = {}
        others: list[Fact] = []
        for fact in facts:
            if not relation(fact.relation).functional:
                others.append(fact)
                continue
            # Only reachable when a superseding fact's document was deleted: rank, then age.
            slot = (fact.subject_key, fact.relation)
            held = best.get(slot)
            if held is None or _order(fact) > _order(held):
                best[slot] = fact
        return sorted([*others, *best.values()], key=lambda f: f.id)

    def history(self, subject: str | None = None, relation_name: str | None = None) -> list[Fact]:
        """Every fact ever stated about `subject` (or at all), oldest first, with the
        forgotten and replaced ones; `superseded_by` says which fact replaced which."""
        where: list[str] = []
        params: list[Any] = []
        if subject is not None:
            keys = self._keys(None, subject)
            where.append(f"subject_key IN ({','.join('?' * len(keys))})")
            params += keys
        if relation_name is not None:
            where.append("relation=?")
            params.append(canonical_relation(relation_name)[0])
        sql = f"SELECT {_COLUMNS} FROM facts" + (f" WHERE {' AND '.join(where)}" if where else "")
        return [_fact(row) for row in self.store.query(sql + " ORDER BY ts, id", tuple(params))]

    def add_alias(self, alias: str, entity: str) -> None:
        """Let `alias` name `entity` ("Al" for "Alice"); a later call re-points it."""
        key = entity_key(alias)
        if not key or key == entity_key(entity):
            return
        with self.store.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO aliases (alias, entity, entity_key, ts) VALUES (?,?,?,?)",
                (key, entity.strip(), entity_key(entity), time.time()),
            )

    def aliases(self) -> dict[str, str]:
        """Alias key → the entity key it stands for."""
        return dict(self.store.query("SELECT alias, entity_key FROM aliases"))

    def import_file(self, path: Path) -> ImportReport:
        """Load a .csv (subject,relation,object[,source]) or .json/.jsonl list of facts.

        All or nothing: any bad row raises FactImportError naming each bad line and stores
        nothing, so the fixed file can simply be imported again.
        """
        rows = read_rows(path)
        problems = [f"line {line}: {why}" for line, row in rows if (why := problem(row))]
        if problems:
            shown = "; ".join(problems[:5]) + (
                f"; and {len(problems) - 5} more" if problems[5:] else ""
            )
            raise FactImportError(
                f"{path.name}: {len(problems)} bad row(s), nothing imported — {shown}", problems
            )
        added = unchanged = 0
        with self.store.transaction() as db:
            for line, row in rows:
                note = str(row.get("source") or "").strip()
                origin = f"{path.name} line {line}" + (f" ({note})" if note else "")
                triple = normalise_triple(row["subject"], row["relation"], row["object"])
                recorded = self._record(db, triple, "import", (None, None, None, origin))
                unchanged += recorded.duplicate
                added += not recorded.duplicate
        return ImportReport(path, added, unchanged)

    def stats(self) -> dict[str, int]:
        """Counts for `assistant knowledge stats`."""
        (total, live, superseded, retracted), *_ = self.store.query(
            "SELECT count(*), sum(retracted_at IS NULL AND superseded_by IS NULL),"
            " sum(superseded_by IS NOT NULL AND retracted_at IS NULL),"
            " sum(retracted_at IS NOT NULL) FROM facts"
        )
        counts = {"facts": total, "current": live or 0, "superseded": superseded or 0}
        counts["forgotten"] = retracted or 0
        for source, n in self.store.query(
            f"SELECT source, count(*) FROM facts WHERE {_LIVE} GROUP BY source"
        ):
            counts[f"from_{source}"] = n
        counts["entities"] = self.store.query(
            f"SELECT count(*) FROM (SELECT subject_key FROM facts WHERE {_LIVE}"
            f" UNION SELECT object_key FROM facts WHERE {_LIVE})"
        )[0][0]
        counts["aliases"] = self.store.query("SELECT count(*) FROM aliases")[0][0]
        return counts

    # --- inside a transaction ------------------------------------------------------------

    def _record(
        self,
        db: sqlite3.Connection,
        triple: Triple,
        source: str,
        provenance: tuple[int | None, int | None, int | None, str],
    ) -> Recorded:
        if source not in SOURCES:
            raise ValueError(f"source must be one of {', '.join(SOURCES)}, not {source!r}")
        rel = relation(triple.relation)
        s_key, o_key = self._key(db, triple.subject), self._key(db, triple.object)
        live = [
            _fact(row)
            for row in db.execute(
                f"SELECT {_COLUMNS} FROM facts WHERE {_LIVE} AND subject_key=? AND relation=?",
                (s_key, triple.relation),
            )
        ]
        if rel.symmetric:  # (Bob, married_to, Alice) restates (Alice, married_to, Bob)
            live += [
                _fact(row)
                for row in db.execute(
                    f"SELECT {_COLUMNS} FROM facts WHERE {_LIVE} AND subject_key=? AND relation=?"
                    " AND object_key=?",
                    (o_key, triple.relation, s_key),
                )
            ]
        same = [f for f in live if {f.subject_key, f.object_key} == {s_key, o_key}]
        rank = _RANK[source]
        if same and max(_RANK[f.source] for f in same) >= rank:
            return Recorded(same[0], [], duplicate=True)
        stronger = [f for f in live if _RANK[f.source] > rank] if rel.functional else []
        document_id, chunk_id, turn_id, origin = provenance
        cursor = db.execute(
            "INSERT INTO facts (subject, subject_key, relation, object, object_key, qualifier,"
            " source, document_id, chunk_id, turn_id, origin, ts, superseded_by)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                triple.subject,
                s_key,
                triple.relation,
                triple.object,
                o_key,
                triple.qualifier,
                source,
                document_id,
                chunk_id,
                turn_id,
                origin,
                time.time(),
                stronger[-1].id if stronger else None,
            ),
        )
        new_id = int(cursor.lastrowid or 0)
        replaced = [] if stronger else (live if rel.functional else same)
        db.executemany(
            "UPDATE facts SET superseded_by=? WHERE id=?", [(new_id, f.id) for f in replaced]
        )
        row = db.execute(f"SELECT {_COLUMNS} FROM facts WHERE id=?", (new_id,)).fetchone()
        return Recorded(_fact(row), [f for f in replaced if f not in same], duplicate=False)

    def _key(self, db: sqlite3.Connection, name: str) -> str:
        key = entity_key(name)
        row = db.execute("SELECT entity_key FROM aliases WHERE alias=?", (key,)).fetchone()
        return str(row[0]) if row else key

    def _keys(self, db: sqlite3.Connection | None, name: str) -> list[str]:
        """The entity's key and every alias key that stands for it."""

        def rows(sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
            if db is None:
                return self.store.query(sql, params)
            return db.execute(sql, params).fetchall()

        key = entity_key(name)
        target = rows("SELECT entity_key FROM aliases WHERE alias=?", (key,))
        canonical = str(target[0][0]) if target else key
        others = rows("SELECT alias FROM aliases WHERE entity_key=?", (canonical,))
        return list(dict.fromkeys([canonical, key, *(str(r[0]) for r in others)]))


def _fact(row: tuple[Any, ...]) -> Fact:
    return Fact(*row)


def _order(fact: Fact) -> tuple[int, float, int]:
    return _RANK.get(fact.source, 0), fact.ts, fact.id

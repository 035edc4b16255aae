"""Ingest on real files, the real MiniLM encoder, real SQLite and a real FAISS index."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.store import Store
from knowledge.chunking import chunk
from knowledge.documents import read
from knowledge.ingest import forget, ingest
from knowledge.library import Library


def _library(home: Path) -> Library:
    return Library(Store(home / "assistant.db"), home / "index" / "chunks.faiss")


def _agree(library: Library) -> None:
    """The index holds exactly the database's chunks."""
    ids = sorted(int(r[0]) for r in library.store.query("SELECT id FROM chunks"))
    assert sorted(library.index.ids.tolist()) == ids
    assert len(library.index) == len(ids)


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    (folder / "house").mkdir(parents=True)
    (folder / "house" / "boiler.md").write_text(
        "# Boiler\n\n## Pressure\n\nThe boiler pressure should sit between 1 and 1.5 bar.\n\n"
        "## Service\n\nThe boiler is serviced every October by Fenwick Heating.\n"
    )
    (folder / "garden.txt").write_text(
        "GARDEN\nThe tomatoes need watering every evening in July.\n"
    )
    (folder / "recipes.html").write_text(
        "<html><body><h1>Pancakes</h1><p>Use 300 ml of milk and two eggs.</p></body></html>"
    )
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (folder / "empty.md").write_text("")
    return folder


def test_ingest_stores_chunks_and_skips_what_it_cannot_read(home, notes):
    library = _library(home)
    report = ingest(library, [notes])
    assert sorted(Path(p).name for p in report.added) == ["boiler.md", "garden.txt", "recipes.html"]
    reasons = {Path(p).name: r for p, r in report.skipped}
    assert set(reasons) == {"photo.jpg", "broken.pdf", "binary.txt", "empty.md"}
    assert "unsupported" in reasons["photo.jpg"]
    assert all("\n" not in r for r in reasons.values())  # one line each
    assert report.chunks_embedded == library.corpus.counts()["chunks"] >= 3
    _agree(library)


def test_reingest_embeds_only_what_changed_and_drops_vanished_files(home, notes):
    library = _library(home)
    ingest(library, [notes])
    before = dict(library.store.query("SELECT hash, id FROM chunks"))

    again = ingest(library, [notes])
    assert again.chunks_embedded == 0 and len(again.unchanged) == 3 and not again.added

    boiler = notes / "house" / "boiler.md"
    boiler.write_text(boiler.read_text() + "\n## Reset\n\nHold the reset button for 5 seconds.\n")
    (notes / "garden.txt").unlink()
    changed = ingest(library, [notes])
    assert [Path(p).name for p in changed.updated] == ["boiler.md"]
    assert [Path(p).name for p in changed.removed] == ["garden.txt"]
    assert changed.chunks_embedded == 1  # only the new section
    after = dict(library.store.query("SELECT hash, id FROM chunks"))
    kept = set(before) & set(after)
    assert kept and all(before[h] == after[h] for h in kept)  # unchanged chunks keep their ids
    assert not library.store.query("SELECT 1 FROM documents WHERE path LIKE ?", ("%garden.txt",))
    _agree(library)


@pytest.mark.slow  # the real encoder
def test_a_reader_failing_on_one_file_does_not_stop_the_others(home, notes, monkeypatch):
    """A bug no real file triggers any more stands in for the next one found."""
    from knowledge import documents

    real = documents.read

    def read_or_fail(path: Path) -> documents.Document:
        if path.name == "garden.txt":
            raise IndexError("list index out of range\n  in a reader")
        return real(path)

    monkeypatch.setattr(documents, "read", read_or_fail)
    report = ingest(_library(home), [notes])
    assert sorted(Path(p).name for p in report.added) == ["boiler.md", "recipes.html"]
    reasons = {Path(p).name: r for p, r in report.skipped}
    assert (
        reasons["garden.txt"]
        == "could not be read (IndexError: list index out of range in a reader)"
    )


def test_identical_text_in_two_files_is_embedded_once(home, tmp_path):
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text("# Same\n\nThe spare key is under the blue flower pot.\n")
    report = ingest(_library(home), [tmp_path / "a.md"])
    assert report.chunks_embedded == 1
    second = ingest(_library(home), [tmp_path / "b.md"])
    assert second.chunks_embedded == 0 and second.chunks_reused == 1


def test_forget_drops_a_folder_and_its_vectors(home, notes):
    library = _library(home)
    ingest(library, [notes])
    dropped = forget(library, notes / "house")
    assert [Path(p).name for p in dropped] == ["boiler.md"]
    assert library.corpus.counts()["documents"] == 2
    _agree(library)
    reopened = _library(home)  # the saved index agrees too, without a rebuild
    _agree(reopened)
    assert reopened.rebuilt is False


def test_missing_path_is_reported_not_fatal(home, notes):
    report = ingest(_library(home), [notes / "nope.md", notes / "garden.txt"])
    assert report.skipped == [(str(notes / "nope.md"), "no such file or folder")]
    assert len(report.added) == 1


def test_an_index_behind_the_database_is_rebuilt_from_stored_vectors(home, notes):
    """A crash after a document's commit but before the index save leaves them apart."""
    library = _library(home)
    ingest(library, [notes])
    saved = (home / "index" / "chunks.faiss").read_bytes()
    (notes / "more.md").write_text("# More\n\nThe bike lock code is 7788.\n")
    ingest(library, [notes])
    (home / "index" / "chunks.faiss").write_bytes(saved)  # as if the last save never happened

    reopened = _library(home)
    _agree(reopened)
    assert reopened.rebuilt is True
    vector = reopened.encode_query("bike lock code")
    top = reopened.index.search(vector, 1)[0][0]
    assert "7788" in reopened.corpus.chunks([top])[top].text


def _whole(library: Library) -> None:
    """No half document: each stored one has every chunk its file gives, in order, each in
    the index and the full-text table; and the index holds nothing else."""
    for row in library.corpus.documents():
        expected = [c.hash for c in chunk(read(Path(row.path)))]
        stored = library.store.query(
            "SELECT hash FROM chunks WHERE document_id=? ORDER BY ordinal", (row.id,)
        )
        assert [h for (h,) in stored] == expected, row.path
    with library.store.transaction() as db:  # raises when chunks_fts and chunks disagree
        db.execute("INSERT INTO chunks_fts(chunks_fts, rank) VALUES ('integrity-check', 1)")
    _agree(library)


@pytest.mark.slow  # a real `assistant ingest` process, killed
def test_killing_ingest_midway_loses_nothing_that_was_committed(home, tmp_path):
    """SIGKILL a real `assistant ingest` process once its first document is stored, in a
    folder of 40 notes, a readable encrypted PDF and two PDFs it must skip."""
    folder = tmp_path / "many"
    folder.mkdir()
    rng = np.random.default_rng(0)
    words = "alpha boiler garden invoice kettle ladder meter notice parcel quota rent".split()
    for n in range(40):
        paragraphs = [
            " ".join(rng.choice(words, 120)) + f" document {n} part {p}." for p in range(8)
        ]
        (folder / f"doc{n:02}.md").write_text(f"# Doc {n}\n\n" + "\n\n".join(paragraphs))
    pdfs = Path(__file__).parent / "data" / "pdf"
    for name in ("encryption__r6-empty-password.pdf", "crazyones-truncated.pdf"):
        shutil.copy(pdfs / name, folder / name)
    shutil.copy(pdfs / "encryption__r4-aes-user-password.pdf", folder / "locked.pdf")
    env = {**os.environ, "ASSISTANT_HOME": str(home)}
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant", "ingest", str(folder), "--json"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    database = home / "assistant.db"
    deadline = time.monotonic() + 120
    committed = 0
    while time.monotonic() < deadline and process.poll() is None:
        if database.exists():
            try:
                with sqlite3.connect(database, timeout=1) as db:
                    committed = db.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                committed = 0  # schema not created yet
        if committed >= 1:
            break
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 1 <= committed < 41, "the process should die partway through"

    library = _library(home)
    _whole(library)  # the index is rebuilt from what was committed
    done = library.corpus.counts()["documents"]
    assert done < 41
    report = ingest(library, [folder])
    assert len(report.unchanged) == done and len(report.added) == 41 - done
    assert sorted(Path(p).name for p, _ in report.skipped) == [
        "crazyones-truncated.pdf",
        "locked.pdf",
    ]
    _whole(library)
    assert library.corpus.counts()["documents"] == 41
    _whole(_library(home))  # and the index saved at the end agrees


def test_facts_read_from_a_document_follow_the_document(home, tmp_path):
    from knowledge.facts import FactStore
    from knowledge.graph import KnowledgeGraph

    doc = tmp_path / "team.md"
    doc.write_text("# Team\n\nRachel Adeyemi reports to Martin Keogh. The kitchen is tidy.\n")
    library = _library(home)
    ingest(library, [doc])
    facts = [f for f in FactStore(library.store).current() if f.source == "document"]
    assert [(f.subject, f.relation, f.object) for f in facts] == [
        ("Rachel Adeyemi", "reports_to", "Martin Keogh")
    ]
    chunk_id = facts[0].chunk_id
    assert chunk_id in library.corpus.chunk_ids(facts[0].document_id or 0)
    answer = KnowledgeGraph(FactStore(library.store)).answer("who does Rachel Adeyemi report to?")
    assert answer is not None and "Martin Keogh" in answer.text
    assert answer.path[0].origin.startswith("team.md")

    doc.write_text("# Team\n\nRachel Adeyemi reports to Nadia Osei.\n")
    ingest(library, [doc])
    current = [(f.subject, f.object) for f in FactStore(library.store).current()]
    assert current == [("Rachel Adeyemi", "Nadia Osei")]

    forget(library, doc)
    assert FactStore(library.store).current() == []

"""The fact store on real SQLite: dedupe, contradictions with history, forgetting, imports."""

import json
import time

import pytest

from knowledge.facts import FactImportError, FactStore
from knowledge.relations import Triple


@pytest.fixture
def facts(store):
    return FactStore(store)


def current(facts):
    return {(f.subject, f.relation, f.object) for f in facts.current()}


def add_document(store, path="/docs/org.md"):
    with store.transaction() as db:
        cursor = db.execute(
            "INSERT INTO documents (path, title, size, mtime, sha1, ingested_at)"
            " VALUES (?, 'org', 1, 0, 'x', 0)",
            (path,),
        )
        return cursor.lastrowid


def test_restating_a_current_fact_does_not_duplicate_it(facts):
    first = facts.add(Triple("Alice", "sister", "Bob"), origin="told")
    again = facts.record(Triple("alice", "sister", "bob"))
    assert again.duplicate and again.fact.id == first.id
    assert facts.stats()["facts"] == 1


def test_entities_match_without_case_or_leading_article(facts):
    facts.add(Triple("The Desk Lamp", "located_in", "the office", "in"))
    recorded = facts.record(Triple("desk lamp", "located_in", "Office", "in"))
    assert recorded.duplicate
    assert recorded.fact.subject == "The Desk Lamp"  # the display name is kept as first stated


def test_a_functional_relation_keeps_one_current_value_and_the_history(facts):
    old = facts.add(Triple("me", "locker code", "1234"))
    recorded = facts.record(Triple("me", "locker code", "4312"))
    assert [f.id for f in recorded.replaced] == [old.id]
    assert current(facts) == {("me", "locker code", "4312")}
    history = facts.history("me", "locker code")
    assert [(f.object, f.superseded_by) for f in history] == [
        ("1234", recorded.fact.id),
        ("4312", None),
    ]
    stats = facts.stats()
    assert (stats["current"], stats["superseded"]) == (1, 1)


def test_non_functional_relations_accumulate(facts):
    facts.add(Triple("me", "sister", "Alice"))
    facts.add(Triple("me", "sister", "Carol"))
    assert current(facts) == {("me", "sister", "Alice"), ("me", "sister", "Carol")}


def test_symmetric_restatement_is_a_duplicate(facts):
    facts.add(Triple("Alice", "married_to", "Bob"))
    assert facts.record(Triple("Bob", "married_to", "Alice")).duplicate


def test_user_facts_outrank_document_facts_whatever_their_age(store, facts):
    doc = add_document(store)
    facts.add(Triple("Alice", "reports_to", "Dan"), "document", document_id=doc, chunk_id=7)
    user = facts.add(Triple("Alice", "reports_to", "Bob"), "user")
    later = facts.record(Triple("Alice", "reports_to", "Erin"), "document", document_id=doc)
    assert later.fact.superseded_by == user.id and later.replaced == []
    assert current(facts) == {("Alice", "reports_to", "Bob")}
    # The user restating a document's fact takes it over.
    facts.add(Triple("Carol", "reports_to", "Bob"), "document", document_id=doc)
    assert not facts.record(Triple("Carol", "reports_to", "Bob"), "user").duplicate
    assert {f.source for f in facts.current() if f.subject == "Carol"} == {"user"}


def test_deleting_a_document_drops_its_facts_and_brings_back_what_they_replaced(store, facts):
    first, second = add_document(store, "/a.md"), add_document(store, "/b.md")
    facts.add(Triple("Atlas", "located_in", "Bristol"), "document", document_id=first)
    facts.add(Triple("Atlas", "located_in", "Leeds"), "document", document_id=second)
    assert current(facts) == {("Atlas", "located_in", "Leeds")}
    version = facts.version()
    with store.transaction() as db:
        db.execute("DELETE FROM documents WHERE id=?", (second,))
    assert facts.version() != version  # cascades bump the stamp too
    assert current(facts) == {("Atlas", "located_in", "Bristol")}
    assert facts.remove_document(first) == 1 and current(facts) == set()


def test_forget_a_relation_retracts_its_history_too(facts):
    facts.add(Triple("me", "locker code", "1234"))
    facts.add(Triple("me", "locker code", "4312"))
    facts.add(Triple("me", "sister", "Alice"))
    gone = facts.forget("me", "locker code")
    assert sorted(f.object for f in gone) == ["1234", "4312"]
    assert current(facts) == {("me", "sister", "Alice")}
    assert all(f.retracted_at for f in facts.history("me", "locker code"))
    assert facts.forget("me", "locker code") == []


def test_history_of_everything(facts):
    facts.add(Triple("me", "locker code", "1234"))
    facts.add(Triple("Alice", "reports_to", "Bob"))
    assert [f.object for f in facts.history()] == ["1234", "Bob"]
    assert [f.object for f in facts.history(relation_name="reports to")] == ["Bob"]


def test_forget_one_value_does_not_resurrect_the_older_one(facts):
    facts.add(Triple("me", "locker code", "1234"))
    facts.add(Triple("me", "locker code", "4312"))
    assert [f.object for f in facts.forget("me", "locker code", "4312")] == ["4312"]
    assert current(facts) == set()


def test_forget_everything_about_an_entity_includes_facts_naming_it(facts):
    facts.add(Triple("me", "sister", "Alice"))
    facts.add(Triple("Alice", "reports_to", "Bob"))
    facts.add(Triple("Carol", "reports_to", "Bob"))
    assert len(facts.forget("alice")) == 2
    assert current(facts) == {("Carol", "reports_to", "Bob")}


def test_aliases_name_the_same_entity(facts):
    facts.add(Triple("Alice", "email", "a@example.com"))
    facts.add_alias("Al", "Alice")
    recorded = facts.record(Triple("Al", "email", "al@example.com"))
    assert [f.object for f in recorded.replaced] == ["a@example.com"]
    assert facts.aliases() == {"al": "alice"}
    assert [f.object for f in facts.history("AL", "email")] == ["a@example.com", "al@example.com"]
    assert len(facts.forget("Al")) == 2


def test_version_changes_with_every_change(facts):
    stamps = [facts.version()]
    fact = facts.add(Triple("me", "locker code", "1"))
    stamps.append(facts.version())
    facts.add(fact.triple)  # a duplicate changes nothing
    assert facts.version() == stamps[-1]
    facts.add_alias("locker", "my locker")
    stamps.append(facts.version())
    facts.forget("me")
    stamps.append(facts.version())
    assert len(set(stamps)) == 4


def test_provenance_is_kept(store, facts):
    doc = add_document(store)
    before = time.time()
    fact = facts.add(
        Triple("Rachel", "leads", "Platform"), "document", document_id=doc, chunk_id=3, origin="s"
    )
    assert (fact.source, fact.document_id, fact.chunk_id, fact.origin) == ("document", doc, 3, "s")
    assert fact.ts >= before and fact.as_dict()["relation"] == "leads"
    user = facts.add(Triple("me", "sister", "Alice"), turn_id=None, origin="Alice is my sister")
    assert user.source == "user" and user.origin == "Alice is my sister"
    with pytest.raises(ValueError, match="source must be one of"):
        facts.add(Triple("a", "b", "c"), "rumour")


def test_import_csv_canonicalises_relations_and_notes_the_line(tmp_path, facts):
    path = tmp_path / "people.csv"
    path.write_text(
        "subject,relation,object,source\n"
        "Carol,reports to,Bob,HR sheet\n"
        "Alice,manager,Bob,\n"
        "Bob,report,Dan,\n"
        "me,Phone,555 0100,\n"
    )
    report = facts.import_file(path)
    assert (report.added, report.unchanged) == (4, 0)
    assert current(facts) == {
        ("Carol", "reports_to", "Bob"),
        ("Alice", "reports_to", "Bob"),
        ("Dan", "reports_to", "Bob"),
        ("me", "phone number", "555 0100"),
    }
    carol = next(f for f in facts.current() if f.subject == "Carol")
    assert (carol.source, carol.origin) == ("import", "people.csv line 2 (HR sheet)")
    assert report.summary() == "imported 4 facts from people.csv"
    assert report.as_dict() == {"path": str(path), "added": 4, "unchanged": 0}
    again = facts.import_file(path)  # importing again adds nothing
    assert again.unchanged == 4 and again.summary().endswith("(4 already known)")


def test_import_json_and_jsonl(tmp_path, facts):
    listed = tmp_path / "facts.json"
    listed.write_text(json.dumps([{"subject": "Alice", "relation": "sister", "object": "me"}]))
    lines = tmp_path / "facts.jsonl"
    lines.write_text('{"subject": "Bob", "relation": "works_at", "object": "Acme"}\n\n')
    assert facts.import_file(listed).added == 1 and facts.import_file(lines).added == 1
    assert current(facts) == {("Alice", "sister", "me"), ("Bob", "works_at", "Acme")}


def test_bad_rows_are_named_by_line_and_nothing_is_imported(tmp_path, facts):
    path = tmp_path / "bad.csv"
    path.write_text("subject,relation,object\nAlice,sister,me\nBob,,Dan\nCarol,reports to\n")
    with pytest.raises(FactImportError) as caught:
        facts.import_file(path)
    assert caught.value.problems == ["line 3: missing relation", "line 4: missing object"]
    assert "bad.csv: 2 bad row(s), nothing imported" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert facts.stats()["facts"] == 0


def test_bad_json_items_report_their_line(tmp_path, facts):
    path = tmp_path / "bad.json"
    path.write_text(
        '[\n  {"subject": "Alice", "relation": "sister", "object": "me"},\n  {"subject": "Bob"},\n  7\n]'
    )
    with pytest.raises(FactImportError) as caught:
        facts.import_file(path)
    assert caught.value.problems == [
        "line 3: missing relation",
        "line 4: expected an object with subject, relation and object",
    ]
    broken = tmp_path / "broken.json"
    broken.write_text('[{"subject": "Alice",\n "relation": }]')
    with pytest.raises(FactImportError, match=r"broken.json line 2: not valid JSON"):
        facts.import_file(broken)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.csv", "who,what\na,b\n", "header must name subject, relation and object"),
        ("x.txt", "Alice is my sister", "facts files are .csv, .json or .jsonl"),
        ("x.json", '{"subject": "a"}', "expected a JSON list of facts"),
    ],
)
def test_unusable_files_are_refused_with_one_line(tmp_path, facts, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(FactImportError, match=message):
        facts.import_file(path)

"""The remember skill over a real store: confirmations, replacements, forgetting, refusals."""

import pytest

from assistant.skill import Request
from knowledge.facts import FactStore
from knowledge.graph import KnowledgeGraph
from skills.remember import Remember
from tests.helpers import skill_context


@pytest.fixture
def say(store):
    skill = Remember(skill_context(store))

    def send(text: str, confirmed: bool = False):
        request = Request(text=text, intent="remember", confidence=0.9, confirmed=confirmed)
        return skill.handler("remember")(request)

    return send


def current(store):
    return {(f.subject, f.relation, f.object) for f in FactStore(store).current()}


def test_a_fact_is_stored_and_confirmed_in_second_person(say, store):
    reply = say("remember that Alice is my sister")
    assert reply.text == "OK, I'll remember that Alice is your sister."
    assert current(store) == {("me", "sister", "Alice")}
    (entry,) = reply.data["facts"]
    assert entry["triple"] == ["me", "sister", "Alice"] and entry["replaced"] == []
    assert reply.data["status"] == "stored"
    assert reply.actions == [{"type": "fact.stored", **entry}]
    fact = FactStore(store).current()[0]
    assert (fact.id, fact.source, fact.origin) == (
        entry["id"],
        "user",
        "remember that Alice is my sister",
    )


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("my locker code is 4312", "OK, I'll remember that your locker code is 4312."),
        ("the desk lamp is in the office", "OK, I'll remember that the desk lamp is in the office."),
        ("i put my keys in the drawer", "OK, I'll remember that your keys are in the drawer."),
        ("Carol reports to Bob", "OK, I'll remember that Carol reports to Bob."),
        ("Dr. Patel is my dentist", "OK, I'll remember that Dr. Patel is your dentist."),
        ("remember i'm allergic to penicillin", "OK, I'll remember that you are allergic to penicillin."),
        ("fyi Alice is my sister and Bob is my brother", "OK, I'll remember that Alice is your sister and Bob is your brother."),
    ],
)  # fmt: skip
def test_confirmations(say, text, reply):
    assert say(text).text == reply


def test_a_replaced_value_is_reported(say, store):
    say("my locker code is 1234")
    reply = say("my locker code is 4312")
    assert reply.text == "Noted: your locker code is 4312 (it was 1234 before)."
    assert len(reply.data["facts"][0]["replaced"]) == 1
    assert current(store) == {("me", "locker code", "4312")}
    assert len(FactStore(store).history("me", "locker code")) == 2


def test_restating_is_acknowledged_without_a_copy(say, store):
    say("Alice is my sister")
    reply = say("just so you know, Alice is my sister")
    assert reply.text == "I already knew that Alice is your sister."
    assert reply.data["status"] == "known" and reply.actions == []
    assert FactStore(store).stats()["facts"] == 1


def test_roles_resolve_to_the_person_already_known(say, store):
    say("Alice is my sister")
    say("my sister's birthday is june 3rd")
    assert ("Alice", "birthday", "june 3rd") in current(store)
    assert (
        KnowledgeGraph(FactStore(store)).answer("when is alice's birthday").text
        == "Alice's birthday is june 3rd."
    )


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("forget my locker code", {("me", "sister", "Alice"), ("Alice", "email", "a@example.com")}),
        ("forget that Alice is my sister", {("me", "locker code", "4312"), ("Alice", "email", "a@example.com")}),
        ("forget what I told you about Alice", {("me", "locker code", "4312")}),
        ("please forget my sister's email", {("me", "locker code", "4312"), ("me", "sister", "Alice")}),
    ],
)  # fmt: skip
def test_forgetting(say, store, text, left):
    for fact in ["Alice is my sister", "my locker code is 4312", "Alice's email is a@example.com"]:
        say(fact)
    reply = say(text)
    if reply.question is not None:  # everything about someone: asked first, forgotten on yes
        assert reply.text == "Forget all 2 things I know about Alice?"
        assert len(current(store)) == 3
        reply = say(text, confirmed=True)
    assert reply.text.startswith("OK, I've forgotten that ")
    assert reply.data["status"] == "forgotten"
    assert {a["type"] for a in reply.actions} == {"fact.forgotten"}
    assert current(store) == left


def test_forgetting_a_value_reads_back_the_current_one(say):
    say("my locker code is 1234")
    say("my locker code is 4312")
    reply = say("forget my locker code")
    assert reply.text == "OK, I've forgotten that your locker code is 4312."
    assert len(reply.actions) == 2  # the replaced value went too


def test_nothing_to_forget_is_said_plainly(say):
    reply = say("forget my locker code")
    assert reply.text == "I didn't have your locker code to forget."
    assert say("forget Zebediah").text == "I didn't have anything about Zebediah to forget."


@pytest.mark.parametrize("text", ["it is raining", "my dog"])
def test_an_unreadable_fact_stores_nothing(say, store, text):
    reply = say(text)
    assert reply.text.startswith("I couldn't tell what fact to keep")
    assert "Alice is my sister" in reply.text
    assert reply.data == {"status": "not_understood"} and reply.actions == []
    assert FactStore(store).stats()["facts"] == 0


@pytest.mark.parametrize("text", ["remember that", "remember this for me please", "note this down"])
def test_a_lead_in_without_a_fact_asks_for_it_and_stores_nothing(say, store, text):
    reply = say(text)
    assert reply.text == "What should I remember?" and reply.data == {"status": "asking"}
    assert (reply.question.kind, reply.question.slot) == ("slot", "fact")
    assert reply.actions == [] and FactStore(store).stats()["facts"] == 0


def test_the_graph_sees_what_the_skill_stored(say, store):
    say("Bob is Alice's manager")
    say("Alice is my sister")
    assert (
        KnowledgeGraph(FactStore(store))
        .answer("who is my sister's manager")
        .text.startswith("Your sister's manager is Bob")
    )


def test_forgetting_everything_about_someone_asks_first_unless_it_is_one_fact(say, store):
    say("Bob is my brother")
    assert say("forget everything about Bob").text.startswith("OK, I've forgotten that ")
    say("Alice is my sister")
    say("Alice's email is a@example.com")
    asked = say("forget everything about Alice")
    assert (asked.question.kind, asked.question.declined) == ("confirm", "OK, I'll keep them.")
    assert asked.data["status"] == "confirming" and asked.actions == []
    assert len(current(store)) == 2  # nothing forgotten until the user says yes

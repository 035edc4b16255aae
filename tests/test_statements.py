"""Statements and documents into triples: every pattern, the lead-ins, and what is refused."""

import pytest

from assistant.slots.values import SLOT_VALUES
from assistant.templates import expand
from knowledge.relations import Triple
from knowledge.statements import (
    EmptyStatement,
    ForgetRequest,
    StatementError,
    extract_from_text,
    parse_forget,
    parse_statement,
    strip_lead_ins,
)
from skills.remember import Remember


def t(subject: str, relation: str, obj: str, qualifier: str = "") -> Triple:
    return Triple(subject, relation, obj, qualifier)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Alice is my sister", [t("me", "sister", "Alice")]),
        ("my sister is Alice", [t("me", "sister", "Alice")]),
        ("Dr. Nakamura is my GP", [t("me", "doctor", "Dr. Nakamura")]),
        ("Bob is my boss", [t("me", "reports_to", "Bob")]),
        ("Bob is Alice's manager", [t("Alice", "reports_to", "Bob")]),
        ("Alice's manager is Bob", [t("Alice", "reports_to", "Bob")]),
        ("Carol is the head of sales", [t("Carol", "leads", "sales")]),
        ("my locker code is 4312", [t("me", "locker code", "4312")]),
        ("the wifi password is hunter2", [t("me", "wifi password", "hunter2")]),
        ("our anniversary is on june 4th", [t("me", "anniversary", "june 4th")]),
        ("Bob's birthday is on march 3rd", [t("Bob", "birthday", "march 3rd")]),
        ("Sean O'Neil's email is sean.oneil@example.com", [t("Sean O'Neil", "email", "sean.oneil@example.com")]),
        ("Jin's mobile is 555 0199", [t("Jin", "phone number", "555 0199")]),
        ("the code for the garage is 4471", [t("the garage", "code", "4471")]),
        ("Carol reports to Bob", [t("Carol", "reports_to", "Bob")]),
        ("Bob manages Carol", [t("Carol", "reports_to", "Bob")]),
        ("Alice is in charge of project atlas", [t("Alice", "leads", "project atlas")]),
        ("the desk lamp is in the office", [t("the desk lamp", "located_in", "the office", "in")]),
        ("the office is on the ground floor", [t("the office", "located_in", "the ground floor", "on")]),
        ("the spare key is under the mat", [t("the spare key", "located_in", "the mat", "under")]),
        ("Dr. Nakamura's clinic is on 4th street", [t("Dr. Nakamura's clinic", "located_in", "4th street", "on")]),
        ("Alice just moved to Denver", [t("Alice", "located_in", "Denver", "in")]),
        ("the kitchen is part of the ground floor", [t("the kitchen", "part_of", "the ground floor")]),
        ("the office is a room", [t("the office", "is_a", "room")]),
        ("Alice works at the hospital", [t("Alice", "works_at", "the hospital")]),
        ("Priya works in accounting", [t("Priya", "works_in", "accounting")]),
        ("Alice lives in Denver", [t("Alice", "lives_in", "Denver")]),
        ("I put my keys in the drawer", [t("my keys", "located_in", "the drawer", "in")]),
        ("i left my wallet at the office", [t("my wallet", "located_in", "the office", "at")]),
        ("I parked on level 3", [t("my car", "located_in", "level 3", "on")]),
        ("i lent the drill to Bob", [t("the drill", "lent_to", "Bob")]),
        ("Ben is allergic to peanuts and shellfish", [t("Ben", "allergic_to", "peanuts"), t("Ben", "allergic_to", "shellfish")]),
        ("i'm allergic to penicillin", [t("me", "allergic_to", "penicillin")]),
        ("Sean O'Neil prefers to be called Sam", [t("Sean O'Neil", "prefers", "to be called Sam")]),
        ("Alice is married to Bob", [t("Alice", "married_to", "Bob")]),
        ("my blood group is A positive", [t("me", "blood group", "A positive")]),
        ("the boiler was serviced in May", [t("the boiler", "was_serviced_in", "May")]),
        ("Alice is my sister and Bob is my brother", [t("me", "sister", "Alice"), t("me", "brother", "Bob")]),
    ],
)  # fmt: skip
def test_each_statement_pattern(text, expected):
    assert parse_statement(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "remember that my locker code is 4312",
        "please note my locker code is 4312",
        "note to self my locker code is 4312",
        "fyi my locker code is 4312",
        "just so you know, my locker code is 4312",
        "keep in mind that my locker code is 4312",
        "ok so um remember that my locker code is 4312 ok",
        "heads up, my locker code is 4312, keep that in mind",
        "so i just want to let you know that my locker code is 4312, could you keep that somewhere",
        "i want you to remember something my locker code is 4312",
        "mental note: my locker code is 4312",
        "save the fact that my locker code is 4312",
    ],
)
def test_lead_ins_and_trailers_are_stripped(text):
    assert strip_lead_ins(text) == "my locker code is 4312"
    assert parse_statement(text) == [t("me", "locker code", "4312")]


@pytest.mark.parametrize(
    "text",
    ["hello there", "it is raining", "he is my brother", "remember that", "what is my locker code"],
)
def test_no_fact_is_a_clear_failure(text):
    with pytest.raises(StatementError):
        parse_statement(text)


def test_every_remember_example_parses_as_a_fact_or_a_forget_request():
    """...or is only a lead-in ("remember this"), which the skill answers by asking."""
    values = {**SLOT_VALUES, **Remember.slot_values}
    failed, lead_ins = [], []
    for template in Remember.intent_specs()[0].examples:
        for example in expand(template, "remember", values, per_template=3):
            if parse_forget(example.text) is not None:
                continue
            try:
                parse_statement(example.text)
            except EmptyStatement:
                lead_ins.append(example.text)
            except StatementError:
                failed.append(example.text)
    assert failed == []
    assert {"remember this", "take a note", "keep this in mind"} <= set(lead_ins)
    assert all(len(text.split()) <= 6 for text in lead_ins)  # no fact hiding in a lead-in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("forget my locker code", [ForgetRequest("me", "locker code")]),
        ("forget Alice's email", [ForgetRequest("Alice", "email")]),
        ("forget alice's manager", [ForgetRequest("alice", "reports_to")]),
        ("forget that Alice is my sister", [ForgetRequest("me", "sister", "Alice")]),
        ("please forget what I told you about Alice", [ForgetRequest("Alice")]),
        ("forget where I put the keys", [ForgetRequest("the keys", "located_in")]),
        ("forget Bob", [ForgetRequest("Bob")]),
        ("Alice is my sister", None),
        ("don't forget that Alice is my sister", None),
    ],
)
def test_forget_requests(text, expected):
    assert parse_forget(text) == expected


def test_documents_yield_plain_facts_only():
    text = (
        "The Data Platform team is led by Rachel Adeyemi, Head of Data Platform, who reports to"
        " the Chief Technology Officer, Martin Keogh. Dr. Nakamura is a dentist based in Bristol."
        " The kitchen is on the third floor and free breakfast is served there. Lukas Brandt"
        " reports to Rachel Adeyemi. Project Atlas is part of the Forecasting Programme.\n"
        "It is a good idea to arrive early. He is a senior engineer. This is a test. We are"
        " located in Bristol. Please remember that the deposit is due."
    )
    assert extract_from_text(text) == [
        t("Rachel Adeyemi", "leads", "Data Platform team"),
        t("Rachel Adeyemi", "reports_to", "Martin Keogh"),
        t("Dr. Nakamura", "is_a", "dentist"),
        t("kitchen", "located_in", "third floor", "on"),
        t("Lukas Brandt", "reports_to", "Rachel Adeyemi"),
        t("Project Atlas", "part_of", "Forecasting Programme"),
    ]


def test_document_text_never_produces_the_users_own_facts():
    text = "Remember that my locker code is 1111. I put the keys in the drawer. You report to Bob."
    assert extract_from_text(text) == []

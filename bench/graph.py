"""Knowledge graph at 100k facts: bulk insert, graph load, and question latency by kind.

A synthetic organisation and estate: people with managers, e-mails, phones and teams;
sites → buildings → floors → rooms → things. Every question is answered from the graph
(or, for the document-style control, correctly refused) and timed end to end.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from report import percentile, publish

from assistant.store import Store
from knowledge.facts import FactStore
from knowledge.graph import KnowledgeGraph
from knowledge.relations import Triple

FACTS = 100_000
QUERIES = 200  # per kind
FIRST = "ada alan alice amir ana ben bea carl cara dan dina eli emma finn gia hal ida ivan jade jin kai lea liam mia nia noor omar pia raj rosa sam tara ugo vera wes xena yan zoe".split()
LAST = "adams baker chen diaz evans fox garcia hill ito jones khan lee moss nair olsen park quinn reyes silva tanaka usman vance wong xu young zhou".split()


def people(count: int) -> list[str]:
    names = [f"{first.title()} {last.title()}" for first in FIRST for last in LAST]
    extra = [f"{n} {i}" for i in range(2, count // len(names) + 2) for n in names]
    return (names + extra)[:count]


def synthetic() -> tuple[list[Triple], dict[str, list[str]]]:
    """About FACTS triples, and the names to ask about."""
    rng = random.Random(7)
    staff = people(FACTS // 5)
    triples: list[Triple] = []
    for i, person in enumerate(staff):
        if i:  # a tree: everyone but the first reports to someone earlier
            triples.append(Triple(person, "reports_to", staff[rng.randrange(i // 3, i)]))
        slug = person.lower().replace(" ", ".")
        triples.append(Triple(person, "email", f"{slug}@example.com"))
        triples.append(Triple(person, "phone number", f"555 {i:05d}"))
        triples.append(Triple(person, "works_in", f"team {i % 200}"))
    managers = sorted({t.object for t in triples if t.relation == "reports_to"})
    floors, rooms, things = [], [], []
    for site in range(10):
        for building in range(5):
            b = f"building {site}-{building}"
            triples.append(Triple(b, "located_in", f"site {site}", "on"))
            for floor in range(6):
                f = f"floor {floor} of {b}"
                floors.append(f)
                triples.append(Triple(f, "located_in", b, "in"))
                for room in range(8):
                    r = f"room {site}{building}{floor}{room}"
                    rooms.append(r)
                    triples += [Triple(r, "located_in", f, "on"), Triple(r, "is_a", "room")]
    while len(triples) < FACTS - 3:
        thing = f"asset {len(things):06d}"
        things.append(thing)
        triples.append(Triple(thing, "located_in", rng.choice(rooms), "in"))
    triples += [
        Triple("me", "sister", staff[123]),
        Triple("me", "locker code", "4312"),
        Triple("me", "reports_to", staff[40]),
    ]
    return triples, {"staff": staff, "managers": managers, "floors": floors, "things": things}


def timed(ask: Callable[[str], object], questions: list[str]) -> tuple[list[float], int]:
    latencies, answered = [], 0
    for question in questions:
        started = time.perf_counter()
        answered += ask(question) is not None
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies, answered


def main() -> None:
    rng = random.Random(11)
    triples, names = synthetic()
    store = Store(Path(tempfile.mkdtemp(prefix="bench-graph-")) / "assistant.db")
    facts = FactStore(store)
    started = time.perf_counter()
    facts.add_many(triples, "import")
    insert_s = time.perf_counter() - started
    graph = KnowledgeGraph(facts)
    started = time.perf_counter()
    graph.refresh()
    load_s = time.perf_counter() - started

    staff, managers = names["staff"], names["managers"]
    floors, things = names["floors"], names["things"]

    def pick(items: list[str]) -> str:
        return items[rng.randrange(len(items))]

    def misspelt(name: str) -> str:
        first, rest = name.split(" ", 1)
        return f"{first[:-1] + ('x' if first[-1] != 'x' else 'y')} {rest}"

    kinds: dict[str, list[str]] = {
        "attribute (my locker code)": ["what's my locker code"] * QUERIES,
        "multi-hop (X's manager's email)": [f"what is {pick(staff[1:])}'s manager's email" for _ in range(QUERIES)],
        "multi-hop (my sister's manager)": ["who is my sister's manager"] * QUERIES,
        "inverse (who reports to X)": [f"who reports to {pick(managers)}" for _ in range(QUERIES)],
        "transitive where (where is X)": [f"where is {pick(things)}" for _ in range(QUERIES)],
        "transitive check (is X in B)": [f"is {pick(things)} in building 3-2" for _ in range(QUERIES)],
        "transitive members (what is on F)": [f"what is on {pick(floors)}" for _ in range(QUERIES)],
        "describe, misspelt (who is X)": [f"who is {misspelt(pick(staff))}" for _ in range(QUERIES)],
        "document question (→ None)": ["how long is the notice period in the tenancy agreement"] * QUERIES,
    }  # fmt: skip
    rows = [
        {"measure": f"insert {len(triples):,} facts (s)", "p50": insert_s, "p99": "", "answered": ""},
        {"measure": "load graph (s)", "p50": load_s, "p99": "", "answered": ""},
    ]  # fmt: skip
    for kind, questions in kinds.items():
        latencies, answered = timed(graph.answer, questions)
        rows.append(
            {
                "measure": f"{kind} (ms)",
                "p50": percentile(latencies, 50),
                "p99": percentile(latencies, 99),
                "answered": f"{answered}/{len(questions)}",
            }
        )
    started = time.perf_counter()
    facts.add(Triple("me", "locker code", "9999"))
    graph.answer("what's my locker code")
    rows.append(
        {
            "measure": "one new fact → reload + answer (s)",
            "p50": time.perf_counter() - started,
            "p99": "",
            "answered": "",
        }
    )
    nodes, edges = graph.graph.number_of_nodes(), graph.graph.number_of_edges()
    publish(
        "graph", rows, f"{edges:,} current facts, {nodes:,} entities; {QUERIES} questions per kind"
    )
    store.close()


if __name__ == "__main__":
    main()

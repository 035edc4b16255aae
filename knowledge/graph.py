"""The knowledge graph: current facts as a networkx MultiDiGraph, linked to question text."""

from __future__ import annotations

import itertools
import threading

import networkx as nx
from rapidfuzz import fuzz, process

from knowledge.facts import Fact, FactStore
from knowledge.graph_answers import GraphAnswer, answer_query
from knowledge.questions import Step, parse, readings
from knowledge.relations import ME, entity_key, relation

__all__ = ["GraphAnswer", "Hit", "KnowledgeGraph"]

_FUZZY = 80  # rapidfuzz ratio a misspelt name needs: "alise" → Alice is 80, "bob" → "rob" 67
Hit = tuple[str, tuple[Fact, ...]]  # a node reached, and the facts that led there


class KnowledgeGraph:
    """Current facts in memory; reloads when the fact store's version changes."""

    def __init__(self, facts: FactStore):
        self.facts = facts
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()
        self._version = -1
        self._lock = threading.Lock()
        self._names: dict[str, str] = {}  # node, alias and unique name-token keys → node
        self._buckets: dict[str, list[str]] = {}  # first letter → keys, for fuzzy matching

    def answer(self, question: str) -> GraphAnswer | None:
        """An answer from the facts; None when the question names no known entity and
        relation, so documents (or the LLM) answer it instead."""
        self.refresh()
        for query in parse(question):
            found = answer_query(self, query)
            if found is not None:
                return found
        return None

    def refresh(self) -> None:
        """Reload if facts or aliases changed since the last load (one tiny query otherwise)."""
        version = self.facts.version()
        if version == self._version:
            return
        with self._lock:
            if version != self._version:
                self._load()
                self._version = version

    def _load(self) -> None:
        aliases = self.facts.aliases()
        display: dict[str, str] = {ME: ME}
        edges = []
        for fact in self.facts.current():
            ends = []
            for key, shown in ((fact.subject_key, fact.subject), (fact.object_key, fact.object)):
                key = aliases.get(key, key)
                held = display.setdefault(key, shown)
                if held.islower() and not shown.islower():  # prefer "Alice" to "alice"
                    display[key] = shown
                ends.append(key)
            edges.append((ends[0], ends[1], fact.id, {"fact": fact}))
        graph = nx.MultiDiGraph()
        graph.add_nodes_from((key, {"name": shown}) for key, shown in display.items())
        graph.add_edges_from(edges)
        tokens: dict[str, set[str]] = {}
        for key, shown in display.items():  # "rachel" → Rachel Adeyemi, when she is the only one
            words = shown.split()
            if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
                for word in words:
                    tokens.setdefault(word.lower().strip(".,"), set()).add(key)
        names = {t: next(iter(keys)) for t, keys in tokens.items() if len(keys) == 1}
        names |= {alias: target for alias, target in aliases.items() if target in display}
        names |= {key: key for key in display}
        buckets: dict[str, list[str]] = {}
        for key in names:
            buckets.setdefault(key[:1], []).append(key)
        self.graph, self._names, self._buckets = graph, names, buckets

    # --- linking text to nodes ---------------------------------------------------------------

    def link(self, phrase: str, fuzzy: bool = True) -> tuple[str, float] | None:
        """The node a phrase names, with a confidence; misspellings only when `fuzzy`."""
        key = entity_key(phrase)
        if key in self._names:
            node = self._names[key]
            return node, 1.0 if node == key or key not in self.graph else 0.9
        if (
            not fuzzy
            or len(key) < 4
            or key.startswith(("my ", "our "))
            or "'" in key
            or key.isdigit()
        ):
            return None
        # Only names sharing the first letter: a 100k-node lookup stays well under a millisecond.
        best = process.extractOne(
            key, self._buckets.get(key[:1], []), scorer=fuzz.ratio, score_cutoff=_FUZZY
        )
        return (self._names[best[0]], 0.95 * best[1] / 100) if best else None

    def start(self, phrase: str, fuzzy: bool = True) -> tuple[list[Hit], float]:
        """Nodes a phrase leads to, possessive chains followed ("my sister's manager")."""
        for entity, steps in readings(phrase):
            linked = self.link(entity, fuzzy=fuzzy and not steps)
            if linked is None:
                continue
            hits: list[Hit] = [(linked[0], ())]
            for step in steps:
                hits = self.follow(hits, step)
            if hits:
                return hits, linked[1]
        return [], 0.0

    def resolve(self, phrase: str) -> str | None:
        """The one entity a phrase like "my sister" stands for, by display name; else None."""
        self.refresh()
        hits, _ = self.start(phrase, fuzzy=False)
        nodes = {node for node, path in hits if path}
        return self.name(nodes.pop()) if len(nodes) == 1 else None

    def name(self, node: str) -> str:
        """A node's display name ("Alice", "the desk lamp", "me")."""
        return str(self.graph.nodes[node]["name"])

    # --- traversal ---------------------------------------------------------------------------

    def edges(self, node: str, rel_name: str, inverse: bool = False) -> list[tuple[Fact, str]]:
        """Facts of one relation at a node, each with the node at its other end."""
        symmetric = relation(rel_name).symmetric
        found: list[tuple[Fact, str]] = []
        if not inverse or symmetric:
            out = self.graph.out_edges(node, data="fact")
            found += [(f, o) for _, o, f in out if f.relation == rel_name]
        if inverse or symmetric:
            into = self.graph.in_edges(node, data="fact")
            found += [(f, s) for s, _, f in into if f.relation == rel_name]
        return found

    def follow(self, hits: list[Hit], step: Step) -> list[Hit]:
        """One step from every hit: "my sister" → Alice → (manager) → Bob."""
        reached: dict[str, tuple[Fact, ...]] = {}
        for node, path in hits:
            edges = self.edges(node, step.relation, step.inverse)
            if not edges and not step.inverse:  # "alice's number" → her "phone number"
                near = {
                    f.relation
                    for _, _, f in self.graph.out_edges(node, data="fact")
                    if f.relation.endswith(" " + step.relation)
                    or f.relation.startswith(step.relation + " ")
                }
                edges = self.edges(node, near.pop()) if len(near) == 1 else []
            for fact, other in edges:
                reached.setdefault(other, (*path, fact))
        return list(reached.items())

    def climb(self, node: str, rel_name: str, limit: int = 12) -> list[tuple[Fact, str]]:
        """Follow a functional transitive relation upwards: lamp → office → ground floor."""
        chain: list[tuple[Fact, str]] = []
        seen = {node}
        while len(chain) < limit:
            edges = self.edges(node, rel_name)
            if not edges or edges[0][1] in seen:
                break
            chain.append(edges[0])
            node = edges[0][1]
            seen.add(node)
        return chain

    def reach(self, node: str, rel_name: str, target: str, depth: int = 6) -> list[Fact]:
        """The facts leading from `node` to `target` along one relation, breadth first."""
        frontier: list[Hit] = [(node, ())]
        seen = {node}
        for _ in range(depth):
            step = [
                (n, p) for n, p in self.follow(frontier, Step(rel_name, False, "")) if n not in seen
            ]
            for reached, path in step:
                if reached == target:
                    return list(path)
            seen.update(n for n, _ in step)
            frontier = step
        return []

    def paths(self, a: str, b: str, limit: int = 3) -> list[list[Fact]]:
        """How two entities are connected: up to `limit` shortest chains of facts."""
        self.refresh()
        starts, ends = self.start(a)[0], self.start(b)[0]
        if not starts or not ends or starts[0][0] == ends[0][0]:
            return []
        view = self.graph.to_undirected(as_view=True)
        try:
            found = nx.all_shortest_paths(view, starts[0][0], ends[0][0])
            node_paths = list(itertools.islice(found, limit))
        except nx.NetworkXNoPath:
            return []
        return [[self._fact_between(u, v) for u, v in itertools.pairwise(p)] for p in node_paths]

    def _fact_between(self, u: str, v: str) -> Fact:
        data = self.graph.get_edge_data(u, v) or self.graph.get_edge_data(v, u)
        return min((d["fact"] for d in data.values()), key=lambda f: f.source == "document")

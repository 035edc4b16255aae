"""Services handed to skills: built once per assistant, replaceable by a test, failures named."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import EntryPoint

import numpy as np
import pytest

from assistant import plugins
from assistant.config import Config
from assistant.errors import ServiceError
from assistant.services import Services
from knowledge.ingest import ingest
from knowledge.retriever import search
from knowledge.service import Knowledge


class WordLengths:
    """A stand-in encoder: a text's vector counts its words by length (1–16 letters).

    The real MiniLM encoder is tested in test_retrieval.py; here the point is that the
    knowledge service uses whatever encoder it is handed, and that needs no model.
    """

    dimension = 16
    fingerprint = "word-lengths"

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.split():
                vectors[row, min(len(word), self.dimension) - 1] += 1
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-9)


def test_a_service_is_built_once_on_first_use_and_can_be_replaced(store):
    built = []
    services = Services(Config(), store, factories={"thing": lambda s: built.append(s) or object()})
    assert not services.built("thing")
    assert services.get("thing") is services.get("thing") and built == [services]
    services.provide("thing", "fake")
    assert services.get("thing") == "fake"


def test_unknown_and_broken_services_are_one_line_errors(store):
    broken = EntryPoint(name="maps", value="no_such_maps_module:Client", group=plugins.SERVICES)
    services = Services(Config(), store, factories={"maps": plugins._lazy(broken)})
    with pytest.raises(ServiceError, match=r"no service named 'weather' \(available: maps\)"):
        services.get("weather")
    with pytest.raises(ServiceError, match=r"'maps' .* could not be loaded: ModuleNotFoundError"):
        services.get("maps")


def test_service_code_is_imported_only_when_the_service_is_first_used():
    script = (
        "import sys; from assistant import plugins; names = sorted(plugins.service_factories()); "
        "print(' '.join(names), '|', 'knowledge.service' in sys.modules, 'finetune' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    names, imported = out.stdout.split("|")
    assert {"encoder", "knowledge", "learner", "llm"} <= set(names.split())
    assert imported.split() == ["False", "False"]


def test_two_assistants_never_share_a_service(store, tmp_path):
    from assistant.store import Store

    other = Store(tmp_path / "other.db")
    make = {"knowledge": Knowledge.from_services, "encoder": lambda s: WordLengths()}
    first, second = (
        Services(Config(), store, factories=make),
        Services(Config(), other, factories=make),
    )
    assert first.knowledge is first.knowledge and first.knowledge is not second.knowledge
    assert first.knowledge.library.store is store and second.knowledge.library.store is other
    other.close()


def test_knowledge_retrieves_with_the_encoder_it_is_handed(store, tmp_path):
    encoder = WordLengths()
    services = Services(Config(), store, factories={"knowledge": Knowledge.from_services})
    services.provide("encoder", encoder)
    (tmp_path / "bins.md").write_text("# Bins\n\nThe recycling goes out on Tuesday mornings.\n")
    (tmp_path / "boiler.md").write_text("# Boiler\n\nKeep the boiler pressure near 1.5 bar.\n")
    report = ingest(services.knowledge.library, [tmp_path / "bins.md", tmp_path / "boiler.md"])
    assert len(report.added) == 2 and encoder.calls >= 1
    hits = search(services.knowledge.library, "when does the recycling go out", k=1)
    assert hits[0].chunk.path.endswith("bins.md")
    assert services.knowledge.library.index.dimension == 16  # the fake's vectors, not MiniLM's

"""Shared fixtures: a tmp $ASSISTANT_HOME per test, one real intent model per run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# Derived files (the encoder's ONNX export, example embeddings) survive between runs here.
os.environ.setdefault("ASSISTANT_CACHE", str(REPO / ".cache" / "test"))
os.environ["ASSISTANT_HOME"] = str(REPO / ".cache" / "test-home-unset")  # each test sets its own


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    monkeypatch.setenv("ASSISTANT_HOME", str(path))
    for name in list(os.environ):
        if name.startswith("ASSISTANT_") and name not in {"ASSISTANT_HOME", "ASSISTANT_CACHE"}:
            monkeypatch.delenv(name)
    return path


@pytest.fixture(scope="session")
def intent_model():  # type: ignore[no-untyped-def]
    """The real prototype model over the built-in skills (MiniLM via ONNX Runtime)."""
    from assistant.core import Assistant

    assistant = Assistant.open(home=REPO / ".cache" / "test-model-home")
    model = assistant.load_model()
    assistant.close()
    return model


@pytest.fixture
def assistant(home: Path, intent_model):  # type: ignore[no-untyped-def]
    from assistant.core import Assistant

    instance = Assistant.open(home=home, model=intent_model)
    yield instance
    instance.close()


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A real SQLite store in a tmp dir, closed after the test."""
    from assistant.store import Store

    instance = Store(tmp_path / "a.db")
    yield instance
    instance.close()


@pytest.fixture
def session():  # type: ignore[no-untyped-def]
    from assistant.dialogue.session import Session

    return Session()


@pytest.fixture(scope="session")
def trained_home() -> Path:
    """A home whose current model is the default LoRA model trained on today's examples.

    Training takes a few minutes on 2 cores, so the result is kept in .cache/test keyed by
    the data hash: a run after a data change trains again, other runs reuse it.
    """
    from assistant.core import Assistant
    from assistant.nlu.encoder import resolve_model_dir
    from assistant.nlu.versions import ModelStore
    from finetune import dataset, pipeline
    from finetune.config import TrainConfig

    probe = Assistant.open(home=REPO / ".cache" / "test-model-home")
    config = TrainConfig()
    home = REPO / ".cache" / "test" / f"trained-{dataset.data_hash(probe.registry, config)}"
    store = ModelStore(home / "models")
    if pipeline.is_stale(probe.registry, store, config):
        pipeline.train_version(probe.registry, store, resolve_model_dir(), config, progress=False)
    probe.close()
    return home

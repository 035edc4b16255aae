"""The FAISS index: Flat below the threshold, IVF above, removals, atomic save and reload."""

from __future__ import annotations

import numpy as np

from knowledge.index import Stamp, VectorIndex


def _vectors(n: int, dim: int = 32, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_flat_search_is_exact_and_removal_hides_vectors():
    vectors = _vectors(200)
    index = VectorIndex(32, approx_threshold=1000)
    index.build(np.arange(1, 201), vectors)
    assert index.kind == "flat"
    best = index.search(vectors[41], 3)
    assert best[0][0] == 42 and abs(best[0][1] - 1.0) < 1e-5
    index.remove(np.array([42]))
    assert 42 not in [i for i, _ in index.search(vectors[41], 10)]
    assert len(index) == 199 and index.stamp == Stamp.of(np.setdiff1d(np.arange(1, 201), [42]))


def _clustered(n: int, dim: int = 32, seed: int = 1) -> np.ndarray:
    """Points around 60 topics, as real chunk embeddings are (uniform noise is no corpus)."""
    rng = np.random.default_rng(seed)
    centres = _vectors(60, dim, seed=100)  # the same topics for corpus and queries
    v = centres[rng.integers(0, 60, n)] + rng.normal(scale=0.08, size=(n, dim))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def test_past_the_threshold_an_ivf_index_answers_with_high_recall():
    vectors = _clustered(3000)
    ids = np.arange(10, 3010)
    index = VectorIndex(32, approx_threshold=1000)
    index.build(ids, vectors)
    assert index.kind == "ivf"
    queries = _clustered(50, seed=2)
    exact = np.argsort(-(queries @ vectors.T), axis=1)[:, :5] + 10
    found = [[i for i, _ in index.search(q, 5)] for q in queries]
    recall = np.mean([len(set(f) & set(e)) / 5 for f, e in zip(found, exact, strict=True)])
    assert recall >= 0.9
    index.remove(np.array([10, 11]))
    assert len(index) == 2998


def test_adding_past_the_threshold_asks_for_a_rebuild():
    index = VectorIndex(32, approx_threshold=100)
    index.build(np.arange(1, 91), _vectors(90))
    assert index.add(np.arange(91, 101), _vectors(10, seed=3)) is False
    assert len(index) == 100
    assert index.add(np.arange(101, 111), _vectors(10, seed=4)) is True
    assert len(index) == 100  # nothing added: the caller rebuilds from the database


def test_save_and_load_round_trip_keeps_ids_and_kind(tmp_path):
    vectors = _vectors(1500)
    index = VectorIndex(32, approx_threshold=1000)
    index.build(np.arange(5, 1505), vectors)
    path = tmp_path / "index" / "chunks.faiss"
    index.save(path)
    loaded = VectorIndex.load(path, approx_threshold=1000)
    assert loaded is not None
    assert loaded.kind == "ivf" and loaded.stamp == index.stamp
    assert loaded.search(vectors[0], 1)[0][0] == 5
    assert not list(path.parent.glob("*.tmp"))  # the temp file was renamed, not left behind


def test_a_truncated_or_foreign_file_loads_as_none(tmp_path):
    index = VectorIndex(32)
    index.build(np.arange(1, 51), _vectors(50))
    path = tmp_path / "chunks.faiss"
    index.save(path)
    path.write_bytes(path.read_bytes()[:-100])
    assert VectorIndex.load(path) is None
    path.write_bytes(b"not an index")
    assert VectorIndex.load(path) is None
    assert VectorIndex.load(tmp_path / "missing.faiss") is None

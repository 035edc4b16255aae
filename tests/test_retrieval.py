"""Retrieval and extractive answers on the project's QA corpus (knowledge/data/qa_eval).

The thresholds are below the measured numbers (see docs/benchmarks.md) so a regression
fails, not noise; `make bench` prints the exact figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.store import Store
from knowledge import answer, qa_eval
from knowledge.ingest import ingest
from knowledge.library import Library
from knowledge.retriever import search

CORPUS = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "qa_eval"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    home = tmp_path_factory.mktemp("qa-home")
    library = Library(Store(home / "assistant.db"), home / "index" / "chunks.faiss")
    ingest(library, [CORPUS / "docs"])
    return library


@pytest.fixture(scope="module")
def scores(library: Library) -> dict[str, dict[str, float]]:
    questions = qa_eval.load(CORPUS / "questions.jsonl")
    return {mode: qa_eval.retrieval(library, questions, mode) for mode in ("dense", "hybrid")}


@pytest.mark.slow  # the real encoder over the whole QA corpus
def test_hybrid_ranking_beats_dense_alone(scores):
    assert scores["hybrid"]["recall@1"] > scores["dense"]["recall@1"]
    assert scores["hybrid"]["recall@5"] >= scores["dense"]["recall@5"]
    assert scores["hybrid"]["recall@5"] >= 0.93


@pytest.mark.slow  # the real encoder over the whole QA corpus
def test_extractive_answers_hold_the_answer_string(library):
    result = qa_eval.answers(library, qa_eval.load(CORPUS / "questions.jsonl"))
    assert result["accuracy"] >= 0.65
    assert result["answered"] > 0


@pytest.mark.parametrize(
    "question",
    ["what's the capital of peru", "who invented the telephone", "how tall is mount everest"],
)
def test_off_topic_questions_get_no_answer(library, question):
    assert answer.answer(library, question) is None


def test_an_answer_cites_its_chunk(library):
    found = answer.answer(library, "who's rachel adeyemi's boss")
    assert found is not None
    assert found.hit.chunk.path.endswith("onboarding_guide.md")
    assert "Martin Keogh" in found.sentence
    assert found.sentence in found.hit.chunk.text  # verbatim from the cited chunk


def test_headings_give_context_to_a_sentence(library):
    """The line "Bake 35 minutes at 200 °C." only says which recipe through its heading."""
    found = answer.answer(library, "how long does mum's soda bread bake for")
    assert found is not None and "35 minutes" in found.sentence
    assert "Soda Bread" in found.hit.chunk.headings[-1]


def test_every_mode_returns_nothing_for_an_empty_question(library):
    for mode in ("hybrid", "dense", "lexical"):
        assert search(library, "   ", mode=mode) == []
    assert search(library, "the and of", mode="lexical") == []  # stopwords only


def test_questions_file_is_read_with_its_unanswerable_rows():
    rows = qa_eval.load(CORPUS / "questions.jsonl")
    assert sum(1 for r in rows if r["answer"] is None) == 10
    assert json.loads((CORPUS / "questions.jsonl").read_text().splitlines()[0])["question"]

"""Every snippet in the library runs and passes a check of its own, and what a user is shown
(the imports it needs, then the code) runs on its own."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest

from skills.snippet_library import Snippet, load

SNIPPETS = load()


def _check(snippet: Snippet):
    checks = importlib.import_module(f"tests.snippet_checks.{snippet.topic}").CHECKS
    return checks.get(snippet.name)


def test_the_library_is_big_enough_and_every_snippet_has_a_check() -> None:
    assert len(SNIPPETS) >= 150
    assert len({s.name for s in SNIPPETS}) == len(SNIPPETS), "snippet names must be unique"
    missing = [s.key for s in SNIPPETS if _check(s) is None]
    assert not missing, f"snippets without a check: {missing}"


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda s: s.key)
def test_snippet_passes_its_check(snippet: Snippet, tmp_path: Path) -> None:
    check = _check(snippet)
    module = importlib.import_module(f"skills.snippets.{snippet.topic}")
    target = getattr(module, snippet.name)
    if "tmp_path" in inspect.signature(check).parameters:
        check(target, tmp_path=tmp_path)
    else:
        check(target)


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda s: s.key)
def test_the_code_shown_is_self_contained(snippet: Snippet) -> None:
    namespace: dict = {}
    exec(compile(snippet.code, snippet.key, "exec"), namespace)
    assert snippet.name in namespace

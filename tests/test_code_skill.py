"""The code skill with no code model configured: the closest snippet from the library, or
"nothing fits" below the floor. Real MiniLM encoder; routing is the fresh home's model."""

from __future__ import annotations

from skills.snippet_search import SnippetSearch


def test_a_request_finds_its_snippet_and_a_foreign_one_finds_nothing(assistant) -> None:
    search = SnippetSearch(assistant.services.encoder)
    found = search.best("turn a blog post title into something I can put in a url")
    assert found is not None and found.snippet.name == "slugify"
    assert search.best("build me a react component with a dropdown menu") is None


def test_the_reply_says_no_model_is_configured_and_shows_the_code(assistant, session) -> None:
    turn = assistant.handle("write a python function that checks if a year is a leap year", session)
    assert turn.intent == "code", turn.intent
    assert "No code model is configured" in turn.reply.text
    assert turn.reply.data["snippet"] == "dates.is_leap_year"
    assert "def is_leap_year" in turn.reply.text

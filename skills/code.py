"""Writes, explains and fixes code."""

from __future__ import annotations

from assistant.skill import Reply, Request, Skill, intent
from assistant.slots import Choice, Text
from skills.pending import not_yet

LANGUAGES = (
    "python javascript typescript rust sql bash go java c++ c# ruby php kotlin swift".split()
)
SLOTS = {
    "language": Choice(values=tuple(LANGUAGES), aliases={"golang": "go"}),
    "task": Text(
        pattern=r"\b(?:write|create|generate|make|implement|code up|fix|explain|refactor|convert"
        r"|debug)\s+(?:me\s+)?(.+)"
    ),
}


class Code(Skill):
    """Write, explain or fix code."""

    keywords = ("code", "coding", "program", "programming", "function", "script")
    _search = None  # the snippet index, built on first use

    @intent(
        "code",
        description="write or explain code",
        slots=SLOTS,
        examples=[
            "write a {language} function that {code_task}",
            "how do I write code that {code_task} in {language}",
            "explain this {language} code",
            "fix this bug: ...",
            "what does this regex do",
            "convert this (loop|function) to {language}",
            "write a unit test for a function that {code_task}",
            "why does my {language} code throw a (KeyError|NullPointerException|TypeError)",
            "i need a {language} script that {code_task}",
            "can you code up something in {language} that {code_task}?",
            "give me a {language} snippet that {code_task}",
            "show me how to write a function that {code_task} [in {language}]",
            "what's wrong with this code",
            "debug this for me please",
            "why is this (loop|query) so slow",
            "refactor this {language} function to be more readable",
            "what's the difference between a list and a tuple in python",
            "how do I (install|import) a package in {language}",
            "write a sql query that (finds duplicate rows|counts orders per customer)",
            "write a bash one-liner to (rename all .txt files|find large files)",
            "port this code to {language}",
            "what does this error mean: (segmentation fault|index out of range|undefined is not a function)",
            "how do i read a csv file in {language}",
            "help me write a regex that matches (phone numbers|email addresses)",
            "add type hints to this function",
            "write a class in {language} that {code_task}",
            "whats the time complexity of this algorithm",
            "explain recursion with a {language} example",
            "is there a faster way to write a function that {code_task}",
            "my {language} build fails with (a linker error|a missing module error), what do i do",
            "review this code for bugs",
            "write a pyhton function that {code_task}",
            "ok so i've been trying to write a {language} function that {code_task} and it keeps returning the wrong thing can you help",
            "what does the yield keyword do in python",
            "how do I handle exceptions in {language}",
            "how do i reverse a string in {language}",
            "fix my code pls",
            "what does this stack trace mean",
            "what's a closure in javascript, explain it simply",
            "can you write me a dockerfile for a python app",
            "why am i getting a (merge conflict|404 from my flask route)",
            "write a function that {code_task}",
            "how do i center a div",
            "write a makefile for a c project",
            "what's the big o of quicksort",
            "sql to get the top 5 customers by revenue",
            "so i have this {language} script and whenever i run it it just hangs forever and i don't know why could you take a look",
            "can u explain async await",
            "pls write unit tests for this",
            "whats a segfault",
            "optimize this query",
            "write a git command to undo my last commit",
            "how do i parse json in {language}",
        ],
    )
    def code(self, req: Request) -> Reply:
        """Write or explain code: with no code model configured, the closest library snippet."""
        if self.context.service("llm") is not None:
            return not_yet("Code generation with the configured LLM", req)
        return self._from_library(req.text)

    def _from_library(self, text: str) -> Reply:
        from skills.snippet_search import SnippetSearch

        if self._search is None:
            self._search = SnippetSearch(self.context.service("encoder"))
        lead = ("No code model is configured (set [llm] backend in config.toml to write code);"
                " from the snippet library:")  # fmt: skip
        match = self._search.best(text)
        if match is None:
            return Reply(text=f"{lead} nothing in it fits that request.",
                         data={"snippet": None})  # fmt: skip
        snippet = match.snippet
        return Reply(
            text=f"{lead} {snippet.description} ({match.score:.0%} sure)\n\n"
            f"```python\n{snippet.code}```",
            data={"snippet": snippet.key, "score": round(match.score, 4), "code": snippet.code},
        )

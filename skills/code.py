"""Writes, explains and fixes code."""

from __future__ import annotations

from typing import Any

from assistant.dialogue.questions import confirm
from assistant.errors import InputError, LLMError, SandboxError
from assistant.llm import GenerationStopped
from assistant.skill import Reply, Request, Skill, intent
from assistant.slots import Choice, Text
from skills.code_check import check
from skills.code_drafts import Drafts
from skills.code_input import CodeRequest, read_request
from skills.code_writer import Transcript, Written, explain, write

NO_MODEL = "No code model is configured"

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
    _drafts_table: Drafts | None = None  # the code shown per session, opened on first use

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
        """Write, explain or fix code; offer to run Python in the sandbox, never run it unasked."""
        if req.confirmed:
            return self._run_draft(req)
        try:
            request = read_request(req.text)
        except InputError as exc:
            return Reply(text=str(exc), data={"error": str(exc)})
        language = request.language or req.slots.get("language") or "python"
        llm = self.context.llm
        if llm is None:
            return self._without_model(request, language)
        on_text = req.session.on_text if req.session is not None else None
        transcript = Transcript(on_text)
        max_tokens = max(self.context.config.llm.max_tokens, 512)
        try:
            if request.mode == "explain":
                explain(llm, request, language, max_tokens, transcript)
                return Reply(text=transcript.text.strip(), data={"mode": "explain"})
            written = write(llm, request, language, max_tokens, transcript)
        except GenerationStopped:
            return Reply(text=f"{transcript.text}\n(stopped)", data={"stopped": True})
        except LLMError as exc:  # the server is down: the library still helps
            fallback = self._from_library(request.instruction)
            fallback.text = f"The code model failed ({exc}).\n{fallback.text}"
            return fallback
        return self._written(req, written, language, request.mode)

    def _written(self, req: Request, written: Written, language: str, mode: str) -> Reply:
        data: dict[str, Any] = {
            "mode": mode,
            "language": language,
            "code": written.code,
            "check": {
                "ok": written.check.ok,
                "with": written.check.checked_with,
                "problems": written.check.problems,
            },
            "repaired": written.repaired,
        }
        text = f"{written.shown.rstrip()}\n\n{written.check.words()}"
        if written.code is None:
            return Reply(text=text, data=data)
        if req.session is not None:
            data["draft"] = self._drafts.save(req.session.id, language, written.code)
        if language != "python" or req.session is None or not written.check.ok:
            return Reply(text=text, data=data)  # only code that passed its check is offered
        question = confirm("Run it in the sandbox? (yes/no)", declined="OK, not running it.")
        return Reply(text=f"{text}\n{question.text}", data=data, question=question)

    def _run_draft(self, req: Request) -> Reply:
        draft = self._drafts.latest(req.session.id) if req.session is not None else None
        if draft is None:
            return Reply(text="There is no code from this conversation to run.")
        try:
            result = self.context.service("sandbox").run(draft.code, draft.language)
        except SandboxError as exc:
            return Reply(text=f"Not run: {exc}", data={"error": str(exc)})
        return Reply(
            text=result.summary(),
            data={"run": result.as_json(), "draft": draft.id},
            actions=[
                {
                    "kind": "code.run",
                    "draft": draft.id,
                    "exit_code": result.exit_code,
                    "isolation": result.isolation,
                }
            ],
        )

    @property
    def _drafts(self) -> Drafts:
        if self._drafts_table is None:
            self._drafts_table = Drafts(self.context.store)
        return self._drafts_table

    def _without_model(self, request: CodeRequest, language: str) -> Reply:
        if request.code is None:
            return self._from_library(request.instruction)
        found = check(request.code, language)
        return Reply(
            text=f"{NO_MODEL}, so I can't {request.mode} code; what the checks say: "
            f"{found.words()}",
            data={
                "mode": request.mode,
                "check": {"ok": found.ok, "with": found.checked_with, "problems": found.problems},
            },
        )

    def _from_library(self, text: str) -> Reply:
        from skills.snippet_search import SnippetSearch

        if self._search is None:
            self._search = SnippetSearch(self.context.service("encoder"))
        lead = f"{NO_MODEL} (set [llm] backend in config.toml to write code); from the snippet library:"
        match = self._search.best(text)
        if match is None:
            return Reply(text=f"{lead} nothing in it fits that request.",
                         data={"snippet": None})  # fmt: skip
        snippet = match.snippet
        return Reply(
            text=f"{lead} {snippet.description} ({match.score:.0%} sure)\n\n"
            f"```python\n{snippet.code}```",
            data={
                "snippet": snippet.key,
                "score": round(match.score, 4),
                "code": snippet.code,
                "language": "python",
            },
        )

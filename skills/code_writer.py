"""Code from the configured LLM: one fenced block asked for, extracted, checked, and repaired
once with the check's findings when it fails. What the model writes streams as it comes."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.llm import LLM, Messages, generate_text
from skills.code_check import Check, check
from skills.code_input import CodeRequest

_FENCE = re.compile(r"```[ \t]*([\w+#.-]*)[ \t]*\n(.*?)```", re.DOTALL)

WRITE = """You write {language} code for the user. Reply with exactly one fenced code block
(```{language}) holding complete code with a one-line docstring or comment, then at most two
sentences about it. Use only the standard library unless the user names a package."""
FIX = """You fix {language} code. Reply with the whole corrected code in exactly one fenced
block (```{language}), then one sentence saying what was wrong."""
EXPLAIN = """You explain {language} code to the user in plain words: what it does, step by
step, and anything surprising in it. Keep it short. Do not rewrite the code."""
ANSWER = """You answer programming questions in plain words, briefly, with a short {language}
example in one fenced block when an example helps."""
REPAIR = """That code does not pass the check: {problems}
Reply with the corrected code in exactly one fenced block (```{language})."""


@dataclass
class Written:
    shown: str  # everything the user was shown while it was written (streamed or not)
    code: str | None  # the code extracted from the last reply
    check: Check
    repaired: bool


class Transcript:
    """What the model says, streamed to `on_text` as it arrives and kept for the reply."""

    def __init__(self, on_text: Callable[[str], None] | None):
        self.on_text = on_text
        self.parts: list[str] = []

    def say(self, text: str) -> None:
        self.parts.append(text)
        if self.on_text is not None:
            self.on_text(text)

    def generate(self, llm: LLM, messages: Messages, max_tokens: int) -> str:
        if self.on_text is None:
            text = generate_text(llm, messages, max_tokens=max_tokens)
            self.parts.append(text)
            return text
        return generate_text(llm, messages, max_tokens=max_tokens, on_text=self.say)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def write(llm: LLM, request: CodeRequest, language: str, max_tokens: int,
          transcript: Transcript) -> Written:  # fmt: skip
    """Write new code, or fix the code given, in `language`."""
    if request.mode == "fix" and request.code is not None:
        system = FIX.format(language=language)
        user = f"{request.instruction}\n\n```{language}\n{request.code}\n```"
    else:
        system = WRITE.format(language=language)
        user = request.instruction
    messages: Messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
    reply = transcript.generate(llm, messages, max_tokens)
    code, found = _checked(reply, language)
    if found.ok:
        return Written(transcript.text, code, found, repaired=False)
    transcript.say(f"\n\n({found.words()} Asking the model to repair it.)\n\n")
    messages += [
        {"role": "assistant", "content": reply},
        {"role": "user", "content": REPAIR.format(problems=found.problems, language=language)},
    ]
    repaired = transcript.generate(llm, messages, max_tokens)
    second, second_check = _checked(repaired, language)
    return Written(transcript.text, second or code, second_check, repaired=True)


def explain(llm: LLM, request: CodeRequest, language: str, max_tokens: int,
            transcript: Transcript) -> str:  # fmt: skip
    if request.code is None:  # a question about code, not about code given: "what's a closure"
        messages: Messages = [
            {"role": "system", "content": ANSWER.format(language=language)},
            {"role": "user", "content": request.instruction},
        ]
    else:
        messages = [
            {"role": "system", "content": EXPLAIN.format(language=language)},
            {"role": "user",
             "content": f"{request.instruction}\n\n```{language}\n{request.code}\n```"},
        ]  # fmt: skip
    return transcript.generate(llm, messages, max_tokens)


def extract(reply: str, language: str) -> str | None:
    """The code of the reply's fenced block (the first in `language`, else the first)."""
    blocks = [(tag.lower(), body) for tag, body in _FENCE.findall(reply)]
    for tag, body in blocks:
        if tag == language or (language == "python" and tag in {"py", "python3"}):
            return body.rstrip() + "\n"
    return blocks[0][1].rstrip() + "\n" if blocks else None


def _checked(reply: str, language: str) -> tuple[str | None, Check]:
    code = extract(reply, language)
    if code is None:
        return None, Check(ok=False, checked_with="extraction",
                           problems=f"the reply has no ```{language} block")  # fmt: skip
    return code, check(code, language)

"""What a code request asks for (write, explain or fix) and the code it is about: pasted
below the first line, in a ``` fence, or named as a file path."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import InputError
from assistant.textinput import read_text_file

MAX_FILE_BYTES = 100_000
_FENCE = re.compile(r"```[ \t]*([\w+#.-]*)[ \t]*\n(.*?)(?:```|\Z)", re.DOTALL)
_EXPLAIN = re.compile(r"\b(explain|what does|what is this|walk me through|how does)\b", re.I)
_FIX = re.compile(
    r"\b(fix|bug|debug|error|exception|traceback|wrong|broken|fails?|crash\w*|throws?)\b", re.I
)
_EXTENSIONS = {
    ".py": "python", ".js": "javascript", ".ts": "typescript", ".rs": "rust", ".go": "go",
    ".java": "java", ".c": "c", ".h": "c", ".cpp": "c++", ".rb": "ruby", ".php": "php",
    ".sh": "bash", ".sql": "sql", ".kt": "kotlin", ".swift": "swift", ".cs": "c#",
}  # fmt: skip
_PATH = re.compile(r"(?<![\w/])((?:~|\.{1,2})?/?[\w.-]+(?:/[\w.-]+)*(?:\.[a-z]{1,5}))\b")


@dataclass(frozen=True)
class CodeRequest:
    mode: str  # "write", "explain" or "fix"
    instruction: str  # the words: "explain this", "write a function that…"
    code: str | None  # the code it is about, if any
    language: str | None  # from the fence or the file's extension
    path: str | None = None  # the file the code was read from


def read_request(text: str, cwd: Path | None = None) -> CodeRequest:
    """Split `text` into the instruction and the code; InputError for a named file that
    cannot be read as text."""
    instruction, code, language = _pasted(text)
    path = None
    mode = _mode(instruction)
    if code is None and mode != "write":
        path, code, language = _named_file(instruction, cwd or Path.cwd())
    if code is not None and mode == "write":
        mode = "fix" if _FIX.search(instruction) else "explain"  # code given: not a new one
    return CodeRequest(mode, instruction, code, language, path)


def _mode(instruction: str) -> str:
    if _FIX.search(instruction):
        return "fix"
    if _EXPLAIN.search(instruction):
        return "explain"
    return "write"


def _pasted(text: str) -> tuple[str, str | None, str | None]:
    fence = _FENCE.search(text)
    if fence:
        instruction = (text[: fence.start()] + " " + text[fence.end() :]).strip()
        return " ".join(instruction.split()), fence.group(2).rstrip(), fence.group(1) or None
    head, newline, rest = text.partition("\n")
    if newline and rest.strip():
        return head.strip(), rest.rstrip(), None
    return text.strip(), None, None


def _named_file(instruction: str, cwd: Path) -> tuple[str | None, str | None, str | None]:
    for match in _PATH.finditer(instruction):
        said = match.group(1)
        suffix = Path(said).suffix.lower()
        if suffix not in _EXTENSIONS:
            continue
        path = (cwd / Path(said).expanduser()).resolve()
        if not path.is_file():
            raise InputError(f"I can't find the file {said} (looked in {cwd}).")
        code = read_text_file(path, MAX_FILE_BYTES, "source code", said)
        return str(path), code, _EXTENSIONS[suffix]
    return None, None, None

"""Is this code worth showing? Python gets `ast.parse`, then ruff's checks for errors when
ruff is installed; other languages only get their fence and language checked."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# Errors only: syntax, undefined names, misuse of comparisons. Style is the user's business.
RUFF_RULES = "E9,F63,F7,F82"


@dataclass(frozen=True)
class Check:
    ok: bool
    checked_with: str  # "ast.parse and ruff", "ast.parse", "the fence"
    problems: str = ""  # one line per problem, when not ok

    def words(self) -> str:
        if self.ok:
            return f"Checked with {self.checked_with}: no problems found."
        return f"{self.checked_with} found: {self.problems.rstrip('.')}."


def check(code: str, language: str) -> Check:
    if language != "python":
        return Check(ok=bool(code.strip()), checked_with="the fence", problems="the block is empty")
    try:
        ast.parse(code)
    except SyntaxError as exc:
        return Check(ok=False, checked_with="ast.parse",
                     problems=f"line {exc.lineno}: {exc.msg}")  # fmt: skip
    ruff = ruff_command()
    if ruff is None:
        return Check(ok=True, checked_with="ast.parse (ruff is not installed)")
    try:
        found = subprocess.run(
            [*ruff, "check", "--no-cache", "--isolated", "--select", RUFF_RULES,
             "--output-format", "concise", "--stdin-filename", "snippet.py", "-"],
            input=code, capture_output=True, text=True, timeout=20, check=False,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return Check(ok=True, checked_with="ast.parse (ruff could not run)")
    problems = [
        line.replace("snippet.py:", "line ", 1)
        for line in found.stdout.splitlines()
        if line.startswith("snippet.py:")
    ]
    if found.returncode != 0 and problems:
        return Check(ok=False, checked_with="ruff", problems="; ".join(problems))
    return Check(ok=True, checked_with="ast.parse and ruff")


def ruff_command() -> list[str] | None:
    """ruff next to this interpreter (a venv) or on PATH."""
    beside = Path(sys.executable).with_name("ruff")
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which("ruff")
    return [found] if found else None

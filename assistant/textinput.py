"""Turn raw user input into a clean command, or a clear one-line refusal."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from assistant.errors import InputError

_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
_BINARY_SHARE = 0.1  # more than this share of unprintable characters means "not text"


def clean(raw: str, max_chars: int) -> str:
    """Strip terminal escapes and control characters; refuse empty, huge or binary input."""
    if len(raw) > max_chars:
        raise InputError(
            f"That input is {len(raw):,} characters long; I take at most {max_chars:,} per turn."
        )
    if "\x00" in raw or _unprintable_share(raw) > _BINARY_SHARE:
        raise InputError("That looks like binary data, not a command; nothing was done.")
    text = _ANSI.sub("", raw).replace("\r\n", "\n").replace("\t", "    ")
    lines = ["".join(" " if _is_control(ch) else ch for ch in line) for line in text.split("\n")]
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    if len(lines) > 1:  # pasted code or an error: the lines and their indentation matter
        text = "\n".join([" ".join(lines[0].split()), *lines[1:]])
    else:
        text = " ".join(" ".join(lines).split())
    if not text:
        raise InputError("Nothing to do: the input was empty. Type /help to see what I understand.")
    return text


def read_text_file(path: Path, max_bytes: int, expected: str, said: str | None = None) -> str:
    """A file the user named, as text; a one-line InputError when it is missing, too large,
    binary or not UTF-8. `expected` names what it should be ("source code", "YAML or JSON")."""
    name = said or str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{name} is {size:,} bytes; the most I read is {max_bytes:,}.")
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from None
    if b"\x00" in raw:
        raise InputError(f"{name} is a binary file, not {expected}.")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{name} is not UTF-8 text.") from None


def first_line(text: str) -> str:
    """The instruction of a multi-line input ("explain this:" above pasted code)."""
    return text.split("\n", 1)[0]


def preview(raw: str, max_chars: int) -> str:
    """What the turn log keeps of a refused input: printable, and never more than max_chars."""
    shown = "".join(ch if ch.isprintable() else "�" for ch in raw[:max_chars])
    return shown + ("…" if len(raw) > max_chars else "")


def _is_control(ch: str) -> bool:
    # Cs: a lone surrogate (undecodable bytes in argv) cannot be stored as UTF-8.
    return unicodedata.category(ch) in {"Cc", "Cf", "Cs"} and ch != "\u200d"


def _unprintable_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(
        1
        for ch in text
        if (unicodedata.category(ch) in {"Cc", "Cs", "Co", "Cn"} and ch not in "\t\n\r\x1b")
        or ch == "\ufffd"
    )
    return bad / len(text)

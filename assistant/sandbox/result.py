"""What a run gives back, and how its ending is put in words."""

from __future__ import annotations

import codecs
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant.config import SandboxConfig

ISOLATION_WORDS = {
    "bwrap": "isolated with bubblewrap; no network, read-only file system but its own temp dir",
    "unshare": "isolated with unshare namespaces; no network, read-only file system "
    "but its own temp dir",
}
# How Python says an allocation failed under RLIMIT_AS.
MEMORY_FAILURE = re.compile(r"MemoryError|Cannot allocate memory|out of memory", re.IGNORECASE)
FILE_TOO_LARGE = re.compile(r"\[Errno 27\]|File too large")
# How Python says a fork or thread was refused under RLIMIT_NPROC or pids.max.
NO_MORE_TASKS = re.compile(r"BlockingIOError: \[Errno 11\]|can't start new thread")


@dataclass
class RunResult:
    stdout: str  # cut to output_chars, with a "… (N more characters cut)" marker when cut
    stderr: str  # the same
    exit_code: int | None  # None when killed by a signal
    signal: str | None  # "SIGKILL", "SIGXCPU", ... when killed
    # which limit ended it, in words: "CPU time limit (5 s)", "wall-clock limit (10 s)", "memory
    # limit (512 MB)", "file size limit (16 MB)", "process limit (64 processes)"; or None
    limit: str | None
    isolation: str  # "bwrap" or "unshare": which one was used
    seconds: float  # wall-clock time of the run

    def summary(self) -> str:
        """Human text: how it ended, then stdout and stderr, then how it was isolated."""
        if self.limit:
            how = f"stopped by the {self.limit}"
            how += f" ({self.signal})" if self.signal else f" (exit code {self.exit_code})"
        elif self.signal:
            how = f"killed by {self.signal}"
        else:
            how = f"exit code {self.exit_code}"
        parts = [f"{how}, after {self.seconds:.1f} s"]
        for name, text in (("stdout", self.stdout), ("stderr", self.stderr)):
            parts.append(f"{name}:\n{text.rstrip()}" if text.strip() else f"{name}: (empty)")
        parts.append(ISOLATION_WORDS.get(self.isolation, f"isolated with {self.isolation}"))
        return "\n".join(parts)

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def read_capped(path: Path, chars: int) -> str:
    """The first `chars` characters of a file and a marker counting the rest.

    Streams the file (bounded by RLIMIT_FSIZE) rather than reading it whole.
    """
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    kept: list[str] = []
    have = cut = 0
    with path.open("rb") as file:
        while block := file.read(1 << 16):
            text = decoder.decode(block)
            room = max(0, chars - have)
            kept.append(text[:room])
            have += min(room, len(text))
            cut += len(text) - min(room, len(text))
        tail = decoder.decode(b"", final=True)
        cut += len(tail)
    head = "".join(kept)
    return f"{head}… ({cut} more characters cut)" if cut else head


def read_tail(path: Path, size: int = 4096) -> str:
    """The last bytes of a file: where a traceback names the error."""
    with path.open("rb") as file:
        file.seek(max(0, path.stat().st_size - size))
        return file.read().decode("utf-8", errors="replace")


def seconds_text(value: float) -> str:
    return f"{value:g} s"


def which_limit(
    config: SandboxConfig,
    *,
    timed_out: bool,
    signal: str | None,
    exit_code: int | None,
    cpu_s: float | None,
    stderr_tail: str,
    output_bytes: int,
) -> str | None:
    """Which limit ended the run, in words; None when it ended by itself."""
    if timed_out:
        return f"wall-clock limit ({seconds_text(config.wall_s)})"
    if signal is None and exit_code == 0:
        return None
    # SIGXCPU at the soft limit; SIGKILL at the hard one, a second later
    if signal == "SIGXCPU" or (signal == "SIGKILL" and cpu_s is not None and cpu_s >= config.cpu_s):
        return f"CPU time limit ({seconds_text(config.cpu_s)})"
    file_limit = config.file_mb * 1024 * 1024
    if signal == "SIGXFSZ" or output_bytes >= file_limit or FILE_TOO_LARGE.search(stderr_tail):
        return f"file size limit ({config.file_mb} MB)"
    if MEMORY_FAILURE.search(stderr_tail):
        return f"memory limit ({config.memory_mb} MB)"
    if NO_MORE_TASKS.search(stderr_tail):
        return f"process limit ({config.processes} processes)"
    return None

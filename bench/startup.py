"""Start-up, measured the way a user meets it, next to `import sentence_transformers` timed in
the same run (ratios hold across machines; seconds do not):

- a fresh `assistant ask` (trained model) to its answer: wall seconds and peak RSS, with no
  documents and with a 2,000-chunk index (copies of this project's docs under distinct
  headings, about 1.4 MB), for a device turn and for a question that searches;
- a first run: a fresh $ASSISTANT_HOME, `assistant` in a pseudo-terminal, to its prompt and,
  unless `--no-training`, to the notice that it switched to the model it trained behind the
  prompt (about six minutes on 2 cores).

Uses the trained model in $ASSISTANT_HOME (bench/results/home, as `make bench` leaves it).
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report import publish

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RUNS = 7
CHUNKS = 2_000


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one fresh process."""
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    if status:
        raise RuntimeError(f"{command} failed: {child.stderr.read().decode()[-500:]}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def medians(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    timed(command, env)  # caches warm (.pyc, the page cache), as on a second use
    runs = [timed(command, env) for _ in range(RUNS)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def home_with_model(trained: Path) -> dict[str, str]:
    home = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    shutil.copytree(trained / "models", home / "models")
    return {**os.environ, "ASSISTANT_HOME": str(home), "TERM": "xterm"}


def build_index(env: dict[str, str]) -> int:
    """Ingest copies of the docs until the index holds about CHUNKS chunks; its size."""
    corpus = Path(env["ASSISTANT_HOME"]) / "corpus"
    sources = sorted([*(REPO / "docs").glob("*.md"), REPO / "README.md"])
    corpus.mkdir(parents=True)
    copy = 0
    while sum(len(p.read_bytes()) for p in corpus.rglob("*.md")) < 1_400_000:
        copy += 1
        folder = corpus / f"copy{copy:02d}"
        folder.mkdir(parents=True)
        for source in sources:
            text = source.read_text(encoding="utf-8")
            (folder / source.name).write_text(f"# Edition {copy}: {source.stem}\n\n{text}")
    ask = [sys.executable, "-m", "assistant"]
    subprocess.run([*ask, "ingest", str(corpus)], env=env, check=True, capture_output=True)
    stats = subprocess.run([*ask, "knowledge", "stats", "--json"], env=env, check=True,
                           capture_output=True, text=True)  # fmt: skip
    return int(json.loads(stats.stdout)["chunks"])


def first_run(env: dict[str, str], wait_for_training: bool) -> tuple[float, float | None]:
    """Seconds to the prompt, and to the switch to the model trained behind it."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(sys.executable, [sys.executable, "-m", "assistant"], env)
    started = time.perf_counter()
    seen = b""
    prompt_at = switched_at = None
    limit = 1200 if wait_for_training else 60
    while time.perf_counter() - started < limit:
        readable, _, _ = select.select([fd], [], [], 0.05)
        if readable:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            seen += chunk
            if b"\x1b[6n" in chunk:  # answer the cursor-position query as a terminal does
                os.write(fd, b"\x1b[1;1R")
        if prompt_at is None and "›".encode() in seen:
            prompt_at = time.perf_counter() - started
            if not wait_for_training:
                break
        if b"switched to the trained intent model" in seen:
            switched_at = time.perf_counter() - started
            break
        if b"training the intent model failed" in seen:
            break
    os.write(fd, b"\x04")  # Ctrl-D
    os.waitpid(pid, 0)
    os.close(fd)
    _stop_training(Path(env["ASSISTANT_HOME"]))
    if prompt_at is None:
        raise RuntimeError(f"no prompt; the screen ended with {seen[-500:]!r}")
    return prompt_at, switched_at


def _stop_training(home: Path) -> None:
    """The training outlives the shell by design; a benchmark ends it."""
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and str(home).encode() in (proc / "cmdline").read_bytes():
                os.kill(int(proc.name), signal.SIGKILL)
        except (OSError, ProcessLookupError):
            continue


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--no-training", action="store_true",
                         help="measure the first run to its prompt only")  # fmt: skip
    args = options.parse_args()
    trained = Path(os.environ.get("ASSISTANT_HOME", HERE / "results" / "home"))
    if not (trained / "models" / "CURRENT").exists():
        sys.exit(f"no trained model in {trained}: run `assistant train` with that home first")
    python = [sys.executable]
    reference, _ = medians([*python, "-c", "import sentence_transformers"], dict(os.environ))
    ask = [*python, "-m", "assistant", "ask"]
    plain = home_with_model(trained)
    device_s, device_mb = medians([*ask, "turn off the kitchen lights"], plain)
    indexed = home_with_model(trained)
    chunks = build_index(indexed)
    indexed_s, indexed_mb = medians([*ask, "turn off the kitchen lights"], indexed)
    search_s, search_mb = medians([*ask, "what does the readme say about the sandbox"], indexed)
    fresh = {**os.environ, "ASSISTANT_HOME": tempfile.mkdtemp(prefix="bench-first-"),
             "TERM": "xterm"}  # fmt: skip
    prompt_s, switched_s = first_run(fresh, not args.no_training)

    def row(measure: str, seconds: float, mb: float | None = None) -> dict[str, object]:
        return {"measure": measure, "seconds": round(seconds, 3),
                "x import sentence_transformers": round(seconds / reference, 3),
                "peak RSS MB": round(mb) if mb is not None else ""}  # fmt: skip

    rows = [
        row("import sentence_transformers (reference)", reference),
        row("fresh ask, device turn, no documents", device_s, device_mb),
        row(f"fresh ask, device turn, {chunks:,}-chunk index", indexed_s, indexed_mb),
        row(f"fresh ask, search turn, {chunks:,}-chunk index", search_s, search_mb),
        row("first run: `assistant` to its prompt", prompt_s),
    ]
    if switched_s is not None:
        rows.append(row("first run: to the trained model (trained behind the prompt)", switched_s))
    publish("startup", rows, f"medians of {RUNS} warm runs, {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()

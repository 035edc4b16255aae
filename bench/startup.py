"""Time from `assistant` to its prompt, to a ready model, and a fresh `assistant ask` to its answer."""

from __future__ import annotations

import os
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import time

from report import publish

RUNS = 5


def time_to_prompt(env: dict[str, str]) -> tuple[float, float]:
    """Seconds until the prompt is drawn, and until the intent model reports ready."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(sys.executable, [sys.executable, "-m", "assistant"], env)
    started = time.perf_counter()
    seen = b""
    prompt_at = ready_at = None
    while ready_at is None and time.perf_counter() - started < 120:
        readable, _, _ = select.select([fd], [], [], 0.05)
        if readable:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            seen += chunk
            if b"\x1b[6n" in chunk:  # answer the cursor-position query as a real terminal does
                os.write(fd, b"\x1b[1;1R")
        if prompt_at is None and "›".encode() in seen:
            prompt_at = time.perf_counter() - started
        if b"intent model ready" in seen:
            ready_at = time.perf_counter() - started
    os.write(fd, b"\x04")  # Ctrl-D
    os.waitpid(pid, 0)
    os.close(fd)
    if prompt_at is None or ready_at is None:
        raise RuntimeError(f"no prompt/ready message; output was {seen[-500:]!r}")
    return prompt_at, ready_at


def time_ask(env: dict[str, str], text: str) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a fresh `assistant ask` process."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "assistant", "ask", text],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    if status:
        raise RuntimeError(f"assistant ask failed with status {status}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def main() -> None:
    env = {**os.environ, "TERM": "xterm"}
    env.setdefault("ASSISTANT_HOME", tempfile.mkdtemp(prefix="bench-home-"))
    time_ask(env, "hello")  # warm the caches (encoder export, example embeddings)
    prompts, readies = zip(*(time_to_prompt(env) for _ in range(RUNS)), strict=True)
    asks, rss = zip(*(time_ask(env, "turn on the lamp") for _ in range(RUNS)), strict=True)
    rows = [
        {
            "measure": "assistant → prompt (s)",
            "median": statistics.median(prompts),
            "max": max(prompts),
        },
        {
            "measure": "assistant → model ready (s)",
            "median": statistics.median(readies),
            "max": max(readies),
        },
        {
            "measure": "fresh `assistant ask` → answer (s)",
            "median": statistics.median(asks),
            "max": max(asks),
        },
        {
            "measure": "fresh `assistant ask` peak RSS (MB)",
            "median": statistics.median(rss),
            "max": max(rss),
        },
    ]
    publish("startup", rows, f"{RUNS} runs each, warm caches, {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()

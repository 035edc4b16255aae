"""The sandbox: what a run costs, and how each kind of hostile code ends, per isolation mode
that works on this machine (bubblewrap, unshare).

    python bench/sandbox.py [--runs 20]

Start-up cost is the p50/p99 of running `print("hi")`. The attacks run with the default
limits (`[sandbox]`: 5 CPU s, 10 wall s, 512 MB, 64 processes, 16 MB files).
"""

from __future__ import annotations

import argparse
import socket
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.config import SandboxConfig
from assistant.errors import SandboxError
from assistant.sandbox import Sandbox
from bench.report import percentile, publish

ESCAPE = Path.home() / "sandbox-escape-bench.txt"
ATTACKS = {
    "infinite loop": "while True:\n    pass\n",
    "memory bomb": "blocks = []\nwhile True:\n    blocks.append(bytearray(64 * 1024 * 1024))\n",
    "fork bomb": "import os\nwhile True:\n    os.fork()\n",
    "sleep forever": "import time\ntime.sleep(3600)\n",
    "huge output": "while True:\n    print('x' * 1000)\n",
    "write to home": f"open({str(ESCAPE)!r}, 'w').write('out')\n",
    "network": "import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=2)\n"
    "print('connected')\n",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    listener = socket.create_server(("127.0.0.1", 0))  # reachable from here, not from inside
    threading.Thread(target=_accept, args=(listener,), daemon=True).start()
    port = listener.getsockname()[1]
    rows = []
    for mode in ("bwrap", "unshare"):
        sandbox = Sandbox(SandboxConfig(isolation=mode))
        try:
            sandbox.isolation()
        except SandboxError as exc:
            rows.append({"isolation": mode, "case": "(not available)", "outcome": str(exc)})
            continue
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            sandbox.run('print("hi")')
            times.append((time.perf_counter() - started) * 1000)
        rows.append({"isolation": mode, "case": "print('hi')", "outcome": "exit 0",
                     "p50_ms": round(percentile(times, 50), 1),
                     "p99_ms": round(percentile(times, 99), 1)})  # fmt: skip
        for case, code in ATTACKS.items():
            started = time.perf_counter()
            result = sandbox.run(code.replace("{port}", str(port)))
            seconds = time.perf_counter() - started
            rows.append({"isolation": mode, "case": case, "outcome": _outcome(result),
                         "p50_ms": round(seconds * 1000, 1), "p99_ms": None})  # fmt: skip
    listener.close()
    if ESCAPE.exists():
        ESCAPE.unlink()
        raise SystemExit(f"ESCAPED: the sandbox wrote {ESCAPE}")
    publish("sandbox", rows, "start-up cost and how hostile code ends (default limits)")


def _outcome(result) -> str:  # type: ignore[no-untyped-def]
    if result.limit:
        return result.limit
    last = (result.stderr.strip().splitlines() or [""])[-1][:60]
    if "connected" in result.stdout:
        return "CONNECTED (network reachable)"
    return f"exit {result.exit_code}: {last}" if last else f"exit {result.exit_code}"


def _accept(listener: socket.socket) -> None:
    while True:
        try:
            connection, _ = listener.accept()
        except OSError:
            return
        connection.close()


if __name__ == "__main__":
    main()

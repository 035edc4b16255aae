"""`make bench`: train (or reuse) the default model in bench/results/home, then run every
benchmark; each prints a table and writes bench/results/NAME.json.

`python bench/run_all.py --quick` skips the model comparison (it trains three variants)
and measures retrieval at 10k and 100k chunks only.
"""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = [
    "accuracy.py",
    "routing.py",
    "startup.py",
    "corrections.py",
    "graph.py",
    "qa.py",
    "device_commands.py",  # the whole action on our 242 device commands, routed
    "devices.py",  # adapter latency, resolver scale up to 5,000 devices
    "code_snippets.py",  # snippet retrieval on 185 requests written from names only
    "agent_steps.py",  # agent overhead per model call and tool call, scripted loopback server
    "sandbox.py",  # sandbox start-up cost, and how each kind of hostile code ends
    "serve.py",  # HTTP latency at 1 and 20 clients, MQTT and Wyoming round trips
    "reminders.py",  # firing precision of 200 timers, idle CPU holding 10,000 reminders
    "time_engines.py",  # time-expression engines side by side (pip install '.[bench]')
    "retrieval_scale.py",  # 10k, 100k and 1M chunks: ~15 minutes (10k and 100k with --quick)
    "intent_models.py",  # trains three models: skipped with --quick
]

if __name__ == "__main__":
    env = {**os.environ, "ASSISTANT_HOME": str(HERE / "results" / "home")}
    subprocess.run([sys.executable, "-m", "assistant", "train", "--if-stale"], env=env, check=True)
    quick = "--quick" in sys.argv
    scripts = SCRIPTS[:-1] if quick else SCRIPTS
    arguments = {"retrieval_scale.py": ["10000,100000"] if quick else []}
    failed = [
        s
        for s in scripts
        if subprocess.run(
            [sys.executable, str(HERE / s), *arguments.get(s, [])], cwd=HERE, env=env
        ).returncode
    ]
    if failed:
        sys.exit(f"benchmarks failed: {', '.join(failed)}")

"""`make bench`: train (or reuse) the default model in bench/results/home, then run every
benchmark; each prints a table and writes bench/results/NAME.json.

`python bench/run_all.py --quick` skips the model comparison (it trains three variants).
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
    "intent_models.py",
]

if __name__ == "__main__":
    env = {**os.environ, "ASSISTANT_HOME": str(HERE / "results" / "home")}
    subprocess.run([sys.executable, "-m", "assistant", "train", "--if-stale"], env=env, check=True)
    scripts = SCRIPTS[:-1] if "--quick" in sys.argv else SCRIPTS
    failed = [
        s
        for s in scripts
        if subprocess.run([sys.executable, str(HERE / s)], cwd=HERE, env=env).returncode
    ]
    if failed:
        sys.exit(f"benchmarks failed: {', '.join(failed)}")

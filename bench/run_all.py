"""`make bench`: every benchmark in turn; each prints a table and writes bench/results/NAME.json."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
SCRIPTS = ["accuracy.py", "routing.py", "startup.py"]

if __name__ == "__main__":
    failed = [
        s for s in SCRIPTS if subprocess.run([sys.executable, str(HERE / s)], cwd=HERE).returncode
    ]
    if failed:
        sys.exit(f"benchmarks failed: {', '.join(failed)}")

"""`assistant serve` against its own OpenAPI document: schemathesis generates requests for
every operation but the SSE stream (50 per operation, then stateful sequences) and fails on
any 5xx, or an answer (status, content type, body, headers, Allow) the document does not
describe. The CLI in a subprocess: it runs every phase, and its warnings stay its own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.server import serving

pytestmark = pytest.mark.slow

# positive_data_acceptance is left out: a schema-valid `when`, `now` or `label` is free text
# that can still mean nothing ("no time in 'x'"), and that is a 400 by design.
COMMAND = [
    sys.executable, "-m", "schemathesis.cli", "run",
    "--checks", "all", "--exclude-checks", "positive_data_acceptance",
    "--max-examples", "50", "--exclude-path", "/v1/events",
    "--generation-database", "none", "--continue-on-failure",
    "--request-timeout", "30", "--no-color",
]  # fmt: skip


def test_every_operation_answers_as_its_schema_says(home: Path, tmp_path: Path) -> None:
    with serving(home) as url:
        run = subprocess.run([*COMMAND, f"{url}/openapi.json"], cwd=tmp_path, text=True,
                             capture_output=True, timeout=300)  # fmt: skip
    assert run.returncode == 0, run.stdout[-8000:] + run.stderr[-2000:]
    assert "Tested: 9" in run.stdout  # every operation was reached, the stream aside

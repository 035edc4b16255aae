"""Checks for skills/snippets/processes.py: real child processes, only `echo`, `cat`, `sh` and
sys.executable, each one finishing in well under a second."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

PY = sys.executable


def _py(code: str) -> list[str]:
    return [PY, "-c", code]


def _check_run_command(fn: Callable[..., str], tmp_path: Path) -> None:
    assert fn(["echo", "hello", "world"]) == "hello world\n"
    assert fn(_py("import os; print(os.getcwd())"), cwd=tmp_path) == f"{tmp_path.resolve()}\n"
    with pytest.raises(subprocess.CalledProcessError) as caught:
        fn(_py("raise SystemExit(3)"))
    assert caught.value.returncode == 3


def _check_run_capture(fn: Callable[..., tuple[int, str, str]]) -> None:
    code = "import sys; print('out'); print('err', file=sys.stderr); sys.exit(2)"
    assert fn(_py(code)) == (2, "out\n", "err\n")
    assert fn(["echo", "ok"]) == (0, "ok\n", "")


def _check_run_with_timeout(fn: Callable[..., str | None]) -> None:
    assert fn(["echo", "quick"], timeout=10) == "quick\n"
    started = time.monotonic()
    assert fn(_py("import time; time.sleep(30)"), timeout=0.2) is None
    assert time.monotonic() - started < 10


def _check_command_succeeds(fn: Callable[..., bool]) -> None:
    assert fn(["echo", "hi"]) is True
    assert fn(_py("raise SystemExit(1)")) is False
    assert fn(["no-such-program-zq7x"]) is False


def _check_stream_command_lines(fn: Callable[..., Iterator[str]]) -> None:
    code = "import sys\nfor i in range(3):\n    print('line', i, flush=True)\nprint('oops', file=sys.stderr)"
    assert list(fn(_py(code))) == ["line 0", "line 1", "line 2", "oops"]
    lines = fn(_py("print('a'); raise SystemExit(4)"))
    assert next(lines) == "a"
    with pytest.raises(subprocess.CalledProcessError) as caught:
        next(lines)
    assert caught.value.returncode == 4


def _check_pipe_commands(fn: Callable[..., str]) -> None:
    produce = _py("print('b\\na\\nc')")
    consume = _py("import sys; print(''.join(sorted(sys.stdin.read().split())))")
    assert fn(produce, consume) == "abc\n"
    assert fn(["echo", "one two"], ["cat"]) == "one two\n"


def _check_run_in_directory(fn: Callable[..., str], tmp_path: Path) -> None:
    (tmp_path / "marker.txt").write_text("here")
    code = "import os; print(sorted(os.listdir('.')))"
    assert fn(_py(code), tmp_path) == "['marker.txt']\n"
    with pytest.raises(NotADirectoryError):
        fn(["echo"], tmp_path / "missing")


def _check_run_with_env(fn: Callable[..., str]) -> None:
    code = "import os; print(os.environ['SNIPPET_GREETING'], 'PATH' in os.environ)"
    assert fn(_py(code), {"SNIPPET_GREETING": "bonjour"}) == "bonjour True\n"
    assert "SNIPPET_GREETING" not in os.environ


def _check_find_executable(fn: Callable[..., str | None], tmp_path: Path) -> None:
    found = fn("sh")
    assert found is not None
    assert Path(found).is_absolute()
    assert os.access(found, os.X_OK)
    assert fn("no-such-program-zq7x") is None


def _check_kill_after_timeout(fn: Callable[..., tuple[int, bool]]) -> None:
    assert fn(_py("raise SystemExit(5)"), timeout=10) == (5, False)
    started = time.monotonic()
    code, killed = fn(_py("import time; time.sleep(30)"), timeout=0.2)
    assert killed is True
    assert code != 0
    assert time.monotonic() - started < 10


def _check_run_python_code(fn: Callable[..., str]) -> None:
    assert fn("print(sum(range(10)))") == "45\n"
    assert fn("import sys; print(sys.executable)") == f"{PY}\n"
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        fn("1 / 0")


def _check_run_with_input(fn: Callable[..., str]) -> None:
    assert fn(["cat"], "pear\napple\n") == "pear\napple\n"
    code = "import sys; print(''.join(sorted(sys.stdin.read().split())))"
    assert fn(_py(code), "c a b") == "abc\n"


def _check_run_shell(fn: Callable[..., str], tmp_path: Path) -> None:
    assert fn("echo one; echo two | tr a-z A-Z") == "one\nTWO\n"
    target = tmp_path / "out.txt"
    assert fn(f"echo saved > '{target}'") == ""
    assert target.read_text() == "saved\n"


def _check_start_background(fn: Callable[..., Any], tmp_path: Path) -> None:
    log = tmp_path / "job.log"
    process = fn(_py("print('working', flush=True)"), log)
    assert process.wait(timeout=10) == 0
    assert log.read_text() == "working\n"
    quiet = fn(_py("import time; time.sleep(30)"))
    assert quiet.poll() is None  # it really runs in the background
    quiet.kill()
    assert quiet.wait(timeout=10) != 0


def _check_env_flag(fn: Callable[..., bool]) -> None:
    name = "SNIPPET_CHECK_FLAG_ZQ7X"
    assert fn(name) is False
    assert fn(name, default=True) is True
    try:
        for value, expected in [
            ("1", True),
            ("Yes", True),
            (" on ", True),
            ("0", False),
            ("no", False),
        ]:
            os.environ[name] = value
            assert fn(name) is expected
        os.environ[name] = ""
        assert fn(name, default=True) is True
    finally:
        os.environ.pop(name, None)


CHECKS = {
    "run_command": _check_run_command,
    "run_capture": _check_run_capture,
    "run_with_timeout": _check_run_with_timeout,
    "command_succeeds": _check_command_succeeds,
    "stream_command_lines": _check_stream_command_lines,
    "pipe_commands": _check_pipe_commands,
    "run_in_directory": _check_run_in_directory,
    "run_with_env": _check_run_with_env,
    "find_executable": _check_find_executable,
    "kill_after_timeout": _check_kill_after_timeout,
    "run_python_code": _check_run_python_code,
    "run_with_input": _check_run_with_input,
    "run_shell": _check_run_shell,
    "start_background": _check_start_background,
    "env_flag": _check_env_flag,
}

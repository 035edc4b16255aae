"""The sandbox, tested for real: real processes, real namespaces, real limits, a real TCP
server, real files. No fakes anywhere; the one substitution is an empty PATH, to show what
happens where bubblewrap (or every isolation tool) is missing. Each test runs in every
isolation mode that works on this machine and is skipped, with the reason, where one cannot.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import tracemalloc
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from assistant.config import Config, SandboxConfig
from assistant.errors import SandboxError
from assistant.plugins import service_factories
from assistant.sandbox import RunResult, Sandbox
from assistant.sandbox.result import read_capped, which_limit
from assistant.services import Services
from assistant.store import Store

MODES = ["bwrap", "unshare"]
# Small limits keep the suite fast; every test that needs other limits says so.
SMALL = SandboxConfig(cpu_s=1.0, wall_s=5.0, memory_mb=256, processes=32, output_chars=200)
_probed: dict[str, Sandbox | str] = {}


def sandbox_for(mode: str, **limits: Any) -> Sandbox:
    """A sandbox forced to `mode`, or a skip saying why that mode cannot run here."""
    if mode not in _probed:
        sandbox = Sandbox(replace(SMALL, isolation=mode))
        try:
            sandbox.isolation()
            _probed[mode] = sandbox
        except SandboxError as error:
            _probed[mode] = str(error)
    probed = _probed[mode]
    if isinstance(probed, str):
        pytest.skip(f"{mode} cannot run here: {probed}")
    return Sandbox(replace(SMALL, isolation=mode, **limits))


@pytest.fixture(params=MODES)
def mode(request: pytest.FixtureRequest) -> str:
    sandbox_for(request.param)  # skips here when the mode cannot run
    return str(request.param)


def sandbox_processes(marker: str) -> list[int]:
    """Pids of live (not zombie) processes started for a run whose work dir contains `marker`."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            cmdline = (entry / "cmdline").read_bytes()
            cwd = os.readlink(entry / "cwd")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if b"main.py" in cmdline and marker in cwd and state != "Z":
            found.append(int(entry.name))
    return found


def test_prints_and_exit_codes_come_back(mode):
    code = "import sys\nprint('out here')\nprint('err here', file=sys.stderr)\nraise SystemExit(3)"
    result = sandbox_for(mode).run(code)
    assert (result.stdout, result.stderr) == ("out here\n", "err here\n")
    assert (result.exit_code, result.signal, result.limit) == (3, None, None)
    assert result.isolation == mode
    assert "exit code 3" in result.summary() and "out here" in result.summary()
    assert json.loads(json.dumps(result.as_json()))["exit_code"] == 3


def test_a_clean_exit_reports_zero_and_the_clean_environment(mode):
    code = "import json, os, sys\n"
    code += (
        "print(json.dumps([dict(os.environ), os.getcwd(), sys.flags.isolated, sys.stdin.read()]))"
    )
    result = sandbox_for(mode, output_chars=4000).run(code)
    env, cwd, isolated, stdin = json.loads(result.stdout)
    # bubblewrap always sets PWD, to the work dir
    assert env.pop("PWD", cwd) == cwd
    assert env == {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": cwd,
        "TMPDIR": cwd,
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    assert (isolated, stdin) == (1, "")
    assert result.exit_code == 0 and result.limit is None


def test_an_infinite_loop_is_stopped_by_the_cpu_limit(mode):
    started = time.monotonic()
    result = sandbox_for(mode).run("while True: pass")
    assert result.limit == "CPU time limit (1 s)"
    assert result.signal in ("SIGXCPU", "SIGKILL") and result.exit_code is None
    assert time.monotonic() - started < 4
    assert "stopped by the CPU time limit" in result.summary()


def test_sleeping_is_stopped_by_the_wall_clock_limit(mode):
    result = sandbox_for(mode, wall_s=2).run("import time\ntime.sleep(60)")
    assert result.limit == "wall-clock limit (2 s)"
    assert result.signal == "SIGKILL" and result.exit_code is None
    assert 2 <= result.seconds < 5


@pytest.mark.parametrize(
    "code",
    ["b = bytearray(2 * 1024**3)", "grown = []\nwhile True: grown.append(bytearray(10**6))"],
    ids=["one-huge-block", "a-growing-list"],
)
def test_a_memory_bomb_fails_with_the_memory_limit(mode, code):
    # CPU and wall time to spare: on a loaded machine page-zeroing alone took over 1 s of CPU
    result = sandbox_for(mode, output_chars=4000, cpu_s=10.0, wall_s=20.0).run(code)
    assert result.limit == "memory limit (256 MB)"
    assert "MemoryError" in result.stderr and result.exit_code != 0


@pytest.fixture
def tcp_server() -> Iterator[tuple[int, list[socket.socket]]]:
    """A real TCP server on 127.0.0.1 outside the sandbox; yields its port and who connected."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                accepted.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=serve, daemon=True).start()
    yield server.getsockname()[1], accepted
    server.close()
    for connection in accepted:
        connection.close()


def test_the_network_is_out_of_reach(mode, tcp_server):
    port, accepted = tcp_server
    code = (
        "import socket\ntry:\n"
        f"    socket.create_connection(('127.0.0.1', {port}), timeout=2)\n    print('connected')\n"
        "except OSError as error:\n    print('failed', repr(error))"
    )
    result = sandbox_for(mode).run(code)
    assert result.stdout.startswith("failed ") and "Error" in result.stdout
    assert accepted == []
    with socket.create_connection(("127.0.0.1", port), timeout=2):
        pass  # the same connection from out here works
    deadline = time.monotonic() + 2
    while not accepted and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(accepted) == 1


def test_writes_land_only_in_its_own_temp_dir(mode):
    token = uuid.uuid4().hex[:8]
    escape = Path(os.environ["HOME"]) / f"sandbox-escape-{token}.txt"
    outside_tmp = Path("/tmp") / f"sandbox-escape-{token}.txt"
    code = f"""
from pathlib import Path
for path in [{str(escape)!r}, {str(outside_tmp)!r}, '/etc/sandbox-escape-{token}']:
    try:
        Path(path).write_text('escaped')
        print('wrote', path)
    except OSError as error:
        print('refused', error.strerror)
Path('note.txt').write_text('kept here')
print(Path('note.txt').read_text())
"""
    result = sandbox_for(mode).run(code)
    lines = result.stdout.splitlines()
    assert lines[0] == "refused Read-only file system"
    assert lines[-1] == "kept here"
    assert not escape.exists() and not outside_tmp.exists()
    assert not Path(f"/etc/sandbox-escape-{token}").exists()


def test_the_code_cannot_make_the_file_system_writable_again(mode):
    # /proc/sys and /sys matter most: uid 0 in any user namespace may write global sysctls
    writable_by_root = ["/proc/sys/kernel/printk_ratelimit_burst", "/sys/kernel/profiling"]
    code = f"""
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
MS_REMOUNT, MS_BIND = 0x20, 0x1000
rc = libc.mount(None, b"/", None, ctypes.c_ulong(MS_REMOUNT | MS_BIND), None)
print(rc, os.strerror(ctypes.get_errno()))
for path in {writable_by_root!r}:
    if not os.path.exists(path):
        print("absent")
        continue
    try:
        open(path, "a").close()
        print("writable", path)
    except OSError as error:
        print("refused", error.strerror)
"""
    result = sandbox_for(mode).run(code)
    lines = result.stdout.splitlines()
    assert lines[0] == "-1 Operation not permitted"
    assert lines[1] == "refused Read-only file system"  # /proc/sys exists everywhere
    assert lines[2] in ("refused Read-only file system", "absent")


def test_the_code_runs_without_capabilities_or_new_namespaces(mode):
    code = """
import ctypes, os
status = dict(line.split(":\\t") for line in open("/proc/self/status").read().splitlines())
print(status["CapEff"], status["CapBnd"])
libc = ctypes.CDLL(None, use_errno=True)
os.mkdir("m")
print(libc.mount(b"tmpfs", b"m", b"tmpfs", 0, None), libc.unshare(0x10000000))  # CLONE_NEWUSER
"""
    result = sandbox_for(mode).run(code)
    assert result.stdout.splitlines() == ["0000000000000000 0000000000000000", "-1 -1"]


def test_a_fork_bomb_ends_and_leaves_nothing_behind(mode):
    sandbox = sandbox_for(mode)
    started = time.monotonic()
    result = sandbox.run("import os\nprint(os.getcwd(), flush=True)\nwhile True: os.fork()")
    assert time.monotonic() - started < sandbox.config.wall_s + 3
    assert result.limit in ("process limit (32 processes)", "wall-clock limit (5 s)")
    assert result.exit_code != 0
    work = result.stdout.splitlines()[0]
    assert work.startswith("/") and not Path(work).exists()
    assert sandbox_processes(Path(work).name) == []


def test_a_process_left_running_dies_with_the_run(mode):
    code = "import os, time\nprint(os.getcwd())\nif os.fork() == 0:\n    time.sleep(30)"
    result = sandbox_for(mode).run(code)
    assert result.exit_code == 0 and result.seconds < 3  # it did not wait for the child
    assert sandbox_processes(Path(result.stdout.strip()).name) == []


def test_huge_output_comes_back_cut_without_reading_it_all(mode):
    tracemalloc.start()
    try:
        result = sandbox_for(mode).run("print('x' * 10_000_000)")
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.stdout == "x" * 200 + f"… ({10_000_001 - 200} more characters cut)"
    assert result.exit_code == 0
    assert peak < 2_000_000  # far below the 10 MB written


def test_output_past_the_file_size_limit_is_stopped(mode):
    result = sandbox_for(mode, file_mb=1).run("print('x' * 3_000_000)")
    assert result.limit == "file size limit (1 MB)"
    assert result.exit_code != 0


def test_the_temp_dir_is_removed_after_the_run(mode):
    code = "import os\nos.makedirs('a/b')\nopen('a/b/c', 'w').write('x')\nprint(os.getcwd())"
    result = sandbox_for(mode).run(code)
    work = Path(result.stdout.strip())
    assert work.name.startswith("assistant-sandbox-")
    assert not work.exists()


def test_the_registered_service_builds_a_sandbox_from_the_config(tmp_path):
    config = Config()
    config.sandbox = SandboxConfig(isolation="unshare", cpu_s=2.0)
    services = Services(config, Store(tmp_path / "a.db"), factories=service_factories())
    sandbox = services.get("sandbox")
    assert isinstance(sandbox, Sandbox) and sandbox.config is config.sandbox


def test_only_python_runs():
    with pytest.raises(SandboxError, match="the sandbox runs python"):
        Sandbox(SandboxConfig()).run("echo hi", language="bash")


@pytest.mark.parametrize(
    ("isolation", "reason"),
    [
        ("bwrap", "bubblewrap is not installed"),
        ("auto", "bubblewrap is not installed and unshare (util-linux) is not installed"),
    ],
)
def test_missing_tools_refuse_rather_than_run_unsandboxed(isolation, reason, tmp_path, monkeypatch):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    marker = tmp_path / "ran-unsandboxed"
    sandbox = Sandbox(SandboxConfig(isolation=isolation))
    with pytest.raises(SandboxError) as raised:
        sandbox.run(f"open({str(marker)!r}, 'w').write('oops')")
    assert str(raised.value) == f"cannot isolate code here: {reason}"
    assert "\n" not in str(raised.value)
    assert not marker.exists()


def test_an_unknown_isolation_is_refused():
    with pytest.raises(SandboxError, match="unknown sandbox isolation 'docker'"):
        Sandbox(SandboxConfig(isolation="docker")).isolation()


def test_auto_picks_a_mode_that_works():
    sandbox = Sandbox(replace(SMALL, isolation="auto"))
    try:
        chosen = sandbox.isolation()
    except SandboxError as error:
        pytest.skip(str(error))
    assert chosen in MODES
    assert sandbox.run("print(1 + 1)").stdout == "2\n"


def test_read_capped_counts_characters_not_bytes(tmp_path):
    path = tmp_path / "out"
    path.write_text("é" * 10 + "ü" * 5, encoding="utf-8")
    assert read_capped(path, 10) == "é" * 10 + "… (5 more characters cut)"
    assert read_capped(path, 100) == "é" * 10 + "ü" * 5


def test_which_limit_names_a_limit_only_when_one_ended_the_run():
    def limit(signal: str | None, exit_code: int | None, stderr: str = "") -> str | None:
        return which_limit(
            SandboxConfig(),
            timed_out=False,
            signal=signal,
            exit_code=exit_code,
            cpu_s=0.1,
            stderr_tail=stderr,
            output_bytes=10,
        )

    assert limit(None, 0) is None
    assert limit("SIGKILL", None) is None  # killed early, by no limit of ours
    assert limit(None, 0, "MemoryError") is None  # printing the word is not running out
    assert limit("SIGXCPU", None) == "CPU time limit (5 s)"
    assert limit("SIGXFSZ", None) == "file size limit (16 MB)"
    assert limit(None, 1, "Traceback ...\nMemoryError\n") == "memory limit (512 MB)"


def test_a_summary_says_how_it_was_isolated():
    result = RunResult("", "boom\n", None, "SIGKILL", "wall-clock limit (10 s)", "bwrap", 10.0)
    text = result.summary()
    assert text.startswith("stopped by the wall-clock limit (10 s) (SIGKILL)")
    assert "stdout: (empty)" in text and "stderr:\nboom" in text
    assert "isolated with bubblewrap; no network" in text


def test_an_interpreter_under_tmp_still_runs(mode, tmp_path):
    """A checkout or virtualenv in /tmp (CI clones there): /tmp is covered in the sandbox,
    so the interpreter's directories come back read-only. A real venv made in /tmp."""
    import tempfile

    venv = Path(tempfile.mkdtemp(prefix="sandbox-venv-", dir="/tmp"))
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    script = (
        "import sys; from assistant.config import SandboxConfig; "
        "from assistant.sandbox import Sandbox; "
        f"r = Sandbox(SandboxConfig(isolation={mode!r})).run('import sys; print(sys.prefix)'); "
        "print(r.exit_code, r.stdout.strip(), r.stderr.strip()[:200])"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    out = subprocess.run([str(venv / "bin" / "python"), "-c", script], env=env,
                         capture_output=True, text=True, timeout=60)  # fmt: skip
    shutil.rmtree(venv)
    assert out.stdout.split()[:2] == ["0", str(venv)], out.stdout + out.stderr

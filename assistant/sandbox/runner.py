"""Runs code the user agreed to run, cut off from the machine: see `Sandbox.run`."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.config import SandboxConfig
from assistant.errors import SandboxError
from assistant.sandbox.cgroup import process_cap
from assistant.sandbox.commands import (
    OVERHEAD_TASKS,
    boot_argv,
    bwrap_argv,
    clean_env,
    prlimit_argv,
    unshare_argv,
)
from assistant.sandbox.result import RunResult, read_capped, read_tail, which_limit

if TYPE_CHECKING:
    from assistant.services import Services

MODES = {"auto": ("bwrap", "unshare"), "bwrap": ("bwrap",), "unshare": ("unshare",)}
NAMES = {"bwrap": "bubblewrap", "unshare": "unshare -rn"}
REPORT_KEYS = {"exit_code", "signal", "cpu_s"}
MISSING = {
    "bwrap": "bubblewrap is not installed",
    "unshare": "unshare (util-linux) is not installed",
}


class Sandbox:
    """Runs Python in a throwaway dir, in new namespaces, under rlimits; never unsandboxed."""

    def __init__(self, config: SandboxConfig) -> None:
        self.config = config
        self._mode: str | None = None
        self._tools: dict[str, str] = {}  # name -> absolute path, found when probing

    @classmethod
    def from_services(cls, services: Services) -> Sandbox:
        return cls(services.config.sandbox)

    def isolation(self) -> str:
        """The isolation that works here, probed once by running code in it."""
        if self._mode is None:
            self._mode = self._probe()
        return self._mode

    def run(self, code: str, language: str = "python") -> RunResult:
        """Run `code` as main.py in a fresh temp dir; the result says how it ended."""
        if language != "python":
            raise SandboxError(f"the sandbox runs python; it cannot run {language!r} code")
        return self._run(self.isolation(), code)

    def _probe(self) -> str:
        modes = MODES.get(self.config.isolation)
        if modes is None:
            raise SandboxError(
                f"unknown sandbox isolation {self.config.isolation!r}: use auto, bwrap or unshare"
            )
        reasons = []
        for mode in modes:
            reason = self._try(mode)
            if reason is None:
                return mode
            reasons.append(reason)
        raise SandboxError("cannot isolate code here: " + " and ".join(reasons))

    def _try(self, mode: str) -> str | None:
        """None when `mode` works here, else why not, in a few words."""
        for tool, missing in [(mode, MISSING[mode]), ("prlimit", "prlimit is not installed")]:
            found = shutil.which(tool)
            if found is None:
                return missing
            self._tools[tool] = found
        result = self._run(mode, "print('ok')")
        if result.exit_code == 0 and result.stdout == "ok\n":
            return None
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        ending = f"signal {result.signal}" if result.signal else f"exit code {result.exit_code}"
        return f"{NAMES[mode]} failed: {lines[-1] if lines else ending}"

    def _run(self, mode: str, code: str) -> RunResult:
        work = Path(tempfile.mkdtemp(prefix="assistant-sandbox-"))
        private = Path(tempfile.mkdtemp(prefix="assistant-sandbox-output-"))
        try:
            (work / "main.py").write_text(code, encoding="utf-8")
            return self._execute(mode, work, private)
        finally:
            _remove(work)
            _remove(private)

    def _argv(self, mode: str, work: Path, status_fd: int) -> list[str]:
        limits = prlimit_argv(self._tools["prlimit"], self.config)
        if mode == "bwrap":
            return [*limits, *bwrap_argv(self._tools["bwrap"], work), *boot_argv(status_fd)]
        return [*limits, *unshare_argv(self._tools["unshare"]), *boot_argv(status_fd, work)]

    def _execute(self, mode: str, work: Path, private: Path) -> RunResult:
        # Output goes to files, bounded by RLIMIT_FSIZE, never into this process's memory.
        with (
            process_cap(self.config.processes + OVERHEAD_TASKS) as cap,
            (private / "stdout").open("wb") as stdout,
            (private / "stderr").open("wb") as stderr,
            (private / "status").open("wb") as status,
        ):
            started = time.monotonic()
            try:
                process = subprocess.Popen(
                    cap.wrap(self._argv(mode, work, status.fileno())),
                    stdin=subprocess.DEVNULL,
                    stdout=stdout,
                    stderr=stderr,
                    env=clean_env(work),
                    cwd=work,
                    start_new_session=True,
                    pass_fds=(status.fileno(),),
                )
            except OSError as error:
                raise SandboxError(f"cannot start the sandbox: {error}") from error
            timed_out = _wait(process, self.config.wall_s)
            seconds = time.monotonic() - started
            cap.kill_all()
        return self._result(mode, private, process.returncode, timed_out, seconds)

    def _result(
        self, mode: str, private: Path, returncode: int, timed_out: bool, seconds: float
    ) -> RunResult:
        report = _report((private / "status").read_text())
        exit_code: int | None
        signum: int | None
        if timed_out:
            exit_code, signum = None, signal.SIGKILL.value
        elif report:
            exit_code, signum = report["exit_code"], report["signal"]
        else:  # the boot script never reported: the wrapper's own status is all there is
            exit_code, signum = (returncode, None) if returncode >= 0 else (None, -returncode)
        signal_name = _signal_name(signum)
        files = [private / "stdout", private / "stderr"]
        limit = which_limit(
            self.config,
            timed_out=timed_out,
            signal=signal_name,
            exit_code=exit_code,
            cpu_s=report.get("cpu_s"),
            stderr_tail=read_tail(files[1]),
            output_bytes=max(path.stat().st_size for path in files),
        )
        chars = self.config.output_chars
        return RunResult(
            stdout=read_capped(files[0], chars),
            stderr=read_capped(files[1], chars),
            exit_code=exit_code,
            signal=signal_name,
            limit=limit,
            isolation=mode,
            seconds=round(seconds, 3),
        )


def _wait(process: subprocess.Popen[bytes], wall_s: float) -> bool:
    """Wait up to wall_s; past it, kill the whole group. True when it had to."""
    try:
        process.wait(timeout=wall_s)
        return False
    except subprocess.TimeoutExpired:
        # the wrappers' death takes the namespace's pid 1, and so everything in it, along
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return True


def _report(text: str) -> dict[str, Any]:
    """The boot script's last report line, or {} when there is none to trust."""
    try:
        report = json.loads(text.splitlines()[-1])
    except (IndexError, ValueError):
        return {}
    return report if isinstance(report, dict) and report.keys() == REPORT_KEYS else {}


def _signal_name(signum: int | None) -> str | None:
    if signum is None:
        return None
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def _remove(path: Path) -> None:
    """Remove a run's dir, even where the code took away its own permissions."""
    if os.geteuid() != 0:  # root ignores modes; chmod as root could follow a planted link
        for root, dirs, _files in os.walk(path):
            for name in dirs:
                target = os.path.join(root, name)
                if not os.path.islink(target):
                    with contextlib.suppress(OSError):
                        os.chmod(target, 0o700)
    shutil.rmtree(path, ignore_errors=True)

"""The command lines that start a run: prlimit, then bubblewrap or unshare, then the boot script."""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

from assistant.config import SandboxConfig

BOOT = Path(__file__).with_name("boot.py").resolve()
# -I: isolated mode. -B: -I ignores PYTHONDONTWRITEBYTECODE, so say it as a flag.
PYTHON = [sys.executable, "-I", "-B"]
# Tasks the wrappers themselves take in the run: bubblewrap's monitor, unshare's parent, boot.
OVERHEAD_TASKS = 4
COVERED = ("/tmp", "/run")  # emptied in the sandbox: they hold the host's unix sockets


def clean_env(workdir: Path) -> dict[str, str]:
    """The whole environment the code sees: nothing of the assistant's leaks in."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(workdir),
        "TMPDIR": str(workdir),  # the only writable place, so tempfile works
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def tasks_of_uid(uid: int) -> int:
    """Threads now owned by `uid` (real), counted from /proc: RLIMIT_NPROC counts them all."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue  # exited while we looked
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if int(fields.get("Uid", "-1 ").split()[0]) == uid:
            total += int(fields.get("Threads", "1"))
    return total


def prlimit_argv(prlimit: str, config: SandboxConfig) -> list[str]:
    """Limits set by the util-linux wrapper, not preexec_fn: the parent has threads."""
    cpu = max(1, math.ceil(config.cpu_s))
    nproc = tasks_of_uid(os.getuid()) + config.processes + OVERHEAD_TASKS
    return [
        prlimit,
        f"--cpu={cpu}:{cpu + 1}",  # SIGXCPU at the soft limit, SIGKILL a second later
        f"--as={config.memory_mb * 1024 * 1024}",
        f"--nproc={nproc}",
        f"--fsize={config.file_mb * 1024 * 1024}",
        "--core=0",
        "--",
    ]


def needed_under_covered() -> list[str]:
    """Directories the run needs that live under /tmp or /run, which the sandbox covers with
    empty ones: a checkout or virtualenv in /tmp holds the interpreter and the boot script."""
    executable = Path(sys.executable)
    wanted = [sys.prefix, sys.base_prefix, str(BOOT.parent), str(executable.parent),
              str(executable.resolve().parent)]  # fmt: skip
    found = sorted({os.path.realpath(path) for path in wanted})
    return [p for p in found if any(p == c or p.startswith(c + "/") for c in COVERED)]


def boot_argv(status_fd: int, lock: Path | None = None) -> list[str]:
    """The boot script, which runs `main.py` and writes how it ended to status_fd."""
    keep = ":".join(needed_under_covered())
    sealing = ["--lock", str(lock), *(["--keep", keep] if keep else [])] if lock else []
    return [*PYTHON, str(BOOT), *sealing, "--status-fd", str(status_fd), "--", *PYTHON, "main.py"]


def _real_dir(path: str) -> bool:
    return os.path.isdir(path) and not os.path.islink(path)


def bwrap_argv(bwrap: str, workdir: Path) -> list[str]:
    """Bubblewrap: new user, pid, net, ipc, uts namespaces; everything read-only but workdir."""
    # an empty read-only /tmp and /run hide the host's unix sockets
    hidden = [path for path in COVERED if _real_dir(path)]
    argv = [bwrap, "--unshare-user", "--unshare-net", "--unshare-pid", "--unshare-ipc"]
    argv += ["--unshare-uts", "--unshare-cgroup-try", "--disable-userns"]
    argv += ["--die-with-parent", "--new-session", "--as-pid-1", "--cap-drop", "ALL"]
    argv += ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
    # bubblewrap leaves /proc/sys writable, and real root may write global sysctls from any
    # user namespace (core_pattern runs a program as root on the host)
    argv += ["--ro-bind", "/proc/sys", "/proc/sys"]
    for path in hidden:
        argv += ["--tmpfs", path]
    for path in needed_under_covered():  # back, read-only, after the covering
        argv += ["--ro-bind", path, path]
    argv += ["--bind", str(workdir), str(workdir)]
    for path in ["/dev", *hidden]:
        argv += ["--remount-ro", path]
    return [*argv, "--chdir", str(workdir), "--"]


def unshare_argv(unshare: str) -> list[str]:
    """util-linux unshare: the boot script then seals the mounts and locks them."""
    return [
        unshare,
        "--map-root-user",
        "--net",
        "--mount",
        "--pid",
        "--uts",
        "--ipc",
        "--cgroup",
        "--fork",
        "--mount-proc",
        "--propagation=private",
        "--kill-child",  # so killing unshare takes the namespace's pid 1 with it
        "--",
    ]

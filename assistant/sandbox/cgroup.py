"""A pids cgroup that caps a run's processes when the assistant runs as root.

The kernel lets real root (uid 0, even as root of a user namespace mapped to it) fork past
RLIMIT_NPROC, so for root the cap is a cgroup's pids.max; for anyone else RLIMIT_NPROC holds.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import time
from collections.abc import Iterator
from pathlib import Path

from assistant.errors import SandboxError


def _pids_hierarchy() -> Path:
    """The cgroup directory this process sits in, in a hierarchy with the pids controller."""
    for line in Path("/proc/self/mountinfo").read_text().splitlines():
        fields = line.split()
        point, (fstype, _source, options) = fields[4], fields[fields.index("-") + 1 :][:3]
        if fstype == "cgroup" and "pids" in options.split(","):
            return Path(point) / _own_cgroup("pids").lstrip("/")
        if fstype == "cgroup2" and "pids" in (Path(point) / "cgroup.controllers").read_text():
            return Path(point) / _own_cgroup(None).lstrip("/")
    raise SandboxError("no cgroup hierarchy with the pids controller is mounted")


def _own_cgroup(v1_controller: str | None) -> str:
    """This process's cgroup: in the v1 hierarchy of that controller, or in v2 (None)."""
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _id, controllers, path = line.split(":", 2)
        mine = v1_controller in controllers.split(",") if v1_controller else controllers == ""
        if mine:
            return path
    return "/"


class PidsCgroup:
    """One run's cgroup: join it from the start command, kill what is left, remove it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def create(cls, max_tasks: int) -> PidsCgroup:
        try:
            parent = _pids_hierarchy()
            if (parent / "cgroup.subtree_control").exists():  # v2 must enable it for children
                (parent / "cgroup.subtree_control").write_text("+pids")
            path = parent / f"assistant-sandbox-{secrets.token_hex(4)}"
            path.mkdir()
            (path / "pids.max").write_text(str(max_tasks))
        except (OSError, SandboxError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            raise SandboxError(
                "cannot limit processes here: running as root, which RLIMIT_NPROC does not bind, "
                f"and no pids cgroup could be made ({reason})"
            ) from error
        return cls(path)

    def wrap(self, argv: list[str]) -> list[str]:
        """Join the cgroup before exec, so no process of the run starts outside it."""
        join = 'unset PWD OLDPWD; echo $$ > "$0" && exec "$@"'  # sh would export PWD
        return ["/bin/sh", "-c", join, str(self.path / "cgroup.procs"), *argv]

    def pids(self) -> list[int]:
        try:
            return [int(pid) for pid in (self.path / "cgroup.procs").read_text().split()]
        except FileNotFoundError:
            return []

    def kill_all(self, within_s: float = 5.0) -> None:
        """SIGKILL until empty: the pid namespace should already have done it; this makes sure."""
        deadline = time.monotonic() + within_s
        while (pids := self.pids()) and time.monotonic() < deadline:
            for pid in pids:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.01)

    def remove(self) -> None:
        self.kill_all()
        for _ in range(100):  # rmdir fails until the last task is reaped
            try:
                self.path.rmdir()
                return
            except FileNotFoundError:
                return
            except OSError:
                time.sleep(0.02)


class NoCgroup:
    """Not root: RLIMIT_NPROC caps the run, nothing to join."""

    def wrap(self, argv: list[str]) -> list[str]:
        return argv

    def kill_all(self) -> None:
        pass

    def remove(self) -> None:
        pass


@contextlib.contextmanager
def process_cap(max_tasks: int) -> Iterator[PidsCgroup | NoCgroup]:
    """The right cap for this user, removed afterwards."""
    cap: PidsCgroup | NoCgroup = PidsCgroup.create(max_tasks) if os.geteuid() == 0 else NoCgroup()
    try:
        yield cap
    finally:
        cap.remove()

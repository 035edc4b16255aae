"""Runs inside the sandbox: seals the file system (unshare mode), then runs and reports the code.

Usage: python -I boot.py [--lock WORKDIR] --status-fd FD -- COMMAND...

Standard library only: it runs with -I, so nothing of the assistant is importable here.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import re
import signal
import sys

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 0x1, 0x2, 0x4, 0x8
MS_REMOUNT, MS_NOATIME, MS_NODIRATIME, MS_BIND = 0x20, 0x400, 0x800, 0x1000
MS_REC, MS_RELATIME = 0x4000, 0x200000
CLONE_NEWNS, CLONE_NEWUSER = 0x20000, 0x10000000
PR_CAPBSET_DROP = 24
OCTAL_ESCAPE = re.compile(r"\\([0-7]{3})")

# Per-mount flags that a less privileged namespace may not clear: a remount must repeat them.
KEPT_FLAGS = {
    "nosuid": MS_NOSUID,
    "nodev": MS_NODEV,
    "noexec": MS_NOEXEC,
    "noatime": MS_NOATIME,
    "nodiratime": MS_NODIRATIME,
    "relatime": MS_RELATIME,
}
DEVICES = ("null", "zero", "full", "random", "urandom")
# /proc files that root in a user namespace mapped to real root could still write: the kernel
# lets uid 0 write global sysctls (core_pattern) from any user namespace.
PROC_COVERED = ("sys", "sysrq-trigger", "irq", "bus")

libc = ctypes.CDLL(None, use_errno=True)


def _c(text: str | None) -> bytes | None:
    return None if text is None else text.encode()


def mount(source: str | None, target: str, fstype: str | None, flags: int, data: str = "") -> None:
    """mount(2), raising OSError that names the target."""
    rc = libc.mount(_c(source), _c(target), _c(fstype), ctypes.c_ulong(flags), _c(data or None))
    if rc != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"mount {target}: {os.strerror(err)}")


def mount_points() -> list[tuple[str, int]]:
    """(mount point, flags to keep) for every mount in this namespace."""
    points = []
    with open("/proc/self/mountinfo") as lines:
        for line in lines:
            fields = line.split()
            # mountinfo escapes space, tab, newline and backslash as octal
            point = OCTAL_ESCAPE.sub(lambda match: chr(int(match[1], 8)), fields[4])
            kept = sum(KEPT_FLAGS.get(option, 0) for option in fields[5].split(","))
            points.append((point, kept))
    return points


def remount_readonly(skip: set[str]) -> None:
    """Make every reachable mount read-only; one left writable would be writable by the code."""
    for point, kept in mount_points():
        if point in skip:
            continue
        with contextlib.suppress(FileNotFoundError):  # hidden under another mount: unreachable
            mount(None, point, None, MS_REMOUNT | MS_BIND | MS_RDONLY | kept)


def cover_dev(fds: dict[str, int]) -> None:
    """A fresh /dev holding only harmless devices: the host's holds the disks."""
    mount("tmpfs", "/dev", "tmpfs", MS_NOSUID | MS_NODEV, "mode=755,size=64k")
    for name, fd in fds.items():
        open(f"/dev/{name}", "w").close()
        mount(f"/proc/self/fd/{fd}", f"/dev/{name}", None, MS_BIND)
    os.mkdir("/dev/shm")
    for name, target in [
        ("fd", "/proc/self/fd"),
        ("stdin", "/proc/self/fd/0"),
        ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"),
    ]:
        os.symlink(target, f"/dev/{name}")


def cover_proc() -> None:
    """Bind the writable /proc files onto themselves so the read-only pass seals them."""
    for name in PROC_COVERED:
        path = f"/proc/{name}"
        if os.path.exists(path):
            mount(path, path, None, MS_BIND | MS_REC)


def cover_tmp_and_run() -> list[str]:
    """Empty /tmp and /run: they hold the host's unix sockets, which read-only leaves usable."""
    covered = []
    for path in ("/tmp", "/run"):
        if os.path.isdir(path) and not os.path.islink(path):
            mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, "mode=755,size=64k")
            covered.append(path)
    return covered


def seal(workdir: str, keep: list[str]) -> None:
    """Everything read-only, the host's /dev, /tmp, /run and /proc/sys out of reach, but workdir.
    `keep`: directories under /tmp or /run the run needs (the interpreter, this script), shown
    again read-only once those are covered."""
    work_fd = os.open(workdir, os.O_PATH | os.O_DIRECTORY)  # to bind it once /tmp is covered
    keep_fds = {path: os.open(path, os.O_PATH | os.O_DIRECTORY) for path in keep}
    device_fds = {name: os.open(f"/dev/{name}", os.O_PATH) for name in DEVICES}
    remount_readonly(skip={"/proc"})
    cover_dev(device_fds)
    covered = ["/dev", *cover_tmp_and_run()]
    os.makedirs(workdir, exist_ok=True)
    for path, fd in keep_fds.items():
        os.makedirs(path, exist_ok=True)
        mount(f"/proc/self/fd/{fd}", path, None, MS_BIND | MS_REC)
        mount(None, path, None, MS_REMOUNT | MS_BIND | MS_RDONLY)
    mount(f"/proc/self/fd/{work_fd}", workdir, None, MS_BIND)
    cover_proc()
    points = dict(mount_points())  # where a path is mounted twice, the last one is on top
    # a bind copies its source mount's flags, and the host's is read-only by now
    mount(None, workdir, None, MS_REMOUNT | MS_BIND | points[workdir])
    for path in covered + [f"/proc/{name}" for name in PROC_COVERED]:
        if path in points:
            mount(None, path, None, MS_REMOUNT | MS_BIND | MS_RDONLY | points[path])
    for fd in [work_fd, *device_fds.values(), *keep_fds.values()]:
        os.close(fd)


def nest_user_namespace() -> None:
    """Mounts copied into a namespace owned by a new user namespace are locked: root in it
    cannot remount them writable or unmount what covers the host's files."""
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0:
        raise OSError(ctypes.get_errno(), "unshare of the nested user namespace failed")
    for name, text in [("setgroups", "deny"), ("uid_map", f"0 {uid} 1"), ("gid_map", f"0 {gid} 1")]:
        with open(f"/proc/self/{name}", "w") as file:
            file.write(text)


def lock(workdir: str, keep: list[str]) -> None:
    """Seal the file system, lock it so, and start the code in its work dir."""
    # the nested namespace is the last one: the code may not make one of its own
    with open("/proc/sys/user/max_user_namespaces", "w") as file:
        file.write("1")
    seal(workdir, keep)
    nest_user_namespace()
    os.chdir(workdir)


def drop_capabilities() -> None:
    """Empty the bounding set, so the code, root in its namespace, execs with no capabilities."""
    with open("/proc/sys/kernel/cap_last_cap") as file:
        last = int(file.read())
    for capability in range(last + 1):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), f"cannot drop capability {capability}")


def run(command: list[str], status_fd: int, drop_caps: bool) -> int:
    """Run the code as pid 1's child; reap orphans; report how it ended on status_fd."""
    child = os.fork()
    if child == 0:
        try:
            os.close(status_fd)  # so the code cannot write its own report
            if drop_caps:
                drop_capabilities()
            for ignored in (signal.SIGPIPE, signal.SIGXFSZ):
                signal.signal(ignored, signal.SIG_DFL)  # Python ignores these; exec keeps that
            os.execv(command[0], command)
        except BaseException as error:  # a forked child must never return into this code
            os.write(2, f"sandbox: cannot start {command[0]}: {error}\n".encode())
        os._exit(127)
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, signal.SIG_IGN)  # pid 1 ends when the code does, not before
    while True:
        pid, status, usage = os.wait4(-1, 0)
        if pid == child:
            break
    signum: int | None = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
    report = {"exit_code": code, "signal": signum, "cpu_s": usage.ru_utime + usage.ru_stime}
    os.write(status_fd, (json.dumps(report) + "\n").encode())
    # leaving, pid 1 takes every process still in the namespace with it
    return code if code is not None else 128 + (signum or 0)


def main(argv: list[str]) -> int:
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1 :]
    values = dict(zip(options[::2], options[1::2], strict=True))
    if "--lock" in values:
        try:
            lock(values["--lock"], [p for p in values.get("--keep", "").split(":") if p])
        except OSError as error:
            print(f"sandbox: cannot seal the file system: {error}", file=sys.stderr)
            return 125
    # bubblewrap drops capabilities itself (--cap-drop ALL)
    return run(command, int(values["--status-fd"]), drop_caps="--lock" in values)


if __name__ == "__main__":
    os._exit(main(sys.argv[1:]))

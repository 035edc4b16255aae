"""A real mosquitto broker on a free loopback port, for the tests that speak MQTT."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def mosquitto(tmp: Path, port: int | None = None, persistent: bool = False) -> Iterator[int]:
    """Start mosquitto (skipping the test where it is not installed); yield its port.
    `persistent` keeps sessions and queued messages in `tmp` across a restart."""
    binary = shutil.which("mosquitto") or (
        "/usr/sbin/mosquitto" if Path("/usr/sbin/mosquitto").exists() else None
    )
    if binary is None:
        pytest.skip("mosquitto is not installed (make test installs the Debian package)")
    port = port or free_port()
    conf = tmp / f"mosquitto-{port}.conf"
    # set_tcp_nodelay: without it every message the broker forwards waits ~40 ms (Nagle).
    options = ["allow_anonymous true", "set_tcp_nodelay true"]
    options += (
        [f"persistence true\npersistence_location {tmp}/"] if persistent else ["persistence false"]
    )
    conf.write_text("\n".join([f"listener {port} 127.0.0.1", *options, ""]))
    process = subprocess.Popen([binary, "-c", str(conf)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)  # fmt: skip
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"mosquitto exited: {process.stderr.read().decode()}") from None
            time.sleep(0.05)
    try:
        yield port
    finally:
        process.terminate()
        process.wait(timeout=5)
        if process.stderr:
            process.stderr.close()

"""No socket to anything but loopback during a full turn, including the one-time encoder export."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.slow

GUARD = textwrap.dedent(
    """
    import ipaddress, socket, sys

    attempts = []

    def loopback(address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host in ("localhost", ""):
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False  # a host name: resolving it would already leave the machine

    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def guarded_connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not loopback(address):
            attempts.append(repr(address))
            raise OSError(f"offline test: connection to {address!r} refused")
        return real_connect(self, address)

    def guarded_getaddrinfo(host, *args, **kwargs):
        if not loopback(host):
            attempts.append(f"dns {host!r}")
            raise OSError(f"offline test: lookup of {host!r} refused")
        return real_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = guarded_connect
    socket.getaddrinfo = guarded_getaddrinfo

    if sys.argv[1] == "--probe":  # proves the guard sees an outside connection
        try:
            socket.create_connection(("192.0.2.1", 80), timeout=1)
        except OSError:
            pass
        code = 0
    else:
        from assistant.cli.main import main
        code = main(["ask", "--json", sys.argv[1]])
    print("ATTEMPTS=" + repr(attempts))
    sys.exit(code)
    """
)


def test_full_turn_with_encoder_export_opens_no_outside_socket(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_"))}
    env["ASSISTANT_HOME"] = str(tmp_path / "home")
    env["ASSISTANT_CACHE"] = str(tmp_path / "cache")  # empty: the encoder is exported afresh
    result = subprocess.run(
        [sys.executable, "-c", GUARD, "turn on the lamp"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.strip().splitlines()
    assert lines[-1] == "ATTEMPTS=[]"
    reply = json.loads(lines[-2])
    assert reply["intent"] == "device.on" and reply["skill"] == "devices"
    assert list((tmp_path / "cache" / "encoders").glob("*.onnx"))


def test_the_guard_itself_catches_an_outside_connection():
    result = subprocess.run(
        [sys.executable, "-c", GUARD, "--probe"], capture_output=True, text=True, timeout=60
    )
    assert "192.0.2.1" in result.stdout.strip().splitlines()[-1]

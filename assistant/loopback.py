"""Whether a host is this machine: the LLM client skips proxies for it, and `assistant serve`
asks for a token everywhere else."""

from __future__ import annotations

import ipaddress


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: treat it as reachable from elsewhere

"""The address rule of the guarded HTTP client (tracker.core.fetch): only global unicast."""

from __future__ import annotations

import ipaddress

# Ranges outside the global unicast space that `ipaddress` does not flag by itself (Python 3.11):
# 6to4 and NAT64 embed an IPv4 address that may be private; site-local is deprecated private.
_NOT_GLOBAL = [
    (ipaddress.ip_network("2002::/16"), "a 6to4"),
    (ipaddress.ip_network("fec0::/10"), "a site-local"),
    (ipaddress.ip_network("64:ff9b::/96"), "a NAT64"),
    (ipaddress.ip_network("64:ff9b:1::/48"), "a NAT64"),
    (ipaddress.ip_network("::/96"), "an IPv4-compatible"),
    (ipaddress.ip_network("100::/64"), "a discard-only"),
    (ipaddress.ip_network("2001::/32"), "a Teredo"),
    (ipaddress.ip_network("100.64.0.0/10"), "a shared (carrier-grade NAT)"),
    (ipaddress.ip_network("192.0.0.0/24"), "an IETF protocol"),
    (ipaddress.ip_network("198.18.0.0/15"), "a benchmarking"),
]
ALLOWED_PORTS = (80, 443)  # without allow_private; tests may widen it


def address_refusal(ip: str) -> str:
    """Why an address may not be fetched ("" when it may): anything not global unicast."""
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    for attr, label in (
        ("is_unspecified", "an unspecified"),
        ("is_loopback", "a loopback"),
        ("is_link_local", "a link-local"),
        ("is_multicast", "a multicast"),
        ("is_private", "a private"),
        ("is_reserved", "a reserved"),
    ):
        if getattr(addr, attr):
            return f"{label} address"
    for network, label in _NOT_GLOBAL:
        if addr.version == network.version and addr in network:
            return f"{label} address"
    if not addr.is_global:
        return "a non-public address"
    return ""

"""Signed webhook POSTs that reach only public addresses.

The body is signed with HMAC-SHA256 under the endpoint's secret, over `"{timestamp}.{body}"`:
`X-Tracker-Timestamp: <unix seconds>` and `X-Tracker-Signature: sha256=<hex>`. A receiver
recomputes the digest (see `signature_verify`) and rejects old timestamps to stop replays.

Only https is allowed, to public addresses (the same rule as the feed fetcher's); the host is resolved once and the connection goes to
that address (no DNS rebinding), no redirects are followed. With TRACKER_FETCH_ALLOW_PRIVATE
(tests, local use) loopback and private addresses are allowed, and plain http to them.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3
from django.conf import settings

from tracker.news.fetch import address_refusal

SIGNATURE_HEADER = "X-Tracker-Signature"
TIMESTAMP_HEADER = "X-Tracker-Timestamp"
MAX_RESPONSE_BYTES = 64 * 1024


class UnsafeURL(ValueError):
    """A URL a webhook may not be sent to."""


@dataclass(frozen=True)
class PostResult:
    ok: bool
    status: int | None
    error: str
    permanent: bool = False  # retrying cannot help (a refused URL)


def signature_make(*, secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_verify(
    *, secret: str, timestamp: str, body: bytes, signature: str, tolerance: int = 300
) -> bool:
    """What a receiver does: the digest matches and the timestamp is recent."""
    try:
        stamp = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs(time.time() - stamp) > tolerance:
        return False
    expected = signature_make(secret=secret, timestamp=stamp, body=body)
    return hmac.compare_digest(expected, signature or "")


def _allowed(address: str, allow_private: bool) -> bool:
    """The feed fetcher's rule (tracker.news.fetch.address_refusal), shared so both agree."""
    if allow_private:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        return not ip.is_multicast and not ip.is_unspecified
    return not address_refusal(address)


def url_check(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, address to connect to) or UnsafeURL saying why not."""
    parts = urlsplit(url)
    allow_private = bool(getattr(settings, "TRACKER_FETCH_ALLOW_PRIVATE", False))
    if parts.scheme not in {"https", "http"}:
        raise UnsafeURL("the URL must start with https://")
    if parts.username or parts.password:
        raise UnsafeURL("the URL must not carry a user name or password")
    host = parts.hostname
    if not host:
        raise UnsafeURL("the URL has no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UnsafeURL("the URL has a bad port") from exc
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UnsafeURL(f"cannot resolve {host}") from exc
    addresses = [info[4][0] for info in infos]
    if not addresses or not all(_allowed(a, allow_private) for a in addresses):
        raise UnsafeURL(f"{host} is not a public address")
    if parts.scheme == "http" and not (
        allow_private and all(ipaddress.ip_address(a).is_loopback for a in addresses)
    ):
        raise UnsafeURL("the URL must start with https:// (plain http only to loopback in tests)")
    return parts.scheme, host, port, addresses[0]


def webhook_post(*, url: str, secret: str, body: bytes, headers: dict[str, str]) -> PostResult:
    """POST `body` signed; ok when the answer is 2xx. Never raises for network trouble."""
    try:
        scheme, host, port, address = url_check(url)
    except UnsafeURL as exc:
        return PostResult(False, None, str(exc), permanent=True)
    timestamp = int(time.time())
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    all_headers = {
        "Content-Type": "application/json",
        "User-Agent": settings.TRACKER_USER_AGENT,
        "Host": host if port in (80, 443) else f"{host}:{port}",
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: signature_make(secret=secret, timestamp=timestamp, body=body),
        **headers,
    }
    timeout = urllib3.Timeout(connect=5, read=float(settings.TRACKER_FETCH_TIMEOUT))
    if scheme == "https":
        pool: urllib3.HTTPConnectionPool = urllib3.HTTPSConnectionPool(
            address, port, timeout=timeout, retries=False, server_hostname=host,
            assert_hostname=host,
        )  # fmt: skip
    else:
        pool = urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False)
    try:
        response = pool.urlopen(
            "POST", target, body=body, headers=all_headers, redirect=False,
            preload_content=False,
        )  # fmt: skip
        response.read(MAX_RESPONSE_BYTES)
        response.release_conn()
    except urllib3.exceptions.HTTPError as exc:
        return PostResult(False, None, f"{type(exc).__name__}: {exc}"[:1000])
    finally:
        pool.close()
    if 200 <= response.status < 300:
        return PostResult(True, response.status, "")
    return PostResult(False, response.status, f"HTTP {response.status}")

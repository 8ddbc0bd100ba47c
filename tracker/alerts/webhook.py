"""Signed webhook POSTs that reach only public addresses.

The body is signed with HMAC-SHA256 under the endpoint's secret, over `"{timestamp}.{body}"`:
`X-Tracker-Timestamp: <unix seconds>` and `X-Tracker-Signature: sha256=<hex>`. A receiver
recomputes the digest (see `signature_verify`) and rejects old timestamps to stop replays.

Sending goes through the project's one guarded HTTP client (tracker.core.fetch.fetch): public
addresses only (resolved once, the connection pinned to that address), ports 80 and 443, no
redirects, a total deadline of settings.TRACKER_WEBHOOK_TIMEOUT seconds that a receiver trickling
its answer cannot stretch, and at most MAX_RESPONSE_BYTES of the answer read. Only https, except
with TRACKER_FETCH_ALLOW_PRIVATE (tests, local use), which also allows plain http to loopback.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from tracker.core.fetch import (
    FetchError,
    FetchHTTPError,
    FetchRedirectError,
    FetchRefused,
    fetch,
    url_resolve,
)

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


def url_check(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, address to connect to) or UnsafeURL saying why not."""
    parts = urlsplit(url)
    allow_private = bool(getattr(settings, "TRACKER_FETCH_ALLOW_PRIVATE", False))
    if parts.scheme not in {"https", "http"}:
        raise UnsafeURL("the URL must start with https://")
    if parts.username or parts.password:
        raise UnsafeURL("the URL must not carry a user name or password")
    try:
        scheme, host, port, address = url_resolve(url, allow_private=allow_private)
    except FetchError as exc:
        raise UnsafeURL(str(exc)) from exc
    if scheme == "http" and not (allow_private and ipaddress.ip_address(address).is_loopback):
        raise UnsafeURL("the URL must start with https:// (plain http only to loopback in tests)")
    return scheme, host, port, address


def webhook_post(*, url: str, secret: str, body: bytes, headers: dict[str, str]) -> PostResult:
    """POST `body` signed; ok when the answer is 2xx. Never raises for network trouble."""
    try:
        url_check(url)
    except UnsafeURL as exc:
        return PostResult(False, None, str(exc), permanent=True)
    timestamp = int(time.time())
    all_headers = {
        "Content-Type": "application/json",
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: signature_make(secret=secret, timestamp=timestamp, body=body),
        **headers,
    }
    try:
        result = fetch(
            url,
            method="POST",
            body=body,
            headers=all_headers,
            max_bytes=MAX_RESPONSE_BYTES,
            timeout=float(settings.TRACKER_WEBHOOK_TIMEOUT),
            follow_redirects=False,
            truncate=True,
        )
    except FetchRefused as exc:  # e.g. the name now resolves to a private address
        return PostResult(False, None, str(exc)[:1000], permanent=True)
    except FetchRedirectError as exc:
        return PostResult(False, exc.status or None, str(exc)[:1000])
    except FetchHTTPError as exc:
        return PostResult(False, exc.status, f"HTTP {exc.status}")
    except FetchError as exc:
        return PostResult(False, None, str(exc)[:1000])
    return PostResult(True, result.status, "")

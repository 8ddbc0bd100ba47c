"""The one guarded HTTP client: feeds, article pages, webhooks and terms documents all go
through `fetch` (feedparser never fetches anything itself; `url_fetch` is its feed-reading form).

- http and https only; at most MAX_REDIRECTS redirects, each hop checked like the first;
- the host is resolved once per hop and the connection goes to that checked address (no DNS
  rebinding gap); https still sends the host name for SNI and checks the certificate against it;
- only globally routable addresses (`address_refusal`: loopback, private, link-local, site-local,
  6to4, NAT64, multicast, reserved and the rest are refused) and only ports 80 and 443, unless
  private addresses are allowed (settings.TRACKER_FETCH_ALLOW_PRIVATE or `allow_private=True`);
- a connect timeout and a total deadline (a watchdog shuts the socket down, so a server that
  trickles one byte a second ends with an error);
- the body is capped at settings.TRACKER_FETCH_MAX_BYTES before and after decompression;
- conditional GET (ETag / Last-Modified), 304 reported as `not_modified`, a permanent redirect as
  `permanent_url`, 410 as `FetchGone`.

Every failure is a `FetchError` with a message a person can read.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings

from tracker.core.addresses import ALLOWED_PORTS, address_refusal
from tracker.core.pinned import PinnedHTTPConnection, PinnedHTTPSConnection, Watchdog

MAX_REDIRECTS = 5
CHUNK = 64 * 1024
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1"
)

# The resolver and the CA bundle (None: the system's), module attributes so tests can replace them.
getaddrinfo: Callable[..., list] = socket.getaddrinfo
ca_certs: str | None = None


class FetchError(Exception):
    """A fetch failed; `str(error)` says why in words. `retryable` errors may pass if retried."""

    retryable = False

    def __init__(self, message: str, *, url: str = "") -> None:
        super().__init__(message)
        self.url = url


class FetchRefused(FetchError):
    """The URL or the address it resolves to is not allowed."""


class FetchNetworkError(FetchError):
    """DNS, connection, TLS or protocol trouble, a timeout or a server error: worth retrying."""

    retryable = True


class FetchTimeout(FetchNetworkError):
    pass


class FetchTooLarge(FetchError):
    pass


class FetchHTTPError(FetchError):
    """An HTTP error status; `retry_after` is the answer's Retry-After header ("" when none)."""

    def __init__(
        self, message: str, *, url: str = "", status: int = 0, retry_after: str = ""
    ) -> None:
        super().__init__(message, url=url)
        self.status = status
        self.retry_after = retry_after
        self.retryable = status >= 500 or status == 429


class FetchRedirectError(FetchHTTPError):
    """A redirect that cannot be followed (a loop, too many, none allowed); `status` is the 3xx
    when there was one."""


class FetchGone(FetchHTTPError):
    """HTTP 410: the feed is gone for good; the caller mutes it."""


@dataclass
class FetchResult:
    url: str  # the URL finally fetched
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False
    permanent_url: str = ""  # set when every redirect on the way was permanent (301/308)
    redirects: list[str] = field(default_factory=list)


def _allow_private(allow_private: bool | None) -> bool:
    if allow_private is None:
        return bool(settings.TRACKER_FETCH_ALLOW_PRIVATE)
    return allow_private


def url_resolve(url: str, *, allow_private: bool | None = None) -> tuple[str, str, int, str]:
    """(scheme, host, port, the one address to connect to) for a URL that may be fetched.

    Raises FetchRefused (scheme, address or port not allowed) or FetchNetworkError (DNS)."""
    scheme, host, port = _check_url(url)
    ip = _resolve(host, port, url=url, allow_private=_allow_private(allow_private))
    if not _allow_private(allow_private) and port not in ALLOWED_PORTS:
        raise FetchRefused(
            f"refused to fetch {url}: only ports {' and '.join(map(str, ALLOWED_PORTS))} "
            "are allowed (set TRACKER_FETCH_ALLOW_PRIVATE=1 to allow others)",
            url=url,
        )
    return scheme, host, port, ip


def _resolve(host: str, port: int, *, url: str, allow_private: bool) -> str:
    """One address for host that may be fetched; FetchRefused/FetchNetworkError otherwise."""
    try:
        infos = getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchNetworkError(f"cannot resolve host {host!r}: {exc}", url=url) from exc
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise FetchNetworkError(f"host {host!r} has no address", url=url)
    if allow_private:
        for ip in addresses:
            addr = ipaddress.ip_address(ip.split("%", 1)[0])
            if not (addr.is_multicast or addr.is_unspecified):
                return ip
        raise FetchRefused(f"refused to fetch {url}: no unicast address", url=url)
    reasons = []
    for ip in addresses:
        why = address_refusal(ip)
        if not why:
            return ip
        reasons.append(why if ip == host.strip("[]") else f"{ip}, {why}")
    where = f"{host} is" if host.strip("[]") in addresses else f"{host} resolves to"
    raise FetchRefused(
        f"refused to fetch {url}: {where} {'; '.join(reasons)} "
        "(set TRACKER_FETCH_ALLOW_PRIVATE=1 to allow it)",
        url=url,
    )


def _check_url(url: str) -> tuple[str, str, int]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchRefused(f"not a valid URL: {url!r}", url=url) from exc
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(f"only http and https URLs can be fetched, not {url!r}", url=url)
    if not parts.hostname:
        raise FetchRefused(f"the URL {url!r} has no host", url=url)
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80)


def _decompress(raw: bytes, encoding: str, *, cap: int, url: str) -> bytes:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return raw
    if encoding in ("gzip", "x-gzip"):
        decoders = [zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)]
    elif encoding == "deflate":
        decoders = [zlib.decompressobj(), zlib.decompressobj(wbits=-zlib.MAX_WBITS)]
    else:
        raise FetchError(f"unsupported Content-Encoding {encoding!r} from {url}", url=url)
    last: Exception | None = None
    for decoder in decoders:
        try:
            out = decoder.decompress(raw, cap + 1)
        except zlib.error as exc:
            last = exc
            continue
        if len(out) > cap:
            raise FetchTooLarge(
                f"{url} decompresses to more than the {cap}-byte limit (a compression bomb?)",
                url=url,
            )
        return out + decoder.flush(cap + 1 - len(out))[: cap - len(out)]
    raise FetchError(f"cannot decompress the {encoding} body of {url}: {last}", url=url)


@dataclass(frozen=True)
class _Limits:
    deadline: float  # time.monotonic() by which the whole fetch, every hop, must be done
    timeout: float  # the seconds that deadline stands for, for messages
    cap: int  # bytes, before and after decompression
    allow_private: bool
    truncate: bool  # stop reading at the cap instead of failing (webhook answers)


def _pool(scheme: str, host: str, port: int, ip: str, watchdog: Watchdog, remaining: float):
    timeout = urllib3.Timeout(connect=min(10.0, remaining), read=remaining)
    common = {"pinned_ip": ip, "watchdog": watchdog, "retries": False, "maxsize": 1}
    if scheme == "https":
        pool: urllib3.HTTPConnectionPool = urllib3.HTTPSConnectionPool(
            host, port, timeout=timeout, cert_reqs="CERT_REQUIRED", ca_certs=ca_certs, **common
        )
        pool.ConnectionCls = PinnedHTTPSConnection
    else:
        pool = urllib3.HTTPConnectionPool(host, port, timeout=timeout, **common)
        pool.ConnectionCls = PinnedHTTPConnection
    return pool


def _read(resp, url: str, limits: _Limits) -> bytes:
    cap = limits.cap
    length = resp.headers.get("Content-Length", "")
    if not limits.truncate and length.isdigit() and int(length) > cap:
        raise FetchTooLarge(f"{url} is {int(length)} bytes, over the {cap}-byte limit", url=url)
    chunks, size = [], 0
    for chunk in resp.stream(CHUNK, decode_content=False):
        chunks.append(chunk)
        size += len(chunk)
        if size > cap:
            if limits.truncate:
                return b"".join(chunks)[:cap]
            raise FetchTooLarge(f"{url} sent more than the {cap}-byte limit", url=url)
        if time.monotonic() > limits.deadline:
            raise FetchTimeout(f"timed out reading {url} (limit {limits.timeout:g}s)", url=url)
    return b"".join(chunks)


def _request(
    method: str, url: str, headers: dict[str, str], body: bytes | None, limits: _Limits
) -> tuple[int, dict, bytes]:
    scheme, host, port, ip = url_resolve(url, allow_private=limits.allow_private)
    remaining = limits.deadline - time.monotonic()
    if remaining <= 0:
        raise FetchTimeout(f"timed out fetching {url} (limit {limits.timeout:g}s)", url=url)
    watchdog = Watchdog(remaining)
    pool = _pool(scheme, host, port, ip, watchdog, remaining)
    try:
        try:
            resp = pool.urlopen(
                method,
                urlsplit(url)._replace(scheme="", netloc="", fragment="").geturl() or "/",
                body=body,
                headers=headers,
                redirect=False,
                retries=False,
                preload_content=False,
                decode_content=False,
            )
            raw = _read(resp, url, limits)
        except FetchError:
            raise
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            timeout = isinstance(exc, urllib3.exceptions.TimeoutError) and not isinstance(
                exc, urllib3.exceptions.NewConnectionError
            )
            if watchdog.fired or timeout:
                raise FetchTimeout(
                    f"timed out fetching {url} (limit {limits.timeout:g}s)", url=url
                ) from exc
            raise FetchNetworkError(
                f"network error fetching {url}: {_reason(exc)}", url=url
            ) from exc
        if watchdog.fired:
            raise FetchTimeout(f"timed out fetching {url} (limit {limits.timeout:g}s)", url=url)
        if limits.truncate:
            return resp.status, dict(resp.headers), raw
        encoding = resp.headers.get("Content-Encoding", "")
        return resp.status, dict(resp.headers), _decompress(raw, encoding, cap=limits.cap, url=url)
    finally:
        watchdog.close()
        pool.close()


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None)
    return str(reason or exc) or type(exc).__name__


def fetch(
    url: str,
    *,
    method: str = "GET",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    max_bytes: int | None = None,
    timeout: float | None = None,
    allow_private: bool | None = None,
    follow_redirects: bool = True,
    truncate: bool = False,
) -> FetchResult:
    """Send one request under the rules in the module docstring; a 2xx or 304 answer.

    `max_bytes` (default settings.TRACKER_FETCH_MAX_BYTES) caps the body, `timeout` (default
    settings.TRACKER_FETCH_TIMEOUT) is the deadline in seconds for everything, redirects and
    slow bodies included; `allow_private` None follows settings.TRACKER_FETCH_ALLOW_PRIVATE.
    Without `follow_redirects` a 3xx is a FetchRedirectError; `truncate` keeps the first
    `max_bytes` of a longer body (undecoded) instead of failing. Raises FetchError subclasses;
    an HTTP error status is a FetchHTTPError carrying it."""
    seconds = float(settings.TRACKER_FETCH_TIMEOUT if timeout is None else timeout)
    limits = _Limits(
        deadline=time.monotonic() + seconds,
        timeout=seconds,
        cap=int(settings.TRACKER_FETCH_MAX_BYTES if max_bytes is None else max_bytes),
        allow_private=_allow_private(allow_private),
        truncate=truncate,
    )
    headers = {"User-Agent": settings.TRACKER_USER_AGENT, **(headers or {})}
    current, seen, redirects, permanent = url, {url}, [], True
    while True:
        status, resp_headers, data = _request(method, current, headers, body, limits)
        lower = {k.lower(): v for k, v in resp_headers.items()}
        if status not in (301, 302, 303, 307, 308):
            break
        target = _redirect_target(current, lower.get("location", ""), status, url=url)
        if not follow_redirects:
            raise FetchRedirectError(
                f"{current} redirects to {target} (redirects are not followed here)",
                url=url,
                status=status,
            )
        if target in seen:
            raise FetchRedirectError(f"redirect loop at {target} (from {url})", url=url)
        if len(redirects) >= MAX_REDIRECTS:
            raise FetchRedirectError(f"more than {MAX_REDIRECTS} redirects fetching {url}", url=url)
        permanent = permanent and status in (301, 308)
        seen.add(target)
        redirects.append(target)
        current = target
    return _result(url, current, status, lower, data, redirects, permanent)


def _redirect_target(current: str, location: str, status: int, *, url: str) -> str:
    if not location:
        raise FetchRedirectError(f"{current} redirects without a Location", url=url, status=status)
    return urljoin(current, location)


def _result(
    url: str, current: str, status: int, lower: dict, data: bytes, redirects: list, permanent: bool
) -> FetchResult:
    result = FetchResult(
        url=current,
        status=status,
        content_type=lower.get("content-type", ""),
        etag=lower.get("etag", ""),
        last_modified=lower.get("last-modified", ""),
        permanent_url=current if redirects and permanent else "",
        redirects=redirects,
    )
    if status == 304:
        result.not_modified = True
        return result
    if status == 410:
        raise FetchGone(f"{current} is gone (HTTP 410)", url=url, status=status)
    if status >= 400:
        raise FetchHTTPError(
            f"HTTP {status} from {current}",
            url=url,
            status=status,
            retry_after=lower.get("retry-after", ""),
        )
    if not 200 <= status < 300:
        raise FetchHTTPError(f"unexpected HTTP {status} from {current}", url=url, status=status)
    result.body = data
    return result


def url_fetch(
    *, url: str, etag: str = "", last_modified: str = "", accept: str = ACCEPT
) -> FetchResult:
    """GET a feed (or, with `accept` for web pages, an article page): conditional, compressed,
    only a 200 (or 304) is an answer. Raises FetchError subclasses."""
    headers = {"Accept": accept, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    result = fetch(url, headers=headers)
    if result.not_modified:
        result.etag = result.etag or etag
        result.last_modified = result.last_modified or last_modified
    elif result.status != 200:
        raise FetchHTTPError(
            f"unexpected HTTP {result.status} from {result.url}", url=url, status=result.status
        )
    return result

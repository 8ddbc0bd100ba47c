"""Safe HTTP fetching of feeds and pages (feedparser never fetches anything itself).

- http and https only; at most MAX_REDIRECTS redirects, each hop checked like the first;
- the host is resolved once per hop and the connection goes to that checked address (no DNS
  rebinding gap); https still sends the host name for SNI and checks the certificate against it;
- loopback, private, link-local, multicast, reserved and unspecified addresses are refused unless
  settings.TRACKER_FETCH_ALLOW_PRIVATE;
- a connect timeout and a total deadline (a watchdog shuts the socket down, so a server that
  trickles one byte a second ends with an error);
- the body is capped at settings.TRACKER_FETCH_MAX_BYTES before and after decompression;
- conditional GET (ETag / Last-Modified), 304 reported as `not_modified`, a permanent redirect as
  `permanent_url`, 410 as `FetchGone`.

Every failure is a `FetchError` with a message a person can read.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings
from urllib3.connection import HTTPConnection, HTTPSConnection

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


class FetchRedirectError(FetchError):
    pass


class FetchHTTPError(FetchError):
    def __init__(self, message: str, *, url: str = "", status: int = 0) -> None:
        super().__init__(message, url=url)
        self.status = status
        self.retryable = status >= 500 or status == 429


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


def address_refusal(ip: str) -> str:
    """Why an address may not be fetched ("" when it may)."""
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
    if not addr.is_global:
        return "a non-public address"
    return ""


def _resolve(host: str, port: int, *, url: str) -> str:
    """One address for host that may be fetched; FetchRefused/FetchNetworkError otherwise."""
    try:
        infos = getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchNetworkError(f"cannot resolve host {host!r}: {exc}", url=url) from exc
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise FetchNetworkError(f"host {host!r} has no address", url=url)
    if settings.TRACKER_FETCH_ALLOW_PRIVATE:
        return addresses[0]
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


class _Watchdog:
    """Shuts down every socket it watches once the deadline passes."""

    def __init__(self, seconds: float) -> None:
        self.fired = False
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._socks.append(sock.dup())  # a dup survives ssl's detach() of the original
            if self.fired:
                self._shutdown()

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            self._shutdown()

    def _shutdown(self) -> None:
        for sock in self._socks:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self._timer.cancel()
        with self._lock:
            for sock in self._socks:
                sock.close()
            self._socks.clear()


class _PinnedMixin:
    """Connects to a pre-checked IP instead of resolving the host name again."""

    def __init__(self, *args, pinned_ip: str, watchdog: _Watchdog, **kwargs) -> None:
        self._pinned_ip = pinned_ip
        self._watchdog = watchdog
        super().__init__(*args, **kwargs)

    def _new_conn(self) -> socket.socket:
        try:
            sock = socket.create_connection((self._pinned_ip, self.port), timeout=self.timeout)
        except TimeoutError as exc:
            raise urllib3.exceptions.ConnectTimeoutError(self, str(exc)) from exc
        except OSError as exc:
            raise urllib3.exceptions.NewConnectionError(self, str(exc)) from exc
        self._watchdog.watch(sock)
        return sock


class _PinnedHTTPConnection(_PinnedMixin, HTTPConnection):
    pass


class _PinnedHTTPSConnection(_PinnedMixin, HTTPSConnection):
    pass


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


def _request(url: str, headers: dict[str, str], *, deadline: float) -> tuple[int, dict, bytes]:
    scheme, host, port = _check_url(url)
    ip = _resolve(host, port, url=url)
    cap = settings.TRACKER_FETCH_MAX_BYTES
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchTimeout(f"timed out fetching {url}", url=url)
    watchdog = _Watchdog(remaining)
    timeout = urllib3.Timeout(connect=min(10.0, remaining), read=remaining)
    common = {"pinned_ip": ip, "watchdog": watchdog, "retries": False, "maxsize": 1}
    if scheme == "https":
        pool: urllib3.HTTPConnectionPool = urllib3.HTTPSConnectionPool(
            host, port, timeout=timeout, cert_reqs="CERT_REQUIRED", ca_certs=ca_certs, **common
        )
        pool.ConnectionCls = _PinnedHTTPSConnection
    else:
        pool = urllib3.HTTPConnectionPool(host, port, timeout=timeout, **common)
        pool.ConnectionCls = _PinnedHTTPConnection
    try:
        try:
            resp = pool.urlopen(
                "GET",
                urlsplit(url)._replace(scheme="", netloc="", fragment="").geturl() or "/",
                headers=headers,
                redirect=False,
                retries=False,
                preload_content=False,
                decode_content=False,
            )
            length = resp.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > cap:
                resp.release_conn()
                raise FetchTooLarge(
                    f"{url} is {int(length)} bytes, over the {cap}-byte limit", url=url
                )
            chunks, size = [], 0
            for chunk in resp.stream(CHUNK, decode_content=False):
                size += len(chunk)
                if size > cap:
                    raise FetchTooLarge(f"{url} sent more than the {cap}-byte limit", url=url)
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    raise FetchTimeout(f"timed out reading {url}", url=url)
            raw = b"".join(chunks)
        except FetchError:
            raise
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            timeout = isinstance(exc, urllib3.exceptions.TimeoutError) and not isinstance(
                exc, urllib3.exceptions.NewConnectionError
            )
            if watchdog.fired or timeout:
                raise FetchTimeout(
                    f"timed out fetching {url} (limit {settings.TRACKER_FETCH_TIMEOUT}s)", url=url
                ) from exc
            raise FetchNetworkError(
                f"network error fetching {url}: {_reason(exc)}", url=url
            ) from exc
        if watchdog.fired:
            raise FetchTimeout(f"timed out fetching {url}", url=url)
        body = _decompress(raw, resp.headers.get("Content-Encoding", ""), cap=cap, url=url)
        return resp.status, dict(resp.headers), body
    finally:
        watchdog.close()
        pool.close()


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None)
    return str(reason or exc) or type(exc).__name__


def url_fetch(
    *, url: str, etag: str = "", last_modified: str = "", accept: str = ACCEPT
) -> FetchResult:
    """GET url safely (see the module docstring). Raises FetchError subclasses.

    `accept` is the Accept header: feeds by default, web pages for full-text fetching."""
    deadline = time.monotonic() + settings.TRACKER_FETCH_TIMEOUT
    headers = {
        "User-Agent": settings.TRACKER_USER_AGENT,
        "Accept": accept,
        "Accept-Encoding": "gzip, deflate",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current, seen, redirects = url, {url}, []
    permanent = True
    while True:
        status, resp_headers, body = _request(current, headers, deadline=deadline)
        lower = {k.lower(): v for k, v in resp_headers.items()}
        if status in (301, 302, 303, 307, 308):
            location = lower.get("location", "")
            if not location:
                raise FetchRedirectError(f"{current} redirects without a Location", url=url)
            target = urljoin(current, location)
            if target in seen:
                raise FetchRedirectError(f"redirect loop at {target} (from {url})", url=url)
            if len(redirects) >= MAX_REDIRECTS:
                raise FetchRedirectError(
                    f"more than {MAX_REDIRECTS} redirects fetching {url}", url=url
                )
            permanent = permanent and status in (301, 308)
            seen.add(target)
            redirects.append(target)
            current = target
            continue
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
            result.etag = result.etag or etag
            result.last_modified = result.last_modified or last_modified
            return result
        if status == 410:
            raise FetchGone(f"{current} is gone (HTTP 410)", url=url, status=status)
        if status >= 400:
            raise FetchHTTPError(f"HTTP {status} from {current}", url=url, status=status)
        if status != 200:
            raise FetchHTTPError(f"unexpected HTTP {status} from {current}", url=url, status=status)
        result.body = body
        return result

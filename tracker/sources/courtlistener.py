"""A small client for CourtListener's REST API v4: dockets, docket entries and parties.

- `Authorization: Token ...` from settings.COURTLISTENER_TOKEN (none: anonymous requests);
- lists are followed through their `next` links (cursor pagination), never guessed;
- HTTP 429 waits the Retry-After it names when that is short (COURTLISTENER_MAX_WAIT seconds),
  otherwise stops with `Throttled` carrying the wait, so the task tries again after it;
- 5xx and network errors are retried with exponential backoff, a few times;
- every failure is a `RemoteError` whose message a person can act on (401, 404, malformed JSON).

Requests go through the project's guarded HTTP client (tracker.core.fetch), so the address
rules, time limit and size cap of feeds apply here too.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urlencode, urljoin, urlsplit

from django.conf import settings

from tracker.core import fetch as guarded

DOCKET_URL = re.compile(r"/docket/(\d+)(?:/|$)")


class RemoteError(Exception):
    """The remote side failed; `str()` says how, in words fit for the sources page."""


class Throttled(RemoteError):
    def __init__(self, message: str, *, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def docket_id_parse(value: str | int) -> int:
    """A docket id from 68571705, "68571705" or a CourtListener docket or API URL."""
    text = str(value).strip()
    if text.isdigit() and int(text) > 0:
        return int(text)
    path = urlsplit(text).path if "://" in text else ""
    match = DOCKET_URL.search(path) or re.search(r"/dockets/(\d+)(?:/|$)", path)
    if match:
        return int(match.group(1))
    raise ValueError(
        f"{value!r} is neither a CourtListener docket id nor a docket URL "
        "(https://www.courtlistener.com/docket/<id>/...)"
    )


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


Transport = Callable[[str, dict[str, str]], Reply]


def guarded_get(url: str, headers: dict[str, str]) -> Reply:
    """One GET through tracker.core.fetch (address rules, deadline, size cap, no redirects to
    follow); an HTTP error status comes back as a Reply, since 429 and 5xx are handled here."""
    try:
        # No redirects: the token must go to the configured API and nowhere else.
        result = guarded.fetch(
            url, headers={"Accept-Encoding": "gzip, deflate", **headers}, follow_redirects=False
        )
    except guarded.FetchRedirectError:
        raise
    except guarded.FetchHTTPError as exc:
        return Reply(exc.status, {"retry-after": exc.retry_after}, b"")
    return Reply(result.status, {"content-type": result.content_type}, result.body)


def retry_after_seconds(value: str, *, now: dt.datetime | None = None) -> float | None:
    """Retry-After as seconds: "30" or an HTTP date; None when absent or unreadable."""
    value = (value or "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = now or dt.datetime.now(dt.UTC)
    return max(0.0, (when - now).total_seconds())


@dataclass
class Client:
    base_url: str = ""
    token: str = ""
    transport: Transport | None = None
    sleep: Callable[[float], None] = time.sleep
    max_wait: float | None = None
    attempts: int = 3
    backoff: float = 1.0
    requests: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        self.base_url = (self.base_url or settings.COURTLISTENER_URL).rstrip("/") + "/"
        self.token = self.token or settings.COURTLISTENER_TOKEN
        self.transport = self.transport or guarded_get
        if self.max_wait is None:
            self.max_wait = float(settings.COURTLISTENER_MAX_WAIT)

    def url(self, path: str, params: dict | None = None) -> str:
        query = f"?{urlencode(params)}" if params else ""
        return urljoin(self.base_url, path.lstrip("/")) + query

    def get(self, url: str) -> dict:
        """One JSON object from `url`, retried and waited for as the module docstring says."""
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        for attempt in range(1, self.attempts + 1):
            reply = self._send(url, headers)
            if reply.status == 429:
                self._throttled(url, reply, attempt)
                continue
            if reply.status >= 500 or reply.status == 0:
                if attempt == self.attempts:
                    raise RemoteError(self._server_error(url, reply))
                self.sleep(self.backoff * 2 ** (attempt - 1))
                continue
            return self._json(url, reply)
        raise RemoteError(f"CourtListener kept throttling {url} after {self.attempts} tries")

    def pages(self, url: str) -> Iterator[list[dict]]:
        """The `results` of each page of a list, following `next` until there is none."""
        seen: set[str] = set()
        while url:
            if url in seen:
                raise RemoteError(f"CourtListener's paging loops back to {url}")
            seen.add(url)
            data = self.get(url)
            results = data.get("results")
            if not isinstance(results, list):
                raise RemoteError(f"CourtListener's answer to {url} has no list of results")
            yield [r for r in results if isinstance(r, dict)]
            following = data.get("next") or ""
            if following and not self._ours(following):
                raise RemoteError(
                    f"CourtListener's answer to {url} points its next page elsewhere "
                    f"({str(following)[:200]!r}); not followed, so the token stays with the API"
                )
            url = following

    def _ours(self, url) -> bool:
        """Whether `url` is on the API's own scheme, host and port."""
        if not isinstance(url, str):
            return False
        mine, theirs = urlsplit(self.base_url), urlsplit(url)
        return (theirs.scheme, theirs.netloc) == (mine.scheme, mine.netloc)

    def _send(self, url: str, headers: dict[str, str]) -> Reply:
        self.requests += 1
        try:
            return self.transport(url, headers)  # type: ignore[misc]
        except guarded.FetchNetworkError as exc:
            return Reply(0, {}, str(exc).encode())
        except guarded.FetchError as exc:
            raise RemoteError(f"cannot reach CourtListener: {exc}") from exc

    def _throttled(self, url: str, reply: Reply, attempt: int) -> None:
        wait = retry_after_seconds(reply.headers.get("retry-after", ""))
        wait = self.backoff * 2 ** (attempt - 1) * 30 if wait is None else wait
        if wait > self.max_wait or attempt == self.attempts:
            raise Throttled(
                f"CourtListener is rate-limiting this token (HTTP 429); it asks to wait "
                f"{wait:.0f} s before the next request",
                retry_after=wait,
            )
        self.sleep(wait)

    def _server_error(self, url: str, reply: Reply) -> str:
        if reply.status == 0:
            return f"cannot reach CourtListener after {self.attempts} tries: {reply.body.decode()}"
        return f"CourtListener failed with HTTP {reply.status} on {url} ({self.attempts} tries)"

    def _json(self, url: str, reply: Reply) -> dict:
        if reply.status in (401, 403):
            how = "was refused" if self.token else "needs a token"
            raise RemoteError(
                f"CourtListener {how} (HTTP {reply.status}): set COURTLISTENER_TOKEN to a valid "
                "API token"
            )
        if reply.status == 404:
            raise RemoteError(f"CourtListener has nothing at {url} (HTTP 404)")
        if reply.status >= 400 or reply.status < 200:
            raise RemoteError(f"CourtListener answered HTTP {reply.status} on {url}")
        try:
            data = json.loads(reply.body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise RemoteError(f"CourtListener sent malformed JSON for {url}: {exc}") from exc
        if not isinstance(data, dict):
            raise RemoteError(f"CourtListener sent JSON that is not an object for {url}")
        return data

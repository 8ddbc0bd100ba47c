"""Throttling of pages and logins, keyed on the client's address as a trusted proxy reports it.

The client address: REMOTE_ADDR, unless settings.TRACKER_TRUSTED_PROXIES (the number of proxies
in front of the site, set, never guessed) says to take the address that many hops from the
right of X-Forwarded-For. The API uses the same rule (DRF's NUM_PROXIES is set from it).

- Pages: a fixed window per client (settings.TRACKER_THROTTLE_PAGES, anonymous readers) and a
  stricter one for search (TRACKER_THROTTLE_SEARCH); logged-in users are keyed on their id.
- Logins (/accounts/login/ and /admin/login/): failed attempts counted per username + address
  (TRACKER_LOGIN_FAILURES) and per address (TRACKER_LOGIN_FAILURES_PER_ADDRESS); past either
  limit a login POST answers 429 before any password is checked.

Counters live in Django's cache (the "default" one): one process with the local-memory cache,
every process when CACHES points at a shared cache such as Redis.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

_PERIODS = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60, "h": 3600,
            "hour": 3600, "d": 86400, "day": 86400}  # fmt: skip


def rate_parse(rate: str) -> tuple[int, int]:
    """ "600/minute" -> (600, 60); "5/15m"-style counts of a unit are allowed: "5/15minute"."""
    count, _, period = rate.partition("/")
    digits = "".join(ch for ch in period if ch.isdigit())
    unit = period[len(digits) :].strip().lower()
    if unit not in _PERIODS:
        raise ValueError(f"cannot read the rate {rate!r} (e.g. 600/minute, 5/15minute)")
    return int(count), _PERIODS[unit] * int(digits or 1)


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the one the outermost trusted proxy saw."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = int(getattr(settings, "TRACKER_TRUSTED_PROXIES", 0) or 0)
    if proxies <= 0:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [h for h in hops if h]
    if len(hops) < proxies:  # fewer hops than proxies: the request did not come through them
        return remote
    return hops[-proxies]


def _hit(key: str, rate: str) -> int:
    """Count one hit in the current window of `rate`; seconds to wait when over it, else 0."""
    limit, period = rate_parse(rate)
    window = int(time.time() // period)
    full = f"throttle:{key}:{window}"
    cache.add(full, 0, period + 1)
    try:
        count = cache.incr(full)
    except ValueError:  # expired between add and incr
        cache.add(full, 1, period + 1)
        count = 1
    if count <= limit:
        return 0
    return max(1, int(period - time.time() % period))


def _too_many(request: HttpRequest, wait: int, what: str) -> HttpResponse:
    body = render_to_string("429.html", {"wait": wait, "what": what}, request=request)
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(wait)
    return response


# --- logins ------------------------------------------------------------------------------------


def _username_key(username: str) -> str:
    return hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]


def login_failed(*, request: HttpRequest | None, username: str) -> None:
    """Count one failed login (connected to django.contrib.auth's user_login_failed)."""
    if request is None:
        return
    ip = client_ip(request)
    _hit(f"login:{ip}:{_username_key(username)}", settings.TRACKER_LOGIN_FAILURES)
    _hit(f"login:{ip}", settings.TRACKER_LOGIN_FAILURES_PER_ADDRESS)


def _login_wait(request: HttpRequest) -> int:
    """Seconds before this login POST may be tried, 0 when it may now (counts nothing)."""
    ip = client_ip(request)
    username = request.POST.get("username", "")
    checks = (
        (f"login:{ip}:{_username_key(username)}", settings.TRACKER_LOGIN_FAILURES),
        (f"login:{ip}", settings.TRACKER_LOGIN_FAILURES_PER_ADDRESS),
    )
    for key, rate in checks:
        limit, period = rate_parse(rate)
        count = cache.get(f"throttle:{key}:{int(time.time() // period)}", 0)
        if count >= limit:
            return max(1, int(period - time.time() % period))
    return 0


LOGIN_PATHS = ("/accounts/login/", "/admin/login/")


class ThrottleMiddleware:
    """429 for a client over its page rate, or for a login POST past the failure limits."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if request.method == "POST" and path in LOGIN_PATHS:
            wait = _login_wait(request)
            if wait:
                return _too_many(request, wait, "failed logins")
        elif not path.startswith(settings.TRACKER_PAGE_THROTTLE_EXEMPT):  # the API throttles itself
            wait = self._page_wait(request)
            if wait:
                return _too_many(request, wait, "requests")
        return self.get_response(request)

    @staticmethod
    def _page_wait(request: HttpRequest) -> int:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            ident, rate = f"user:{user.pk}", settings.TRACKER_THROTTLE_PAGES_USER
        else:
            ident, rate = f"ip:{client_ip(request)}", settings.TRACKER_THROTTLE_PAGES
        wait = _hit(f"pages:{ident}", rate)
        if not wait and request.GET.get("q") and request.path == reverse("search:search"):
            wait = _hit(f"search:{ident}", settings.TRACKER_THROTTLE_SEARCH)
        return wait

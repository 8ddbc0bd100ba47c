"""Findings 4 and 5 of issue 18: throttles that a new X-Forwarded-For does not reset, pages
throttled too, and failed logins limited on /accounts/login/ and /admin/login/."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse
from rest_framework.throttling import AnonRateThrottle

from tracker.web.throttle import client_ip, rate_parse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


def _xff(n: int) -> dict:
    return {"HTTP_X_FORWARDED_FOR": f"203.0.113.{n}"}


def test_api_throttle_ignores_a_forged_forwarded_for(client, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "rate", "3/minute", raising=False)
    url = reverse("api:case-list")
    codes = [client.get(url, **_xff(n)).status_code for n in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    assert django_settings.REST_FRAMEWORK["NUM_PROXIES"] == django_settings.TRACKER_TRUSTED_PROXIES


def test_pages_are_throttled_per_client_whatever_it_forwards(client, settings):
    settings.TRACKER_THROTTLE_PAGES = "4/minute"
    url = reverse("web:home")
    codes = [client.get(url, **_xff(n)).status_code for n in range(6)]
    assert codes == [200, 200, 200, 200, 429, 429]
    blocked = client.get(url)
    assert blocked["Retry-After"].isdigit() and int(blocked["Retry-After"]) <= 60
    assert b"Too many requests" in blocked.content
    other = client.get(url, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 200


def test_search_has_its_own_stricter_rate(client, settings):
    settings.TRACKER_THROTTLE_SEARCH = "2/minute"
    url = reverse("search:search")
    codes = [client.get(url, {"q": f"word{n}"}).status_code for n in range(3)]
    assert codes == [200, 200, 429]
    assert client.get(reverse("web:home")).status_code == 200


def test_trusted_proxy_count_picks_the_client_the_proxy_saw(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.TRACKER_TRUSTED_PROXIES = 0
    assert client_ip(request) == "10.0.0.2"  # never trusted without a proxy count
    settings.TRACKER_TRUSTED_PROXIES = 1
    assert client_ip(request) == "203.0.113.9"  # what our one proxy appended, not the forgery
    settings.TRACKER_TRUSTED_PROXIES = 3
    assert client_ip(request) == "10.0.0.2"  # fewer hops than proxies: not through them


def test_behind_one_proxy_clients_are_told_apart(client, settings):
    settings.TRACKER_TRUSTED_PROXIES = 1
    settings.TRACKER_THROTTLE_PAGES = "2/minute"
    url = reverse("web:home")
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    assert [client.get(url, **proxy, **_xff(1)).status_code for _ in range(3)] == [200, 200, 429]
    assert client.get(url, **proxy, **_xff(2)).status_code == 200


@pytest.mark.parametrize("path", ["/accounts/login/", "/admin/login/"])
def test_failed_logins_are_limited(client, settings, path):
    settings.TRACKER_LOGIN_FAILURES = "3/15minute"
    user = get_user_model().objects.create_user(
        "target", password="the-right-password-1", is_staff=True
    )
    for n in range(3):
        wrong = client.post(path, {"username": "target", "password": f"guess-{n}"}, **_xff(n))
        assert wrong.status_code == 200  # the form again, with its error
    right = client.post(path, {"username": "target", "password": "the-right-password-1"})
    assert right.status_code == 429 and 1 <= int(right["Retry-After"]) <= 900  # window end
    assert "_auth_user_id" not in client.session
    elsewhere = client.post(
        path,
        {"username": user.username, "password": "the-right-password-1"},
        REMOTE_ADDR="198.51.100.8",
    )
    assert elsewhere.status_code == 302  # another address is not locked out


def test_spraying_many_usernames_from_one_address_is_limited(client, settings):
    settings.TRACKER_LOGIN_FAILURES_PER_ADDRESS = "4/hour"
    path = reverse("login")
    codes = [
        client.post(path, {"username": f"user{n}", "password": "x"}).status_code for n in range(6)
    ]
    assert codes == [200, 200, 200, 200, 429, 429]


def test_rates_read_as_documented():
    assert rate_parse("600/minute") == (600, 60)
    assert rate_parse("5/15minute") == (5, 900)
    with pytest.raises(ValueError, match="cannot read the rate"):
        rate_parse("5/fortnight")

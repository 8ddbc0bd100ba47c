"""Findings 3, 15 and 16 of issue 18: one guarded HTTP client for feeds, pages and webhooks.

The address rule refuses 6to4, site-local and the other non-global ranges; without private
addresses allowed only ports 80 and 443 are reached (the "Send test" port probe); a webhook
receiver that trickles its answer is cut at the deadline and counted as a failure; a delivery
whose attempts never finished is given up, not resent forever; the signing secret never goes
into the messages cookie.
"""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import CaseFactory, EventFactory
from tracker.alerts import services
from tracker.alerts.models import Delivery, Endpoint, Subscription
from tracker.alerts.webhook import UnsafeURL, url_check, webhook_post
from tracker.core import fetch


@pytest.mark.parametrize(
    ("address", "label"),
    [
        ("2002:7f00:1::1", "6to4"),  # 6to4 wrapping 127.0.0.1
        ("2002:a00:1::1", "6to4"),  # 6to4 wrapping 10.0.0.1
        ("fec0::1", "site-local"),
        ("64:ff9b::a9fe:a9fe", "NAT64"),  # NAT64 of 169.254.169.254
        ("::7f00:1", "IPv4-compatible"),
        ("100.64.0.1", "carrier-grade"),
        ("2001:0:4136:e378::1", "Teredo"),
    ],
)
def test_non_global_ranges_are_refused(address, label, settings, monkeypatch):
    settings.TRACKER_FETCH_ALLOW_PRIVATE = False
    assert fetch.address_refusal(address), label

    def resolver(host, port, *args, **kwargs):
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, port))]

    def no_connect(*args, **kwargs):
        raise AssertionError("must not connect")

    monkeypatch.setattr(fetch, "getaddrinfo", resolver)
    monkeypatch.setattr(socket, "create_connection", no_connect)
    with pytest.raises(fetch.FetchRefused, match="address"):
        fetch.fetch("https://sneaky.example/feed")
    with pytest.raises(UnsafeURL):
        url_check("https://sneaky.example/hook")


def test_public_addresses_still_pass():
    for ip in ("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "1.1.1.1"):
        assert fetch.address_refusal(ip) == ""


@pytest.mark.parametrize("port", [22, 6379, 8080, 25])
def test_only_ports_80_and_443_on_public_hosts(port, settings, monkeypatch):
    """ "Send test" to https://public.example:22/ was a port scanner; feeds too."""
    settings.TRACKER_FETCH_ALLOW_PRIVATE = False
    monkeypatch.setattr(
        fetch,
        "getaddrinfo",
        lambda host, p, *a, **k: [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", p))
        ],
    )

    def no_connect(*args, **kwargs):
        raise AssertionError("must not connect")

    monkeypatch.setattr(socket, "create_connection", no_connect)
    with pytest.raises(fetch.FetchRefused, match="only ports 80 and 443"):
        fetch.url_fetch(url=f"http://public.example:{port}/feed")
    with pytest.raises(UnsafeURL, match="only ports 80 and 443"):
        url_check(f"https://public.example:{port}/hook")
    result = webhook_post(url=f"https://public.example:{port}/", secret="k", body=b"{}", headers={})
    assert not result.ok and result.permanent


@pytest.fixture
def trickler():
    """A receiver that answers a POST with headers, then one byte every 0.2 s for a minute."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            self.send_response(200)
            self.send_header("Content-Length", "300")
            self.end_headers()
            try:
                for _ in range(300):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                return

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/hook"
    httpd.shutdown()
    httpd.server_close()


def test_trickling_webhook_receiver_is_cut_at_the_deadline(trickler, settings):
    settings.TRACKER_FETCH_ALLOW_PRIVATE = True
    settings.TRACKER_WEBHOOK_TIMEOUT = 1
    started = time.monotonic()
    result = webhook_post(url=trickler, secret="k", body=b"{}", headers={})
    assert time.monotonic() - started < 5  # the trickle would take a minute
    assert not result.ok and "timed out" in result.error


def test_trickling_delivery_is_a_counted_failure(trickler, settings, db):
    settings.TRACKER_FETCH_ALLOW_PRIVATE = True
    settings.TRACKER_WEBHOOK_TIMEOUT = 1
    user = get_user_model().objects.create_user("hooker", email="h@example.org")
    case = CaseFactory()
    endpoint = Endpoint.objects.create(user=user, url=trickler)
    Subscription.objects.create(user=user, case=case, email=False, endpoint=endpoint)
    event = EventFactory(case=case)
    services.notify_accepted(kind="event", obj_id=event.pk)
    delivery = Delivery.objects.get()
    services.delivery_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    endpoint.refresh_from_db()
    assert delivery.status == Delivery.Status.RETRYING and "timed out" in delivery.error
    assert endpoint.consecutive_failures == 1 and "timed out" in endpoint.last_error


def test_delivery_whose_attempts_never_finished_is_given_up(settings, db, monkeypatch):
    """A worker killed mid-send left the delivery pending; it was requeued every 10 minutes."""
    settings.TRACKER_ALERTS_MAX_ATTEMPTS = 3
    user = get_user_model().objects.create_user("hooker", email="h@example.org")
    endpoint = Endpoint.objects.create(user=user, url="https://hooks.example/x")
    delivery = Delivery.objects.create(
        user=user, channel="webhook", endpoint=endpoint, subject="s", attempts=3
    )
    sent = []
    monkeypatch.setattr("tracker.alerts.sending.webhook_post", lambda **kw: sent.append(kw))
    services.delivery_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert sent == []
    assert delivery.status == Delivery.Status.FAILED and "gave up after 3" in delivery.error


def test_an_attempt_under_way_is_recorded_before_sending(settings, db, monkeypatch):
    user = get_user_model().objects.create_user("hooker", email="h@example.org")
    endpoint = Endpoint.objects.create(user=user, url="https://hooks.example/x")
    delivery = Delivery.objects.create(user=user, channel="webhook", endpoint=endpoint, subject="s")
    seen = {}

    def killed(**kwargs):
        row = Delivery.objects.get(pk=delivery.pk)
        seen.update(status=row.status, error=row.error, attempts=row.attempts)
        raise SystemExit("worker killed")

    monkeypatch.setattr("tracker.alerts.sending.webhook_post", killed)
    with pytest.raises(SystemExit):
        services.delivery_attempt(delivery_id=delivery.pk)
    assert seen == {"status": "retrying", "error": "attempt 1 did not finish", "attempts": 1}


def test_signing_secret_is_not_put_in_the_messages_cookie(client, settings, db):
    settings.TRACKER_FETCH_ALLOW_PRIVATE = True
    user = get_user_model().objects.create_user("hooker", email="h@example.org")
    client.force_login(user)
    response = client.post(reverse("alerts:endpoint-add"), {"url": "http://127.0.0.1:8/hook"})
    endpoint = Endpoint.objects.get(user=user)
    assert response.status_code == 200
    assert endpoint.secret in response.content.decode()
    assert response.headers["Cache-Control"] == "no-store"
    for cookie in response.cookies.values():
        assert endpoint.secret not in cookie.value
    assert endpoint.secret not in str(client.session.items())
    again = client.get(reverse("alerts:home"))
    assert endpoint.secret not in again.content.decode()

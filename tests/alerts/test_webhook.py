from __future__ import annotations

import time

import pytest

from tracker.alerts.webhook import (
    UnsafeURL,
    signature_make,
    signature_verify,
    url_check,
    webhook_post,
)


def test_signature_round_trip_and_tamper():
    now = int(time.time())
    sig = signature_make(secret="s3cret", timestamp=now, body=b'{"a": 1}')
    assert sig.startswith("sha256=") and len(sig) == 7 + 64
    assert signature_verify(secret="s3cret", timestamp=str(now), body=b'{"a": 1}', signature=sig)
    assert not signature_verify(
        secret="s3cret", timestamp=str(now), body=b'{"a": 2}', signature=sig
    )
    assert not signature_verify(secret="other", timestamp=str(now), body=b'{"a": 1}', signature=sig)
    old = now - 3600
    old_sig = signature_make(secret="s3cret", timestamp=old, body=b"x")
    assert not signature_verify(secret="s3cret", timestamp=str(old), body=b"x", signature=old_sig)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/hook",
        "https://127.0.0.1/hook",
        "https://10.1.2.3/hook",
        "https://[::1]/hook",
        "https://169.254.169.254/latest",
        "ftp://example.org/x",
        "https://user:pw@example.org/x",
    ],
)
def test_private_and_odd_urls_refused_by_default(settings, url):
    settings.TRACKER_FETCH_ALLOW_PRIVATE = False
    with pytest.raises(UnsafeURL):
        url_check(url)


def test_plain_http_only_to_loopback_when_allowed(settings):
    settings.TRACKER_FETCH_ALLOW_PRIVATE = True
    assert url_check("http://127.0.0.1:8080/x")[3] == "127.0.0.1"
    with pytest.raises(UnsafeURL, match="https"):
        url_check("http://10.0.0.1/x")


def test_post_to_refused_url_is_permanent_failure_not_exception(settings):
    settings.TRACKER_FETCH_ALLOW_PRIVATE = False
    result = webhook_post(url="http://127.0.0.1:9/x", secret="s", body=b"{}", headers={})
    assert not result.ok and result.permanent and result.status is None


def test_post_signed_to_receiver(receiver):
    result = webhook_post(url=receiver.url, secret="k", body=b'{"x": 1}', headers={})
    assert result.ok and result.status == 200
    got = receiver.requests[0]
    assert got.body == b'{"x": 1}'
    assert signature_verify(
        secret="k",
        timestamp=got.headers["X-Tracker-Timestamp"],
        body=got.body,
        signature=got.headers["X-Tracker-Signature"],
    )


def test_connection_refused_is_a_failure(settings):
    settings.TRACKER_FETCH_ALLOW_PRIVATE = True
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    result = webhook_post(url=f"http://127.0.0.1:{port}/", secret="k", body=b"{}", headers={})
    assert not result.ok and not result.permanent and result.error


def test_ipv4_mapped_loopback_refused(settings):
    settings.TRACKER_FETCH_ALLOW_PRIVATE = False
    with pytest.raises(UnsafeURL):
        url_check("https://[::ffff:127.0.0.1]/hook")

from __future__ import annotations

import gzip
import socket
import time
import zlib

import pytest

from tracker.core import fetch


def test_fetch_sends_user_agent_and_conditional_headers(server, allow_private):
    url = server.serve("/feed", b"<rss/>", headers={"ETag": '"v1"', "Last-Modified": "Mon"})
    result = fetch.url_fetch(url=url)
    assert result.body == b"<rss/>"
    assert (result.etag, result.last_modified) == ('"v1"', "Mon")
    assert server.requests[-1]["headers"]["User-Agent"] == allow_private.TRACKER_USER_AGENT
    assert "tracker" in allow_private.TRACKER_USER_AGENT

    def conditional(h):
        matches = h.headers.get("If-None-Match") == '"v1"'
        h.send_response(304 if matches else 200)
        h.send_header("Content-Length", "0")
        h.end_headers()

    url = server.route("/cond", conditional)
    again = fetch.url_fetch(url=url, etag='"v1"', last_modified="Mon")
    assert again.not_modified and again.status == 304 and again.body == b""
    assert server.requests[-1]["headers"]["If-Modified-Since"] == "Mon"


def test_gzip_body_is_decoded(server, allow_private):
    url = server.serve("/gz", gzip.compress(b"<rss>ok</rss>"), headers={"Content-Encoding": "gzip"})
    assert fetch.url_fetch(url=url).body == b"<rss>ok</rss>"
    url = server.serve("/df", zlib.compress(b"<rss/>"), headers={"Content-Encoding": "deflate"})
    assert fetch.url_fetch(url=url).body == b"<rss/>"


def test_gzip_bomb_stops_at_the_cap(server, allow_private):
    allow_private.TRACKER_FETCH_MAX_BYTES = 100_000
    bomb = gzip.compress(b"\0" * 50_000_000, compresslevel=9)
    assert len(bomb) < 100_000
    url = server.serve("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(fetch.FetchTooLarge, match="decompresses to more than"):
        fetch.url_fetch(url=url)


def test_body_over_the_cap_is_refused(server, allow_private):
    allow_private.TRACKER_FETCH_MAX_BYTES = 1000
    url = server.serve("/big", b"x" * 5000)
    with pytest.raises(fetch.FetchTooLarge, match="over the 1000-byte limit"):
        fetch.url_fetch(url=url)

    def no_length(h):
        h.send_response(200)
        h.end_headers()
        h.wfile.write(b"y" * 5000)

    url = server.route("/nolength", no_length)
    with pytest.raises(fetch.FetchTooLarge, match="more than the 1000-byte limit"):
        fetch.url_fetch(url=url)


def test_trickling_server_times_out(server, allow_private):
    allow_private.TRACKER_FETCH_TIMEOUT = 1

    def trickle(h):
        h.send_response(200)
        h.send_header("Content-Length", "100")
        h.end_headers()
        for _ in range(30):
            h.wfile.write(b"a")
            h.wfile.flush()
            time.sleep(0.3)

    url = server.route("/slow", trickle)
    started = time.monotonic()
    with pytest.raises(fetch.FetchTimeout) as info:
        fetch.url_fetch(url=url)
    assert info.value.retryable
    assert time.monotonic() - started < 8  # not the 9 s the trickle would take


def test_trickling_headers_time_out(server, allow_private):
    allow_private.TRACKER_FETCH_TIMEOUT = 1

    def slow_headers(h):
        h.wfile.write(b"HTTP/1.1 200 OK\r\n")
        for _ in range(30):
            h.wfile.write(b"X: y\r\n")
            h.wfile.flush()
            time.sleep(0.3)

    url = server.route("/slowheaders", slow_headers)
    with pytest.raises(fetch.FetchTimeout):
        fetch.url_fetch(url=url)


def _redirect(to: str, status: int = 301):
    def fn(h):
        h.send_response(status)
        h.send_header("Location", to)
        h.send_header("Content-Length", "0")
        h.end_headers()

    return fn


def test_permanent_redirect_is_reported(server, allow_private):
    final = server.serve("/new", b"<rss/>")
    server.route("/old", _redirect("/mid", 301))
    server.route("/mid", _redirect("/new", 308))
    result = fetch.url_fetch(url=server.url("/old"))
    assert result.url == final and result.permanent_url == final
    server.route("/temp", _redirect("/new", 302))
    result = fetch.url_fetch(url=server.url("/temp"))
    assert result.url == final and result.permanent_url == ""


def test_redirect_loop_and_too_many(server, allow_private):
    server.route("/a", _redirect("/b"))
    server.route("/b", _redirect("/a"))
    with pytest.raises(fetch.FetchRedirectError, match="redirect loop"):
        fetch.url_fetch(url=server.url("/a"))
    for i in range(7):
        server.route(f"/r{i}", _redirect(f"/r{i + 1}", 302))
    server.serve("/r7", b"<rss/>")
    with pytest.raises(fetch.FetchRedirectError, match="more than 5 redirects"):
        fetch.url_fetch(url=server.url("/r0"))


def test_redirect_to_other_scheme_is_refused(server, allow_private):
    server.route("/tofile", _redirect("file:///etc/passwd"))
    with pytest.raises(fetch.FetchRefused, match="only http and https"):
        fetch.url_fetch(url=server.url("/tofile"))


def test_410_and_errors(server, allow_private):
    url = server.serve("/gone", b"", status=410)
    with pytest.raises(fetch.FetchGone, match="410"):
        fetch.url_fetch(url=url)
    url = server.serve("/oops", b"", status=503)
    with pytest.raises(fetch.FetchHTTPError) as info:
        fetch.url_fetch(url=url)
    assert info.value.status == 503 and info.value.retryable
    with pytest.raises(fetch.FetchHTTPError) as info:
        fetch.url_fetch(url=server.url("/missing"))
    assert info.value.status == 404 and not info.value.retryable


def test_connection_refused_is_a_network_error(allow_private):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(fetch.FetchNetworkError, match="network error"):
        fetch.url_fetch(url=f"http://127.0.0.1:{port}/feed")


@pytest.mark.parametrize(
    "url", ["ftp://example.org/feed", "file:///etc/passwd", "javascript:alert(1)", "http:///x"]
)
def test_other_schemes_are_refused(url, settings):
    with pytest.raises(fetch.FetchRefused):
        fetch.url_fetch(url=url)


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://127.0.0.1:9/feed", "loopback"),
        ("http://10.1.2.3/feed", "private"),
        ("http://192.168.0.1/feed", "private"),
        ("http://169.254.169.254/latest/meta-data", "link-local"),
        ("http://[::1]/feed", "loopback"),
        ("http://0.0.0.0/feed", "unspecified"),
        ("http://[::ffff:127.0.0.1]/feed", "loopback"),
        ("http://224.0.0.1/feed", "multicast"),
    ],
)
def test_private_addresses_are_refused(url, kind, settings, monkeypatch):
    settings.TRACKER_FETCH_ALLOW_PRIVATE = False

    def no_connect(*args, **kwargs):
        raise AssertionError("must not connect")

    monkeypatch.setattr(socket, "create_connection", no_connect)
    with pytest.raises(fetch.FetchRefused, match=f"{kind} address"):
        fetch.url_fetch(url=url)


def test_hostname_resolving_to_loopback_is_refused(settings, monkeypatch):
    settings.TRACKER_FETCH_ALLOW_PRIVATE = False
    looked_up = []

    def resolver(host, port, *args, **kwargs):
        looked_up.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(fetch, "getaddrinfo", resolver)
    with pytest.raises(fetch.FetchRefused, match="feeds.example.org resolves to 127.0.0.1"):
        fetch.url_fetch(url="https://feeds.example.org/rss")
    assert looked_up == ["feeds.example.org"]


def test_connects_to_the_checked_address_only(server, settings, monkeypatch):
    """The host is resolved once; the socket goes to that address (no rebinding gap)."""
    settings.TRACKER_FETCH_ALLOW_PRIVATE = True
    server.serve("/feed", b"<rss/>")
    calls = []

    def resolver(host, port, *args, **kwargs):
        calls.append(host)
        if len(calls) > 1:
            raise AssertionError("resolved twice: a rebinding answer could be used")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(fetch, "getaddrinfo", resolver)
    result = fetch.url_fetch(url=f"http://rebind.example:{server.port}/feed")
    assert result.body == b"<rss/>"
    assert server.requests[-1]["headers"]["Host"] == f"rebind.example:{server.port}"
    assert calls == ["rebind.example"]


def test_redirect_hop_to_private_address_is_refused(server, settings, monkeypatch):
    """The first hop counts as public (the test pretends so); the redirect target does not."""
    settings.TRACKER_FETCH_ALLOW_PRIVATE = False
    server.route("/go", _redirect("http://169.254.169.254/latest/"))

    def resolver(host, port, *args, **kwargs):
        ip = "127.0.0.1" if host == "public.example" else host
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))]

    real = fetch.address_refusal
    monkeypatch.setattr(fetch, "getaddrinfo", resolver)
    monkeypatch.setattr(fetch, "address_refusal", lambda ip: "" if ip == "127.0.0.1" else real(ip))
    monkeypatch.setattr(fetch, "ALLOWED_PORTS", (80, 443, server.port))
    with pytest.raises(fetch.FetchRefused, match="169.254.169.254 is a link-local"):
        fetch.url_fetch(url=f"http://public.example:{server.port}/go")
    assert server.requests[-1]["path"] == "/go"


@pytest.fixture
def tls_server(tmp_path):
    """An https server on 127.0.0.1 with a self-signed certificate for feeds.test."""
    import shutil
    import ssl
    import subprocess
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=feeds.test", "-addext", "subjectAltName=DNS:feeds.test",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    seen: dict[str, str] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            seen["host"] = self.headers["Host"]
            self.send_response(200)
            self.send_header("Content-Length", "6")
            self.end_headers()
            self.wfile.write(b"<rss/>")

        def log_message(self, *args):
            pass

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: seen.__setitem__("sni", name)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1], str(cert), seen
    httpd.shutdown()
    httpd.server_close()


def _to_loopback(host, port, *args, **kwargs):
    return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]


def test_https_keeps_sni_host_and_certificate_check(tls_server, allow_private, monkeypatch):
    port, cert, seen = tls_server
    monkeypatch.setattr(fetch, "getaddrinfo", _to_loopback)
    monkeypatch.setattr(fetch, "ca_certs", cert)
    result = fetch.url_fetch(url=f"https://feeds.test:{port}/feed")
    assert result.body == b"<rss/>"
    assert seen == {"sni": "feeds.test", "host": f"feeds.test:{port}"}


def test_https_certificate_for_another_name_fails(tls_server, allow_private, monkeypatch):
    port, cert, _ = tls_server
    monkeypatch.setattr(fetch, "getaddrinfo", _to_loopback)
    monkeypatch.setattr(fetch, "ca_certs", cert)
    with pytest.raises(fetch.FetchNetworkError, match="network error"):
        fetch.url_fetch(url=f"https://other.test:{port}/feed")
    monkeypatch.setattr(fetch, "ca_certs", None)  # the system CAs do not know this certificate
    with pytest.raises(fetch.FetchNetworkError, match="CERTIFICATE_VERIFY_FAILED|certificate"):
        fetch.url_fetch(url=f"https://feeds.test:{port}/feed")


@pytest.mark.parametrize("announced", [True, False])
def test_a_70_mb_feed_is_refused_in_seconds_with_little_memory(server, settings, announced):
    """The default cap (20 MB): announced, it is refused before reading; unannounced, reading
    stops at the cap. Either way in seconds and far under a few hundred MB."""
    import tracemalloc

    settings.TRACKER_FETCH_ALLOW_PRIVATE = True
    size, chunk = 70 * 1024 * 1024, b"<item>" + b"x" * (1024 * 1024 - 6)

    def huge(h):
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml")
        if announced:
            h.send_header("Content-Length", str(size))
        h.end_headers()
        for _ in range(size // len(chunk)):
            h.wfile.write(chunk)

    url = server.route("/huge.xml", huge)
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(fetch.FetchTooLarge, match="limit"):
            fetch.url_fetch(url=url)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 10
    assert peak < 3 * settings.TRACKER_FETCH_MAX_BYTES  # the body is never held whole

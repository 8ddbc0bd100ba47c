"""Fixtures for the news tests: a tiny HTTP server on 127.0.0.1 with scripted routes."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.seeds import SEEDS  # noqa: F401 (used by the news tests)

REPO = Path(__file__).resolve().parents[2]

Route = Callable[[BaseHTTPRequestHandler], None]


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, Route] = {}
    requests: list[dict] = []

    def do_GET(self) -> None:  # noqa: N802
        self.requests.append({"path": self.path, "headers": dict(self.headers)})
        route = self.routes.get(self.path.split("?", 1)[0])
        if route is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            route(self)

    def log_message(self, *args) -> None:
        pass


class Server:
    def __init__(self) -> None:
        handler = type("Handler", (_Handler,), {"routes": {}, "requests": []})
        self.handler = handler
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def requests(self) -> list[dict]:
        return self.handler.requests

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, fn: Route) -> str:
        self.handler.routes[path] = fn
        return self.url(path)

    def serve(
        self,
        path: str,
        body: bytes,
        *,
        status: int = 200,
        content_type: str = "application/rss+xml",
        headers: dict[str, str] | None = None,
    ) -> str:
        def fn(h: BaseHTTPRequestHandler) -> None:
            h.send_response(status)
            h.send_header("Content-Type", content_type)
            h.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                h.send_header(key, value)
            h.end_headers()
            h.wfile.write(body)

        return self.route(path, fn)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    yield srv
    srv.close()


@pytest.fixture
def allow_private(settings):
    settings.TRACKER_FETCH_ALLOW_PRIVATE = True
    settings.TRACKER_FETCH_TIMEOUT = 3
    settings.TRACKER_FETCH_MAX_BYTES = 1024 * 1024
    return settings

"""Harness for fault tests: what services are configured, a feed server, a Celery worker.

Everything listens on or talks to 127.0.0.1 only. The worker is a real subprocess
(`.venv/bin/celery -A tracker worker`) given the test run's database (pytest-django's
`test_<name>`) and broker through its environment.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).parent / "celery"
HOST = "127.0.0.1"


def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def redis_url() -> str | None:
    url = os.environ.get("CELERY_BROKER_URL", "")
    return url if url.startswith(("redis://", "rediss://")) else None


def needs_postgres() -> None:
    if postgres_url() is None:
        pytest.skip(
            "needs PostgreSQL: set DATABASE_URL=postgres://... (a worker subprocess cannot share "
            "SQLite's in-memory test database)"
        )


def needs_redis() -> None:
    if redis_url() is None:
        pytest.skip("needs Redis: set CELERY_BROKER_URL=redis://127.0.0.1:6379/<db>")


def needs_disruption_flag(what: str) -> None:
    """Restarting shared servers disrupts everyone using them: only in CI or when asked."""
    if os.environ.get("CI", "").lower() != "true" and os.environ.get("TRACKER_FAULT_TESTS") != "1":
        pytest.skip(
            f"{what} disrupts other users of the server: runs only with CI=true or "
            "TRACKER_FAULT_TESTS=1"
        )


def port_open(port: int, host: str = HOST) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_for(check: Callable[[], object], *, timeout: float, interval: float = 0.2, what: str):
    """Poll check() until it returns something truthy; fail the test naming `what` otherwise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}")


# --- a feed served over HTTP on 127.0.0.1 --------------------------------------------------------


def rss_feed(*, n: int, prefix: str = "fault", words: int = 120) -> tuple[bytes, list[str]]:
    """An RSS 2.0 feed of n distinct entries and the guids it holds, in our own words."""
    topics = [
        "distillation of a rival's chatbot",
        "the charitable trust claim",
        "a jury question about early emails",
        "terms of use that forbid competing models",
        "a witness list filed late",
    ]
    guids, items = [], []
    for i in range(n):
        guid = f"urn:{prefix}:{i}"
        guids.append(guid)
        body = " ".join(
            f"Paragraph {j} of report {i} from Oakland: Musk and OpenAI argued over "
            f"{topics[(i + j) % len(topics)]}, entry {i}-{j}."
            for j in range(words // 20)
        )
        items.append(
            f"<item><title>Report {i}: {topics[i % len(topics)]}</title>"
            f"<link>https://news.example.org/{prefix}/{i}</link><guid>{guid}</guid>"
            f"<pubDate>Thu, 30 Apr 2026 {i % 24:02d}:{i % 60:02d}:00 +0000</pubDate>"
            f"<description><![CDATA[<p>{body}</p>]]></description></item>"
        )
    xml = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Fault feed {prefix}</title><link>https://news.example.org/</link>"
        f"<description>Generated for fault tests</description>{''.join(items)}</channel></rss>"
    )
    return xml.encode(), guids


class _Quiet(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def http_served(handler: Callable[..., BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve with `handler` on 127.0.0.1 (a free port, a thread) while open; yields the base URL."""
    server = ThreadingHTTPServer((HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietFiles(_Quiet, SimpleHTTPRequestHandler):
    pass


def directory_served(directory: Path) -> contextlib.AbstractContextManager[str]:
    """Serve the files of `directory` (bench/workers.py's generated feeds); the base URL."""
    return http_served(partial(_QuietFiles, directory=str(directory)))


@contextlib.contextmanager
def feed_server(body: bytes, content_type: str = "application/rss+xml") -> Iterator[str]:
    """Serve `body` at http://127.0.0.1:<port>/feed.xml (no ETag, so every fetch is full)."""

    class Handler(_Quiet):
        def do_GET(self) -> None:  # noqa: N802
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

    with http_served(Handler) as base:
        yield f"{base}/feed.xml"


# --- a Celery worker subprocess ------------------------------------------------------------------


def test_database_url() -> str:
    """DATABASE_URL pointing at the database this test run really uses (test_<name>)."""
    from django.db import connection

    base = postgres_url()
    assert base, "only PostgreSQL can be shared with a worker subprocess"
    return urlunsplit(urlsplit(base)._replace(path="/" + connection.settings_dict["NAME"]))


def worker_env(*, var_dir: Path, broker: str | None = None, **extra: str) -> dict[str, str]:
    """The environment for a worker and `celery call`: the test database, the test run's broker
    (Redis when configured, else a private filesystem broker under var_dir)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": test_database_url(),
        "TRACKER_VAR_DIR": str(var_dir),
        "TRACKER_FETCH_ALLOW_PRIVATE": "1",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }
    broker = broker or redis_url()
    if broker:
        env["CELERY_BROKER_URL"] = broker
    else:
        env.pop("CELERY_BROKER_URL", None)  # filesystem broker under TRACKER_VAR_DIR
    return env


@dataclass
class Worker:
    env: dict[str, str]
    log: Path
    queues: str = "feeds,celery"
    proc: subprocess.Popen | None = None
    started: list[float] = field(default_factory=list)

    def start(self) -> Worker:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        out = self.log.open("a")
        self.proc = subprocess.Popen(
            [
                str(CELERY), "-A", "tracker", "worker", "--loglevel", "INFO",
                "--queues", self.queues, "--concurrency", "1", "--pool", "prefork",
                "--without-gossip", "--without-mingle", "--without-heartbeat",
                "--hostname", f"fault-{os.getpid()}-{len(self.started)}@%h",
            ],
            cwd=REPO, env=self.env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        out.close()
        self.started.append(time.monotonic())
        wait_for(lambda: "ready" in self.output() or self.proc.poll() is not None,
                 timeout=60, what="the Celery worker to be ready")  # fmt: skip
        if self.proc.poll() is not None:
            pytest.fail(f"the worker exited ({self.proc.returncode}):\n{self.output()[-3000:]}")
        return self

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Signal the whole process group (the main process and its pool children)."""
        if self.proc and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, sig)
            self.proc.wait(30)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()


def celery_call(env: dict[str, str], task: str, *args: object) -> str:
    """Queue a task by name the way an operator would (`celery call`), returning its id."""
    import json

    out = subprocess.run(
        [str(CELERY), "-A", "tracker", "call", task, "--args", json.dumps(list(args))],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert out.returncode == 0, f"celery call failed: {out.stdout}\n{out.stderr}"
    return out.stdout.strip().splitlines()[-1]

"""`make prod` serves the app as in production: gunicorn with DEBUG off and the secure
settings, static files collected and served, a Celery worker and beat. Started here on a free
port with its own SQLite database and var/ directory; it fetches a page, its CSS and /healthz."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
HTTPS = {"X-Forwarded-Proto": "https"}  # as a TLS-terminating proxy sends it (BEHIND_PROXY=1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def prod(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "CELERY_BROKER_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="tracker.settings",  # not the test settings
        TRACKER_VAR_DIR=str(tmp_path / "var"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        BEHIND_PROXY="1",
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_CONCURRENCY="1",
    )
    (tmp_path / "var").mkdir()
    log = (tmp_path / "prod.log").open("w+")
    # -o: the virtualenv counts as installed (the suite already runs in it).
    process = subprocess.Popen(
        ["make", "-o", ".venv/.installed", "prod"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base, process, log)
        yield base, process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        # make is gone; a Celery worker still in warm shutdown must not outlive the test.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


def wait_for(base: str, process: subprocess.Popen, log) -> None:
    """Until /healthz answers (collectstatic and migrate come first), or the command dies."""
    for _ in range(240):
        if process.poll() is not None:
            log.seek(0)
            pytest.fail(f"make prod stopped ({process.returncode}):\n{log.read()[-5000:]}")
        try:
            if httpx.get(f"{base}/healthz", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(1)
    log.seek(0)
    pytest.fail(f"make prod never answered /healthz:\n{log.read()[-5000:]}")


def test_make_prod_serves_pages_static_files_and_health(prod):
    base, process = prod
    health = httpx.get(f"{base}/healthz", timeout=10)
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "checks": ["broker", "database"]}

    # The secure settings are on: plain HTTP is redirected, HTTPS answers with HSTS.
    plain = httpx.get(f"{base}/", timeout=10)
    assert plain.status_code == 301 and plain.headers["Location"].startswith("https://")
    page = httpx.get(f"{base}/", headers=HTTPS, timeout=10)
    assert page.status_code == 200, page.text[:1000]
    assert page.headers["Content-Type"].startswith("text/html")
    assert "max-age=" in page.headers["Strict-Transport-Security"]
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert "Traceback" not in page.text  # DEBUG is off

    stylesheets = re.findall(r'<link[^>]+href="(/static/[^"]+\.css)"', page.text)
    assert stylesheets, page.text[:2000]
    css = httpx.get(base + stylesheets[0], headers=HTTPS, timeout=10)
    assert css.status_code == 200  # collected and served by WhiteNoise, not 404
    assert css.headers["Content-Type"].startswith("text/css")
    assert len(css.content) > 100

    missing = httpx.get(f"{base}/no-such-page/", headers=HTTPS, timeout=10)
    assert missing.status_code == 404 and "Traceback" not in missing.text
    commands = session_commands(process.pid)
    assert any("gunicorn" in c and "tracker.wsgi" in c for c in commands), commands
    assert any("celery" in c and "worker" in c and "--beat" in c for c in commands), commands


def session_commands(session: int) -> list[str]:
    """The command lines of the processes `make prod` started (its session)."""
    commands = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if os.getsid(int(proc.name)) == session:
                commands.append((proc / "cmdline").read_bytes().replace(b"\0", b" ").decode())
        except (OSError, ProcessLookupError):
            continue  # gone meanwhile
    return commands

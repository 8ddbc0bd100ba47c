"""Load test: gunicorn + wrk on PostgreSQL with 10,000 articles, loopback only.

    python bench/load.py [--articles 10000] [--duration 10] [--connections 16] [--workers N]
                         [--only timeline,article]

1. Creates the database (LOAD_DATABASE_URL, else DATABASE_URL when it is a PostgreSQL URL, else
   postgres://postgres@127.0.0.1:5432/tracker_load) if it is missing, migrates it and seeds it
   (bench/_seed.py: the demo case, then articles with stories, links, evidence and events in
   bulk) unless it already holds that many seeded articles. It refuses to seed a database that
   holds articles of its own (anything not seeded by bench) unless --force.
2. Collects static files into a temporary TRACKER_VAR_DIR and serves tracker with gunicorn
   (tracker.wsgi, DEBUG off, as in production) on 127.0.0.1 and a free port.
3. Drives each URL for --duration seconds with wrk (Debian package `wrk`), or, when wrk is
   missing, with a small thread-pool client (bounded in time and in requests): requests/s, p50
   and p95 latency, errors (socket errors and non-2xx/3xx answers).
Baseline: a static file served by whitenoise in the same server (req/s, p50, p95 each get a
ratio to it). URLs come from reverse() and ids from the database; the review queue is driven
with an analyst's session cookie. When PostgreSQL does not answer, a NOTE says so.
"""

# bench-requires: postgres
# bench-timeout: 900

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from importlib import import_module
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import _bench
from _bench import note, result

HOST = "127.0.0.1"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/tracker_load"
VENV_BIN = Path(sys.executable).parent

WRK_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d,'
    .. ' "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def database_url() -> str:
    url = os.environ.get("LOAD_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else DEFAULT_URL


def database_create(url: str) -> bool:
    """Create the database if it is missing; True when it was created."""
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    conn = psycopg2.connect(admin, connect_timeout=5)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cur.fetchone():
                return False
            cur.execute(f'CREATE DATABASE "{name}"')
            return True
    finally:
        conn.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def prepare(url: str, n: int, var_dir: Path, force: bool) -> dict[str, object]:
    """Migrate, seed and collect static files; return the URLs' parameters."""
    os.environ["DATABASE_URL"] = url
    os.environ["TRACKER_VAR_DIR"] = str(var_dir)
    _bench.django_setup("tracker.settings")
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    import _seed

    from tracker.news.models import Article

    case = _seed.demo_case_load()
    seeded = Article.objects.filter(source_key__startswith="bench:")
    others = Article.objects.exclude(source_key__startswith="bench:").count()
    have = seeded.count()
    if have < n:
        if others and not force:
            sys.exit(f"load: {url} holds {others} articles not made by bench; use --force")
        start = time.monotonic()
        ids = _seed.articles_seed(case=case, n=n - have)
        note(f"seeded {len(ids)} articles in {time.monotonic() - start:.1f}s")
        start = time.monotonic()
        _seed.search_index(ids)
        note(f"search index hook ran in {time.monotonic() - start:.1f}s")
    else:
        note(f"database already holds {have} seeded articles; not seeding")
    from django.db import connection

    if connection.vendor == "postgresql":  # fresh statistics, as autovacuum would gather
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from tracker.linking.models import Evidence
    from tracker.review.roles import roles_ensure

    # A seeded article that has evidence, looked up (ids depend on what the database held).
    with_evidence = (
        Evidence.objects.filter(link__article__source_key__startswith="bench:")
        .order_by("link__article_id")
        .values_list("link__article_id", flat=True)
    )
    total = seeded.count()
    article_id = with_evidence[total // 2 : total // 2 + 1].first() or with_evidence.first()
    # An analyst's session for the review queue (a cookie header; no login form under load).
    user, _ = get_user_model().objects.get_or_create(username="bench-load-analyst")
    user.groups.add(roles_ensure()["analyst"])
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    slug = {"slug": case.slug}
    root = var_dir / "static"
    own = root / "css" / "tracker.css"
    static = own if own.exists() else next(iter(sorted(root.rglob("*.css"))), None)
    targets = [
        ("home", reverse("web:home"), False),
        ("timeline", reverse("web:case", kwargs=slug), False),
        ("positions", reverse("web:positions", kwargs=slug), False),
        (
            "article",
            reverse("web:article", kwargs={"pk": article_id}) if article_id else None,
            False,
        ),
        ("search", reverse("search:search") + "?q=distillation", False),
        ("review_queue", reverse("review:queue"), True),
        ("api_articles", reverse("api:article-list") + f"?case={case.slug}", False),
        ("export_csv", reverse("api:export-articles-csv") + f"?case={case.slug}", False),
        ("atom_feed", reverse("feeds:case-atom", kwargs=slug), False),
        ("ical_feed", reverse("feeds:case-ics", kwargs=slug), False),
    ]
    return {
        "targets": targets,
        "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
        "articles": total,
        "static": "/static/" + str(static.relative_to(var_dir / "static")) if static else None,
    }


class Server:
    """gunicorn serving tracker on 127.0.0.1:<free port>; stopped on exit."""

    def __init__(self, env: dict[str, str], workers: int, log: Path):
        self.port = free_port()
        self.log = log.open("w")
        gunicorn = VENV_BIN / "gunicorn"
        self.proc = subprocess.Popen(
            [
                str(gunicorn if gunicorn.exists() else "gunicorn"),
                "tracker.wsgi:application",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(workers),
                "--access-logfile",
                "/dev/null",
                "--graceful-timeout",
                "5",
            ],
            cwd=_bench.REPO,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait(self, path: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}")
            try:
                status, _ = fetch(self.port, path)
                if status < 500:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer in time")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def fetch(
    port: int, path: str, headers: dict[str, str] | None = None, timeout: float = 10
) -> tuple[int, dict[str, str]]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}
    finally:
        conn.close()


def drive_wrk(
    port: int, path: str, duration: int, connections: int, lua: Path, headers: dict[str, str]
) -> dict:
    out = subprocess.run(
        [
            "wrk",
            *[arg for k, v in headers.items() for arg in ("-H", f"{k}: {v}")],
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "-s",
            str(lua),
            f"http://{HOST}:{port}{path}",
        ],
        capture_output=True,
        text=True,
        timeout=duration + 60,
    )
    line = next((x for x in out.stdout.splitlines() if x.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no summary: {out.stdout[-500:]} {out.stderr[-500:]}")
    raw = json.loads(line[8:])
    seconds = raw["duration_us"] / 1e6
    errors = sum(raw[k] for k in ("connect", "read", "write", "status", "timeout"))
    return {
        "requests": raw["requests"],
        "rps": raw["requests"] / seconds if seconds else 0.0,
        "p50_ms": raw["p50_us"] / 1000,
        "p95_ms": raw["p95_us"] / 1000,
        "errors": errors,
    }


def drive_python(
    port: int, path: str, duration: int, connections: int, cap: int, headers: dict[str, str]
) -> dict:
    """A bounded fallback: `connections` threads, each one keep-alive connection, for `duration`
    seconds and at most `cap` requests in all."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.monotonic() + duration
    issued = 0

    def worker() -> None:
        nonlocal errors, issued
        conn = http.client.HTTPConnection(HOST, port, timeout=10)
        while time.monotonic() < deadline:
            with lock:
                if issued >= cap:
                    break
                issued += 1
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers or {})
                response = conn.getresponse()
                response.read()
                ok = response.status < 400
            except OSError:
                ok = False
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=10)
            with lock:
                latencies.append(time.perf_counter() - start)
                errors += 0 if ok else 1
        conn.close()

    start = time.monotonic()
    with ThreadPoolExecutor(connections) as pool:
        for _ in range(connections):
            pool.submit(worker)
    seconds = time.monotonic() - start
    ordered = sorted(latencies) or [0.0]
    return {
        "requests": len(latencies),
        "rps": len(latencies) / seconds if seconds else 0.0,
        "p50_ms": statistics.median(ordered) * 1000,
        "p95_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000,
        "errors": errors,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per URL")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--max-requests", type=int, default=20_000, help="python client cap")
    parser.add_argument("--force", action="store_true", help="seed a database with other data")
    parser.add_argument(
        "--only", default="", help="comma-separated URL names to drive (static always is)"
    )
    args = parser.parse_args()

    url = database_url()
    try:
        created = database_create(url)
    except Exception as exc:  # psycopg2.OperationalError and friends: no server to talk to
        where = urlsplit(url)._replace(path="/postgres")
        note(
            f"PostgreSQL not reachable at {urlunsplit(where)} ({type(exc).__name__}: "
            f"{str(exc).strip().splitlines()[0] if str(exc).strip() else 'no detail'}); "
            "load not driven"
        )
        return 0
    note(f"database {urlsplit(url).path.lstrip('/')} ({'created' if created else 'existing'})")
    var_dir = Path(tempfile.mkdtemp(prefix="tracker-load-"))
    # One key for prepare() and gunicorn: the analyst's session hash is signed with it.
    os.environ["SECRET_KEY"] = "load-test-" + os.urandom(16).hex()
    params = prepare(url, args.articles, var_dir, args.force)
    wrk = shutil.which("wrk")
    if wrk is None:
        print(
            "load: wrk is missing (apt-get install -y wrk); using the bounded Python client",
            file=sys.stderr,
        )
        note("wrk missing: figures from the Python thread-pool client, not wrk")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "DATABASE_URL": url,
        "TRACKER_VAR_DIR": str(var_dir),
        "DEBUG": "0",
        "SECRET_KEY": os.environ["SECRET_KEY"],
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "0",
        "TRACKER_THROTTLE_ANON": "10000000/minute",
        "TRACKER_THROTTLE_USER": "10000000/minute",
        # The page throttles too (300 a minute per client by default): a load test is one client,
        # and 429 answers would count as fast errors instead of pages served.
        "TRACKER_THROTTLE_PAGES": "10000000/minute",
        "TRACKER_THROTTLE_PAGES_USER": "10000000/minute",
        "TRACKER_THROTTLE_SEARCH": "10000000/minute",
        "LOG_LEVEL": "WARNING",
    }
    note(f"{params['articles']} seeded articles in the database")
    targets = list(params["targets"])
    if params["static"]:
        targets.insert(0, ("static", params["static"], False))
    else:
        note("no static file collected: no baseline, ratios missing")
    server = Server(env, args.workers, var_dir / "gunicorn.log")
    lua = var_dir / "summary.lua"
    lua.write_text(WRK_LUA)
    rows = []
    try:
        server.wait(next(p for _n, p, _login in targets if p))
        note(
            f"gunicorn {args.workers} sync workers on {HOST}:{server.port}; "
            f"{args.connections} connections, {args.duration}s per URL; "
            f"DB_CONN_MAX_AGE={os.environ.get('DB_CONN_MAX_AGE', '60 (default)')}"
        )
        only = {n.strip() for n in args.only.split(",") if n.strip()}
        for name, path, login in targets:
            if only and name != "static" and name not in only:
                continue
            if path is None:
                note(f"{name}: no seeded article with evidence; not driven")
                continue
            send = {"Cookie": params["cookie"]} if login else {}
            # a first (cold) request on a loaded machine may take longer than one under load
            status, headers = fetch(server.port, path, send, timeout=60)
            if name == "static":
                note(
                    f"static {path}: {status}, served by whitenoise: "
                    f"{'yes' if status == 200 and 'text/css' in headers.get('content-type', '') else 'NO'}"
                    f", cache-control {headers.get('cache-control', 'none')!r}"
                )
            if status != 200:
                note(f"{name}: {path} answered {status}; not driven")
                continue
            if wrk:
                figures = drive_wrk(server.port, path, args.duration, args.connections, lua, send)
            else:
                figures = drive_python(
                    server.port, path, args.duration, args.connections, args.max_requests, send
                )
            rows.append((name, path, figures))
    finally:
        server.stop()
        log = (var_dir / "gunicorn.log").read_text(errors="replace")
        if "Traceback" in log or "ERROR" in log:
            note("gunicorn log has errors; last lines: " + " | ".join(log.splitlines()[-5:]))
        shutil.rmtree(var_dir, ignore_errors=True)

    print(f"{'url':<45} {'req/s':>9} {'p50 ms':>9} {'p95 ms':>9} {'errors':>7} {'requests':>9}")
    for _name, path, f in rows:
        print(
            f"{path[:45]:<45} {f['rps']:>9.1f} {f['p50_ms']:>9.2f} {f['p95_ms']:>9.2f} "
            f"{f['errors']:>7} {f['requests']:>9}"
        )
    base = next((f for name, _path, f in rows if name == "static"), None)
    for name, _path, f in rows:
        for key, unit in (("rps", "req/s"), ("p50_ms", "ms"), ("p95_ms", "ms")):
            if name == "static" or base is None:
                result(f"load_{name}_{key}", f[key], unit)
            else:
                ratio = f[key] / base[key] if base[key] else None
                result(
                    f"load_{name}_{key}",
                    f[key],
                    unit,
                    baseline=f"load_static_{key}",
                    ratio=ratio,
                )
        result(f"load_{name}_errors", f["errors"], "errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Ingest that scales with workers: `ingest --defer`'s batches finished by 1, then 2 Celery workers.

Issue 17 asks that 2 workers finish the same feeds at least 1.8x as fast as one (PostgreSQL,
Redis broker). This script
  1. makes a throwaway PostgreSQL database with the demo case and bench/ingest.py's generated
     feed stored by `ingest --defer` (its batches of AFTER_INGEST_BATCH article ids are kept
     here, not queued);
  2. for 1, then 2 workers: copies that database (CREATE DATABASE ... TEMPLATE, so both runs
     start from the same rows), starts that many real `celery worker --concurrency 1`
     processes on the copy and waits until they are ready, then starts the clock, queues every
     batch as `articles_finish_task` (cluster, link, index) on Redis and stops the clock when
     every task it sent has ended and no article is left unfinished (`linked_at`);
  3. does the same with FEEDS feeds of the generated kind served on 127.0.0.1, each fetched by
     a queued `feed_fetch` task (fetch, store, cluster, link and index in the task), the clock
     stopping when every entry of every feed is stored and finished;
  4. prints articles/s for each, the ratios, the stories' pairwise precision and recall of the
     batch runs (two workers cluster concurrently and merge: they must find the stories one
     worker does), and the load average before and after each run. Workers and copies are
     removed after.

Run it alone on the machine (the workers need the cores); one command, `--short` under 3
minutes on a quiet 2-core machine:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
    CELERY_BROKER_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/workers.py --short

Anything queued on that Redis database's `feeds` and `celery` queues is purged before each
run's workers start. Without
PostgreSQL or Redis it prints a NOTE and exits 0.
"""
# bench-requires: postgres
# bench-timeout: 1500

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _bench  # noqa: E402  (puts the repository on sys.path)
from _bench import note, result  # noqa: E402
from _newsfeed import feed_generate, stories_quality  # noqa: E402

from tests.support.services import directory_served  # noqa: E402

CELERY = Path(sys.executable).parent / "celery"
BENCH = Path(__file__).resolve().parent
TMP = Path(tempfile.mkdtemp(prefix="tracker-bench-workers-"))
POLL_S = 0.2
FEEDS = 8  # feeds of the fetch runs; the entries are shared out among them


def _url(name: str) -> str:
    """DATABASE_URL with another database name."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin(sql: str) -> None:
    import psycopg2

    conn = psycopg2.connect(_url("postgres"))
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(sql)
    finally:
        conn.close()


def _query(name: str, sql: str) -> list[tuple]:
    import psycopg2

    conn = psycopg2.connect(_url(name))
    try:
        with conn.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()
    finally:
        conn.close()


def stored_batches(n: int) -> tuple[str, list[list[int]], float]:
    """n generated entries stored with defer for the demo case in the current (throwaway)
    database; returns its name, the batches ingest queued, and the seconds storing took."""
    from django.db import connection

    from tracker.cases.models import Case
    from tracker.news import services, tasks

    path = TMP / "bench-feed.xml"
    feed_generate(path, n=n)
    batches: list[list[int]] = []
    tasks.articles_finish_task.delay_on_commit = batches.append  # kept for the runs
    start = time.perf_counter()
    report = services.source_ingest(
        source=str(path), case=Case.objects.get(slug="musk-v-openai"), defer=True
    )
    stored = time.perf_counter() - start
    assert not report.errors and report.queued == n, report.as_json()
    services.statistics_refresh(report=report)
    name = connection.settings_dict["NAME"]
    connection.close()  # a template database takes no other connection
    return name, batches, stored


def feeds_add(base_url: str, n: int) -> list[int]:
    """FEEDS generated feeds of n // FEEDS entries each under TMP/feeds, added as Feed rows of
    the demo case (in the current database); their ids."""
    from tracker.cases.models import Case
    from tracker.news.feeds import feed_add

    case = Case.objects.get(slug="musk-v-openai")
    (TMP / "feeds").mkdir(exist_ok=True)
    ids = []
    for k in range(FEEDS):
        feed_generate(TMP / "feeds" / f"{k}.xml", n=n // FEEDS, seed=1000 + k)
        ids.append(feed_add(url=f"{base_url}/{k}.xml", cases=[case]).pk)
    return ids


@contextlib.contextmanager
def database_copy(template: str, label: str) -> Iterator[str]:
    name = f"{template}_{label}"[:63]
    _admin(f'DROP DATABASE IF EXISTS "{name}"')
    _admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield name
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def workers(count: int, database: str) -> Iterator[tuple[list[Path], list[int]]]:
    """`count` worker processes (one task at a time each) on `database`, ready; their logs and
    process ids (each the leader of its own process group: the pool's child is in it)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": _url(database),
        "TRACKER_VAR_DIR": str(TMP / "var"),
        "PYTHONUNBUFFERED": "1",
        "TRACKER_FETCH_ALLOW_PRIVATE": "1",  # the feeds are served on 127.0.0.1
        "PYTHONPATH": os.pathsep.join(filter(None, [str(BENCH), os.environ.get("PYTHONPATH")])),
    }
    procs, logs = [], []
    try:
        for k in range(count):
            log = TMP / f"{database}-worker-{k}.log"
            with log.open("w") as out:
                procs.append(
                    subprocess.Popen(
                        [
                            str(CELERY), "-A", "_worker", "worker", "--loglevel", "INFO",
                            "--queues", "feeds,celery", "--concurrency", "1",
                            "--pool", "prefork", "--without-gossip", "--without-mingle",
                            "--without-heartbeat", "--hostname", f"bench-{os.getpid()}-{k}@%h",
                        ],
                        cwd=_bench.REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )
                )  # fmt: skip
            logs.append(log)
        _wait(lambda: all("ready" in log.read_text() for log in logs), procs, what="ready")
        yield logs, [proc.pid for proc in procs]
    finally:
        for proc in procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)


def _wait(done, procs: list[subprocess.Popen], *, what: str, timeout: float = 120) -> None:
    end = time.monotonic() + timeout
    while not done():
        if any(proc.poll() is not None for proc in procs):
            raise RuntimeError(f"a worker exited before it was {what}")
        if time.monotonic() > end:
            raise RuntimeError(f"the workers were not {what} after {timeout:.0f} s")
        time.sleep(POLL_S)


def queues_purge() -> None:
    from tracker.celery import app

    with app.connection_for_write() as conn:
        for queue in ("feeds", "celery"):
            with contextlib.suppress(Exception):  # a queue never declared has nothing to purge
                conn.default_channel.queue_purge(queue)


def run(
    count: int, template: str, tasks: list[tuple[str, list]], n: int
) -> tuple[float, list, float]:
    """Seconds `count` workers take to run these tasks (name, args) on a copy of `template`,
    until it holds n articles, all finished; the (title, story id) of every article; and the
    CPU milliseconds an article cost (workers and their database backends)."""
    from tracker.celery import app

    label = "fetch" if tasks[0][0].endswith("feed_fetch") else "finish"
    # Purged before the workers start: a worker takes what is queued as soon as it is ready.
    queues_purge()
    with (
        database_copy(template, f"{label}{count}") as database,
        workers(count, database) as (logs, pids),
    ):
        load = os.getloadavg()[0]
        probe = Probe(database, pids)
        start = time.perf_counter()
        sent = [app.send_task(name, args=args, queue="feeds").id for name, args in tasks]
        _wait(partial(probe.poll, _finished, n, sent, logs), [], what="done", timeout=1200)
        elapsed = time.perf_counter() - start
        cpu = probe.cpu()
        rows = _query(database, "SELECT title, story_id FROM news_article")
        failed = sum(len(re.findall(r"'errors': \[\{|raised", log.read_text())) for log in logs)
        busy = [_busy_seconds(log) for log in logs]
        queries, connects = _database_calls(logs)
    stories = len({story for _, story in rows if story is not None})
    note(
        f"{label}, {count} worker(s): {n} articles in {elapsed:.1f} s, {stories} stories, "
        f"tasks with errors {failed}; load average {load:.2f} before, "
        f"{os.getloadavg()[0]:.2f} after"
    )
    note(
        f"{label}, {count} worker(s): CPU {cpu[0]:.1f} s in the workers + {cpu[1]:.1f} s in "
        f"their PostgreSQL backends ({1000 * sum(cpu) / n:.1f} ms an article); each worker "
        f"busy in tasks {', '.join(f'{b / elapsed:.0%}' for b in busy)} of the run; "
        f"{probe.waits_text()}"
    )
    note(
        f"{label}, {count} worker(s): {queries / n:.1f} SQL statements and "
        f"{connects / n:.3f} connection setups an article ({queries} and {connects} in all)"
    )
    return elapsed, rows, 1000 * sum(cpu) / n


class Probe:
    """What a run costs besides its wall time, read while it runs (a shared machine's load
    inflates wall time, not CPU time): the CPU seconds of the workers' processes and of their
    PostgreSQL backends, and how often a backend waits for a lock held by another. Celery
    closes a task's connection when it ends, so each backend's CPU is read at every poll (its
    last POLL_S is missed)."""

    def __init__(self, database: str, pids: list[int]) -> None:
        self.database, self.pids = database, pids
        self.polls = 0
        self.waits: dict[str, int] = {}
        self.backends: dict[int, int] = {}
        self.workers = self._workers()

    def poll(self, done, *args) -> bool:
        """One poll of `done(database, *args)`, sampling the backends first."""
        self.polls += 1
        rows = _query(self.database, _BACKENDS)
        self.backends.update(_cpu_ticks([pid for pid, _, _ in rows]))
        for _pid, waiting, query in rows:
            if waiting == "Lock":
                self.waits[query] = self.waits.get(query, 0) + 1
        return done(self.database, *args)

    def _workers(self) -> dict[int, int]:
        group = [pid for pid in _pids() if (stat := _stat(pid)) and int(stat[2]) in self.pids]
        return _cpu_ticks(group)

    def cpu(self) -> tuple[float, float]:
        """CPU seconds since the probe began: (workers, their backends)."""
        hz = os.sysconf("SC_CLK_TCK")
        now = self._workers()
        workers = sum(t - self.workers.get(pid, 0) for pid, t in now.items())
        return workers / hz, sum(self.backends.values()) / hz

    def waits_text(self) -> str:
        total = sum(self.waits.values())
        top = max(self.waits, key=self.waits.get, default="")
        share = f"{total / max(self.polls, 1):.0%} of {self.polls} polls"
        return f"backends waiting for a lock: {share}" + (f", mostly in {top!r}" if top else "")


_BACKENDS = (
    "SELECT pid, wait_event_type, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) "
    "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
    "AND backend_type = 'client backend'"
)


def _pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def _stat(pid: int) -> list[str]:
    """/proc/<pid>/stat's fields after the command (state first), [] once the process is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return []
    return text.rsplit(")", 1)[1].split()


def _cpu_ticks(pids: list[int]) -> dict[int, int]:
    """User + system clock ticks of each process still there."""
    ticks = {}
    for pid in pids:
        if fields := _stat(pid):
            ticks[pid] = int(fields[11]) + int(fields[12])
    return ticks


def _busy_seconds(log: Path) -> float:
    """Seconds this worker spent in tasks (celery logs each task's run time)."""
    return sum(float(s) for s in re.findall(r"\] succeeded in ([0-9.]+)s", log.read_text()))


def _database_calls(logs: list[Path]) -> tuple[int, int]:
    """SQL statements and connection setups of every task, as bench/_worker.py logs them."""
    found = re.findall(
        r"bench-task queries=(\d+) connects=(\d+)", "".join(log.read_text() for log in logs)
    )
    return sum(int(q) for q, _ in found), sum(int(c) for _, c in found)


def _ended(task_ids: list[str], logs: list[Path]) -> bool:
    """Every one of these tasks has ended (succeeded or failed) in one of the workers' logs."""
    text = "".join(log.read_text() for log in logs)
    ended = set(re.findall(r"\[([0-9a-f-]{36})\] (?:succeeded|raised)", text))
    return ended.issuperset(task_ids)


def _finished(database: str, n: int, task_ids: list[str], logs: list[Path]) -> bool:
    """All n articles stored and finished, and every task sent has ended: linking marks its
    articles before the index step runs, so the articles alone would stop the clock (and the
    workers, leaving the last batch to be redelivered to the next run) one step early. Raises
    when a feed failed (it would never be)."""
    if not _ended(task_ids, logs):
        return False
    (stored, left), *_ = _query(
        database,
        "SELECT count(*), count(*) FILTER (WHERE linked_at IS NULL) FROM news_article",
    )
    failed = _query(database, "SELECT url, last_error FROM news_feed WHERE error_count > 0")
    if failed:
        raise RuntimeError(f"feeds failed: {failed}")
    return stored >= n and left == 0


def compare(template: str, tasks: list[tuple[str, list]], n: int, *, name: str) -> None:
    """1 worker, then 2: articles/s of each and the ratio (issue 17 asks at least 1.8)."""
    one, rows_one, cpu_one = run(1, template, tasks, n)
    result(f"{name}_1_worker_articles_per_s", n / one, "articles/s")
    two, rows_two, cpu_two = run(2, template, tasks, n)
    result(
        f"{name}_2_workers_articles_per_s",
        n / two,
        "articles/s",
        baseline=f"{name}_1_worker_articles_per_s",
        ratio=one / two,
    )
    note(
        f"{name}: 2 workers {one / two:.2f}x one worker's articles/s (issue 17: at least 1.80); "
        f"CPU an article {cpu_one:.1f} ms with 1 worker, {cpu_two:.1f} ms with 2 "
        f"({cpu_two / cpu_one:.2f}x: above 1.0, 2 workers do more work an article)"
    )
    if name == "finish":  # one generated feed: its story labels are comparable
        for count, rows in ((1, rows_one), (2, rows_two)):
            quality = stories_quality(rows)
            note(
                f"finish, {count} worker(s): stories precision {quality['stories_precision']}, "
                f"recall {quality['stories_recall']}"
            )


def services_ready() -> bool:
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        note("needs PostgreSQL: set DATABASE_URL=postgres://...")
        return False
    if not os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"):
        note("needs Redis: set CELERY_BROKER_URL=redis://127.0.0.1:6379/<db>")
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--short", action="store_true", help="1,200 entries (12 batches)")
    parser.add_argument("--entries", type=int, default=4800, help="entries in the feed")
    parser.add_argument("--only", choices=("finish", "fetch"), help="one of the two comparisons")
    args = parser.parse_args()
    n = 1200 if args.short else args.entries
    if not services_ready():
        shutil.rmtree(TMP, ignore_errors=True)
        return
    try:
        compare_all(args.only, n)
    except BaseException:
        note(f"the workers' logs are kept in {TMP}")
        raise
    shutil.rmtree(TMP, ignore_errors=True)


def compare_all(only: str | None, n: int) -> None:
    """The runs of main() (`only`: one comparison) on n generated entries."""
    from django.core.management import call_command
    from django.db import connection

    with _bench.test_database(label="workers"), directory_served(TMP / "feeds") as base_url:
        call_command("loadcase", str(_bench.REPO / "tracker/demo/musk-v-openai.json"), verbosity=0)
        feed_ids = feeds_add(base_url, n)
        connection.close()
        with database_copy(connection.settings_dict["NAME"], "feeds") as feeds_template:
            template, batches, stored = stored_batches(n)
            note(
                f"{n} entries stored by ingest --defer in {stored:.1f} s ({n / stored:.0f}/s), "
                f"{len(batches)} batches; {FEEDS} feeds of {n // FEEDS}; {os.cpu_count()} CPUs"
            )
            finish = "tracker.news.tasks.articles_finish_task"
            if only != "fetch":
                compare(template, [(finish, [batch]) for batch in batches], n, name="finish")
            fetch = "tracker.news.tasks.feed_fetch"
            if only != "finish":
                compare(
                    feeds_template,
                    [(fetch, [pk]) for pk in feed_ids],
                    n // FEEDS * FEEDS,
                    name="fetch",
                )


if __name__ == "__main__":
    main()

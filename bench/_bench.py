"""Shared helpers for bench scripts: Django on a throwaway test database, timing, RESULT lines.

A bench script is run as `python bench/<name>.py` (by bench/run_all.py or by hand). It prints
its figures as lines that run_all.py collects (see bench/README.md):

    RESULT <name>=<value> <unit> [baseline=<name>] [ratio=<x>]
    BENCH {"name": ..., "value": ..., "unit": ..., "baseline": ..., "ratio": ...}

Files in bench/ whose names start with "_" are helpers, not scripts.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def result(
    name: str,
    value: float,
    unit: str = "",
    *,
    baseline: str | None = None,
    ratio: float | None = None,
) -> None:
    """Print one figure in the RESULT convention (flushes, so a killed script keeps its lines)."""
    parts = [f"RESULT {name}={value:.6g}"]
    if unit:
        parts.append(unit)
    if baseline:
        parts.append(f"baseline={baseline}")
    if ratio is not None:
        parts.append(f"ratio={ratio:.3g}")
    print(" ".join(parts), flush=True)


def bench_json(**fields: object) -> None:
    print("BENCH " + json.dumps(fields, default=str), flush=True)


def note(text: str) -> None:
    """A line run_all.py keeps in RESULTS.md next to the script's figures."""
    print(f"NOTE {text}", flush=True)


def timings(fn: Callable[[], object], *, n: int, warmup: int = 3) -> list[float]:
    """Seconds per call of fn, n calls after `warmup` untimed ones."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


_printed: set[str] = set()


def compare(name: str, samples: list[float], baseline: str, base_samples: list[float]) -> None:
    """Print the baseline's (once) and the subject's median in ms, and the subject's ratio."""
    base, value = median_ms(base_samples), median_ms(samples)
    if baseline not in _printed:
        _printed.add(baseline)
        result(baseline, base, "ms")
    result(name, value, "ms", baseline=baseline, ratio=value / base if base else None)


def cpu_seconds() -> float:
    """CPU seconds used so far by this process and, on PostgreSQL (Linux), by the server process
    of Django's connection: the work done, which a loaded machine does not inflate as it does
    wall time (the backend's share is read from /proc; 0 for it elsewhere)."""
    total = time.process_time()
    from django.db import connection

    if connection.vendor == "postgresql" and os.path.exists("/proc/self/stat"):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        with open(f"/proc/{pid}/stat") as stat:  # the server is on this machine
            fields = stat.read().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def django_setup(settings: str = "tests.settings") -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings)
    import django

    django.setup()


@contextmanager
def kept_database(name: str) -> Iterator[str]:
    """A PostgreSQL database kept between runs (created if missing, migrated, never dropped), for
    sizes that take long to seed (bench/pages.py --keep). DATABASE_URL names the server."""
    django_setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    if connection.vendor != "postgresql":
        raise SystemExit("--keep needs DATABASE_URL pointing at PostgreSQL")
    setup_test_environment()
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    connection.settings_dict["NAME"] = name
    call_command("migrate", verbosity=0, interactive=False)
    yield f"{connection.vendor} {name} (kept)"


@contextmanager
def test_database(*, label: str = "bench") -> Iterator[str]:
    """A fresh database for the run, dropped afterwards; yields its vendor and name.

    SQLite: in memory. PostgreSQL (DATABASE_URL): test_<name>_<label>_<pid>, so a bench run never
    touches the real database nor a concurrent pytest run's one.
    """
    django_setup()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    if connection.vendor != "sqlite":
        connection.settings_dict.setdefault("TEST", {})
        connection.settings_dict["TEST"]["NAME"] = f"test_{old_name}_{label}_{os.getpid()}"
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield f"{connection.vendor} {name}"
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()

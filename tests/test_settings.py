"""Settings come from the environment; each check runs manage.py in a fresh process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def manage(*args: str, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "CELERY_BROKER_URL",
            "DEBUG",
            "SECRET_KEY",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "ALLOWED_HOSTS",
        }
    }
    clean.update(
        {"DJANGO_SETTINGS_MODULE": "tracker.settings", "TRACKER_VAR_DIR": str(tmp_path), **env}
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_debug_off(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DEBUG": "0",
            "SECRET_KEY": "k" * 20 + "-not-a-real-secret-but-long-enough-for-the-check-9f3a",
        },
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_defaults_are_sqlite_under_var_and_embedded_broker(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], s.CELERY_BROKER_URL)"
    )
    result = manage("shell", "--no-imports", "-c", code, env={}, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    engine, name, broker = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert name == str(tmp_path / "tracker.sqlite3")
    assert broker.startswith("filesystem://")
    assert (tmp_path / "secret_key").exists()


def test_database_url_switches_to_postgres(tmp_path):
    code = "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'])"
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        env={"DATABASE_URL": "postgres://u@db.example:5432/x"},
        tmp_path=tmp_path,
    )
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_postgres_connections_turn_jit_off_keeping_the_url_options(tmp_path):
    code = "from django.conf import settings as s; print(s.DATABASES['default']['OPTIONS'])"
    url = "postgres://u@db.example:5432/x?options=-c%20statement_timeout%3D5000"
    result = manage(
        "shell", "--no-imports", "-c", code, env={"DATABASE_URL": url}, tmp_path=tmp_path
    )
    assert result.stdout.strip() == "{'options': '-c statement_timeout=5000 -c jit=off'}"
    env = {"DATABASE_URL": url, "TRACKER_PG_JIT": "1"}
    result = manage("shell", "--no-imports", "-c", code, env=env, tmp_path=tmp_path)
    assert result.stdout.strip() == "{'options': '-c statement_timeout=5000'}"


def test_allowed_hosts_default_is_the_one_the_readme_states(tmp_path):
    row = next(
        line
        for line in (ROOT / "README.md").read_text().splitlines()
        if line.startswith("| `ALLOWED_HOSTS` |")
    )
    stated = row.split("|")[2].strip().strip("`")
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(*settings.ALLOWED_HOSTS, sep=',')",
        env={},
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == stated
    assert "testserver" not in stated.split(",")


def test_postgres_connections_persist_with_health_checks_unless_told(tmp_path, monkeypatch):
    monkeypatch.delenv("DB_CONN_MAX_AGE", raising=False)  # the default, as the README states
    code = (
        "from django.conf import settings as s; d = s.DATABASES['default'];"
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    url = "postgres://u@db.example:5432/x"
    for env, expected in [({}, "60 True"), ({"DB_CONN_MAX_AGE": "0"}, "0 True")]:
        env = {"DATABASE_URL": url, **env}
        result = manage("shell", "--no-imports", "-c", code, env=env, tmp_path=tmp_path)
        assert result.stdout.strip() == expected, result.stderr


def test_cache_is_per_process_unless_a_redis_url_is_given(tmp_path):
    code = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])"
    for env, expected in [
        ({"CACHE_URL": ""}, "django.core.cache.backends.locmem.LocMemCache"),
        ({"CACHE_URL": "redis://127.0.0.1:6379/7"}, "django.core.cache.backends.redis.RedisCache"),
    ]:
        result = manage("shell", "--no-imports", "-c", code, env=env, tmp_path=tmp_path)
        assert result.stdout.strip() == expected, result.stderr

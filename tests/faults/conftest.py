"""Fault tests: real worker processes, servers stopped and restarted. See tests/support/services.py."""

from __future__ import annotations

import pytest

from tests.support.services import Worker, worker_env


@pytest.fixture
def workers(tmp_path):
    """make(**env) -> a started Worker on the test database; every one is stopped afterwards."""
    started: list[Worker] = []

    def make(**extra: str) -> Worker:
        worker = Worker(
            env=worker_env(var_dir=tmp_path / "var", **extra),
            log=tmp_path / f"worker-{len(started)}.log",
        )
        started.append(worker)
        return worker.start()

    yield make
    for worker in started:
        worker.stop()

"""tracker.core.hooks: settings' hooks are called in order; one that fails stops nothing."""

from __future__ import annotations

import logging

from tracker.core.hooks import hooks_call

CALLS: list[tuple[str, dict]] = []


def first(**kwargs) -> None:
    CALLS.append(("first", kwargs))


def broken(**kwargs) -> None:
    raise RuntimeError("the index is down")


def last(**kwargs) -> None:
    CALLS.append(("last", kwargs))


def test_each_hook_runs_in_order_and_a_failure_is_logged_and_returned(settings, caplog):
    CALLS.clear()
    names = [f"{__name__}.first", f"{__name__}.broken", f"{__name__}.last"]
    settings.TRACKER_TEST_HOOKS = names
    seen = []
    with caplog.at_level(logging.ERROR, logger="tracker.core.hooks"):
        failed = hooks_call("TRACKER_TEST_HOOKS", before=seen.append, case_id=7)
    assert CALLS == [("first", {"case_id": 7}), ("last", {"case_id": 7})]
    assert seen == names
    assert [(path, str(exc)) for path, exc in failed] == [(names[1], "the index is down")]
    assert f"{__name__}.broken" in caplog.text


def test_no_hooks_no_failures(settings):
    settings.TRACKER_TEST_HOOKS = []
    assert hooks_call("TRACKER_TEST_HOOKS", case_id=1) == []

"""`manage.py docket`, the Celery tasks and which dockets are due."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.sources.fake_courtlistener import Failure
from tests.sources.test_dockets import DOCKET, remote
from tracker.sources import tasks
from tracker.sources.models import DocketEntry, DocketSync
from tracker.sources.services import docket_attach, dockets_due


def test_attach_command_reads_the_docket(fake, case, capsys):
    remote(fake)
    call_command("docket", "attach", case.slug, f"{fake.base_url}dockets/{DOCKET}/")
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{case.slug}: attached to CourtListener docket {DOCKET}"
    assert json.loads(out[1])["entries_created"] == 7
    case.refresh_from_db()
    assert case.courtlistener_docket == DOCKET


def test_refresh_command_fails_with_the_remote_error(fake, case):
    remote(fake)
    call_command("docket", "attach", case.slug, str(DOCKET), "--no-refresh")
    assert not DocketEntry.objects.exists()
    fake.fail_next(Failure(401, b"{}"))
    with pytest.raises(CommandError, match="COURTLISTENER_TOKEN"):
        call_command("docket", "refresh", case.slug)
    with pytest.raises(CommandError, match="has no docket"):
        call_command("docket", "refresh", _unattached().slug)


def _unattached():
    from tests import factories as f

    return f.CaseFactory(slug="unattached")


def test_due_dockets_and_the_beat_task(fake, case, monkeypatch):
    remote(fake)
    sync = docket_attach(case=case, url_or_id=DOCKET)
    queued = []
    monkeypatch.setattr(tasks.docket_refresh_task, "delay", queued.append)
    assert tasks.sources_due() == {"dockets": [sync.pk], "documents": []}
    assert queued == [sync.pk]
    result = tasks.docket_refresh_task(sync.pk)  # run here, as the worker would
    assert result["entries_created"] == 7
    assert dockets_due() == []  # just read
    later = timezone.now() + dt.timedelta(days=1)
    assert dockets_due(now=later) == [sync.pk]
    DocketSync.objects.filter(pk=sync.pk).update(next_try_at=later + dt.timedelta(hours=1))
    assert dockets_due(now=later) == []  # waiting out a Retry-After
    assert tasks.docket_refresh_task(999999) == {"docket_sync": 999999, "skipped": "no such docket"}

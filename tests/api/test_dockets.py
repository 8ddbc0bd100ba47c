"""The docket endpoints: attach (editors only), state, refresh, and the entries list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tracker.sources import tasks
from tracker.sources.models import DocketEntry, DocketSync


@pytest.fixture
def queued(monkeypatch):
    calls: list[int] = []
    monkeypatch.setattr(tasks.docket_refresh_task, "delay", calls.append)
    return calls


def test_editor_attaches_a_docket_and_a_refresh_is_queued(
    editor, analyst, world, queued, django_capture_on_commit_callbacks
):
    url = reverse("api:docket-list")
    body = {"case": world.case.slug, "docket": "https://www.courtlistener.com/docket/68571705/x/"}
    assert analyst.post(url, body, format="json").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(url, body, format="json")
    assert response.status_code == 201, response.json()
    sync = DocketSync.objects.get(case=world.case)
    assert response.json()["docket_id"] == 68571705 and queued == [sync.pk]
    state = editor.get(reverse("api:docket-detail", args=[world.case.slug])).json()
    assert state["last_error"] == "" and state["entries"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        again = editor.post(reverse("api:docket-refresh", args=[world.case.slug]))
    assert again.status_code == 202 and queued == [sync.pk, sync.pk]


def test_bad_attachments_are_400s_that_say_why(editor, world, queued):
    url = reverse("api:docket-list")
    bad = editor.post(url, {"case": world.case.slug, "docket": "not-a-docket"}, format="json")
    assert bad.status_code == 400 and "neither a CourtListener docket id" in str(bad.json())
    none = editor.post(url, {"case": "no-such-case", "docket": "12"}, format="json")
    assert none.status_code == 400 and "no case 'no-such-case'" in str(none.json())
    assert queued == [] and not DocketSync.objects.exists()


def test_docket_entries_are_listed_by_case(anon, world, django_assert_max_num_queries):
    for n in range(1, 6):
        DocketEntry.objects.create(
            case=world.case,
            remote_id=n,
            number=n,
            date_filed=dt.date(2025, 1, n),
            description=f"ORDER number {n}",
            kind="ruling",
            documents=[{"number": str(n), "url": "https://www.courtlistener.com/x/"}],
        )
    DocketEntry.objects.create(case=world.other_case, remote_id=99, description="elsewhere")
    with django_assert_max_num_queries(3):
        response = anon.get(reverse("api:docket-entry-list"), {"case": world.case.slug})
    results = response.json()["results"]
    assert [r["number"] for r in results] == [5, 4, 3, 2, 1]
    assert results[0]["documents"][0]["number"] == "5" and results[0]["case"] == world.case.slug

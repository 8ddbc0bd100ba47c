"""A reloaded case file reaches the articles already stored: new aliases link them."""

from __future__ import annotations

import copy

import pytest

from tests.cases.test_casefile import SMALL
from tracker.cases.casefile import case_load
from tracker.cases.models import Party
from tracker.linking import tasks
from tracker.linking.models import Link
from tracker.news.services import source_ingest

pytestmark = pytest.mark.django_db

TEXT = """Court hears the scraping fight

Lawyers for Acme said on Tuesday that Gizmo Holdings had copied its catalogue, and the
parent of Widgets Ltd denied any breach.
"""


@pytest.fixture
def hooked(settings):
    settings.TRACKER_AFTER_CASE_LOAD = ["tracker.linking.tasks.case_loaded"]
    settings.TRACKER_AFTER_INGEST = ["tracker.linking.services.articles_link"]


def _party_links(name: str) -> int:
    return Link.objects.filter(party__name=name).count()


def _reload_with_alias(alias: str):
    data = copy.deepcopy(SMALL)
    data["parties"][1]["aliases"] = [alias]
    return case_load(data=data)


def test_a_new_alias_links_stored_articles_through_the_worker(
    hooked, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    case = case_load(data=copy.deepcopy(SMALL)).case
    (tmp_path / "story.txt").write_text(TEXT)
    source_ingest(source=str(tmp_path / "story.txt"), case=case)
    assert _party_links("Widgets Ltd") == 1  # named by its full name only
    link = Link.objects.get(party__name="Widgets Ltd")
    assert link.evidence.count() == 1

    queued = []
    monkeypatch.setattr(tasks.articles_relink_task, "delay", lambda **kw: queued.append(kw))
    with django_capture_on_commit_callbacks(execute=True):
        _reload_with_alias("Gizmo Holdings")
    assert queued == [{"case_id": case.pk}]
    tasks.articles_relink_task(**queued[0])  # what the worker runs
    link.refresh_from_db()
    quotes = sorted(link.evidence.values_list("exact", flat=True))
    assert quotes == ["Gizmo Holdings", "Widgets Ltd"]


def test_broker_down_relinks_in_process_and_the_load_stands(
    hooked, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    case = case_load(data=copy.deepcopy(SMALL)).case
    (tmp_path / "story.txt").write_text(TEXT)
    source_ingest(source=str(tmp_path / "story.txt"), case=case)

    def down(**kwargs):
        raise ConnectionRefusedError("broker unreachable")

    monkeypatch.setattr(tasks.articles_relink_task, "delay", down)
    with django_capture_on_commit_callbacks(execute=True):
        _reload_with_alias("Gizmo Holdings")
    assert Party.objects.get(name="Widgets Ltd").aliases.filter(name="Gizmo Holdings").exists()
    quotes = Link.objects.get(party__name="Widgets Ltd").evidence.values_list("exact", flat=True)
    assert "Gizmo Holdings" in quotes


def test_an_unchanged_reload_queues_nothing(
    hooked, monkeypatch, django_capture_on_commit_callbacks
):
    case_load(data=copy.deepcopy(SMALL))
    queued = []
    monkeypatch.setattr(tasks.articles_relink_task, "delay", lambda **kw: queued.append(kw))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        case_load(data=copy.deepcopy(SMALL))
    assert callbacks == [] and queued == []


def test_a_failing_hook_leaves_the_load_in_place(settings, django_capture_on_commit_callbacks):
    settings.TRACKER_AFTER_CASE_LOAD = ["tests.linking.test_case_load.boom"]
    with django_capture_on_commit_callbacks(execute=True):
        report = case_load(data=copy.deepcopy(SMALL))
    assert Party.objects.filter(name="Acme Corp").exists() and report.created


def boom(*, case_id: int) -> None:
    raise RuntimeError("hook failed")


def test_an_api_keyword_edit_relinks_the_case(
    hooked, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    from rest_framework.test import APIClient

    from tracker.cases.models import Claim
    from tracker.review.roles import user_set_role

    case = case_load(data=copy.deepcopy(SMALL)).case
    (tmp_path / "story.txt").write_text(TEXT)
    source_ingest(source=str(tmp_path / "story.txt"), case=case)
    claim = Claim.objects.get(case=case, slug="breach")
    assert Link.objects.filter(claim=claim, evidence__exact="copied").count() == 0
    monkeypatch.setattr(
        tasks.articles_relink_task, "delay", lambda **kw: tasks.articles_relink_task(**kw)
    )
    editor, _ = user_set_role(username="ed", role="editor")
    client = APIClient()
    client.force_authenticate(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.patch(
            f"/api/v1/claims/{claim.pk}/", {"keywords": ["breach", "copied"]}, format="json"
        )
    assert response.status_code == 200, response.content
    quotes = set(Link.objects.filter(claim=claim).values_list("evidence__exact", flat=True))
    assert "copied" in quotes


def test_an_admin_save_relinks_the_party_cases(
    hooked, rf, monkeypatch, django_capture_on_commit_callbacks
):
    from django.contrib import admin as django_admin

    from tracker.cases.admin import PartyAdmin

    case = case_load(data=copy.deepcopy(SMALL)).case
    queued = []
    monkeypatch.setattr(tasks.articles_relink_task, "delay", lambda **kw: queued.append(kw))
    party = Party.objects.get(name="Widgets Ltd")

    class Form:
        instance = party

        def save_m2m(self):
            pass

    with django_capture_on_commit_callbacks(execute=True):
        PartyAdmin(Party, django_admin.site).save_related(rf.post("/"), Form(), [], True)
    assert queued == [{"case_id": case.pk}]

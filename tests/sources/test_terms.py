"""Terms documents tracked at their URL, against a local server serving successive versions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from tests.news.conftest import Server
from tests.sources import terms_pages as pages
from tracker.cases.models import Clause, ClauseVersion, Document
from tracker.linking.models import Link
from tracker.sources.models import DocumentChange, DocumentTrack
from tracker.sources.services import document_refresh, document_track_sync, documents_due


@pytest.fixture
def site(settings):
    settings.TRACKER_FETCH_ALLOW_PRIVATE = True
    settings.TRACKER_FETCH_TIMEOUT = 5
    settings.TRACKER_ON_TERMS_CHANGED = ["tests.sources.test_terms.heard"]
    heard_changes.clear()
    server = Server()
    yield server
    server.close()


heard_changes: list[int] = []


def heard(*, change_id: int) -> None:
    heard_changes.append(change_id)


def serve(site, body: bytes, content_type: str = "text/html; charset=utf-8") -> str:
    return site.serve("/terms", body, content_type=content_type)


@pytest.fixture
def document(db, site):
    case = f.CaseFactory(slug="acme-v-widgets")
    doc = Document.objects.create(
        slug="example-terms", title="Example Terms", url=serve(site, pages.V1), track=True
    )
    case.documents.add(doc)
    return doc


def refresh(document, when: dt.datetime):
    track = document_track_sync(document=document)
    return document_refresh(track=track, now=when), track


def day(d: int, month: int = 3) -> dt.datetime:
    return dt.datetime(2025, month, d, 9, 0, tzinfo=dt.UTC)


def test_first_read_splits_clauses_and_is_a_baseline(site, document):
    result, track = refresh(document, day(2))
    assert track.last_error == "" and track.last_success_at == day(2)
    clauses = list(Clause.objects.filter(document=document).order_by("position"))
    assert [c.ref for c in clauses] == ["accounts", "using-output", "ending"]
    assert [c.title for c in clauses] == ["1. Accounts", "2. Using output", "3. Ending"]
    # The page's own date is the version's date; navigation, script and footer are not text.
    version = ClauseVersion.objects.get(clause=clauses[1])
    assert version.effective == dt.date(2025, 1, 5) and "competes with ours" in version.text
    assert not ClauseVersion.objects.filter(text__contains="Home").exists()
    change = DocumentChange.objects.get(document=document)
    assert change.baseline and change.count("added") == 3 and heard_changes == []


def test_changes_are_versioned_closed_added_and_alerted(site, document):
    refresh(document, day(2))
    output = Clause.objects.get(document=document, ref="using-output")
    article = f.ArticleFactory()
    link = Link.objects.create(article=article, target_type="clause", clause=output)
    serve(site, pages.V2)
    result, track = refresh(document, day(4))
    assert result["ops"] == 3
    change = DocumentChange.objects.get(pk=result["change"])
    assert {(op["op"], op["ref"]) for op in change.ops} == {
        ("changed", "using-output"),
        ("added", "governing-law"),
        ("removed", "ending"),
    }
    versions = list(output.versions.order_by("effective"))
    assert [v.effective for v in versions] == [dt.date(2025, 1, 5), dt.date(2025, 3, 1)]
    assert "train, distill" in versions[-1].text
    link.refresh_from_db()
    assert link.clause == output  # the clause kept its row, so its links stay with it
    ending = Clause.objects.get(document=document, ref="ending")
    assert ending.removed_on == dt.date(2025, 3, 4) and ending.versions.count() == 1
    assert heard_changes == [change.pk]

    serve(site, pages.V3)
    result, _ = refresh(document, day(10))
    ending.refresh_from_db()
    assert ending.removed_on is None
    restored = DocumentChange.objects.get(pk=result["change"])
    assert [op["op"] for op in restored.ops] == ["restored"]


def test_same_page_again_changes_nothing(site, document):
    refresh(document, day(2))
    result, track = refresh(document, day(3))
    assert result["change"] is None and DocumentChange.objects.count() == 1
    assert track.last_success_at == day(3)


def test_renamed_heading_is_the_same_clause_found_by_its_text(site, document):
    refresh(document, day(2))
    output = Clause.objects.get(document=document, ref="using-output")
    renamed = ("2. What you may do with output", pages.OUTPUT[1])
    serve(site, pages.page(pages.ACCOUNTS, renamed, pages.ENDING))
    result, _ = refresh(document, day(5))
    assert result["change"] is None  # same text: the clause was found again, nothing changed
    assert Clause.objects.filter(document=document).count() == 3
    output.refresh_from_db()
    assert output.removed_on is None


def test_date_without_a_new_stated_date_is_the_day_first_seen(site, document):
    refresh(document, day(2))
    edited = (pages.OUTPUT[0], pages.OUTPUT[1] + " Ask us first.")
    serve(site, pages.page(pages.ACCOUNTS, edited, pages.ENDING))  # still "January 5, 2025"
    refresh(document, day(6))
    output = Clause.objects.get(document=document, ref="using-output")
    assert output.versions.latest().effective == dt.date(2025, 3, 6)


@pytest.mark.parametrize(
    ("body", "content_type", "words"),
    [
        (pages.NOT_TERMS, "text/html", "does not look like a terms document"),
        (b"\x89PNG...", "image/png", "is image/png, not a web page"),
    ],
)
def test_a_page_that_is_not_terms_is_a_clear_error_and_loses_nothing(
    site, document, body, content_type, words
):
    refresh(document, day(2))
    before = set(ClauseVersion.objects.values_list("pk", "text"))
    serve(site, body, content_type)
    result, track = refresh(document, day(3))
    assert words in track.last_error and words in result["error"]
    assert track.failures == 1 and track.next_try_at > day(3)
    assert set(ClauseVersion.objects.values_list("pk", "text")) == before
    assert not Clause.objects.filter(removed_on__isnull=False).exists()


def test_server_errors_and_down_are_clear_errors(site, document):
    refresh(document, day(2))
    site.serve("/terms", b"busy", status=503, content_type="text/plain")
    _, track = refresh(document, day(3))
    assert "HTTP 503" in track.last_error
    site.close()
    _, track = refresh(document, day(4))
    assert track.failures == 2 and track.last_error
    assert Clause.objects.filter(document=document, removed_on__isnull=True).count() == 3


def test_due_documents(site, document):
    assert not DocumentTrack.objects.exists()
    [track_id] = documents_due()  # tracking starts for a document with track on
    refresh(document, timezone.now())
    assert documents_due() == []
    Document.objects.filter(pk=document.pk).update(track=False)
    assert documents_due(now=timezone.now() + dt.timedelta(days=2)) == []
    assert track_id == DocumentTrack.objects.get().pk


def test_history_page_and_atom_feed(client, site, document, django_assert_max_num_queries):
    refresh(document, day(2))
    serve(site, pages.V2)
    refresh(document, day(4))
    with django_assert_max_num_queries(8):
        page = client.get(reverse("sources:document-history", args=[document.slug]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<ins>train, distill or otherwise </ins>" in html or "<ins>train," in html
    assert "Removed" in html and "Added" in html and "first read, 3 new clauses" in html
    feed = client.get(reverse("sources:document-atom", args=[document.slug]))
    body = feed.content.decode()
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert body.count("<entry>") == 1 and "3 clause changes seen 2025-03-04" in body


def test_clause_page_shows_its_source_and_when_versions_were_seen(client, site, document):
    refresh(document, day(2))
    serve(site, pages.V2)
    refresh(document, day(4))
    html = client.get(reverse("web:clause", args=[document.slug, "using-output"])).content
    html = html.decode()
    assert "Read from" in html and "first seen Mar 4, 2025" in html
    assert "Version in force from Mar 1, 2025" in html
    gone = client.get(reverse("web:clause", args=[document.slug, "ending"])).content.decode()
    assert "This clause was gone from the document on March 4, 2025" in gone


def test_admin_fetch_now_and_api_show_tracking(site, document, admin_client, client):
    track = document_track_sync(document=document)
    url = reverse("admin:sources_documenttrack_changelist")
    page = admin_client.post(
        url, {"action": "fetch_now", "_selected_action": [track.pk]}, follow=True
    )
    assert "3 clause change(s) recorded" in page.content.decode()
    serve(site, pages.NOT_TERMS)
    page = admin_client.post(
        url, {"action": "fetch_now", "_selected_action": [track.pk]}, follow=True
    )
    assert "does not look like a terms document" in page.content.decode()
    data = client.get(reverse("api:document-detail", args=[document.pk])).json()
    assert data["track"] is True and len(data["clauses"]) == 3
    assert {c["position"] for c in data["clauses"]} == {0, 1, 2}

"""The case's sources page: the docket's and the documents' state, errors in words, escaped."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from tracker.cases.models import Clause, Document
from tracker.sources.models import DocketEntry, DocketParty, DocketSync, DocumentTrack


def test_sources_page_shows_state_errors_and_entries(client, db, django_assert_max_num_queries):
    case = f.CaseFactory(slug="acme-v-widgets", title="Acme v. Widgets")
    now = timezone.now()
    DocketSync.objects.create(
        case=case,
        docket_id=555,
        page_url="https://www.courtlistener.com/docket/555/x/",
        last_success_at=now - dt.timedelta(hours=2),
        last_error="CourtListener was refused (HTTP 401): set COURTLISTENER_TOKEN to a valid token",
        last_error_at=now,
        failures=2,
        next_try_at=now + dt.timedelta(minutes=10),
    )
    event = f.EventFactory(case=case, kind="ruling", status="suggested", title="Docket #3: ORDER")
    for n in range(1, 16):
        DocketEntry.objects.create(
            case=case,
            remote_id=n,
            number=n,
            date_filed=dt.date(2025, 1, 1) + dt.timedelta(days=n),
            description=f"<script>alert({n})</script> ORDER {n}",
            documents=[{"number": str(n), "url": "https://www.courtlistener.com/d/", "pages": 2}],
            kind="ruling",
            event=event if n == 15 else None,
        )
    DocketParty.objects.create(case=case, remote_id=1, name="Acme Corp", types=["Plaintiff"])
    doc = Document.objects.create(slug="terms", title="Widget Terms", url="https://w.example/t")
    doc.track = True
    doc.save()
    case.documents.add(doc)
    Clause.objects.create(document=doc, ref="a", title="A")
    Clause.objects.create(document=doc, ref="b", title="B", removed_on=dt.date(2025, 2, 1))
    DocumentTrack.objects.create(
        document=doc, last_error="https://w.example/t does not look like a terms document"
    )
    with django_assert_max_num_queries(12):
        page = client.get(reverse("sources:case-sources", args=[case.slug]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "2 sources failing" in html
    assert "set COURTLISTENER_TOKEN to a valid token" in html and "2 failures in a row" in html
    assert "Nothing stored was lost" in html
    assert "15, filed Jan 2, 2025 to Jan 16, 2025" in html
    assert html.count('class="primary-source"') == 10  # the latest ten
    assert "<script>alert(" not in html and "&lt;script&gt;alert(15)" in html
    assert "1 suggested event to review" in html
    assert "does not look like a terms document" in html and "(1 removed)" in html
    assert "Acme Corp" in html and "Plaintiff" in html


def test_sources_page_without_sources_says_how_to_attach(client, db):
    case = f.CaseFactory(slug="quiet")
    page = client.get(reverse("sources:case-sources", args=[case.slug]))
    html = page.content.decode()
    assert "No docket attached" in html and "manage.py docket attach quiet" in html
    assert "No terms documents in this case" in html
    assert client.get(reverse("sources:case-sources", args=["nope"])).status_code == 404

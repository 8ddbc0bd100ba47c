"""Dockets from CourtListener, driven against the fake server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from tests.sources.conftest import TOKEN
from tests.sources.fake_courtlistener import Failure
from tracker.cases.models import CaseParty, Event
from tracker.sources.models import DocketEntry, DocketParty, DocketSync
from tracker.sources.services import docket_attach, docket_refresh

DOCKET = 555


def remote(fake, entries: int = 7):
    fake.docket(
        DOCKET,
        case_name="Acme v. Widgets",
        case_name_full="Acme Corp v. Widgets Ltd, Gadget Inc",
        docket_number="1:25-cv-00001",
        date_filed="2025-03-04",
        date_terminated=None,
        cause="28:1332 Diversity-Breach of Contract",
        nature_of_suit="190 Contract: Other",
        jurisdiction_type="Diversity",
        jury_demand="Both",
        assigned_to_str="Ada Park",
        pacer_case_id="998877",
    )
    fake.entry(DOCKET, 1, "2025-03-04", "COMPLAINT against Widgets Ltd filed by Acme Corp.")
    for n in range(2, entries):
        fake.entry(DOCKET, n, f"2025-04-{n:02d}", f"NOTICE of appearance by counsel number {n}")
    fake.entry(DOCKET, entries, "2025-06-10", "ORDER granting in part motion to dismiss.")
    fake.party(DOCKET, "Acme Corp", "Plaintiff")
    fake.party(DOCKET, "Widgets Ltd", "Defendant")


def attached(case):
    return docket_attach(case=case, url_or_id=f"https://www.courtlistener.com/docket/{DOCKET}/x/")


def test_first_refresh_reads_docket_entries_and_parties_page_by_page(fake, courtlistener, case):
    remote(fake)
    acme = f.PartyFactory(name="Acme Corp")
    f.CasePartyFactory(case=case, party=acme, role="plaintiff")
    ruling = f.EventFactory(case=case, date=dt.date(2025, 6, 10), kind="ruling", title="MTD")
    sync = attached(case)
    report = docket_refresh(sync=sync, client=courtlistener())

    assert sync.last_error == "" and sync.last_success_at is not None
    # 1 docket + 3 pages of entries (7 at 3 a page) + 1 page of parties
    assert report.requests == sync.requests_last == 5 == len(fake.log)
    assert {r["headers"]["Authorization"] for r in fake.log} == {f"Token {TOKEN}"}
    case.refresh_from_db()
    assert case.caption == "Acme Corp v. Widgets Ltd, Gadget Inc"
    assert case.docket == "1:25-cv-00001" and case.date_filed == dt.date(2025, 3, 4)
    assert (case.cause, case.jurisdiction, case.jury_demand) == (
        "28:1332 Diversity-Breach of Contract",
        "Diversity",
        "Both",
    )
    judge = CaseParty.objects.get(case=case, role="judge")
    assert judge.party.name == "Ada Park" and judge.party.kind == "person"
    entries = list(DocketEntry.objects.filter(case=case).order_by("number"))
    assert [e.number for e in entries] == [1, 2, 3, 4, 5, 6, 7]
    assert entries[0].kind == "filing" and entries[-1].kind == "ruling"
    assert entries[0].documents[0]["url"] == fake.base_url.split("/api/")[0] + (
        f"/docket/{DOCKET}/1/example-v-sample/"
    )
    # The order on the day of the ruling is its source; nothing is suggested on a first read.
    assert entries[-1].event == ruling
    ruling.refresh_from_db()
    assert ruling.source_url == entries[-1].url
    assert not Event.objects.filter(case=case, status="suggested").exists()
    listed = {p.name: p for p in DocketParty.objects.filter(case=case)}
    assert listed["Acme Corp"].party == acme and listed["Acme Corp"].types == ["Plaintiff"]
    assert listed["Widgets Ltd"].party is None


def test_second_refresh_reads_only_what_changed_and_keeps_analyst_edits(fake, courtlistener, case):
    remote(fake)
    sync = attached(case)
    docket_refresh(sync=sync, client=courtlistener())
    case.refresh_from_db()
    case.cause = "Breach of contract (as the analyst words it)"
    case.save()
    first = fake.log[:]
    fake.log.clear()

    entry_two = next(e for e in fake.dockets[DOCKET].entries.values() if e["entry_number"] == 2)
    fake.edit_entry(DOCKET, entry_two["id"], description="NOTICE of appearance (corrected)")
    fake.entry(DOCKET, 8, "2025-07-01", "ORDER setting a jury trial for March 2026.")
    fake.dockets[DOCKET].fields["cause"] = "28:1331 Federal Question"
    fake.dockets[DOCKET].fields["nature_of_suit"] = "890 Other Statutory Actions"
    report = docket_refresh(sync=sync, client=courtlistener())

    marks = [r["query"].get("date_modified__gte") for r in fake.requests_to("docket-entries")]
    assert marks[0] is not None and all(
        r["query"]["order_by"] == "date_modified" for r in fake.requests_to("docket-entries")
    )
    assert "date_modified__gte" not in first[1]["query"]
    assert report.entries_created == 1 and report.entries_updated == 1
    assert report.requests == 3  # the docket, one page of two entries, one page of parties
    assert DocketEntry.objects.get(case=case, number=2).description.endswith("(corrected)")
    case.refresh_from_db()
    assert case.cause == "Breach of contract (as the analyst words it)"  # the analyst's
    assert case.nature_of_suit == "890 Other Statutory Actions"  # still the docket's: followed
    [suggested] = Event.objects.filter(case=case, status="suggested")
    assert suggested.kind == "ruling" and suggested.date == dt.date(2025, 7, 1)
    assert suggested.title.startswith("Docket #8: ORDER setting a jury trial")
    assert DocketEntry.objects.get(case=case, number=8).event == suggested

    # An analyst rewords the suggestion; the remote entry changes again; the event stays theirs.
    suggested.title = "Trial date set"
    suggested.save()
    eight = next(e for e in fake.dockets[DOCKET].entries.values() if e["entry_number"] == 8)
    fake.edit_entry(DOCKET, eight["id"], description="ORDER setting a bench trial instead.")
    docket_refresh(sync=sync, client=courtlistener())
    suggested.refresh_from_db()
    assert suggested.title == "Trial date set"
    assert Event.objects.filter(case=case, status="suggested").count() == 1


def test_short_retry_after_is_waited_out(fake, courtlistener, sleeps, case):
    remote(fake)
    fake.fail_next(Failure(429, b'{"detail": "slow down"}', {"Retry-After": "12"}))
    sync = attached(case)
    docket_refresh(sync=sync, client=courtlistener())
    assert sleeps == [12.0]
    assert sync.last_error == "" and DocketEntry.objects.filter(case=case).count() == 7


def test_long_retry_after_stops_keeps_what_was_read_and_resumes(fake, courtlistener, sleeps, case):
    remote(fake)
    sync = attached(case)
    # docket and the first page of entries pass; the second page is throttled for ten minutes
    fake.fail_next()
    original = fake.answer
    calls = {"n": 0}

    def answer(path, query, headers):
        calls["n"] += 1
        if calls["n"] == 3:
            return Failure(429, b"{}", {"Retry-After": "600"})
        return original(path, query, headers)

    fake.answer = answer
    before = timezone.now()
    docket_refresh(sync=sync, client=courtlistener())
    assert "HTTP 429" in sync.last_error and "600 s" in sync.last_error
    assert sync.next_try_at >= before + dt.timedelta(seconds=599)
    assert sync.failures == 1 and sleeps == []
    assert DocketEntry.objects.filter(case=case).count() == 3  # the first page is kept
    fake.answer = original
    fake.log.clear()
    docket_refresh(sync=sync, client=courtlistener())
    assert sync.last_error == "" and sync.failures == 0 and sync.next_try_at is None
    assert DocketEntry.objects.filter(case=case).count() == 7
    resumed = fake.requests_to("docket-entries")[0]["query"]
    assert resumed["date_modified__gte"]  # from the mark of the page kept, not from scratch


@pytest.mark.parametrize(
    ("failure", "words"),
    [
        (Failure(401, b'{"detail": "Invalid token."}'), "set COURTLISTENER_TOKEN"),
        (Failure(403, b"{}"), "HTTP 403"),
        (Failure(200, b"{not json", content_type="application/json"), "malformed JSON"),
        (Failure(200, b"[1, 2]"), "not an object"),
        (Failure(200, b'{"results": "nope"}'), "no list of results"),
    ],
)
def test_remote_failures_are_clear_errors_and_lose_nothing(
    fake, courtlistener, case, failure, words
):
    remote(fake)
    sync = attached(case)
    docket_refresh(sync=sync, client=courtlistener())
    stored = set(DocketEntry.objects.filter(case=case).values_list("remote_id", "description"))
    fake.entry(DOCKET, 9, "2025-08-01", "ORDER on something new.")
    fake.fail_next(*([Failure(200, b'{"id": 555}')] if "results" in words else []), failure)
    docket_refresh(sync=sync, client=courtlistener())
    assert words in sync.last_error, sync.last_error
    assert sync.last_success_at is not None and sync.failures == 1
    still = set(DocketEntry.objects.filter(case=case).values_list("remote_id", "description"))
    assert stored <= still


def test_server_errors_are_retried_with_backoff(fake, courtlistener, sleeps, case):
    remote(fake)
    fake.fail_next(Failure(502), Failure(503))
    sync = attached(case)
    docket_refresh(sync=sync, client=courtlistener())
    assert sleeps == [1.0, 2.0] and sync.last_error == ""
    fake.fail_next(Failure(500), Failure(500), Failure(500))
    docket_refresh(sync=sync, client=courtlistener())
    assert "HTTP 500" in sync.last_error and "3 tries" in sync.last_error


def test_server_down_is_a_clear_error(fake, courtlistener, case, settings):
    remote(fake)
    sync = attached(case)
    fake.close()
    docket_refresh(sync=sync, client=courtlistener())
    assert sync.last_error.startswith("cannot reach CourtListener")


def test_loopback_is_refused_without_the_setting(fake, courtlistener, case, settings):
    remote(fake)
    settings.TRACKER_FETCH_ALLOW_PRIVATE = False
    sync = attached(case)
    docket_refresh(sync=sync, client=courtlistener())
    assert "cannot reach CourtListener" in sync.last_error and "refused" in sync.last_error
    assert fake.log == []


def test_hostile_links_are_dropped(fake, courtlistener, case):
    remote(fake, entries=2)
    fake.entry(
        DOCKET,
        3,
        "2025-06-11",
        "<script>alert(1)</script> MOTION",
        absolute_url="javascript:alert(1)",
        recap_documents=[{"document_number": "3", "absolute_url": "//evil.example/x"}],
    )
    sync = attached(case)
    docket_refresh(sync=sync, client=courtlistener())
    entry = DocketEntry.objects.get(case=case, number=3)
    assert entry.url == "" and entry.documents[0]["url"] == ""
    assert entry.description == "<script>alert(1)</script> MOTION"  # text; pages escape it


def test_attach_refuses_another_cases_docket_and_bad_ids(db, case):
    other = f.CaseFactory(slug="other")
    docket_attach(case=other, url_or_id=DOCKET)
    from tracker.sources.services import AttachError

    with pytest.raises(AttachError, match="already attached to other"):
        docket_attach(case=case, url_or_id=str(DOCKET))
    with pytest.raises(AttachError, match="neither a CourtListener docket id"):
        docket_attach(case=case, url_or_id="https://example.org/something")
    assert not DocketSync.objects.filter(case=case).exists()


def test_admin_action_refreshes_and_reports_errors(fake, case, admin_client):
    remote(fake)
    sync = attached(case)
    url = reverse("admin:sources_docketsync_changelist")
    data = {"action": "refresh_now", "_selected_action": [sync.pk]}
    page = admin_client.post(url, data, follow=True)
    assert "7 new and 0 changed entries in 5 requests" in page.content.decode()
    fake.fail_next(Failure(401, b"{}"))
    page = admin_client.post(url, data, follow=True)
    assert "set COURTLISTENER_TOKEN" in page.content.decode()
    assert DocketEntry.objects.filter(case=case).count() == 7


def test_the_token_never_leaves_the_api_host(fake, courtlistener, case):
    remote(fake)
    page = {"next": "http://127.0.0.2:1/api/rest/v4/docket-entries/?cursor=x", "results": []}
    fake.fail_next(Failure(200, b'{"id": 555}'), Failure(200, json.dumps(page).encode()))
    sync = attached(case)
    docket_refresh(sync=sync, client=courtlistener())
    assert "points its next page elsewhere" in sync.last_error
    assert len(fake.log) == 2  # nothing was sent to the other host
    fake.fail_next(Failure(302, b"", {"Location": "http://127.0.0.2:1/steal"}))
    docket_refresh(sync=sync, client=courtlistener())
    assert "redirects are not followed" in sync.last_error

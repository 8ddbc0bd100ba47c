"""Primary sources: refreshing a 2,000-entry docket and a 300-clause terms document, locally.

A fake CourtListener (tests/sources/fake_courtlistener.py, 20 entries a page like the real API)
serves a docket of 2,000 entries and 20 parties on 127.0.0.1; a local HTTP server serves a terms
page of 300 headed clauses. Figures, each with its baseline from the same run:

- docket_first_requests: the first refresh reads everything (1 docket + 100 pages + 1 parties);
  docket_incremental_requests: after 5 entries change and 5 are added, the next refresh asks
  only for what changed, as a ratio to reading the whole docket again;
- docket_first_s: the first refresh, as a ratio to fetching the same pages without storing
  anything (transport_only_s); docket_incremental_s and docket_unchanged_s: the next refreshes;
- terms_first_s / terms_changed_s / terms_same_s: reading the document the first time, after
  12 clauses changed, 3 removed and 3 added, and unchanged, as ratios to parsing it alone.

Usage: .venv/bin/python bench/docket.py
"""

from __future__ import annotations

import time

import _bench
from _bench import django_setup, note, result, test_database

ENTRIES, PARTIES, CLAUSES = 2000, 20, 300


def docket_bench() -> None:
    from django.conf import settings

    from tests import factories as f
    from tests.sources.fake_courtlistener import FakeCourtListener
    from tracker.sources.courtlistener import Client
    from tracker.sources.services import docket_attach, docket_refresh

    fake = FakeCourtListener(token="bench", page_size=20)
    settings.TRACKER_FETCH_ALLOW_PRIVATE = True
    settings.COURTLISTENER_URL, settings.COURTLISTENER_TOKEN = fake.base_url, "bench"
    fake.docket(77, case_name="Bench v. Mark", assigned_to_str="Judge Bench")
    for n in range(1, ENTRIES + 1):
        kind = "ORDER on a motion" if n % 25 == 0 else "NOTICE of a filing"
        fake.entry(77, n, f"20{20 + n // 400}-0{1 + n % 9}-1{n % 9}", f"{kind} number {n}.")
    for n in range(PARTIES):
        fake.party(77, f"Bench Party {n}", "Plaintiff" if n % 2 else "Defendant")
    try:
        transport = Client()
        start = time.perf_counter()
        url = transport.url("docket-entries/", {"docket": 77, "order_by": "date_modified"})
        transport.get(transport.url("dockets/77/"))
        pages = sum(1 for _ in transport.pages(url))
        pages += sum(1 for _ in transport.pages(transport.url("parties/", {"docket": 77})))
        transport_s = time.perf_counter() - start
        result("transport_only_s", transport_s, "s")
        result("transport_only_requests", transport.requests, "requests")

        sync = docket_attach(case=f.CaseFactory(slug="bench-v-mark"), url_or_id=77)
        start = time.perf_counter()
        first = docket_refresh(sync=sync)
        first_s = time.perf_counter() - start
        assert sync.last_error == "", sync.last_error
        result("docket_first_requests", first.requests, "requests")
        result("docket_first_s", first_s, "s", baseline="transport_only_s")

        ids = list(fake.dockets[77].entries)
        for entry_id in ids[:5]:
            fake.edit_entry(77, entry_id, description="NOTICE of a corrected filing.")
        for n in range(ENTRIES + 1, ENTRIES + 6):
            fake.entry(77, n, "2026-05-01", f"ORDER number {n}.")
        start = time.perf_counter()
        second = docket_refresh(sync=sync)
        second_s = time.perf_counter() - start
        assert (second.entries_created, second.entries_updated) == (5, 5), second
        result(
            "docket_incremental_requests",
            second.requests,
            "requests",
            baseline="docket_first_requests",
        )
        result("docket_incremental_s", second_s, "s", baseline="docket_first_s")
        start = time.perf_counter()
        third = docket_refresh(sync=sync)
        result("docket_unchanged_requests", third.requests, "requests")
        result("docket_unchanged_s", time.perf_counter() - start, "s", baseline="docket_first_s")
        note(
            f"docket of {ENTRIES} entries, {PARTIES} parties, 20 a page: {pages} pages read by "
            f"the transport alone; refreshes made {first.requests}, {second.requests} and "
            f"{third.requests} requests ({second.suggested} event(s) suggested)"
        )
    finally:
        fake.close()


def terms_page(changed: bool) -> bytes:
    sections = []
    for n in range(1, CLAUSES + 1):
        if changed and n in (7, 8, 9):
            continue  # removed
        text = f"The party agrees to rule {n}, which covers matter {n * 7} in full detail."
        if changed and n % 25 == 0:
            text += " Amended to add a notice period of thirty days."
        sections.append(f"<h2>{n}. Section on matter {n}</h2><p>{text}</p>")
    if changed:
        sections += [
            f"<h2>{n}. New section {n}</h2><p>Added rule {n}.</p>" for n in (301, 302, 303)
        ]
    return (
        "<html><head><title>Bench Terms</title></head><body><h1>Bench Terms</h1>"
        + "".join(sections)
        + "</body></html>"
    ).encode()


def terms_bench() -> None:
    from django.conf import settings
    from django.utils import timezone

    from tests.news.conftest import Server
    from tracker.cases.models import Clause, Document
    from tracker.sources.services import document_refresh, document_track_sync
    from tracker.sources.terms_text import document_parse

    server = Server()
    settings.TRACKER_ON_TERMS_CHANGED = []
    try:
        url = server.serve("/terms", terms_page(False), content_type="text/html")
        start = time.perf_counter()
        parsed = document_parse(body=terms_page(False), content_type="text/html", url=url)
        parse_s = time.perf_counter() - start
        assert len(parsed.clauses) == CLAUSES
        result("terms_parse_only_s", parse_s, "s")
        doc = Document.objects.create(slug="bench-terms", title="Bench", url=url, track=True)
        track = document_track_sync(document=doc)
        runs = {}
        for name, body in (("first", False), ("changed", True), ("same", True)):
            server.serve("/terms", terms_page(body), content_type="text/html")
            start = time.perf_counter()
            outcome = document_refresh(track=track, now=timezone.now())
            runs[name] = outcome
            result(
                f"terms_{name}_s", time.perf_counter() - start, "s", baseline="terms_parse_only_s"
            )
            assert "error" not in outcome, outcome
        live = Clause.objects.filter(document=doc, removed_on__isnull=True).count()
        note(
            f"terms of {CLAUSES} clauses, 1 request a read; the changed read recorded "
            f"{runs['changed']['ops']} clause changes; {live} clauses open after it"
        )
    finally:
        server.close()


def main() -> None:
    django_setup()
    with test_database(label="docket") as db:
        note(f"database: {db}")
        docket_bench()
        terms_bench()


if __name__ == "__main__":
    _ = _bench
    main()

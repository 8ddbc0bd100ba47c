"""Docket entries on the case timeline: inside the event they are the source of, or as primary
sources of their own; never growing the page's queries."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest
from django.urls import reverse

from tests import factories as f
from tracker.sources.models import DocketEntry


def entry(case, n: int, day: dt.date, text: str, kind: str, event=None) -> DocketEntry:
    return DocketEntry.objects.create(
        case=case,
        remote_id=n,
        number=n,
        date_filed=day,
        description=text,
        kind=kind,
        event=event,
        url=f"https://www.courtlistener.com/docket/1/{n}/x/",
        documents=[{"number": str(n), "url": f"https://www.courtlistener.com/d/{n}/"}],
    )


@pytest.fixture
def case(db):
    return f.CaseFactory(slug="acme-v-widgets", title="Acme v. Widgets")


def items(html: str) -> dict:
    root = lxml.html.fromstring(html)
    return {li.get("id"): li for li in root.xpath('//li[contains(@class, "tl-item")]')}


def has(li, element_id: str) -> bool:
    return bool(li.xpath(f'.//*[@id="{element_id}"]'))


def test_entries_show_in_their_event_or_on_their_own(client, case):
    ruling = f.EventFactory(case=case, date=dt.date(2025, 6, 10), kind="ruling", title="MTD")
    suggested = f.EventFactory(
        case=case, date=dt.date(2025, 7, 1), kind="ruling", title="Trial set", status="suggested"
    )
    in_event = entry(case, 7, dt.date(2025, 6, 10), "ORDER granting in part", "ruling", ruling)
    behind_suggestion = entry(
        case, 8, dt.date(2025, 7, 1), "ORDER setting trial", "ruling", suggested
    )
    alone = entry(case, 9, dt.date(2025, 8, 2), "NOTICE OF APPEAL by Widgets", "appeal")
    entry(case, 10, dt.date(2025, 8, 3), "NOTICE of appearance", "other")

    html = client.get(reverse("web:case", args=[case.slug])).content.decode()
    found = items(html)
    event_li = found[f"event-{ruling.pk}"]
    assert has(event_li, f"docket-entry-{in_event.pk}")
    assert "Primary source · Docket" in event_li.text_content()
    assert f"docket-{in_event.pk}" not in found  # shown inside its event, not twice
    own = found[f"docket-{alone.pk}"]
    assert own.get("data-date") == "2025-08-02" and own.get("data-reviewed") == "true"
    assert "NOTICE OF APPEAL" in own.text_content()
    # the suggestion is hidden from readers, so its entry stands on its own
    assert f"docket-{behind_suggestion.pk}" in found
    assert "NOTICE of appearance" not in html  # routine entries stay on the sources page

    html = client.get(reverse("web:case", args=[case.slug]), {"unreviewed": 1}).content.decode()
    found = items(html)
    assert f"docket-{behind_suggestion.pk}" not in found
    assert has(found[f"event-{suggested.pk}"], f"docket-entry-{behind_suggestion.pk}")


def test_narrowed_timeline_leaves_docket_entries_out(client, case):
    party = f.PartyFactory(name="Widgets Ltd", slug="widgets-ltd")
    f.CasePartyFactory(case=case, party=party, role="defendant")
    alone = entry(case, 9, dt.date(2025, 8, 2), "NOTICE OF APPEAL by Widgets", "appeal")
    html = client.get(reverse("web:case", args=[case.slug]), {"party": "widgets-ltd"}).content
    assert f"docket-{alone.pk}" not in items(html.decode())


@pytest.mark.parametrize("n", [3, 300])
def test_docket_entries_do_not_grow_the_queries(client, case, n, django_assert_max_num_queries):
    for i in range(n):
        event = None
        if i % 3 == 0:
            event = f.EventFactory(case=case, date=dt.date(2024, 1, 1) + dt.timedelta(days=i))
        entry(
            case, i + 1, dt.date(2024, 1, 1) + dt.timedelta(days=i), f"ORDER {i}", "ruling", event
        )
    with django_assert_max_num_queries(30):
        page = client.get(reverse("web:case", args=[case.slug]))
    assert page.status_code == 200
    assert page.content.decode().count("Primary source · Docket") == min(n, 20)  # a page of 20

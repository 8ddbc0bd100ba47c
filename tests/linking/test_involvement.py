"""The events the timeline's target filters keep are read from the involvements the writes keep
(tracker.linking.involvement); after every write (linking, an analyst's link and quote, a
review, a deletion, the repair, the migration) they are the events found from the quotes
themselves."""

from __future__ import annotations

import importlib
import io
from collections import defaultdict
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import connection

from tests.web.builders import demo_build, quote_link
from tracker.cases.models import Case
from tracker.linking.involvement import NEAR
from tracker.linking.membership import LIVE, REVIEWED, case_memberships
from tracker.linking.models import Evidence, Involvement, Link
from tracker.review.roles import user_set_role
from tracker.review.services import link_create, link_review
from tracker.web.selectors.filters import TimelineFilters
from tracker.web.selectors.timeline import _involved_ids, _target_q

pytestmark = pytest.mark.django_db


def involved_expected(case: Case, filters: TimelineFilters, statuses) -> list[int]:
    """The events as defined, from the quotes: for each target, the events of the case whose
    quote in an article of the case lies within NEAR characters of a quote naming the target
    (both links not rejected); the events every target is involved in."""
    members = case_memberships(case=case, statuses=statuses).values("article_id")
    live = Evidence.objects.filter(link__status__in=LIVE, link__article_id__in=members)
    told = live.filter(link__event__case=case).values_list(
        "link__event_id", "link__article_id", "start", "end"
    )
    involved = None
    for condition in _target_q(case, filters, prefix="link__"):
        spans = defaultdict(list)
        for article_id, start, end in live.filter(condition).values_list(
            "link__article_id", "start", "end"
        ):
            spans[article_id].append((start, end))
        found = {
            event_id
            for event_id, article_id, start, end in told
            if any(s < end + NEAR and e > start - NEAR for s, e in spans[article_id])
        }
        involved = found if involved is None else involved & found
    return sorted(involved or ())


FILTERS = [
    TimelineFilters(party="elon-musk"),
    TimelineFilters(party="openai"),
    TimelineFilters(party="anthropic"),
    TimelineFilters(issue="distillation"),
    TimelineFilters(party="elon-musk", issue="distillation"),
    TimelineFilters(clause="openai-terms:use-of-output"),
]


def assert_involved(case: Case) -> int:
    """Each filter's events from the kept rows equal those from the quotes; returns how many
    (filter, statuses) pairs keep an event (so a test can tell it checked something)."""
    kept = 0
    filters = [*FILTERS, TimelineFilters(claim=case.claims.first().slug)]
    for filters_ in filters:
        for statuses in (REVIEWED, LIVE):
            found = _involved_ids(case, filters_, statuses)
            assert found == involved_expected(case, filters_, statuses), (filters_, statuses)
            kept += bool(found)
    return kept


def rows() -> set[tuple]:
    return set(
        Involvement.objects.values_list(
            "case_id", "event_id", "article_id", "reviewed", "party_id", "issue_id", "clause_id"
        )
    )


@pytest.fixture
def demo(db):
    return demo_build()


@pytest.fixture
def analyst(db):
    user, _ = user_set_role(username="involve-analyst", role="analyst")
    return user


def test_the_kept_involvements_follow_each_write(demo, analyst):
    case = demo.case
    assert assert_involved(case) >= 4
    # an event link rejected, then accepted: its events leave the filters, then come back
    event_link = Link.objects.filter(event__case=case, evidence__isnull=False).first()
    link_review(link=event_link, user=analyst, status="rejected")
    assert_involved(case)
    link_review(link=Link.objects.get(pk=event_link.pk), user=analyst, status="accepted")
    assert_involved(case)
    # an analyst's quote naming Anthropic near the testimony's quote in the lead article
    lead = event_link.article
    link_create(
        article=lead,
        target_type="party",
        target=demo.parties["anthropic"],
        quotes=["OpenAI said distillation"],
        user=analyst,
    )
    assert event_link.event_id in _involved_ids(case, TimelineFilters(party="anthropic"), LIVE)
    assert_involved(case)
    # a party link deleted outside the services, then an article and an event deleted
    Link.objects.filter(party=demo.parties["openai"]).delete()
    assert_involved(case)
    demo.articles[-1].delete()
    demo.events["testimony"].delete()
    assert_involved(case)


def test_a_quote_added_on_its_own_follows(demo):
    case = demo.case
    article = demo.articles[0]
    before = _involved_ids(case, TimelineFilters(party="anthropic"), LIVE)
    quote_link(article, "party", demo.parties["anthropic"], "Elon Musk", status="accepted")
    after = _involved_ids(case, TimelineFilters(party="anthropic"), LIVE)
    assert set(after) > set(before)
    assert_involved(case)


def test_the_repair_and_the_migration_record_what_the_writes_record(demo):
    kept = rows()
    assert kept
    Involvement.objects.all().delete()
    call_command("memberships", stdout=io.StringIO())
    assert rows() == kept
    Involvement.objects.all().delete()
    migration = importlib.import_module("tracker.linking.migrations.0014_involvement")
    migration.backfill(django_apps, SimpleNamespace(connection=connection))
    assert rows() == kept

"""The linking context is kept between calls and rebuilt when what it reads changes."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import (
    CaseFactory,
    CasePartyFactory,
    EventFactory,
    IssueFactory,
    PartyFactory,
)
from tracker.cases.models import CaseParty, Event, Issue, Party
from tracker.linking.context import linking_state
from tracker.linking.events import EventInfo
from tracker.linking.matcher import matcher_invalidate

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    case = CaseFactory(slug="acme-v-globex")
    CasePartyFactory(case=case, party=PartyFactory(name="Acme Robotics", slug="acme"))
    CasePartyFactory(
        case=case, party=PartyFactory(name="Globex Labs", slug="globex"), role="defendant"
    )
    IssueFactory(case=case, title="Is scraping a breach?", keywords=["scraping"])
    EventFactory(case=case, title="Acme files its complaint")
    return case


def _titles(context, case) -> list[str]:
    return [e.title for e in context.cases[case.id].events]


def test_an_unchanged_context_is_reused_with_its_own_events_list(case, django_assert_num_queries):
    _, first = linking_state()
    with django_assert_num_queries(1):  # the stamp only
        _, again = linking_state()
    assert again.issue_words is first.issue_words
    assert again.cases[case.id].events is not first.cases[case.id].events
    # what one call adds to a case's events (its suggestions) is not seen by the next
    again.cases[case.id].events.append(
        EventInfo(
            id=None,
            case_id=case.id,
            date=dt.date(2026, 5, 1),
            precision="day",
            title="A suggestion",
            status="suggested",
            kind="other",
        )
    )
    _, third = linking_state()
    assert _titles(third, case) == ["Acme files its complaint"]


def test_a_new_or_edited_event_rebuilds_the_context(case):
    linking_state()
    EventFactory(case=case, title="Globex answers", date=case.events.get().date)
    _, context = linking_state()
    assert sorted(_titles(context, case)) == ["Acme files its complaint", "Globex answers"]
    Event.objects.filter(title="Globex answers").update(status="rejected")
    _, context = linking_state()
    statuses = {e.title: e.status for e in context.cases[case.id].events}
    assert statuses["Globex answers"] == "rejected"


def test_issue_party_and_role_edits_rebuild_the_context(case):
    _, before = linking_state()
    issue = Issue.objects.get(case=case)
    assert before.issue_words[issue.id].stems  # read from its title and keywords
    Issue.objects.filter(pk=issue.pk).update(keywords=["scraping", "crawler traffic"])
    _, context = linking_state()
    assert context.issue_words[issue.id] != before.issue_words[issue.id]
    acme = Party.objects.get(slug="acme")
    Party.objects.filter(pk=acme.pk).update(kind="person")
    _, context = linking_state()
    assert context.kinds[acme.pk] == "person"
    role = CaseParty.objects.get(party=acme)
    role.role = "defendant"
    role.save()
    _, context = linking_state()
    assert context.cases[case.id].sides[acme.pk] == {"d"}


def test_invalidating_the_matcher_rebuilds_the_context(case):
    _, first = linking_state()
    matcher_invalidate()
    _, again = linking_state()
    assert again.issue_words is not first.issue_words

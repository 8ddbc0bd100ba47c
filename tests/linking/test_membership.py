"""The articles of a case: one definition (tracker.linking.membership), recorded and kept.

The three readings that used to disagree (search's, the API's, the home page's) are checked here
on the cases where they disagreed, and the rows are checked after each kind of write."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.urls import reverse

from tests import factories as f
from tracker.linking.membership import (
    LIVE,
    REVIEWED,
    case_article_ids,
    coverage_version,
    memberships_refresh,
)
from tracker.linking.models import CoverageVersion, Link, Membership, TargetType
from tracker.review.roles import user_set_role
from tracker.review.services import link_retarget, link_review

pytestmark = pytest.mark.django_db


def members(case, statuses=LIVE) -> set[int]:
    return set(case_article_ids(case=case, statuses=statuses).values_list("article_id", flat=True))


def counted(case) -> int:
    """The reviewed memberships the case's counter says it has (the home page shows it)."""
    return CoverageVersion.objects.filter(case=case).values_list("articles", flat=True).first() or 0


@pytest.fixture
def analyst():
    user, _ = user_set_role(username="member-analyst", role="analyst")
    return user


@pytest.fixture
def two_cases():
    """Two cases sharing a party, each with a claim, an issue and an event."""
    shared = f.PartyFactory(name="Shared Corp", slug="shared-corp")
    cases = []
    for slug in ("first-v-shared", "second-v-shared"):
        case = f.CaseFactory(slug=slug, title=slug.replace("-", " ").title())
        f.CasePartyFactory(case=case, party=shared, role="defendant")
        cases.append(
            SimpleNamespace(
                case=case,
                claim=f.ClaimFactory(case=case),
                issue=f.IssueFactory(case=case),
                event=f.EventFactory(case=case),
            )
        )
    return shared, cases[0], cases[1]


def _link(article, kind: str, target, status: str = "suggested") -> Link:
    return Link.objects.create(article=article, target_type=kind, status=status, **{kind: target})


def test_a_claim_link_places_the_article_and_a_shared_party_does_not(two_cases):
    shared, first, second = two_cases
    by_claim, by_party = f.ArticleFactory(), f.ArticleFactory()
    _link(by_claim, TargetType.CLAIM, first.claim)
    _link(by_party, TargetType.PARTY, shared, status="accepted")
    assert members(first.case) == {by_claim.pk}
    assert members(second.case) == set()
    # a suggestion: with the suggestions only, until an analyst accepts it
    assert members(first.case, REVIEWED) == set()
    Link.objects.filter(article=by_claim).update(status="accepted")
    memberships_refresh([by_claim.pk])
    assert members(first.case, REVIEWED) == {by_claim.pk}


def test_filing_places_an_article_whatever_it_links_to(two_cases):
    shared, first, second = two_cases
    article = f.ArticleFactory()
    _link(article, TargetType.PARTY, shared)
    article.cases.add(second.case)
    assert members(second.case, REVIEWED) == {article.pk}
    assert members(first.case) == set()
    article.cases.remove(second.case)
    assert members(second.case) == set()


@pytest.mark.parametrize("kind", ["case", "claim", "issue", "event"])
def test_each_target_of_the_case_alone_places_the_article(two_cases, kind):
    _, first, second = two_cases
    target = first.case if kind == "case" else getattr(first, kind)
    article = f.ArticleFactory()
    _link(article, kind, target, status="accepted")
    assert members(first.case, REVIEWED) == {article.pk}
    assert members(second.case) == set()


def test_a_rejected_link_removes_the_article_unless_another_reason_remains(two_cases, analyst):
    _, first, _ = two_cases
    only_claim, claim_and_event, filed = f.ArticleFactory(), f.ArticleFactory(), f.ArticleFactory()
    claim_link = _link(only_claim, TargetType.CLAIM, first.claim)
    second_claim_link = _link(claim_and_event, TargetType.CLAIM, first.claim)
    _link(claim_and_event, TargetType.EVENT, first.event, status="accepted")
    filed_link = _link(filed, TargetType.ISSUE, first.issue)
    filed.cases.add(first.case)
    before = coverage_version(first.case)

    for link in (claim_link, second_claim_link, filed_link):
        link_review(link=link, user=analyst, status="rejected")

    assert members(first.case) == {claim_and_event.pk, filed.pk}
    assert members(first.case, REVIEWED) == {claim_and_event.pk, filed.pk}
    assert counted(first.case) == 2
    assert coverage_version(first.case) > before
    # undo: back to a suggestion, the article is back with the suggestions
    link_review(link=Link.objects.get(pk=claim_link.pk), user=analyst, status="suggested")
    assert only_claim.pk in members(first.case)
    assert only_claim.pk not in members(first.case, REVIEWED)
    link_review(link=Link.objects.get(pk=claim_link.pk), user=analyst, status="accepted")
    assert counted(first.case) == 3


def test_a_retargeted_link_moves_the_article(two_cases, analyst):
    _, first, second = two_cases
    article = f.ArticleFactory()
    link = _link(article, TargetType.ISSUE, first.issue)
    link_retarget(link=link, user=analyst, target_type="claim", target=second.claim)
    assert members(first.case) == set()
    assert members(second.case, REVIEWED) == {article.pk}  # a retarget accepts the link
    assert (counted(first.case), counted(second.case)) == (0, 1)


def test_the_migration_backfills_what_the_service_records(two_cases):
    shared, first, second = two_cases
    articles = [f.ArticleFactory() for _ in range(5)]
    _link(articles[0], TargetType.CLAIM, first.claim, status="accepted")
    _link(articles[1], TargetType.EVENT, second.event)
    _link(articles[1], TargetType.ISSUE, first.issue, status="rejected")
    _link(articles[2], TargetType.PARTY, shared, status="accepted")
    articles[3].cases.add(first.case)
    _link(articles[3], TargetType.CASE, second.case, status="accepted")
    _link(articles[4], TargetType.ISSUE, second.issue, status="rejected")
    recorded = set(Membership.objects.values_list("case_id", "article_id", "reviewed"))
    assert recorded == {
        (first.case.pk, articles[0].pk, True),
        (second.case.pk, articles[1].pk, False),
        (first.case.pk, articles[3].pk, True),
        (second.case.pk, articles[3].pk, True),
    }
    dated = set(Membership.objects.values_list("article_id", "published"))
    assert dated == {(a.pk, a.published) for a in (articles[0], articles[1], articles[3])}
    Membership.objects.all().delete()
    migration = importlib.import_module("tracker.linking.migrations.0005_membership")
    migration.backfill(django_apps, SimpleNamespace(connection=connection))
    backfilled = set(Membership.objects.values_list("case_id", "article_id", "reviewed"))
    assert backfilled == recorded
    assert set(Membership.objects.values_list("article_id", "published")) == dated
    CoverageVersion.objects.all().delete()
    counting = importlib.import_module("tracker.linking.migrations.0006_coverage_articles")
    counting.count(django_apps, SimpleNamespace(connection=connection))
    assert (counted(first.case), counted(second.case)) == (2, 1)


def test_every_reader_sees_the_same_articles(client, two_cases):
    """The home count, the API's list and the search scope agree on an article linked only to
    a claim (readers: accepted links) and leave out one linked only to a shared party."""
    shared, first, _ = two_cases
    by_claim = f.ArticleFactory(title="Claim only report", text="Claim only report text.")
    by_party = f.ArticleFactory(title="Party only report", text="Party only report text.")
    _link(by_claim, TargetType.CLAIM, first.claim, status="accepted")
    _link(by_party, TargetType.PARTY, shared, status="accepted")

    api = client.get(reverse("api:article-list"), {"case": first.case.slug}).json()
    assert [a["id"] for a in api["results"]] == [by_claim.pk]
    from tracker.web.selectors.cases import cases_overview

    counts = {c.slug: c.n_articles for c in cases_overview()}
    assert counts == {first.case.slug: 1, "second-v-shared": 0}
    from tracker.web.selectors.standing import case_standing

    assert case_standing(case=first.case).articles == 1
    atom = client.get(reverse("feeds:case-atom", kwargs={"slug": first.case.slug}))
    assert b"Claim only report" in atom.content and b"Party only report" not in atom.content


def test_the_timeline_counts_again_after_a_link_changes(two_cases):
    """The timeline's cached aggregates follow a change: a story told by an article that comes
    to report an event is no longer a separate story, and the event counts its article."""
    from tracker.web.selectors.filters import TimelineFilters
    from tracker.web.selectors.timeline import case_timeline

    _, first, _ = two_cases
    first.event.status = "accepted"
    first.event.save()
    article = f.ArticleFactory(story=f.StoryFactory(title="A story of its own"))
    article.cases.add(first.case)
    filters = TimelineFilters()

    before = case_timeline(case=first.case, filters=filters)
    assert [e.kind for e in before.entries].count("story") == 1
    assert before.stories_total == 1 and before.chart.total == 1
    _link(article, TargetType.EVENT, first.event, status="accepted")
    after = case_timeline(case=first.case, filters=filters)
    assert [e.kind for e in after.entries].count("story") == 0
    assert after.stories_total == 0
    [event] = [e for e in after.entries if e.kind == "event"]
    assert event.counts.articles == 1 and event.articles == [article]

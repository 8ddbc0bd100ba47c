"""What the writes keep for the timeline to count (each membership's date, story and ties to
events; each case's count of reviewed articles) equals a recount from scratch (`manage.py
memberships`) after ingest, review, an event's review, a story merge and an article's deletion;
and the timeline's stories read from those copies equal the stories read from links and articles.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import shutil
import zoneinfo
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import connection
from django.db.models import Max, Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories as f
from tests.linking.gold import CORPUS
from tracker.cases.models import Case, Event
from tracker.linking import membership as membership_module
from tracker.linking.casecounts import case_counts_recount
from tracker.linking.membership import (
    LIVE,
    REVIEWED,
    case_article_ids,
    case_memberships,
    case_target_q,
    coverage_version,
    memberships_refresh,
)
from tracker.linking.models import (
    CaseOutlet,
    CaseStory,
    CaseWeek,
    CoverageVersion,
    EventReport,
    EventTally,
    Link,
    Membership,
    TargetType,
)
from tracker.news.models import Article
from tracker.news.stories import _stories_join, stories_refresh
from tracker.review.roles import user_set_role
from tracker.review.services import event_review, link_review
from tracker.web.selectors.entries import Counts, _event_tallies
from tracker.web.selectors.filters import TimelineFilters
from tracker.web.selectors.standing import _coverage_totals
from tracker.web.selectors.timeline import Sources, _weekly_counts

pytestmark = pytest.mark.django_db

COLUMNS = (
    "case_id",
    "article_id",
    "reviewed",
    "published",
    "story_id",
    "tied",
    "tied_live",
    "source",
    "links",
)
REPORTS = ("event_id", "article_id", "accepted", "published", "story_id", "source")
TALLIES = ("articles", "reviewed", "loose", "stories", "outlets")
STORIES = ("articles", "reviewed", "tied", "tied_live")
FILES = ("13_harbor-wire.txt", "22_ledger-of-tech.txt", "03_pacific-circuit.txt")


def recorded() -> tuple[set, set, dict[int, int]]:
    rows = set(Membership.objects.values_list(*COLUMNS))
    reports = set(EventReport.objects.values_list(*REPORTS))
    tallies = {
        row[0]: row[1:]
        for row in EventTally.objects.values_list("event_id", *TALLIES)
        if any(row[1:])
    }
    counts = {
        pk: (articles, links)
        for pk, articles, links in CoverageVersion.objects.values_list(
            "case_id", "articles", "links"
        )
    }
    cases = Case.objects.values_list("pk", flat=True)
    stories = {
        row
        for row in CaseStory.objects.values_list("case_id", "story_id", *STORIES)
        if any(row[2:])
    }
    weeks = {
        row
        for row in CaseWeek.objects.values_list("case_id", "week", "articles", "reviewed")
        if any(row[2:])
    }
    outlets = {
        row
        for row in CaseOutlet.objects.values_list("case_id", "source", "articles", "reviewed")
        if any(row[2:])
    }
    counts = {pk: counts.get(pk, (0, 0)) for pk in cases}
    return rows, reports, tallies, stories, weeks, outlets, counts


def head_expected(case: Case) -> dict:
    """The case head's counts as defined, read from articles and links: the reviewed articles,
    their distinct named outlets and newest date, and the accepted links to the case's own
    targets or of those articles."""
    articles = Article.objects.filter(pk__in=case_article_ids(case=case, statuses=REVIEWED))
    named = {source for source in articles.values_list("source", flat=True) if source}
    links = Link.objects.filter(status="accepted").filter(
        case_target_q(case) | Q(article__in=articles)
    )
    return {
        "n": articles.count(),
        "outlets": len(named),
        "last": articles.aggregate(last=Max("published"))["last"],
        "reviewed_links": links.distinct().count(),
    }


def assert_recounted() -> None:
    """The rows and counts the writes kept are those a recount from nothing makes, and the case
    head's counts, read from them, are as defined."""
    for case in Case.objects.all():
        assert _coverage_totals(case) == head_expected(case), case.slug
    kept = recorded()
    Membership.objects.all().delete()
    EventReport.objects.all().delete()
    EventTally.objects.all().delete()
    CaseOutlet.objects.all().delete()
    CoverageVersion.objects.update(articles=0, links=0)
    out = io.StringIO()
    call_command("memberships", stdout=out)
    assert "articles recorded again" in out.getvalue()
    assert recorded() == kept


def stories_shown(case: Case, statuses: tuple[str, ...]) -> set[int]:
    sources = Sources.of(case, TimelineFilters(), statuses, coverage_version(case))
    return {key.pk for key in sources.stories.after(key=None, newest=True, limit=10**6)}


def stories_expected(case: Case, statuses: tuple[str, ...]) -> set[int]:
    """The timeline's separate stories as defined, read from articles and links: stories of the
    case's articles that no article ties (by a link not rejected) to an event shown."""
    members = case_article_ids(case=case, statuses=statuses)
    told = Article.objects.filter(pk__in=members, story__isnull=False)
    tied = Link.objects.filter(
        target_type="event", status__in=LIVE, event__case=case, event__status__in=statuses
    ).values_list("article__story_id", flat=True)
    return set(told.values_list("story_id", flat=True)) - set(tied)


def counts_expected(event: Event) -> Counts:
    """An event's counts as defined, read from its links and their articles."""
    links = Link.objects.filter(event=event, status__in=LIVE).select_related("article")
    articles = [link.article for link in links]
    if not articles:
        return Counts()
    return Counts(
        articles=len(articles),
        outlets=max(len({a.source for a in articles if a.source}), 1),
        stories=len({a.story_id or -a.pk for a in articles}),
        reviewed=sum(link.status == "accepted" for link in links),
    )


def assert_timeline_stories(case: Case) -> None:
    """The timeline's stories and its events' counts, read from the copies, are as defined."""
    for statuses in (REVIEWED, LIVE):
        assert stories_shown(case, statuses) == stories_expected(case, statuses)
        # the week counters say what the memberships' dates say
        members = case_memberships(case=case, statuses=statuses)
        kept = _weekly_counts(case, members, TimelineFilters(unreviewed=statuses == LIVE))
        wide = TimelineFilters(date_from=dt.date(1990, 1, 1), unreviewed=statuses == LIVE)
        assert kept == _weekly_counts(case, members, wide)
        assert sum(kept.values()) == members.filter(published__isnull=False).count()
    events = list(Event.objects.filter(case=case))
    tallies = _event_tallies([e.pk for e in events], LIVE)
    for event in events:
        assert tallies[event.pk].counts == counts_expected(event), event


@pytest.fixture
def analyst():
    user, _ = user_set_role(username="recount-analyst", role="analyst")
    return user


@pytest.fixture
def told(demo_case):
    """The demo case with an accepted and a suggested event and three stories: one reported
    under each event, one told apart; plus an article filed with no story."""
    accepted = f.EventFactory(case=demo_case, status="accepted", title="Hearing held")
    suggested = f.EventFactory(case=demo_case, status="suggested", title="Filing noted")
    stories = [f.StoryFactory(title=f"Story {n}") for n in range(3)]
    articles = []
    for n, story in enumerate(stories * 2):
        article = f.ArticleFactory(story=story, source=f"Outlet {n % 3}")
        article.cases.add(demo_case)
        articles.append(article)
    f.ArticleFactory().cases.add(demo_case)
    Link.objects.create(
        article=articles[0], target_type=TargetType.EVENT, event=accepted, status="accepted"
    )
    Link.objects.create(article=articles[1], target_type=TargetType.EVENT, event=suggested)
    return SimpleNamespace(
        case=demo_case, accepted=accepted, suggested=suggested, stories=stories, articles=articles
    )


def test_the_copies_equal_a_recount_after_review(told, analyst):
    case, stories = told.case, told.stories
    assert stories_shown(case, REVIEWED) == {stories[1].pk, stories[2].pk}
    assert stories_shown(case, LIVE) == {stories[2].pk}
    assert_timeline_stories(case)
    assert_recounted()

    # a suggestion tying the third story to the accepted event: it is told under the event
    link = Link.objects.create(
        article=told.articles[5], target_type=TargetType.EVENT, event=told.accepted
    )
    assert stories_shown(case, REVIEWED) == {stories[1].pk}
    assert_timeline_stories(case)
    assert_recounted()

    link_review(link=Link.objects.get(pk=link.pk), user=analyst, status="rejected")
    assert stories_shown(case, REVIEWED) == {stories[1].pk, stories[2].pk}
    assert_recounted()

    link_review(link=Link.objects.get(pk=link.pk), user=analyst, status="accepted")
    assert_timeline_stories(case)
    assert_recounted()

    # a second article of a story and outlet the event already counts, then gone again
    second = Link.objects.create(
        article=told.articles[3], target_type=TargetType.EVENT, event=told.accepted
    )
    tally = EventTally.objects.get(event=told.accepted)
    assert (tally.articles, tally.stories, tally.outlets) == (3, 2, 2)
    assert_timeline_stories(case)
    link_review(link=Link.objects.get(pk=second.pk), user=analyst, status="rejected")
    tally = EventTally.objects.get(event=told.accepted)
    assert (tally.articles, tally.stories, tally.outlets) == (2, 2, 2)
    assert_timeline_stories(case)
    assert_recounted()


def test_the_copies_follow_an_events_review_and_deletion(told, analyst):
    case, stories = told.case, told.stories
    event_review(event=told.suggested, user=analyst, status="accepted")
    assert stories_shown(case, REVIEWED) == {stories[2].pk}
    assert_timeline_stories(case)
    assert_recounted()

    event_review(
        event=told.accepted.__class__.objects.get(pk=told.accepted.pk),
        user=analyst,
        status="rejected",
    )
    assert stories[0].pk in stories_shown(case, LIVE)
    assert_timeline_stories(case)
    assert_recounted()

    told.suggested.delete()  # its links go with it: the story it tied stands apart again
    assert stories[1].pk in stories_shown(case, REVIEWED)
    assert_timeline_stories(case)
    assert_recounted()


def test_the_copies_follow_a_story_merge(told):
    case, stories = told.case, told.stories
    before = coverage_version(case)
    # the story told apart joins the one tied to the accepted event
    _stories_join(anchors={told.articles[0].pk, told.articles[2].pk})
    assert Membership.objects.filter(article=told.articles[2]).get().story_id == stories[0].pk
    assert coverage_version(case) > before
    assert stories_shown(case, REVIEWED) == {stories[1].pk}
    assert_timeline_stories(case)
    assert_recounted()


def test_the_counts_follow_an_articles_deletion(told):
    case = told.case
    counted = CoverageVersion.objects.get(case=case).articles
    before = coverage_version(case)
    told.articles[2].delete()
    assert CoverageVersion.objects.get(case=case).articles == counted - 1
    assert coverage_version(case) > before
    told.articles[5].delete()  # the story's last article: it is no longer shown
    assert told.stories[2].pk not in stories_shown(case, REVIEWED)
    assert_timeline_stories(case)
    assert_recounted()


@pytest.mark.skipif(not (CORPUS / "gold.json").exists(), reason="corpus not merged yet")
def test_the_copies_equal_a_recount_after_ingest(told, analyst, tmp_path):
    for name in FILES:
        shutil.copy(CORPUS / name, tmp_path / name)
    call_command("ingest", "--case", told.case.slug, str(tmp_path), stdout=io.StringIO())
    ingested = Article.objects.filter(memberships__case=told.case).exclude(
        pk__in=[a.pk for a in told.articles]
    )
    assert ingested.count() >= len(FILES)
    assert_timeline_stories(told.case)
    assert_recounted()
    for link in Link.objects.filter(article__in=ingested, status="suggested")[:3]:
        link_review(link=link, user=analyst, status="accepted")
    assert_timeline_stories(told.case)
    assert_recounted()


def test_the_migrations_backfill_what_the_writes_record(told):
    tied, tied_live = COLUMNS.index("tied"), COLUMNS.index("tied_live")
    kept = set(Membership.objects.values_list(*COLUMNS))
    assert any(row[tied] for row in kept) and any(row[tied_live] and not row[tied] for row in kept)
    Membership.objects.update(story=None, tied=False, tied_live=False)
    migration = importlib.import_module("tracker.linking.migrations.0007_membership_story")
    migration.backfill(django_apps, SimpleNamespace(connection=connection))
    assert set(Membership.objects.values_list(*COLUMNS)) == kept
    reports = set(EventReport.objects.values_list(*REPORTS))
    assert len(reports) == 2
    tallies = set(EventTally.objects.values_list("event_id", *TALLIES))
    EventReport.objects.all().delete()
    EventTally.objects.all().delete()
    migration = importlib.import_module("tracker.linking.migrations.0008_event_report")
    migration.backfill(django_apps, SimpleNamespace(connection=connection))
    assert set(EventReport.objects.values_list(*REPORTS)) == reports
    migration = importlib.import_module("tracker.linking.migrations.0009_event_tally")
    migration.backfill(django_apps, SimpleNamespace(connection=connection))
    assert set(EventTally.objects.values_list("event_id", *TALLIES)) == tallies


def test_the_migration_backfills_the_case_heads_counters(told):
    party = told.case.parties.first()
    Link.objects.create(
        article=told.articles[2], target_type=TargetType.PARTY, party=party, status="accepted"
    )
    kept = recorded()
    assert _coverage_totals(told.case)["reviewed_links"] == 2
    Membership.objects.update(source="", links=0)
    CaseOutlet.objects.all().delete()
    CoverageVersion.objects.update(links=0)
    migration = importlib.import_module("tracker.linking.migrations.0013_case_head_counters")
    migration.backfill(django_apps, SimpleNamespace(connection=connection))
    assert recorded() == kept


def test_the_counts_follow_several_articles_deleted_at_once(told):
    """A queryset's (or the admin's) delete: every article's reports are gone before the first
    post_delete, so the event's distinct stories and outlets are not taken off once each."""
    for article in told.articles[3:5]:  # two more of stories 0 and 1, outlets 0 and 1
        Link.objects.create(
            article=article, target_type=TargetType.EVENT, event=told.accepted, status="accepted"
        )
    tally = EventTally.objects.get(event=told.accepted)
    assert (tally.articles, tally.stories, tally.outlets) == (3, 2, 2)
    gone = [told.articles[0].pk, told.articles[3].pk]  # both of story 0 (outlet 0 and 1)
    Article.objects.filter(pk__in=gone).delete()
    tally = EventTally.objects.get(event=told.accepted)
    assert (tally.articles, tally.stories, tally.outlets, tally.loose) == (1, 1, 1, 0)
    assert_timeline_stories(told.case)
    assert_recounted()


def test_the_copies_follow_a_story_emptied_by_a_recluster_and_deleted(told):
    """The articles of a story are moved to another one and the emptied story deleted (the
    copies' story is SET_NULL by the deletion): the copies and counts follow the move."""
    old, new = told.stories[0], f.StoryFactory(title="Story moved to")
    moved = list(Article.objects.filter(story=old).values_list("pk", flat=True))
    Article.objects.filter(story=old).update(story=new)  # as a re-clustering writes them
    stories_refresh(story_ids=[old.pk, new.pk])  # the emptied story goes
    memberships_refresh(moved)  # the linking step after
    assert set(
        Membership.objects.filter(article_id__in=moved).values_list("story_id", flat=True)
    ) == {new.pk}
    tally = EventTally.objects.get(event=told.accepted)
    assert (tally.loose, tally.stories) == (0, 1)
    assert_timeline_stories(told.case)
    assert_recounted()


def test_the_copies_follow_a_story_deleted_with_its_articles(told):
    """The admin deletes a story that still has articles: they (and their copies) are in no
    story, and the counters say so."""
    told.stories[0].delete()
    tally = EventTally.objects.get(event=told.accepted)
    assert (tally.articles, tally.loose, tally.stories) == (1, 1, 0)  # in no story now
    assert not CaseStory.objects.filter(story_id=told.stories[0].pk).exists()
    assert_timeline_stories(told.case)
    assert_recounted()


def test_the_copies_follow_links_deleted_outside_the_services(
    told, django_capture_on_commit_callbacks
):
    """Links deleted by a cascade (a claim deleted), a queryset or the admin: the articles
    they tied are refreshed once the deletion commits."""
    claim = f.ClaimFactory(case=told.case)
    extra = f.ArticleFactory(story=told.stories[1], source="Outlet 9")  # a member by link only
    Link.objects.create(article=extra, target_type=TargetType.CLAIM, claim=claim, status="accepted")
    assert Membership.objects.filter(article=extra, case=told.case).exists()
    with django_capture_on_commit_callbacks(execute=True):
        claim.delete()
    assert not Membership.objects.filter(article=extra).exists()
    with django_capture_on_commit_callbacks(execute=True):
        Link.objects.filter(event=told.accepted).delete()
    assert not EventReport.objects.filter(event=told.accepted).exists()
    assert not EventTally.objects.filter(event=told.accepted).exclude(articles=0).exists()
    assert_timeline_stories(told.case)
    assert_recounted()


def test_the_week_counters_ignore_the_active_time_zone():
    """A membership written while a far time zone is active (a request's, a worker's) is
    counted in the site's week, the one the recount and the timeline read."""
    case = f.CaseFactory()
    sunday = dt.datetime(2026, 4, 26, 15, tzinfo=dt.UTC)  # already Monday at UTC+14
    article = f.ArticleFactory(published=sunday)
    with timezone.override(zoneinfo.ZoneInfo("Pacific/Kiritimati")):
        article.cases.add(case)
    weeks = CaseWeek.objects.filter(case=case, articles__gt=0).values_list("week", flat=True)
    assert set(weeks) == {dt.date(2026, 4, 20)}
    assert_recounted()


def test_a_recount_that_fails_keeps_the_counters(told, monkeypatch):
    """The repair deletes and writes the counters again in one transaction: when it fails
    half way, the counters it had deleted are still there."""
    kept = recorded()

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(CaseWeek.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        case_counts_recount()
    assert recorded() == kept


@pytest.mark.parametrize("n", [3, 30])
def test_an_events_review_writes_only_the_ties_it_changes(told, analyst, monkeypatch, n):
    """Articles linked to two accepted events: rejecting one leaves their ties as they are (the
    other still ties them), so no membership is written, in the same few queries whatever the
    number of articles; rejecting the second unties them all."""
    written: list[int] = []
    write = membership_module.rows_update

    def counted(model, columns, rows):
        if model is Membership:
            written.append(len(rows))
        write(model, columns, rows)

    monkeypatch.setattr(membership_module, "rows_update", counted)
    case = told.case
    other = f.EventFactory(case=case, status="accepted", title="Ruling issued")
    for article in [*told.articles, *(f.ArticleFactory() for _ in range(n))]:
        article.cases.add(case)
        for event in (told.accepted, other):
            Link.objects.get_or_create(
                article=article, target_type=TargetType.EVENT, event=event, status="accepted"
            )
    assert_recounted()
    tied = Membership.objects.filter(case=case, tied=True).count()
    assert tied >= n
    written.clear()
    with CaptureQueriesContext(connection) as queries:
        event_review(event=Event.objects.get(pk=other.pk), user=analyst, status="rejected")
    assert sum(written) == 0
    assert len(queries) <= 30  # the review's own reads and writes, and the ties' few queries
    assert_recounted()
    event_review(event=Event.objects.get(pk=told.accepted.pk), user=analyst, status="rejected")
    assert sum(written) == tied
    assert not Membership.objects.filter(case=case, tied=True).exists()
    assert_timeline_stories(case)
    assert_recounted()

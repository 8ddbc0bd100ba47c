"""tracker.core.bulk writes the same rows the ORM would, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests import factories
from tracker.cases.models import Event
from tracker.core.bulk import history_copy, rows_insert, rows_update
from tracker.linking.models import Evidence, Link, Membership

pytestmark = pytest.mark.django_db


def test_rows_insert_writes_values_the_orm_reads_back():
    link = factories.LinkFactory()
    rows = [
        (link.id, "the quote ’with‘ <b>marks</b>", "before ", " after", 10, 40),
        (link.id, "second", "", "", 50, 56),
    ]
    assert rows_insert(Evidence, ("link", "exact", "prefix", "suffix", "start", "end"), rows) == 2
    stored = list(
        Evidence.objects.filter(link=link)
        .order_by("start")
        .values_list("link_id", "exact", "prefix", "suffix", "start", "end")
    )
    assert stored == rows


def test_rows_insert_adapts_dates_and_spans_chunks(monkeypatch):
    monkeypatch.setattr("tracker.core.bulk.CHUNK", 3)
    case = factories.CaseFactory()
    rows = [
        (case.id, dt.date(2026, 4, 1) + dt.timedelta(days=i), "day", f"Event {i}", "other")
        for i in range(7)
    ]
    assert rows_insert(Event, ("case", "date", "precision", "title", "kind"), rows) == 7
    events = list(Event.objects.filter(case=case).order_by("date"))
    assert [e.date for e in events] == [row[1] for row in rows]
    # the fields left out got their defaults, and the auto_now ones a time
    assert {(e.description, e.status, e.confidence, e.reviewed_by_id) for e in events} == {
        ("", Event._meta.get_field("status").default, 1.0, None)
    }
    assert all(e.created_at and e.updated_at for e in events)


def test_rows_insert_ignore_conflicts_skips_stored_rows_and_counts_the_new(monkeypatch):
    """With ignore_conflicts, a row breaking a unique constraint (stored before, or twice in the
    same call) is skipped and the others stored; without it, the conflict is an error."""
    monkeypatch.setattr("tracker.core.bulk.CHUNK", 2)
    case = factories.CaseFactory()
    articles = factories.ArticleFactory.create_batch(3)
    published = timezone.now().replace(microsecond=0)
    Membership.objects.create(case=case, article=articles[0], reviewed=True)
    columns = ("case", "article", "reviewed", "published")
    rows = [
        (case.id, articles[0].id, False, published),  # stored already: left as it was
        (case.id, articles[1].id, False, published),
        (case.id, articles[2].id, True, None),
        (case.id, articles[1].id, True, None),  # the same pair again: the first one stays
    ]
    assert rows_insert(Membership, columns, rows, ignore_conflicts=True) == 2
    stored = set(
        Membership.objects.filter(case=case).values_list("article_id", "reviewed", "published")
    )
    assert stored == {
        (articles[0].id, True, None),
        (articles[1].id, False, published),
        (articles[2].id, True, None),
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        rows_insert(Membership, columns, rows[:1])


def test_history_copy_matches_simple_history(django_user_model, monkeypatch):
    """The rows history_copy writes read back like the ones django-simple-history writes."""
    monkeypatch.setattr("tracker.core.bulk.CHUNK", 2)
    user = django_user_model.objects.create(username="ana")
    article = factories.ArticleFactory()
    parties = factories.PartyFactory.create_batch(3)
    links = [
        Link(article=article, target_type="party", party=party, confidence=0.75)
        for party in parties
    ]
    Link.objects.bulk_create(links)
    other = factories.LinkFactory()  # not asked for: gets no history row here
    other.history.all().delete()
    before = timezone.now()
    assert history_copy(Link, [link.id for link in links], user_id=user.id) == 3
    assert not other.history.exists()
    for link, party in zip(links, parties, strict=True):
        row = link.history.get()
        assert row.history_type == "+"
        assert row.history_user_id == user.id
        assert row.history_date >= before
        assert (row.id, row.article_id, row.party_id, row.confidence, row.status) == (
            link.id,
            article.id,
            party.id,
            0.75,
            link.status,
        )
        assert (row.version, row.created_at) == (1, link.created_at)
        # simple_history's own view of it: the instance it rebuilds equals the link
        assert row.instance.pk == link.pk and row.instance.party_id == party.id
    assert history_copy(Link, []) == 0


def test_rows_update_sets_columns_by_primary_key(monkeypatch):
    from tracker.news.models import Article, Story

    monkeypatch.setattr("tracker.core.bulk.CHUNK", 2)
    story = Story.objects.create(title="One event")
    articles = factories.ArticleFactory.create_batch(4)
    untouched = factories.ArticleFactory(minhash=b"kept")
    rows = [
        (a.id, f"sig-{n}".encode() if n % 2 else None, story.id) for n, a in enumerate(articles)
    ]
    rows_update(Article, ["minhash", "story"], rows)
    stored = {
        pk: (bytes(m) if m is not None else None, s)
        for pk, m, s in Article.objects.values_list("id", "minhash", "story_id")
    }
    assert [stored[a.id] for a in articles] == [(row[1], story.id) for row in rows]
    assert stored[untouched.id] == (b"kept", None)
    # a column that is NULL in every row of the batch, and an empty batch
    rows_update(Article, ["story"], [(a.id, None) for a in articles])
    assert not Article.objects.filter(story__isnull=False).exists()
    rows_update(Article, ["story"], [])

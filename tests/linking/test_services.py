"""articles_link: links with evidence, analysts win, stale marking, bounded queries."""

from __future__ import annotations

import gc

import pytest

from tests.factories import ArticleFactory, EvidenceFactory, LinkFactory
from tests.linking import texts
from tests.linking.conftest import PUBLISHED
from tracker.cases.models import Event, Party
from tracker.linking import services
from tracker.linking.analysis import combine
from tracker.linking.models import Evidence, Link, Position
from tracker.linking.services import articles_link, articles_relink

pytestmark = pytest.mark.django_db


def _article(text: str, **kwargs):
    return ArticleFactory(text=text, published=PUBLISHED, **kwargs)


def _labels(article) -> set[tuple[str, str]]:
    return {(link.target_type, link.target_label) for link in article.links.all()}


def test_links_parties_issue_case_and_event_with_evidence(demo_case):
    article = _article(texts.TESTIMONY)
    articles_link([article.id])
    labels = _labels(article)
    for name in ("Elon Musk", "xAI", "OpenAI", "Google", "Anthropic"):
        assert ("party", name) in labels
    assert ("issue", "distillation") in labels
    assert ("case", "musk-v-openai") in labels
    assert ("event", "Musk testifies that xAI partly used OpenAI models to train Grok") in labels
    for link in article.links.all():
        assert link.status == "suggested" and link.origin == "auto"
        assert 0 < link.confidence <= 0.99
        assert link.evidence.exists()
    for evidence in Evidence.objects.filter(link__article=article):
        assert article.text[evidence.start : evidence.end] == evidence.exact
        assert evidence.prefix == article.text[max(0, evidence.start - 32) : evidence.start]
        assert evidence.suffix == article.text[evidence.end : evidence.end + 32]


def test_unrelated_article_links_nothing(demo_case):
    article = _article(texts.UNRELATED)
    articles_link([article.id])
    assert not article.links.exists()
    assert not article.positions.exists()


def test_commentator_alone_does_not_make_a_case_link(demo_case):
    article = _article("Google said it would open an office. Anthropic did not comment.")
    articles_link([article.id])
    assert ("case", "musk-v-openai") not in _labels(article)
    assert ("party", "Google") in _labels(article)


def test_relinking_is_idempotent(demo_case):
    article = _article(texts.TESTIMONY)
    articles_link([article.id])
    first = sorted(Link.objects.values_list("id", "target_type", "confidence"))
    evidence = Evidence.objects.count()
    positions = sorted(Position.objects.values_list("id", "stance"))
    articles_link([article.id])
    assert sorted(Link.objects.values_list("id", "target_type", "confidence")) == first
    assert Evidence.objects.count() == evidence
    assert sorted(Position.objects.values_list("id", "stance")) == positions


def test_relinking_an_unchanged_article_rewrites_no_position(demo_case):
    """A position found again as it was keeps its version and gains no history row; one whose
    quote moved is rewritten."""
    article = _article(texts.TESTIMONY)
    articles_link([article.id])
    before = dict(Position.objects.values_list("id", "version"))
    history = Position.history.count()
    assert before
    articles_link([article.id])
    assert dict(Position.objects.values_list("id", "version")) == before
    assert Position.history.count() == history
    article.text = "An added first line.\n\n" + article.text
    article.save()
    articles_link([article.id])
    moved = dict(Position.objects.values_list("id", "version"))
    assert moved.keys() == before.keys()
    assert all(moved[key] == version + 1 for key, version in before.items())


def test_analysts_win(demo_case):
    article = _article(texts.TESTIMONY)
    articles_link([article.id])
    google = Link.objects.get(article=article, party__name="Google")
    google.status = "rejected"
    google.save()
    musk = Link.objects.get(article=article, party__name="Elon Musk")
    musk.status = "accepted"
    musk.save()
    microsoft = Party.objects.get(name="Microsoft")
    manual = LinkFactory(article=article, party=microsoft, origin="analyst", status="accepted")
    EvidenceFactory(
        link=manual, exact="xAI", start=article.text.index("xAI"), end=article.text.index("xAI") + 3
    )
    position = Position.objects.get(article=article, party__name="Google")
    position.stance = "supports"
    position.origin = "analyst"
    position.save()
    articles_link([article.id])
    google.refresh_from_db()
    musk.refresh_from_db()
    assert google.status == "rejected" and musk.status == "accepted"
    assert Link.objects.filter(id=manual.id, status="accepted").exists()
    position.refresh_from_db()
    assert position.stance == "supports"
    assert Position.objects.filter(article=article, party__name="Google").count() == 1


def test_vanished_quote_marks_reviewed_links_stale_and_drops_suggestions(demo_case):
    article = _article(texts.TESTIMONY + "\n" + texts.OPENAI_REACTS)
    articles_link([article.id])
    anthropic = Link.objects.get(article=article, party__name="Anthropic")
    anthropic.status = "accepted"
    anthropic.save()
    google = Link.objects.get(article=article, party__name="Google")
    assert google.status == "suggested"
    kept = Link.objects.get(article=article, party__name="OpenAI")
    kept.status = "accepted"
    kept.save()
    # The article is updated: the paragraphs about Google and Anthropic are gone and the
    # rest moved.
    article.text = "Update: " + texts.OPENAI_REACTS + "\nElon Musk, xAI and distillation again."
    article.save()
    articles_link([article.id])
    anthropic.refresh_from_db()
    assert anthropic.stale is True and anthropic.status == "accepted"
    assert not Link.objects.filter(id=google.id).exists()
    kept.refresh_from_db()
    # Its quotes from the kept paragraph moved and were re-anchored; those from the removed
    # paragraphs are gone (not re-pointed at another "OpenAI"), so the link is stale.
    found = [e for e in kept.evidence.all() if article.text[e.start : e.end] == e.exact]
    assert len(found) == texts.OPENAI_REACTS.count("OpenAI")
    assert kept.stale is True


def test_evidence_is_reanchored_after_an_edit(demo_case):
    article = _article(texts.OPENAI_REACTS)
    articles_link([article.id])
    link = Link.objects.get(article=article, party__name="OpenAI")
    link.status = "accepted"
    link.save()
    article.text = "Correction appended at the top. " + article.text
    article.save()
    articles_link([article.id])
    link.refresh_from_db()
    assert link.stale is False
    for evidence in link.evidence.all():
        assert evidence.exact == "OpenAI"
        assert article.text[evidence.start : evidence.end] == "OpenAI"


def test_positions_with_rules(demo_case):
    article = _article(texts.TESTIMONY)
    articles_link([article.id])
    stances = {p.party.name: p for p in Position.objects.filter(article=article)}
    assert stances["Elon Musk"].stance == "supports"
    assert stances["Google"].stance == "opposes"
    assert "theft" in stances["Google"].rule
    assert stances["Anthropic"].stance == "mixed"
    for position in stances.values():
        assert position.issue.slug == "distillation"
        assert position.status == "suggested" and position.origin == "auto"
        assert article.text[position.start : position.end] == position.quote
        assert position.date == PUBLISHED.date()


def test_new_event_suggested_once_for_several_reports(demo_case):
    one = _article("On March 3, 2026, OpenAI filed a motion to exclude Musk’s expert witness.")
    two = _article(
        "Musk’s expert witness faced a motion: OpenAI filed it on March 3, 2026, court papers show."
    )
    articles_link([one.id, two.id])
    suggested = Event.objects.filter(case=demo_case, status="suggested", origin="auto")
    assert suggested.count() == 1
    event = suggested.get()
    assert str(event.date) == "2026-03-03" and event.precision == "day" and event.kind == "filing"
    assert set(event.links.values_list("article_id", flat=True)) == {one.id, two.id}
    two_reports = event.confidence
    confidences = list(event.links.values_list("confidence", flat=True))
    assert two_reports == combine(confidences) > max(confidences)
    three = _article("OpenAI filed a motion on March 3, 2026 to exclude Musk’s expert.")
    articles_link([three.id])
    assert suggested.count() == 1
    assert event.links.count() == 3
    event.refresh_from_db()
    assert event.confidence > two_reports  # more outlets, more likely
    event.links.filter(article=three).update(status="rejected")
    articles_link([one.id])
    event.refresh_from_db()
    live = event.links.exclude(status="rejected").values_list("confidence", flat=True)
    assert event.confidence == combine(list(live))  # the rejected report no longer counts
    assert combine(list(event.links.values_list("confidence", flat=True))) > event.confidence


def test_query_count_is_bounded(demo_case, django_assert_max_num_queries):
    few = [_article(texts.TESTIMONY).id for _ in range(10)]
    many = [_article(texts.TESTIMONY).id for _ in range(100)]
    articles_link([_article(texts.UNRELATED).id])  # warm the matcher cache
    articles_link([_article(texts.TESTIMONY).id])  # and create this week's case counter rows
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        articles_link(few)
    with CaptureQueriesContext(connection) as large:
        articles_link(many)
    print(f"queries: 10 articles {len(small)}, 100 articles {len(large)}")

    def reads(ctx):
        return [q for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]

    # Reads do not grow with the batch; writes are bulk statements, split only by row count.
    assert len(reads(large)) == len(reads(small))
    assert len(large) < len(many)
    with django_assert_max_num_queries(len(large)):
        articles_link(many)  # relinking the same articles costs no more


def test_relink_by_case_and_party(demo_case):
    article = _article(texts.TESTIMONY)
    article.cases.add(demo_case)
    assert articles_relink(case_id=demo_case.id) == 1
    assert article.links.exists()
    google = Party.objects.get(name="Google")
    Link.objects.filter(article=article).delete()
    assert articles_relink(party_id=google.id) == 1
    assert article.links.filter(party=google).exists()


def test_relink_task_picks_up_a_new_alias(demo_case):
    from tests.factories import AliasFactory
    from tracker.linking.tasks import articles_relink_task

    article = _article("Elon Musk and OpenAI met; the Space Explorer founder smiled.")
    articles_link([article.id])
    musk = Party.objects.get(name="Elon Musk")
    assert article.links.get(party=musk).evidence.count() == 1
    AliasFactory(party=musk, name="Space Explorer founder")
    assert articles_relink_task(party_id=musk.id) == 1
    exacts = set(article.links.get(party=musk).evidence.values_list("exact", flat=True))
    assert exacts == {"Elon Musk", "Space Explorer founder"}


def test_boilerplate_free_text_is_what_gets_linked(demo_case):
    from tests.linking.gold import clean

    body = (
        "Anthropic weighed in on distillation again.\n"
        "Other Topics You May Also Be Interested In\n"
        "Microsoft ships a new keyboard\n"
        "Share · Subscribe"
    )
    article = _article(clean("A title", body))
    articles_link([article.id])
    assert "Microsoft" not in article.text
    assert ("party", "Anthropic") in _labels(article)
    assert ("party", "Microsoft") not in _labels(article)


def test_stale_position_when_its_quote_is_gone(demo_case):
    article = _article(texts.TESTIMONY)
    articles_link([article.id])
    google = Position.objects.get(article=article, party__name="Google")
    google.status = "accepted"
    google.save()
    article.text = texts.OPENAI_REACTS
    article.save()
    articles_link([article.id])
    google.refresh_from_db()
    assert google.stale is True and google.status == "accepted"
    assert not Position.objects.filter(
        article=article, party__name="Anthropic", status="suggested"
    ).exists()


def test_one_story_stating_one_date_is_one_suggested_event(demo_case):
    from tests.factories import StoryFactory

    story = StoryFactory()
    # Two outlets, one story, one month, few words in common: one suggested event.
    one = _article(
        "In January 2024, Musk's lawyers filed a sealed exhibit list against OpenAI.", story=story
    )
    two = _article(
        "OpenAI said in court that papers from Musk's legal team were filed in January 2024.",
        story=story,
    )
    other = _article("OpenAI's January 2024 wording on distillation was vaguer, per Musk.")
    articles_link([one.id, two.id, other.id])
    events = Event.objects.filter(case=demo_case, origin="auto", date="2024-01-01")
    assert {e.precision for e in events} == {"month"}
    by_article = {
        article.id: set(
            article.links.filter(target_type="event").values_list("event_id", flat=True)
        )
        for article in (one, two, other)
    }
    assert by_article[one.id] == by_article[two.id] and len(by_article[one.id]) == 1


def test_an_event_told_only_in_the_headline_links_with_its_quote_in_the_headline(demo_case):
    title = "Musk Withdraws His State-Court Suit Against OpenAI"
    text = "Elon Musk's lawyers gave no reason. OpenAI declined to comment on the filing."
    article = _article(text, title=title)
    articles_link([article.id])
    link = article.links.get(target_type="event")
    assert link.target_label == "Musk withdraws the state-court suit"
    (evidence,) = link.evidence.all()
    assert evidence.part == "title" and title[evidence.start : evidence.end] == evidence.exact
    plan = _article(text, title="Musk to Withdraw His State-Court Suit Against OpenAI")
    articles_link([plan.id])
    assert not plan.links.filter(target_type="event").exists()


def test_an_undated_article_is_first_seen_on_the_local_day(settings, monkeypatch):
    import datetime as dt

    from tracker.linking import services
    from tracker.news.models import Article

    settings.TIME_ZONE = "America/New_York"
    article = ArticleFactory(text=texts.TESTIMONY, published=None)
    # 02:00 UTC on 2 December is still 1 December in New York
    created = dt.datetime(2025, 12, 2, 2, 0, tzinfo=dt.UTC)
    Article.objects.filter(id=article.id).update(created_at=created)
    seen = []

    def capture(**kwargs):
        seen.append(kwargs["seen"])
        raise ValueError("captured")

    monkeypatch.setattr(services, "article_analyse", capture)
    articles_link([article.id])
    assert seen == [dt.date(2025, 12, 1)]


def test_a_dated_article_is_analysed_without_the_day_it_was_first_seen(monkeypatch):
    """Only a page without a date needs its local day first seen (a time zone conversion
    per article, on the linking hot path)."""
    article = ArticleFactory(text=texts.TESTIMONY, published=PUBLISHED)
    seen = []

    def capture(**kwargs):
        seen.append(kwargs["seen"])
        raise ValueError("captured")

    monkeypatch.setattr(services, "article_analyse", capture)
    monkeypatch.setattr(services.timezone, "localdate", lambda *a: pytest.fail("converted"))
    articles_link([article.id])
    assert seen == [None]


def test_suggested_events_confidence_reads_each_event_once(demo_case):
    """Raising the confidence of suggested events writes their history from whole rows: no
    query per event and field (a deferred field read back one by one)."""
    dates = ("March 3, 2026", "March 4, 2026", "March 5, 2026")
    firsts = [
        _article(f"On {day}, OpenAI filed a motion to exclude Musk’s expert.") for day in dates
    ]
    articles_link([a.id for a in firsts])
    assert Event.objects.filter(case=demo_case, status="suggested").count() == len(dates)
    seconds = [
        _article(f"OpenAI filed a motion on {day} to exclude Musk’s expert.") for day in dates
    ]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        articles_link([a.id for a in seconds])
    one_by_one = [
        q["sql"]
        for q in ctx.captured_queries
        if f'WHERE "{Event._meta.db_table}"."id" = ' in q["sql"]
    ]
    assert one_by_one == []  # 45 before: 15 fields of each of 3 events


def test_the_cyclic_collector_is_off_while_a_batch_is_linked_and_back_on_after(
    demo_case, monkeypatch
):
    during = []
    link_batch = services._link_batch
    monkeypatch.setattr(
        services,
        "_link_batch",
        lambda ids, **kwargs: during.append(gc.isenabled()) or link_batch(ids, **kwargs),
    )
    article = _article(texts.TESTIMONY)
    articles_link([article.id])
    assert during == [False]
    assert gc.isenabled()
    assert ("case", "musk-v-openai") in _labels(article)
    gc.disable()  # a caller's own choice stands
    try:
        articles_link([article.id])
        assert not gc.isenabled()
    finally:
        gc.enable()

"""What each subscription hears about: kinds, targets, stance changes; never twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.factories import (
    ArticleFactory,
    CaseFactory,
    CasePartyFactory,
    ClaimFactory,
    EventFactory,
    EvidenceFactory,
    IssueFactory,
    LinkFactory,
    PartyFactory,
    PositionFactory,
)
from tracker.alerts import services
from tracker.alerts.models import Notification
from tracker.cases.models import ReviewStatus

ACCEPTED = ReviewStatus.ACCEPTED


def test_event_kind_filter(user, case):
    sub = services.subscription_create(
        user=user, case=case, event_kinds=["ruling", "filing"], on_evidence=False
    )
    ruling = EventFactory(case=case, kind="ruling")
    testimony = EventFactory(case=case, kind="testimony")
    elsewhere = EventFactory(case=CaseFactory(), kind="ruling")
    assert [n.obj_id for n in services.notify_accepted(kind="event", obj_id=ruling.pk)] == [
        ruling.pk
    ]
    assert services.notify_accepted(kind="event", obj_id=testimony.pk) == []
    assert services.notify_accepted(kind="event", obj_id=elsewhere.pk) == []
    assert list(sub.notifications.values_list("obj_id", flat=True)) == [ruling.pk]


def test_notify_twice_adds_nothing(user, case):
    services.subscription_create(user=user, case=case)
    event = EventFactory(case=case)
    assert len(services.notify_accepted(kind="event", obj_id=event.pk)) == 1
    assert services.notify_accepted(kind="event", obj_id=event.pk) == []
    assert Notification.objects.count() == 1


def test_evidence_for_a_followed_claim_only(user, case):
    claim, other = ClaimFactory(case=case), ClaimFactory(case=case)
    sub = services.subscription_create(
        user=user, case=case, target_type="claim", target=claim, on_events=False
    )
    article = ArticleFactory(text="The charitable trust claim goes to trial.")
    link = LinkFactory(
        article=article, target_type="claim", party=None, claim=claim, status=ACCEPTED
    )
    EvidenceFactory(link=link, exact="charitable trust", start=4, end=20)
    miss = LinkFactory(
        article=ArticleFactory(), target_type="claim", party=None, claim=other, status=ACCEPTED
    )
    suggested = LinkFactory(article=ArticleFactory(), target_type="claim", party=None, claim=claim)
    notes = services.notify_accepted(kind="link", obj_id=link.pk)
    assert len(notes) == 1 and notes[0].subscription == sub
    assert notes[0].data["evidence"] == ["charitable trust"]
    assert notes[0].data["cases"] == [case.slug]
    assert "charitable trust" in notes[0].body
    assert services.notify_accepted(kind="link", obj_id=miss.pk) == []
    assert services.notify_accepted(kind="link", obj_id=suggested.pk) == []


def test_case_follower_hears_party_evidence_in_its_articles(user, case):
    party = PartyFactory(name="OpenAI")
    CasePartyFactory(case=case, party=party)
    services.subscription_create(user=user, case=case)
    article = ArticleFactory()
    article.cases.add(case)
    link = LinkFactory(article=article, party=party, status=ACCEPTED)
    unrelated = LinkFactory(article=ArticleFactory(), party=PartyFactory(), status=ACCEPTED)
    assert len(services.notify_accepted(kind="link", obj_id=link.pk)) == 1
    assert services.notify_accepted(kind="link", obj_id=unrelated.pk) == []


def test_change_of_stance(user, case):
    party = PartyFactory(name="Anthropic")
    CasePartyFactory(case=case, party=party, role="commentator")
    issue = IssueFactory(case=case, title="Is distillation legitimate?")
    services.subscription_create(user=user, case=case, target_type="party", target=party)
    first = PositionFactory(
        party=party, issue=issue, stance="neutral", status=ACCEPTED, date=dt.date(2026, 1, 5)
    )
    note = services.notify_accepted(kind="position", obj_id=first.pk)[0]
    assert not note.data["changed"] and note.data["previous_stance"] is None
    second = PositionFactory(
        party=party, issue=issue, stance="opposes", status=ACCEPTED, date=dt.date(2026, 5, 2)
    )
    note = services.notify_accepted(kind="position", obj_id=second.pk)[0]
    assert note.data["changed"] and note.data["previous_stance"] == "neutral"
    assert "now opposes" in note.title and "before: neutral" in note.title
    stranger = PositionFactory(issue=IssueFactory(), stance="supports", status=ACCEPTED)
    assert services.notify_accepted(kind="position", obj_id=stranger.pk) == []


def test_follow_validation(user, case):
    with pytest.raises(ValidationError, match="not a party"):
        services.subscription_create(
            user=user, case=case, target_type="party", target=PartyFactory()
        )
    with pytest.raises(ValidationError, match="not in"):
        services.subscription_create(
            user=user, case=case, target_type="claim", target=ClaimFactory()
        )
    with pytest.raises(ValidationError, match="event kind"):
        services.subscription_create(user=user, case=case, event_kinds=["gossip"])
    with pytest.raises(ValidationError, match="e-mail or a webhook"):
        services.subscription_create(user=user, case=case, email=False)
    a = services.subscription_create(user=user, case=case, frequency="daily")
    b = services.subscription_create(user=user, case=case, frequency="weekly")
    assert a.pk == b.pk and b.frequency == "weekly"


def test_accepted_enqueue_runs_after_commit(db, django_capture_on_commit_callbacks, monkeypatch):
    from tracker.alerts import tasks

    calls = []
    monkeypatch.setattr(tasks.alerts_on_accepted, "delay", lambda **kw: calls.append(kw))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.accepted_enqueue(kind="event", obj_id=7)
    assert calls == [] and len(callbacks) == 1
    callbacks[0]()
    assert calls == [{"kind": "event", "obj_id": 7}]
    with pytest.raises(ValueError):
        services.accepted_enqueue(kind="gossip", obj_id=1)

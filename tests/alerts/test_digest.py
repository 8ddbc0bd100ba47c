"""The daily digest, built with the locmem e-mail backend, holds exactly the right items."""

from __future__ import annotations

from django.core import mail

from tests.factories import ArticleFactory, ClaimFactory, EventFactory, LinkFactory
from tracker.alerts import services, tasks
from tracker.alerts.models import Delivery, Notification
from tracker.cases.models import ReviewStatus


def _send_all() -> None:
    for pk in Delivery.objects.filter(status="pending").values_list("pk", flat=True):
        tasks.delivery_send.apply(args=[pk])


def test_daily_digest_contains_the_right_items(user, case, django_user_model):
    claim = ClaimFactory(case=case, title="Breach of charitable trust")
    services.subscription_create(
        user=user, case=case, frequency="daily", event_kinds=["ruling", "filing"]
    )
    weekly = django_user_model.objects.create_user("weekly", email="weekly@example.org")
    services.subscription_create(user=weekly, case=case, frequency="weekly")

    ruling = EventFactory(case=case, kind="ruling", title="Court narrows the fraud claim")
    filing = EventFactory(case=case, kind="filing", title="OpenAI files its counterclaim")
    testimony = EventFactory(case=case, kind="testimony", title="Musk takes the stand")
    article = ArticleFactory(title="Trust claim survives", text="The trust claim survives.")
    link = LinkFactory(
        article=article,
        target_type="claim",
        party=None,
        claim=claim,
        status=ReviewStatus.ACCEPTED,
    )
    for kind, obj in (("event", ruling), ("event", filing), ("event", testimony), ("link", link)):
        services.notify_accepted(kind=kind, obj_id=obj.pk)
    assert mail.outbox == []  # nothing immediate

    deliveries = services.digests_send(frequency="daily")
    assert len(deliveries) == 1 and deliveries[0].channel == "email"
    _send_all()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["follower@example.org"]
    assert "Daily digest: 3 new items" in message.subject
    assert "Court narrows the fraud claim" in message.body
    assert "OpenAI files its counterclaim" in message.body
    assert "Trust claim survives" in message.body
    assert "Musk takes the stand" not in message.body  # filtered out by event kind
    assert f"/articles/{article.pk}/" in message.body

    # sent once: the next daily run has nothing; the weekly follower still waits
    assert services.digests_send(frequency="daily") == []
    assert Notification.objects.filter(sent_at__isnull=True).count() == 4
    assert tasks.digests_send.apply(kwargs={"frequency": "weekly"}).get() == 1
    _send_all()
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["weekly@example.org"]
    assert "4 new items" in mail.outbox[1].subject


def test_immediate_email(user, case):
    services.subscription_create(user=user, case=case)
    event = EventFactory(case=case, title="Jury selected")
    services.notify_accepted(kind="event", obj_id=event.pk)
    _send_all()
    assert len(mail.outbox) == 1 and "Jury selected" in mail.outbox[0].subject
    assert Delivery.objects.get().status == "sent"


def test_user_without_email_fails_visibly(case, django_user_model):
    nomail = django_user_model.objects.create_user("nomail")
    services.subscription_create(user=nomail, case=case)
    services.notify_accepted(kind="event", obj_id=EventFactory(case=case).pk)
    _send_all()
    delivery = Delivery.objects.get()
    assert delivery.status == "failed" and "no e-mail address" in delivery.error
    assert delivery.attempts == 1


def test_digest_command_sends_now(user, case):
    from io import StringIO

    from django.core.management import call_command

    services.subscription_create(user=user, case=case, frequency="weekly")
    services.notify_accepted(kind="event", obj_id=EventFactory(case=case, title="Verdict").pk)
    out = StringIO()
    call_command("alertsdigest", "weekly", "--send", stdout=out)
    assert "1 digest deliveries built, 1 sent now" in out.getvalue()
    assert len(mail.outbox) == 1 and "Verdict" in mail.outbox[0].body

"""A change seen in a tracked terms document reaches the followers of its cases and clauses."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from tests.factories import CaseFactory
from tracker.alerts import services
from tracker.alerts.models import Delivery, Notification
from tracker.cases.models import Clause, Document
from tracker.sources.models import DocumentChange


def change_of(document: Document, clause: Clause, *, baseline: bool = False) -> DocumentChange:
    return DocumentChange.objects.create(
        document=document,
        seen_at=dt.datetime(2025, 3, 4, tzinfo=dt.UTC),
        effective=dt.date(2025, 3, 1),
        baseline=baseline,
        ops=[
            {
                "op": "changed",
                "clause": clause.pk,
                "ref": clause.ref,
                "title": clause.title,
                "old": "before",
                "new": "after",
            }
        ],
    )


def test_case_and_clause_followers_hear_a_terms_change_once(user, case):
    document = Document.objects.create(slug="t", title="Example Terms", url="https://x.example/")
    case.documents.add(document)
    clause = Clause.objects.create(document=document, ref="output", title="Using output")
    other = Clause.objects.create(document=document, ref="law", title="Law")
    services.subscription_create(user=user, case=case)
    second = get_user_model().objects.create_user("clause-follower", email="c@example.org")
    services.subscription_create(user=second, case=case, target_type="clause", target=clause)
    third = get_user_model().objects.create_user("other-clause", email="o@example.org")
    services.subscription_create(user=third, case=case, target_type="clause", target=other)
    elsewhere = get_user_model().objects.create_user("elsewhere", email="e@example.org")
    services.subscription_create(user=elsewhere, case=CaseFactory())

    change = change_of(document, clause)
    notes = services.notify_accepted(kind="terms", obj_id=change.pk)
    assert sorted(n.subscription.user.username for n in notes) == ["clause-follower", "follower"]
    assert notes[0].title.startswith("Example Terms changed (1 changed), seen 2025-03-04")
    assert notes[0].url.endswith("/documents/t/history/")
    assert notes[0].data["changes"] == [{"op": "changed", "ref": "output", "title": "Using output"}]
    assert services.notify_accepted(kind="terms", obj_id=change.pk) == []
    deliveries = Delivery.objects.filter(channel="email")
    assert sorted(deliveries.values_list("user__username", flat=True)) == [
        "clause-follower",
        "follower",
    ]


def test_the_first_read_alerts_nobody(user, case):
    document = Document.objects.create(slug="t", title="Example Terms", url="https://x.example/")
    case.documents.add(document)
    clause = Clause.objects.create(document=document, ref="output", title="Using output")
    services.subscription_create(user=user, case=case)
    change = change_of(document, clause, baseline=True)
    assert services.notify_accepted(kind="terms", obj_id=change.pk) == []
    assert not Notification.objects.exists()

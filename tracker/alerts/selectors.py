"""Reads for the alerts pages: what a user follows, their webhook endpoints and deliveries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from tracker.cases.models import Case

from .models import Delivery, Endpoint, Subscription

RECENT_DELIVERIES = 20


@dataclass
class AlertsHome:
    subscriptions: QuerySet[Subscription]
    endpoints: QuerySet[Endpoint]
    deliveries: list[Delivery]
    failed_count: int


def alerts_home(*, user) -> AlertsHome:
    """The user's subscriptions (with what each follows), endpoints, latest deliveries and how
    many deliveries failed."""
    mine = Delivery.objects.filter(user=user)
    return AlertsHome(
        subscriptions=Subscription.objects.filter(user=user).select_related(
            "case", "party", "claim", "issue", "clause__document", "endpoint"
        ),
        endpoints=endpoints_of(user=user),
        deliveries=list(mine.select_related("endpoint")[:RECENT_DELIVERIES]),
        failed_count=mine.filter(status=Delivery.Status.FAILED).count(),
    )


def deliveries_of(*, user, status: str | None = None) -> QuerySet[Delivery]:
    """The user's deliveries, newest first (the model's order), of one status if it is one."""
    rows = Delivery.objects.filter(user=user).select_related("endpoint")
    return rows.filter(status=status) if status in Delivery.Status.values else rows


def endpoints_of(*, user) -> QuerySet[Endpoint]:
    return Endpoint.objects.filter(user=user)


def case_by_slug(slug: str | None) -> Case | None:
    return Case.objects.filter(slug=slug).first() if slug else None


def cases_to_follow() -> QuerySet[Case]:
    return Case.objects.order_by("title")

"""The home page: every case with a few counts, in one query."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from tracker.cases.models import Case, CaseParty, Event
from tracker.news.models import Article
from tracker.search.scopes import LIVE


def _count(queryset: QuerySet, field: str, distinct: str = "pk") -> Coalesce:
    counted = queryset.order_by().values(field).annotate(n=Count(distinct, distinct=True))
    counted = counted.values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def cases_overview() -> QuerySet[Case]:
    """Cases with `n_events`, `n_articles` and `n_parties` (events not rejected)."""
    return Case.objects.annotate(
        n_events=_count(Event.objects.filter(case=OuterRef("pk"), status__in=LIVE), "case"),
        n_articles=_count(Article.cases.through.objects.filter(case=OuterRef("pk")), "case"),
        # a party with several roles (plaintiff and witness) counts once
        n_parties=_count(CaseParty.objects.filter(case=OuterRef("pk")), "case", "party"),
    )

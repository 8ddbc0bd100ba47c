"""Which articles belong to a case: shared by search and the pages."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from tracker.cases.models import Case, ReviewStatus
from tracker.linking.models import Link
from tracker.news.models import Article

LIVE = (ReviewStatus.ACCEPTED, ReviewStatus.SUGGESTED)
REVIEWED = (ReviewStatus.ACCEPTED,)  # what readers see by default: no machine suggestion


def case_articles(*, case: Case, statuses: tuple[str, ...] = LIVE) -> QuerySet[Article]:
    """Articles filed under the case, or linked (not rejected; with `statuses`, e.g. REVIEWED
    for accepted links only) to it or to one of its events."""
    linked = Link.objects.filter(article=OuterRef("pk"), status__in=statuses).filter(
        Q(case=case) | Q(event__case=case)
    )
    filed = Article.cases.through.objects.filter(article=OuterRef("pk"), case=case)
    return Article.objects.filter(Exists(filed) | Exists(linked))

"""The home page: a directory of cases, filtered by court, status, party and issue, and sorted
by latest activity; a fixed number of queries however many cases there are."""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.db.models import (
    Count,
    DateField,
    DateTimeField,
    F,
    IntegerField,
    Max,
    OuterRef,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.http import QueryDict

from tracker.cases.models import Case, CaseParty, Event, Issue, Party, ReviewStatus
from tracker.linking.membership import REVIEWED, case_memberships

SORTS = {"activity": "Latest activity", "title": "Title", "filed": "Date filed"}


def _count(queryset: QuerySet, field: str, distinct: str = "pk") -> Coalesce:
    counted = queryset.order_by().values(field).annotate(n=Count(distinct, distinct=True))
    counted = counted.values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _latest(queryset: QuerySet, field: str, output) -> Subquery:
    latest = queryset.order_by().values("case").annotate(last=Max(field)).values("last")
    return Subquery(latest, output_field=output)


def _text(value: str | None, limit: int = 300) -> str:
    return (value or "").replace("\x00", "").strip()[:limit]


@dataclass(frozen=True)
class DirectoryFilters:
    court: str = ""
    status: str = ""
    party: str = ""  # a party's slug
    issue: str = ""  # an issue's slug (issues of several cases may share one)
    sort: str = "activity"

    @classmethod
    def from_query(cls, data: QueryDict) -> DirectoryFilters:
        status = _text(data.get("status"), 20)
        sort = _text(data.get("sort"), 20)
        return cls(
            court=_text(data.get("court")),
            status=status if status in Case.Status.values else "",
            party=_text(data.get("party"), 100),
            issue=_text(data.get("issue"), 100),
            sort=sort if sort in SORTS else "activity",
        )

    def query(self, **changes: str) -> str:
        values = replace(self, **changes).__dict__
        return urlencode({k: v for k, v in values.items() if v and (k, v) != ("sort", "activity")})

    @property
    def active(self) -> bool:
        return bool(self.court or self.status or self.party or self.issue)


def cases_overview(filters: DirectoryFilters | None = None) -> QuerySet[Case]:
    """Cases with `n_events` (known: case file or accepted), `n_articles`, `n_parties` and
    `last_activity` (the newest of its articles' publication days and known events' dates),
    filtered and sorted; one query."""
    filters = filters or DirectoryFilters()
    known = Event.objects.filter(case=OuterRef("pk"), status=ReviewStatus.ACCEPTED)
    # the articles readers see (tracker.linking.membership), as the case page counts them
    members = case_memberships(case=OuterRef("pk"), statuses=REVIEWED)
    cases = Case.objects.annotate(
        n_events=_count(known, "case"),
        # kept by the membership writes (tracker.linking.membership): no count per view
        n_articles=Coalesce(F("coverage_version__articles"), 0),
        # a party with several roles (plaintiff and witness) counts once
        n_parties=_count(CaseParty.objects.filter(case=OuterRef("pk")), "case", "party"),
        # the newest reviewed article's date: one step down the (case, reviewed, published) index
        last_article=Subquery(
            members.filter(published__isnull=False)
            .order_by(F("published").desc())
            .values("published")[:1],
            output_field=DateTimeField(),
        ),
        last_event=_latest(known, "date", DateField()),
    ).annotate(
        last_activity=Greatest(
            Coalesce(TruncDate("last_article"), F("last_event")),
            Coalesce(F("last_event"), TruncDate("last_article")),
        )
    )
    if filters.court:
        cases = cases.filter(court=filters.court)
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.party:
        cases = cases.filter(
            pk__in=CaseParty.objects.filter(party__slug=filters.party).values("case")
        )
    if filters.issue:
        cases = cases.filter(pk__in=Issue.objects.filter(slug=filters.issue).values("case"))
    if filters.sort == "title":
        return cases.order_by("title", "pk")
    if filters.sort == "filed":
        return cases.order_by(F("date_filed").desc(nulls_last=True), "title", "pk")
    return cases.order_by(F("last_activity").desc(nulls_last=True), "title", "pk")


@dataclass
class DirectoryOptions:
    courts: list[str]
    parties: list[tuple[str, str, int]]  # slug, name, cases
    issues: list[tuple[str, str, int]]  # slug, a title, cases


def directory_options() -> DirectoryOptions:
    """What the directory can be filtered by: courts, parties in two cases or more first, and
    issues (by slug, shared across cases); three queries."""
    courts = Case.objects.exclude(court="").order_by("court").values_list("court", flat=True)
    parties = (
        Party.objects.filter(roles__isnull=False)
        .annotate(n=Count("roles__case", distinct=True))
        .order_by("-n", "name")
        .values_list("slug", "name", "n")[:300]
    )
    issues = (
        Issue.objects.order_by()
        .values("slug")
        .annotate(title=Max("title"), n=Count("case", distinct=True))
        .order_by("-n", "slug")
        .values_list("slug", "title", "n")[:300]
    )
    return DirectoryOptions(list(dict.fromkeys(courts)), list(parties), list(issues))

"""django-filter filtersets: `case` (slug) everywhere, plus status, origin, target type, the
targets (party, claim, issue, clause), date ranges and a text query `q`.

A bad value (unknown choice, malformed date) is a 400 naming the parameter.
"""

from __future__ import annotations

import datetime as dt

import django_filters as df
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field

from tracker.cases.models import (
    Case,
    CaseParty,
    Claim,
    Clause,
    Document,
    Event,
    Issue,
    Origin,
    Party,
    ReviewStatus,
)
from tracker.linking.membership import case_article_ids
from tracker.linking.models import Evidence, Link, Position, TargetType
from tracker.news.models import Article, Feed, Story
from tracker.search.selectors import article_ids_matching

from .selectors import case_links

MAX_ID = 2**63 - 1


@extend_schema_field({"type": "integer", "minimum": 0, "maximum": MAX_ID})
class IdFilter(df.NumberFilter):
    """An id: a whole number in the database's range (else a 400 naming the parameter)."""

    field_class = forms.IntegerField

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class UTCDateTimeField(forms.DateTimeField):
    """A date or date-time, made UTC here: databases differ on odd offsets (PostgreSQL stops
    at ±15:59), so the query only ever sees UTC."""

    def to_python(self, value):
        result = super().to_python(value)
        if result is None:
            return None
        try:
            if timezone.is_naive(result):
                result = timezone.make_aware(result, dt.UTC)
            return result.astimezone(dt.UTC)
        except (OverflowError, ValueError) as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


class DateTimeFilter(df.DateTimeFilter):
    field_class = UTCDateTimeField


@extend_schema_field({"type": "number", "minimum": 0, "maximum": 1})
class ConfidenceFilter(df.NumberFilter):
    """A confidence from 0 to 1."""

    field_class = forms.FloatField


BOOLEAN_VALUES = {"true", "false", "1", "0"}


def raw_value_problem(field: df.Filter, value: str) -> str | None:
    """What is wrong with a parameter's raw value that django-filter would read as no filter."""
    if isinstance(field, df.CharFilter):
        return None
    if value == "":
        return "an empty value: give one or leave the parameter out"
    if isinstance(field, df.BooleanFilter) and value.lower() not in BOOLEAN_VALUES:
        return "true or false"
    return None


class FilterSet(df.FilterSet):
    """A parameter given blank (unless free text), or a boolean that is neither true nor false,
    is a 400: django-filter would read `?status=` or `?stale=maybe` as no filter at all, so a
    client's typo would widen the answer silently."""

    def is_valid(self) -> bool:
        data = self.data or {}
        problems = {
            name: problem
            for name, field in self.filters.items()
            if name in data and (problem := raw_value_problem(field, data.get(name)))
        }
        valid = super().is_valid()
        for name, problem in problems.items():
            self.form.add_error(name, problem)
        return valid and not problems


STATUS = ReviewStatus.choices
ORIGIN = Origin.choices


def party_q(value: str, field: str = "party") -> Q:
    """A party by slug or (case-insensitive) name."""
    return Q(**{f"{field}__slug": value}) | Q(**{f"{field}__name__iexact": value})


def clause_q(value: str, field: str = "clause") -> Q:
    """A clause by `document-slug#ref` or bare `ref`."""
    doc, _, ref = value.rpartition("#")
    q = Q(**{f"{field}__ref": ref})
    return q & Q(**{f"{field}__document__slug": doc}) if doc else q


# How a target parameter names a link's target; the other link parameters are plain fields.
_LINK_TARGET_Q = {
    "party": party_q,
    "claim": lambda value: Q(claim__slug=value),
    "issue": lambda value: Q(issue__slug=value),
    "clause": clause_q,
}


class ArticleFilter(FilterSet):
    case = df.CharFilter(method="filter_case", help_text="Case slug.")
    story = IdFilter(field_name="story_id")
    party = df.CharFilter(method="filter_target", help_text="Linked party (slug or name).")
    claim = df.CharFilter(method="filter_target", help_text="Linked claim (slug).")
    issue = df.CharFilter(method="filter_target", help_text="Linked issue (slug).")
    clause = df.CharFilter(method="filter_target", help_text="Linked clause (document#ref).")
    status = df.ChoiceFilter(
        choices=STATUS, method="filter_link", help_text="Has a link with this status."
    )
    origin = df.ChoiceFilter(
        choices=ORIGIN, method="filter_link", help_text="Has a link of this origin."
    )
    target_type = df.ChoiceFilter(
        choices=TargetType.choices, method="filter_link", help_text="Has a link of this type."
    )
    published_after = DateTimeFilter(field_name="published", lookup_expr="gte")
    published_before = DateTimeFilter(field_name="published", lookup_expr="lt")
    source = df.CharFilter(field_name="source", lookup_expr="iexact")
    q = df.CharFilter(
        method="filter_q",
        help_text='Words in the title or text, read as /search/ reads them: "a phrase", '
        "OR, -word, word* (a prefix); a word also matches its other forms (ruled, ruling).",
    )

    class Meta:
        model = Article
        fields: list[str] = []

    def filter_case(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(pk__in=case_article_ids(case=value))

    # The link parameters (party, claim, issue, clause, status, origin, target_type) describe
    # one link together: ?party=openai&status=accepted is an accepted link to OpenAI, not some
    # OpenAI link and some accepted link. The methods only mark themselves as handled;
    # filter_queryset builds the single link condition.
    LINK_PARAMS = ("party", "claim", "issue", "clause", "status", "origin", "target_type")

    def filter_target(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs

    def filter_link(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        wanted = Q()
        for name in self.LINK_PARAMS:
            value = data.get(name)
            if value not in (None, ""):
                wanted &= (
                    _LINK_TARGET_Q[name](value) if name in _LINK_TARGET_Q else Q(**{name: value})
                )
        if wanted:
            queryset = queryset.filter(pk__in=Link.objects.filter(wanted).values("article_id"))
        return queryset

    def filter_q(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        matching = article_ids_matching(value)  # no word to look for: nothing matches
        return qs.none() if matching is None else qs.filter(pk__in=matching)


class LinkFilter(FilterSet):
    case = df.CharFilter(method="filter_case", help_text="Case slug.")
    article = IdFilter(field_name="article_id")
    party = df.CharFilter(method="filter_party", help_text="Party slug or name.")
    claim = df.CharFilter(field_name="claim__slug")
    issue = df.CharFilter(field_name="issue__slug")
    clause = df.CharFilter(method="filter_clause", help_text="Clause as document#ref.")
    event = IdFilter(field_name="event_id")
    status = df.ChoiceFilter(choices=STATUS)
    origin = df.ChoiceFilter(choices=ORIGIN)
    target_type = df.ChoiceFilter(choices=TargetType.choices)
    stale = df.BooleanFilter()
    min_confidence = ConfidenceFilter(
        field_name="confidence", lookup_expr="gte", min_value=0, max_value=1
    )
    published_after = DateTimeFilter(field_name="article__published", lookup_expr="gte")
    published_before = DateTimeFilter(field_name="article__published", lookup_expr="lt")
    q = df.CharFilter(method="filter_q", help_text="Words in the evidence quotes.")

    class Meta:
        model = Link
        fields: list[str] = []

    def filter_case(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return case_links(qs, value)

    def filter_party(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(party_q(value))

    def filter_clause(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(clause_q(value))

    def filter_q(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split()[:10]:
            quotes = Evidence.objects.filter(exact__icontains=word).values("link_id")
            qs = qs.filter(pk__in=quotes)
        return qs


class PositionFilter(FilterSet):
    case = df.CharFilter(field_name="issue__case__slug", help_text="Case slug.")
    party = df.CharFilter(method="filter_party", help_text="Party slug or name.")
    issue = df.CharFilter(field_name="issue__slug")
    article = IdFilter(field_name="article_id")
    stance = df.ChoiceFilter(choices=Position.Stance.choices)
    status = df.ChoiceFilter(choices=STATUS)
    origin = df.ChoiceFilter(choices=ORIGIN)
    date_after = df.DateFilter(field_name="date", lookup_expr="gte")
    date_before = df.DateFilter(field_name="date", lookup_expr="lt")
    published_after = DateTimeFilter(field_name="article__published", lookup_expr="gte")
    published_before = DateTimeFilter(field_name="article__published", lookup_expr="lt")
    q = df.CharFilter(field_name="quote", lookup_expr="icontains")

    class Meta:
        model = Position
        fields: list[str] = []

    def filter_party(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(party_q(value))


class EventFilter(FilterSet):
    case = df.CharFilter(field_name="case__slug", help_text="Case slug.")
    status = df.ChoiceFilter(choices=STATUS)
    origin = df.ChoiceFilter(choices=ORIGIN)
    kind = df.ChoiceFilter(choices=Event.Kind.choices)
    precision = df.ChoiceFilter(choices=Event.Precision.choices)
    date_after = df.DateFilter(field_name="date", lookup_expr="gte")
    date_before = df.DateFilter(field_name="date", lookup_expr="lt")
    article = IdFilter(method="filter_article")
    q = df.CharFilter(field_name="title", lookup_expr="icontains")

    class Meta:
        model = Event
        fields: list[str] = []

    def filter_article(self, qs: QuerySet, name: str, value) -> QuerySet:
        return qs.filter(pk__in=Link.objects.filter(article_id=value).values("event_id"))


class StoryFilter(FilterSet):
    case = df.CharFilter(method="filter_case", help_text="Case slug.")
    published_after = DateTimeFilter(field_name="first_published", lookup_expr="gte")
    published_before = DateTimeFilter(field_name="first_published", lookup_expr="lt")
    q = df.CharFilter(field_name="title", lookup_expr="icontains")

    class Meta:
        model = Story
        fields: list[str] = []

    def filter_case(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        ids = Article.objects.filter(pk__in=case_article_ids(case=value)).values("story_id")
        return qs.filter(pk__in=ids)


class CaseFilter(FilterSet):
    status = df.ChoiceFilter(choices=Case.Status.choices)
    party = df.CharFilter(method="filter_party", help_text="Party slug or name.")
    q = df.CharFilter(field_name="title", lookup_expr="icontains")

    class Meta:
        model = Case
        fields: list[str] = []

    def filter_party(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(pk__in=CaseParty.objects.filter(party_q(value)).values("case_id"))


class PartyFilter(FilterSet):
    case = df.CharFilter(method="filter_case", help_text="Case slug.")
    kind = df.ChoiceFilter(choices=Party.Kind.choices)
    q = df.CharFilter(field_name="name", lookup_expr="icontains")

    class Meta:
        model = Party
        fields: list[str] = []

    def filter_case(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(pk__in=CaseParty.objects.filter(case__slug=value).values("party_id"))


class CaseScopedFilter(FilterSet):
    case = df.CharFilter(field_name="case__slug", help_text="Case slug.")
    q = df.CharFilter(field_name="title", lookup_expr="icontains")


class ClaimFilter(CaseScopedFilter):
    class Meta:
        model = Claim
        fields: list[str] = []


class IssueFilter(CaseScopedFilter):
    class Meta:
        model = Issue
        fields: list[str] = []


class DocumentFilter(FilterSet):
    case = df.CharFilter(field_name="cases__slug", help_text="Case slug.", distinct=True)
    owner = df.CharFilter(method="filter_owner", help_text="Owner party (slug or name).")

    class Meta:
        model = Document
        fields: list[str] = []

    def filter_owner(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(party_q(value, "owner"))


class ClauseFilter(FilterSet):
    document = df.CharFilter(field_name="document__slug", help_text="Document slug.")
    case = df.CharFilter(field_name="document__cases__slug", help_text="Case slug.", distinct=True)
    q = df.CharFilter(field_name="title", lookup_expr="icontains")

    class Meta:
        model = Clause
        fields: list[str] = []


class FeedFilter(FilterSet):
    case = df.CharFilter(field_name="cases__slug", help_text="Case slug.", distinct=True)
    status = df.ChoiceFilter(choices=Feed.Status.choices)

    class Meta:
        model = Feed
        fields: list[str] = []

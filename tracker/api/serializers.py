"""Serializers for articles, links, positions, events and stories (the contract fields).

Field names follow design.md's REST contract exactly; extra fields are additions.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tracker.cases.models import Event, ReviewStatus
from tracker.linking.models import Evidence, Link, Position, TargetType
from tracker.news.models import Article, Story
from tracker.review.roles import can_see_people

from .jsontypes import JSONTypesMixin
from .versioning import version_field

MAX_ID = 2**63 - 1


class OptionalURLField(serializers.CharField):
    """An http(s) URL that may be empty: the schema says string, as "" is no valid uri."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("help_text", "An http(s) URL, or empty when unknown.")
        super().__init__(**kwargs)

    def to_internal_value(self, data) -> str:
        value = super().to_internal_value(data)
        if value:  # validated here, not as a field validator, so the schema keeps no uri format
            try:
                URLValidator(schemes=["http", "https"])(value)
            except DjangoValidationError as exc:
                raise serializers.ValidationError("Enter a valid http(s) URL.") from exc
        return value


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evidence
        fields = ["exact", "prefix", "suffix", "start", "end", "part"]


class ArticleLinkSerializer(serializers.ModelSerializer):
    """A link as nested in an article."""

    target = serializers.CharField(source="target_label", read_only=True, help_text="Name or slug.")
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = Link
        fields = [
            "id",
            "target_type",
            "target",
            "status",
            "origin",
            "confidence",
            "reason",
            "evidence",
        ]


class UsernameField(serializers.CharField):
    """A username, shown to readers with a role only (review.roles.can_see_people)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def get_attribute(self, instance):
        request = self.context.get("request")
        if request is None or not can_see_people(request.user):
            return None
        return super().get_attribute(instance)


class LinkSerializer(ArticleLinkSerializer):
    article = serializers.PrimaryKeyRelatedField(read_only=True)
    created_by = UsernameField(source="created_by.username")
    reviewed_by = UsernameField(source="reviewed_by.username")

    class Meta:
        model = Link
        fields = [
            *ArticleLinkSerializer.Meta.fields,
            "article",
            "stale",
            "version",
            "created_by",
            "reviewed_by",
            "reviewed_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class LinkReviewSerializer(JSONTypesMixin, serializers.Serializer):
    """PATCH body: the new status, and optionally the version the client last read."""

    status = serializers.ChoiceField(
        choices=ReviewStatus.choices, help_text="accepted or rejected; suggested undoes a review."
    )
    version = version_field()


class QuoteSerializer(JSONTypesMixin, serializers.Serializer):
    exact = serializers.CharField(max_length=5000, trim_whitespace=False)
    prefix = serializers.CharField(
        max_length=200, required=False, allow_blank=True, trim_whitespace=False
    )
    suffix = serializers.CharField(
        max_length=200, required=False, allow_blank=True, trim_whitespace=False
    )


class LinkCreateSerializer(JSONTypesMixin, serializers.Serializer):
    """POST body: the server finds each quote in the article's text and fills its offsets."""

    article = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    target_type = serializers.ChoiceField(choices=TargetType.choices)
    target = serializers.CharField(max_length=500, help_text="Party name, or slug, ref or title.")
    evidence = QuoteSerializer(many=True, min_length=1, max_length=50)
    status = serializers.ChoiceField(
        choices=ReviewStatus.choices, default=ReviewStatus.ACCEPTED, required=False
    )

    def validate_article(self, value: int) -> Article:
        article = Article.objects.filter(pk=value).first()
        if article is None:
            raise serializers.ValidationError(f"no article with id {value}")
        return article


class PositionCreateSerializer(JSONTypesMixin, serializers.Serializer):
    """POST body: a party's stance on an issue, shown by a quote the server finds."""

    article = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    party = serializers.CharField(max_length=300, help_text="Party name, alias or slug.")
    issue = serializers.CharField(max_length=300, help_text="Issue slug.")
    stance = serializers.ChoiceField(choices=Position.Stance.choices)
    quote = serializers.CharField(max_length=5000, trim_whitespace=False)
    prefix = serializers.CharField(
        max_length=200, required=False, allow_blank=True, trim_whitespace=False
    )
    suffix = serializers.CharField(
        max_length=200, required=False, allow_blank=True, trim_whitespace=False
    )
    status = serializers.ChoiceField(
        choices=ReviewStatus.choices, default=ReviewStatus.ACCEPTED, required=False
    )

    validate_article = LinkCreateSerializer.validate_article


class HistoryChangeSerializer(serializers.Serializer):
    """One field's change: `from` what `to` what (related objects by name)."""

    field = serializers.CharField()

    def get_fields(self) -> dict:
        fields = super().get_fields()
        fields["from"] = serializers.JSONField(allow_null=True, help_text="Value before.")
        fields["to"] = serializers.JSONField(allow_null=True, help_text="Value after.")
        return fields


class HistoryEntrySerializer(serializers.Serializer):
    """One recorded change (tracker.review.selectors.history_of): who, when, what."""

    id = serializers.IntegerField()
    who = serializers.CharField(allow_null=True, help_text="Username, or null for the system.")
    when = serializers.DateTimeField()
    action = serializers.ChoiceField(choices=["created", "changed", "deleted"])
    reason = serializers.CharField(allow_blank=True)
    changes = HistoryChangeSerializer(
        many=True, help_text="What changed; a creation lists its first values (from null)."
    )


def history_entries(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """history_of()'s entries in the API's shape: who, when, action, reason and changes
    [{field, from, to}] (also accepting the older at/user/kind/old/new/initial spellings)."""
    out = []
    for entry in entries:
        changes = [
            {
                "field": c["field"],
                "from": c.get("old", c.get("from")),
                "to": c.get("new", c.get("to")),
            }
            for c in entry.get("changes", [])
        ]
        changes += [
            {"field": c["field"], "from": None, "to": c.get("value")}
            for c in entry.get("initial", [])
        ]
        out.append(
            {
                "id": entry.get("id", 0),
                "who": entry.get("who", entry.get("user")),
                "when": entry.get("when", entry.get("at")),
                "action": entry.get("action", entry.get("kind")),
                "reason": entry.get("reason", ""),
                "changes": changes,
            }
        )
    return out


class ArticleSerializer(serializers.ModelSerializer):
    url = OptionalURLField(read_only=True)
    story = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    links = ArticleLinkSerializer(many=True, read_only=True)

    class Meta:
        model = Article
        fields = ["id", "url", "title", "published", "source", "story", "author", "links"]
        read_only_fields = fields


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "text"]
        read_only_fields = fields


class PositionSerializer(serializers.ModelSerializer):
    party = serializers.CharField(source="party.name", read_only=True)
    party_slug = serializers.CharField(source="party.slug", read_only=True)
    issue = serializers.CharField(source="issue.slug", read_only=True)
    case = serializers.CharField(source="issue.case.slug", read_only=True)
    article = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    reviewed_by = UsernameField(source="reviewed_by.username")

    class Meta:
        model = Position
        fields = [
            "id",
            "party",
            "party_slug",
            "issue",
            "case",
            "stance",
            "status",
            "origin",
            "confidence",
            "rule",
            "quote",
            "prefix",
            "suffix",
            "start",
            "end",
            "article",
            "date",
            "stale",
            "version",
            "reviewed_by",
            "reviewed_at",
        ]
        read_only_fields = fields


class EventSerializer(serializers.ModelSerializer):
    date = serializers.CharField(
        source="date_iso", read_only=True, help_text="ISO 8601 as precise as known."
    )
    first_day = serializers.DateField(source="date", read_only=True)
    case = serializers.CharField(source="case.slug", read_only=True)
    articles = serializers.SerializerMethodField(help_text="Ids of articles reporting it.")
    reviewed_by = UsernameField(source="reviewed_by.username")
    source_url = OptionalURLField(read_only=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "date",
            "precision",
            "kind",
            "title",
            "status",
            "articles",
            "case",
            "first_day",
            "description",
            "source_url",
            "keywords",
            "origin",
            "confidence",
            "reviewed_by",
            "reviewed_at",
            "version",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_articles(self, obj: Event) -> list[int]:
        links = getattr(obj, "reporting_links", None)
        if links is None:
            links = obj.links.exclude(status=ReviewStatus.REJECTED).order_by("article_id")
        return sorted({link.article_id for link in links})


class StorySerializer(serializers.ModelSerializer):
    articles = serializers.SerializerMethodField()

    class Meta:
        model = Story
        fields = ["id", "title", "articles", "first_published"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_articles(self, obj: Story) -> list[int]:
        return [article.id for article in obj.articles.all()]

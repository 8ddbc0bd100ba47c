"""Serializers for the case side: cases, parties, claims, issues, documents, clauses, feeds.

Editors write these; everyone who may read reads them.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tracker.cases.models import (
    Case,
    CaseParty,
    Claim,
    ClaimStatus,
    Clause,
    ClauseVersion,
    Document,
    Event,
    Issue,
    Party,
    ReviewStatus,
)
from tracker.cases.services import editor_save
from tracker.news.feeds import feed_edit
from tracker.news.models import Feed

from .jsontypes import JSONTypesMixin
from .serializers import OptionalURLField
from .versioning import version_field


class EditorWriteMixin(serializers.Serializer):
    """Creates and changes go through the services (cases.services.editor_save, and
    news.feeds.feed_edit for feeds): the serializer validates, the service writes. `version`
    is the row's counter (tracker.core.versioning); a PATCH's is checked, a POST's ignored."""

    version = version_field()

    def create(self, validated_data):
        validated_data.pop("version", None)
        return self.write(obj=self.Meta.model(), values=validated_data, expected_version=None)

    def update(self, instance, validated_data):
        validated_data.pop("version", None)
        expected = validated_data.pop("expected_version", None)
        return self.write(obj=instance, values=validated_data, expected_version=expected)

    def write(self, *, obj, values: dict, expected_version: int | None):
        user = self.context["request"].user
        return editor_save(obj=obj, values=values, user=user, expected_version=expected_version)


def keywords() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=200), max_length=200, required=False
    )


class CasePartySerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="party.name", read_only=True)
    slug = serializers.CharField(source="party.slug", read_only=True)
    kind = serializers.CharField(source="party.kind", read_only=True)

    class Meta:
        model = CaseParty
        fields = ["name", "slug", "kind", "role"]
        read_only_fields = fields


class CaseSerializer(JSONTypesMixin, EditorWriteMixin, serializers.ModelSerializer):
    parties = CasePartySerializer(source="roles", many=True, read_only=True)
    judge = serializers.SerializerMethodField(
        help_text="The name of the party assigned last with the role judge, or null."
    )

    class Meta:
        model = Case
        fields = [
            "id",
            "slug",
            "title",
            "summary",
            "court",
            "docket",
            "status",
            "caption",
            "date_filed",
            "date_terminated",
            "cause",
            "nature_of_suit",
            "jurisdiction",
            "jury_demand",
            "judge",
            "courtlistener_docket",
            "pacer_case_id",
            "parties",
            "created_at",
            "updated_at",
            "version",
        ]
        read_only_fields = ["id", "judge", "parties", "created_at", "updated_at"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_judge(self, obj: Case) -> str | None:
        judges = [r for r in obj.roles.all() if r.role == CaseParty.Role.JUDGE]
        return max(judges, key=lambda r: r.pk).party.name if judges else None

    def validate(self, attrs: dict) -> dict:
        filed = attrs.get("date_filed", getattr(self.instance, "date_filed", None))
        ended = attrs.get("date_terminated", getattr(self.instance, "date_terminated", None))
        if filed and ended and ended < filed:
            raise serializers.ValidationError(
                {"date_terminated": f"{ended} is before date_filed {filed}"}
            )
        return attrs


class PartySerializer(JSONTypesMixin, EditorWriteMixin, serializers.ModelSerializer):
    aliases = serializers.SerializerMethodField()

    class Meta:
        model = Party
        fields = ["id", "name", "slug", "kind", "description", "aliases", "version"]
        read_only_fields = ["id", "aliases"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_aliases(self, obj: Party) -> list[str]:
        return [alias.name for alias in obj.aliases.all()]

    def validate_name(self, value: str) -> str:
        others = Party.objects.filter(name__iexact=value)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise serializers.ValidationError("a party with this name already exists")
        return value


class ClaimStatusSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClaimStatus
        fields = ["status", "date", "precision", "source_url", "note"]
        read_only_fields = fields


class ClaimSerializer(JSONTypesMixin, EditorWriteMixin, serializers.ModelSerializer):
    case = serializers.SlugRelatedField(slug_field="slug", queryset=Case.objects.all())
    status_history = ClaimStatusSerializer(
        many=True, read_only=True, help_text="Where the claim stood when, oldest first."
    )
    by = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Party.objects.all(), required=False
    )
    against = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Party.objects.all(), required=False
    )
    keywords = keywords()

    class Meta:
        model = Claim
        fields = [
            "id",
            "case",
            "slug",
            "title",
            "description",
            "by",
            "against",
            "keywords",
            "status_history",
            "version",
        ]
        read_only_fields = ["id", "status_history"]


class IssueSerializer(JSONTypesMixin, EditorWriteMixin, serializers.ModelSerializer):
    case = serializers.SlugRelatedField(slug_field="slug", queryset=Case.objects.all())
    keywords = keywords()

    class Meta:
        model = Issue
        fields = ["id", "case", "slug", "title", "description", "keywords", "version"]
        read_only_fields = ["id"]


class ClauseVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClauseVersion
        fields = ["id", "text", "effective"]
        read_only_fields = ["id"]


class ClauseSerializer(JSONTypesMixin, EditorWriteMixin, serializers.ModelSerializer):
    document = serializers.SlugRelatedField(slug_field="slug", queryset=Document.objects.all())
    label = serializers.SerializerMethodField(help_text="document#ref, as links name it.")
    keywords = keywords()
    versions = ClauseVersionSerializer(many=True, read_only=True)

    class Meta:
        model = Clause
        fields = [
            "id",
            "document",
            "ref",
            "label",
            "title",
            "keywords",
            "versions",
            "position",
            "removed_on",
            "version",
        ]
        read_only_fields = ["id", "label", "versions", "position", "removed_on"]

    def get_label(self, obj: Clause) -> str:
        return f"{obj.document.slug}#{obj.ref}"


class DocumentSerializer(serializers.ModelSerializer):
    owner = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    clauses = ClauseSerializer(many=True, read_only=True)
    url = OptionalURLField(read_only=True)

    class Meta:
        model = Document
        fields = ["id", "slug", "title", "owner", "url", "track", "clauses"]
        read_only_fields = fields


class FeedSerializer(JSONTypesMixin, EditorWriteMixin, serializers.ModelSerializer):
    cases = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Case.objects.all(), required=False
    )
    site_url = OptionalURLField(max_length=2000, required=False, allow_blank=True)

    class Meta:
        model = Feed
        fields = [
            "id",
            "url",
            "title",
            "site_url",
            "status",
            "interval_seconds",
            "fetch_full_text",
            "full_text_backlog",
            "cases",
            "last_fetched_at",
            "last_success_at",
            "error_count",
            "last_error",
            "version",
        ]
        read_only_fields = [
            "id",
            "full_text_backlog",
            "last_fetched_at",
            "last_success_at",
            "error_count",
            "last_error",
        ]
        extra_kwargs = {"interval_seconds": {"min_value": 60, "max_value": 7 * 86400}}

    def write(self, *, obj: Feed, values: dict, expected_version: int | None) -> Feed:
        user = self.context["request"].user
        return feed_edit(feed=obj, values=values, user=user, expected_version=expected_version)


class EventWriteSerializer(JSONTypesMixin, serializers.ModelSerializer):
    """POST /events/ by an analyst: a new event, accepted (review.services.event_create)."""

    case = serializers.SlugRelatedField(slug_field="slug", queryset=Case.objects.all())
    date = serializers.DateField(help_text="The day, or the first day of the month or year.")
    source_url = OptionalURLField(max_length=2000, required=False, allow_blank=True)
    keywords = keywords()

    class Meta:
        model = Event
        fields = [
            "case",
            "date",
            "precision",
            "kind",
            "title",
            "description",
            "source_url",
            "keywords",
        ]


class ReviewSerializer(JSONTypesMixin, serializers.Serializer):
    """PATCH body for positions and events: accept or reject."""

    status = serializers.ChoiceField(
        choices=ReviewStatus.choices, help_text="accepted or rejected; suggested undoes a review."
    )
    version = version_field()


class ClauseVersionDataSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    effective = serializers.DateField()
    text = serializers.CharField()


class DiffPartSerializer(serializers.Serializer):
    op = serializers.ChoiceField(choices=["equal", "insert", "delete"])
    text = serializers.CharField()


class ClauseInForceQuerySerializer(serializers.Serializer):
    date = serializers.DateField(
        required=False, help_text="The day asked about (YYYY-MM-DD); today when left out."
    )


class ClauseInForceSerializer(serializers.Serializer):
    """GET /clauses/{id}/in-force/: the wording that applied on a date, and what changed since."""

    clause = serializers.IntegerField()
    document = serializers.CharField(help_text="The terms document's slug.")
    ref = serializers.CharField()
    title = serializers.CharField()
    date = serializers.DateField()
    in_force = ClauseVersionDataSerializer(
        allow_null=True, help_text="The version in force that day; null before the first one."
    )
    current = ClauseVersionDataSerializer(allow_null=True, help_text="The newest version.")
    is_current = serializers.BooleanField()
    diff = DiffPartSerializer(
        many=True, help_text="Word-level changes from `in_force` to `current`."
    )
    url = serializers.URLField(help_text="The clause's in-force page on the site.")

"""Primary sources in the API: a case's CourtListener docket (attach, state, refresh) and its
docket entries. Reads are public like the rest; attaching and refreshing need an editor."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django_filters import rest_framework as df
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from tracker.cases.models import Case
from tracker.sources import tasks
from tracker.sources.models import DocketEntry, DocketSync
from tracker.sources.services import AttachError, docket_attach

from .schema import ERROR


class DocketEntrySerializer(serializers.ModelSerializer):
    case = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    documents = serializers.JSONField(
        help_text="[{number, attachment, description, url, available, pages}]"
    )

    class Meta:
        model = DocketEntry
        fields = [
            "id",
            "case",
            "number",
            "date_filed",
            "description",
            "kind",
            "url",
            "documents",
            "event",
            "remote_id",
            "remote_modified",
            "first_seen_at",
        ]
        read_only_fields = fields


class DocketSerializer(serializers.ModelSerializer):
    case = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    entries = serializers.IntegerField(source="case.docket_entries.count", read_only=True)

    class Meta:
        model = DocketSync
        fields = [
            "case",
            "docket_id",
            "page_url",
            "entries",
            "last_attempt_at",
            "last_success_at",
            "last_error",
            "last_error_at",
            "failures",
            "next_try_at",
            "requests_last",
            "entries_since",
        ]
        read_only_fields = fields


class AttachSerializer(serializers.Serializer):
    case = serializers.SlugField()
    docket = serializers.CharField(
        max_length=2000, help_text="CourtListener's docket id or the URL of its docket page."
    )


class DocketEntryFilter(df.FilterSet):
    case = df.CharFilter(field_name="case__slug")
    kind = df.CharFilter()

    class Meta:
        model = DocketEntry
        fields = ["case", "kind"]


@extend_schema(tags=["sources"])
class DocketEntryViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DocketEntrySerializer
    filterset_class = DocketEntryFilter
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self) -> QuerySet[DocketEntry]:
        return DocketEntry.objects.select_related("case").order_by("-id")


@extend_schema(tags=["sources"])
class DocketViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """A case's docket, looked up by the case's slug. POST attaches one (and queues a refresh);
    POST .../refresh/ queues a refresh now."""

    serializer_class = DocketSerializer
    lookup_field = "case__slug"
    lookup_url_kwarg = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]{1,100}"
    write_role = "editor"
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[DocketSync]:
        return DocketSync.objects.select_related("case").order_by("-id")

    @extend_schema(
        request=AttachSerializer,
        responses={201: DocketSerializer, 400: ERROR, 401: ERROR, 403: ERROR},
    )
    def create(self, request, *args, **kwargs) -> Response:
        data = AttachSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = Case.objects.filter(slug=data.validated_data["case"]).first()
        if case is None:
            raise ValidationError({"case": f"no case {data.validated_data['case']!r}"})
        try:
            sync = docket_attach(case=case, url_or_id=data.validated_data["docket"])
        except AttachError as exc:
            raise ValidationError({"docket": str(exc)}) from exc
        transaction.on_commit(lambda: tasks.docket_refresh_task.delay(sync.pk))
        return Response(DocketSerializer(sync).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={202: DocketSerializer, 403: ERROR, 404: ERROR})
    @action(detail=True, methods=["post"])
    def refresh(self, request, slug: str) -> Response:
        sync = get_object_or_404(DocketSync, case__slug=slug)
        transaction.on_commit(lambda: tasks.docket_refresh_task.delay(sync.pk))
        return Response(DocketSerializer(sync).data, status=status.HTTP_202_ACCEPTED)

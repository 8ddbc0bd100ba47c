from __future__ import annotations

from django.contrib import admin, messages

from .models import DocketEntry, DocketParty, DocketSync, DocumentChange, DocumentTrack
from .services import docket_refresh, document_refresh


@admin.register(DocketSync)
class DocketSyncAdmin(admin.ModelAdmin):
    list_display = ["case", "docket_id", "last_success_at", "last_error", "next_try_at"]
    search_fields = ["case__title", "case__slug", "docket_id"]
    readonly_fields = [
        "page_url",
        "entries_since",
        "parties_since",
        "applied",
        "last_attempt_at",
        "last_success_at",
        "last_error",
        "last_error_at",
        "failures",
        "next_try_at",
        "requests_last",
    ]
    autocomplete_fields = ["case"]
    actions = ["refresh_now"]

    @admin.action(description="Refresh from CourtListener now")
    def refresh_now(self, request, queryset) -> None:
        for sync in queryset.select_related("case"):
            report = docket_refresh(sync=sync)
            if sync.last_error:
                self.message_user(request, f"{sync.case}: {sync.last_error}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    f"{sync.case}: {report.entries_created} new and {report.entries_updated} "
                    f"changed entries in {report.requests} requests",
                )


@admin.register(DocketEntry)
class DocketEntryAdmin(admin.ModelAdmin):
    list_display = ["case", "number", "date_filed", "kind", "description", "event"]
    list_filter = ["case", "kind"]
    search_fields = ["description"]
    date_hierarchy = "date_filed"
    raw_id_fields = ["event"]
    readonly_fields = [
        "case",
        "remote_id",
        "number",
        "date_filed",
        "description",
        "documents",
        "remote_modified",
        "url",
        "first_seen_at",
        "updated_at",
    ]


@admin.register(DocketParty)
class DocketPartyAdmin(admin.ModelAdmin):
    list_display = ["name", "case", "types", "party"]
    list_filter = ["case"]
    search_fields = ["name"]
    raw_id_fields = ["party"]
    readonly_fields = ["case", "remote_id", "name", "types"]


@admin.register(DocumentTrack)
class DocumentTrackAdmin(admin.ModelAdmin):
    list_display = ["document", "last_success_at", "last_error", "next_try_at"]
    search_fields = ["document__title", "document__slug"]
    readonly_fields = [
        "document",
        "etag",
        "last_modified",
        "text_hash",
        "clause_ids",
        "last_attempt_at",
        "last_success_at",
        "last_error",
        "last_error_at",
        "failures",
        "next_try_at",
        "requests_last",
    ]
    actions = ["fetch_now"]

    @admin.action(description="Fetch the document now")
    def fetch_now(self, request, queryset) -> None:
        for track in queryset.select_related("document"):
            outcome = document_refresh(track=track)
            if outcome.get("error"):
                self.message_user(request, f"{track.document}: {outcome['error']}", messages.ERROR)
            else:
                self.message_user(
                    request, f"{track.document}: {outcome['ops']} clause change(s) recorded"
                )


@admin.register(DocumentChange)
class DocumentChangeAdmin(admin.ModelAdmin):
    list_display = ["document", "seen_at", "effective", "baseline"]
    list_filter = ["document", "baseline"]
    date_hierarchy = "seen_at"
    readonly_fields = ["document", "seen_at", "effective", "baseline", "ops"]

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Alias,
    Case,
    CaseParty,
    CaseRelation,
    Claim,
    ClaimStatus,
    Clause,
    ClauseVersion,
    Document,
    Event,
    Issue,
    Party,
)
from .services import case_ids_of, cases_changed


class CasePartyInline(admin.TabularInline):
    model = CaseParty
    extra = 0
    autocomplete_fields = ["party"]


class CaseRelationInline(admin.TabularInline):
    model = CaseRelation
    fk_name = "from_case"
    extra = 0


class ClaimStatusInline(admin.TabularInline):
    model = ClaimStatus
    extra = 0


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 0


class ClauseVersionInline(admin.TabularInline):
    model = ClauseVersion
    extra = 0


class ClauseInline(admin.TabularInline):
    model = Clause
    extra = 0
    show_change_link = True


@admin.register(Case)
class CaseAdmin(SimpleHistoryAdmin):
    list_display = ["title", "slug", "court", "docket", "date_filed", "status", "updated_at"]
    list_filter = ["status", "court"]
    search_fields = ["title", "slug", "docket", "caption", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CasePartyInline, CaseRelationInline]
    filter_horizontal = ["documents"]
    fieldsets = [
        (None, {"fields": ["slug", "title", "summary", "status", "documents"]}),
        (
            "Court record",
            {
                "description": "The judge is a party with the role judge (below).",
                "fields": [
                    "caption",
                    ("court", "docket"),
                    ("date_filed", "date_terminated"),
                    "cause",
                    "nature_of_suit",
                    ("jurisdiction", "jury_demand"),
                    ("courtlistener_docket", "pacer_case_id"),
                ],
            },
        ),
    ]


class RelinkOnSave:
    """Admin edits of names, aliases and keywords relink the affected cases' articles (the
    TRACKER_AFTER_CASE_LOAD hooks, after commit), as a changed case file does."""

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        cases_changed(case_ids=case_ids_of(form.instance))


@admin.register(Party)
class PartyAdmin(RelinkOnSave, SimpleHistoryAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind", "roles__role"]
    search_fields = ["name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AliasInline, CasePartyInline]


@admin.register(Claim)
class ClaimAdmin(RelinkOnSave, SimpleHistoryAdmin):
    list_display = ["title", "slug", "case"]
    list_filter = ["case"]
    search_fields = ["title", "slug", "description"]
    autocomplete_fields = ["by", "against"]
    inlines = [ClaimStatusInline]


@admin.register(Issue)
class IssueAdmin(RelinkOnSave, SimpleHistoryAdmin):
    list_display = ["title", "slug", "case"]
    list_filter = ["case"]
    search_fields = ["title", "slug", "description"]


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "slug", "owner", "url", "track"]
    list_filter = ["owner", "track"]
    search_fields = ["title", "slug"]
    inlines = [ClauseInline]


@admin.register(Clause)
class ClauseAdmin(RelinkOnSave, SimpleHistoryAdmin):
    list_display = ["title", "ref", "document"]
    list_filter = ["document"]
    search_fields = ["title", "ref", "versions__text"]
    inlines = [ClauseVersionInline]


@admin.register(Event)
class EventAdmin(RelinkOnSave, SimpleHistoryAdmin):
    list_display = ["date", "precision", "kind", "title", "case", "status", "origin"]
    list_filter = ["case", "status", "origin", "kind", "precision"]
    search_fields = ["title", "description"]
    date_hierarchy = "date"
    readonly_fields = ["reviewed_by", "reviewed_at", "created_at", "updated_at"]

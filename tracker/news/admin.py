from __future__ import annotations

from django.contrib import admin
from django.db import models, transaction
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from tracker.news.feeds import feed_save
from tracker.news.models import Article, ArticleVersion, Feed, Story
from tracker.news.services import articles_edited


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "url",
        "status",
        "entry_count",
        "last_success_at",
        "next_fetch_at",
        "error_count",
        "fetch_full_text",
        "short_error",
    )
    list_filter = ("status", "fetch_full_text", "cases")
    search_fields = ("title", "url", "site_url", "last_error")
    readonly_fields = (
        "etag",
        "last_modified",
        "full_text_backlog",
        "last_fetched_at",
        "last_success_at",
        "created_at",
    )
    filter_horizontal = ("cases",)
    actions = ("reactivate",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Feed]:
        return super().get_queryset(request).annotate(n_articles=Count("articles"))

    @admin.display(description="entries", ordering="n_articles")
    def entry_count(self, obj: Feed) -> int:
        return obj.n_articles

    @admin.display(description="last error")
    def short_error(self, obj: Feed) -> str:
        return obj.last_error[:80]

    def save_model(self, request: HttpRequest, obj: Feed, form, change: bool) -> None:
        feed_save(obj)

    @admin.action(description="Reactivate (fetch again soon, clear errors)")
    def reactivate(self, request: HttpRequest, queryset: QuerySet[Feed]) -> None:
        queryset.update(status=Feed.Status.ACTIVE, error_count=0, next_fetch_at=None)


class VersionInline(admin.TabularInline):
    model = ArticleVersion
    extra = 0
    fields = ("created_at", "title", "content_hash")
    readonly_fields = fields
    can_delete = False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "source", "published", "feed", "story", "updated_at")
    list_filter = ("cases", "feed", "original_type")
    search_fields = ("title", "url", "source", "text")
    date_hierarchy = "published"
    list_select_related = ("feed", "story")
    raw_id_fields = ("feed", "story")
    filter_horizontal = ("cases",)
    readonly_fields = (
        "identity",
        "source_key",
        "entry_key",
        "content_hash",
        "created_at",
        "updated_at",
    )
    exclude = ("minhash",)
    inlines = (VersionInline,)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request: HttpRequest, obj: Article, form, change: bool) -> None:
        """An edited title or text is clustered, linked and indexed again once saved."""
        super().save_model(request, obj, form, change)
        if change and {"title", "text"} & set(form.changed_data):
            transaction.on_commit(lambda: articles_edited(article_ids=[obj.pk]))


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ("title", "first_published", "article_count", "updated_at")
    search_fields = ("title",)
    date_hierarchy = "first_published"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Story]:
        return super().get_queryset(request).annotate(n_articles=Count("articles"))

    @admin.display(description="articles", ordering="n_articles")
    def article_count(self, obj: Story) -> int:
        return obj.n_articles


@admin.register(ArticleVersion)
class ArticleVersionAdmin(admin.ModelAdmin):
    list_display = ("article", "title", "created_at")
    search_fields = ("title", "article__title")
    list_select_related = ("article",)
    raw_id_fields = ("article",)

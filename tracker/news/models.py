"""Feeds, the articles their entries become (with earlier versions kept), and stories."""

from __future__ import annotations

from django.db import models

from tracker.cases.models import Case
from tracker.core.versioning import Versioned


class Feed(Versioned):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        BACKOFF = "backoff", "Backing off after failures"
        MUTED = "muted", "Muted (gone, HTTP 410)"
        DISABLED = "disabled", "Disabled after many failures"

    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=500, blank=True)
    site_url = models.URLField(max_length=2000, blank=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_fetched_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    next_fetch_at = models.DateTimeField(null=True, blank=True, db_index=True)
    interval_seconds = models.PositiveIntegerField(default=3600)
    error_count = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    fetch_full_text = models.BooleanField(
        default=False, help_text="Fetch the page when an entry carries only a summary."
    )
    full_text_backlog = models.BooleanField(
        default=False,
        editable=False,
        help_text="Some entries were stored with their summary only (full text turned on later, "
        "or more pages than one fetch takes): the next fetch completes those still in the feed.",
    )
    cases = models.ManyToManyField(Case, blank=True, related_name="feeds")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "url"]

    def __str__(self) -> str:
        return self.title or self.url


class Story(models.Model):
    """One event as told by many outlets: the articles that are near-duplicates of each other."""

    title = models.CharField(max_length=1000)
    first_published = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-first_published", "-id"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title


class Article(models.Model):
    """A feed entry or article file. `original` is kept as received; `html` and `text` derive.

    `text` is the clean plain text that every evidence offset indexes into.
    """

    feed = models.ForeignKey(
        Feed, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    # Identity: where it came from (feed URL or file source) and the entry's key within it
    # ("id:<entry id>", "url:<normalised link>" or "hash:<content hash>"); `identity` is the
    # SHA-256 of both, unique, so a re-run or a retried task upserts instead of doubling.
    source_key = models.TextField()
    entry_key = models.TextField()
    identity = models.CharField(max_length=64, unique=True)
    url = models.URLField(max_length=2000, blank=True)
    title = models.CharField(max_length=1000)
    source = models.CharField(max_length=300, blank=True, help_text="The outlet's name.")
    author = models.CharField(max_length=300, blank=True)
    published = models.DateTimeField(null=True, blank=True, db_index=True)
    original = models.TextField(blank=True, help_text="The entry or file as received.")
    original_type = models.CharField(max_length=50, blank=True)
    html = models.TextField(blank=True, help_text="Sanitised HTML.")
    text = models.TextField(blank=True, help_text="Clean plain text; evidence offsets index it.")
    content_hash = models.CharField(max_length=64, db_index=True)
    minhash = models.BinaryField(null=True, blank=True)
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    cases = models.ManyToManyField(Case, blank=True, related_name="articles")
    linked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published", "-id"]
        indexes = [models.Index(fields=["story", "published"])]

    def __str__(self) -> str:
        return self.title


class ArticleVersion(models.Model):
    """An earlier state of an article, kept when its entry changed."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    title = models.CharField(max_length=1000)
    original = models.TextField(blank=True)
    html = models.TextField(blank=True)
    text = models.TextField(blank=True)
    content_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "-created_at"]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.created_at:%Y-%m-%d %H:%M}"

"""Primary sources: a case's court docket (mirrored from CourtListener) and terms documents
tracked at their URL, each with the state of its last synchronisation.

The mirrored rows (DocketEntry, DocketParty) belong to the remote side: a refresh updates them.
What analysts own (the case's fields, events, clauses) is only ever filled in, never overwritten:
see dockets.py and terms.py.
"""

from __future__ import annotations

from django.db import models

from tracker.cases.models import Case, Document, Event, Party


class SyncState(models.Model):
    """When a source was last tried and last read in full, and why the last try failed."""

    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    failures = models.PositiveIntegerField(default=0, help_text="Failed refreshes in a row.")
    next_try_at = models.DateTimeField(
        null=True, blank=True, help_text="Not before this (a Retry-After, or backing off)."
    )
    requests_last = models.PositiveIntegerField(
        default=0, help_text="HTTP requests the last refresh made."
    )

    class Meta:
        abstract = True

    @property
    def healthy(self) -> bool:
        return not self.last_error


class DocketSync(SyncState):
    """A case attached to a CourtListener docket."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="docket_sync")
    docket_id = models.PositiveBigIntegerField(help_text="CourtListener's docket id.")
    page_url = models.URLField(max_length=2000, blank=True, help_text="The docket's page.")
    entries_since = models.DateTimeField(
        null=True, blank=True, help_text="The newest date_modified of the entries read."
    )
    parties_since = models.DateTimeField(null=True, blank=True)
    applied = models.JSONField(
        default=dict,
        blank=True,
        help_text="The case fields the last refresh wrote: one an editor has changed since is "
        "left alone.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "docket sync"

    def __str__(self) -> str:
        return f"{self.case} <- CourtListener docket {self.docket_id}"


class DocketEntry(models.Model):
    """One numbered entry of a docket, with its documents, as CourtListener lists it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="docket_entries")
    remote_id = models.PositiveBigIntegerField(help_text="CourtListener's docket-entry id.")
    number = models.PositiveIntegerField(null=True, blank=True)
    date_filed = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True)
    documents = models.JSONField(
        default=list,
        blank=True,
        help_text="[{number, attachment, description, url, available, pages}]",
    )
    remote_modified = models.DateTimeField(null=True, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    kind = models.CharField(max_length=20, choices=Event.Kind.choices, default=Event.Kind.OTHER)
    event = models.ForeignKey(
        Event,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="docket_entries",
        help_text="The event this entry is the primary source of.",
    )
    first_seen_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["case", "date_filed", "number", "id"]
        verbose_name_plural = "docket entries"
        indexes = [models.Index(fields=["case", "date_filed"])]
        constraints = [
            models.UniqueConstraint(fields=["case", "remote_id"], name="docketentry_unique_remote")
        ]

    def __str__(self) -> str:
        number = f"#{self.number} " if self.number is not None else ""
        return f"{number}{self.date_filed or ''} {self.description[:60]}".strip()


class DocketParty(models.Model):
    """A party as the docket lists it, matched to the case's party of that name when there is one."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="docket_parties")
    remote_id = models.PositiveBigIntegerField()
    name = models.CharField(max_length=500)
    types = models.JSONField(default=list, blank=True, help_text="Plaintiff, Defendant...")
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.SET_NULL, related_name="docket_listings"
    )

    class Meta:
        ordering = ["case", "name"]
        verbose_name_plural = "docket parties"
        constraints = [
            models.UniqueConstraint(fields=["case", "remote_id"], name="docketparty_unique_remote")
        ]

    def __str__(self) -> str:
        return self.name


class DocumentTrack(SyncState):
    """A terms document fetched from its URL on a schedule (Document.track)."""

    document = models.OneToOneField(Document, on_delete=models.CASCADE, related_name="tracking")
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    text_hash = models.CharField(max_length=64, blank=True, help_text="Of the clauses last read.")
    clause_ids = models.JSONField(
        default=list,
        blank=True,
        help_text="The clauses the last read found (others are not "
        "closed when missing: the case file may hold excerpts that were never matched).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tracked document"

    def __str__(self) -> str:
        return f"{self.document} <- {self.document.url}"


class DocumentChange(models.Model):
    """What one read of a tracked document found changed: clauses changed, added, removed."""

    class Op(models.TextChoices):
        CHANGED = "changed", "Changed"
        ADDED = "added", "Added"
        REMOVED = "removed", "Removed"
        RESTORED = "restored", "Back again"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="changes")
    seen_at = models.DateTimeField()
    effective = models.DateField(help_text="The document's own date, else the day first seen.")
    baseline = models.BooleanField(
        default=False, help_text="The first read: what the document held when tracking began."
    )
    ops = models.JSONField(
        default=list, help_text="[{op, clause, ref, title, old, new}] in document order"
    )

    class Meta:
        ordering = ["document", "-seen_at", "-id"]
        indexes = [models.Index(fields=["document", "seen_at"])]

    def __str__(self) -> str:
        return f"{self.document}: {len(self.ops)} clause change(s) seen {self.seen_at:%Y-%m-%d}"

    def count(self, op: str) -> int:
        return sum(1 for item in self.ops if item.get("op") == op)

"""The case model: cases, parties and their roles, claims, issues, terms documents, events.

Review state (suggested / accepted / rejected) is shared with the linking app through
`ReviewStatus` and `Origin`, so an event suggested from articles and one declared in a case file
live in one table.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from tracker.core.versioning import Versioned


class ReviewStatus(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class Origin(models.TextChoices):
    AUTO = "auto", "Automatic"
    ANALYST = "analyst", "Analyst"
    CASEFILE = "casefile", "Case file"


class Case(Versioned):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        STAYED = "stayed", "Stayed"
        SETTLED = "settled", "Settled"
        DECIDED = "decided", "Decided"
        APPEALED = "appealed", "On appeal"
        CLOSED = "closed", "Closed"

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    court = models.CharField(max_length=300, blank=True)
    docket = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    # The court record, as a docket (and CourtListener) gives it. The judge is a party with
    # the role "judge" (CaseParty), not a field.
    caption = models.TextField(blank=True, help_text="The full caption, as on the docket.")
    date_filed = models.DateField(null=True, blank=True)
    date_terminated = models.DateField(null=True, blank=True)
    cause = models.CharField(
        max_length=500, blank=True, help_text="The cause of action, e.g. 28:1332 Diversity."
    )
    nature_of_suit = models.CharField(max_length=300, blank=True)
    jurisdiction = models.CharField(
        max_length=200, blank=True, help_text="e.g. Diversity, Federal question."
    )
    jury_demand = models.CharField(
        max_length=100, blank=True, help_text="Who demanded a jury: Plaintiff, Defendant, Both..."
    )
    courtlistener_docket = models.PositiveBigIntegerField(
        null=True, blank=True, unique=True, help_text="CourtListener's docket id."
    )
    pacer_case_id = models.CharField(max_length=100, blank=True, verbose_name="PACER case id")
    parties = models.ManyToManyField("Party", through="CaseParty", related_name="cases")
    documents = models.ManyToManyField("Document", blank=True, related_name="cases")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_terminated__isnull=True)
                | models.Q(date_filed__isnull=True)
                | models.Q(date_terminated__gte=models.F("date_filed")),
                name="case_terminated_after_filed",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Party(Versioned):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANIZATION = "organization", "Organization"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "parties"
        constraints = [models.UniqueConstraint(Lower("name"), name="party_name_ci_unique")]

    def __str__(self) -> str:
        return self.name


class Alias(models.Model):
    """Another name a party goes by in text. An alias belongs to one party only."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "aliases"
        constraints = [models.UniqueConstraint(Lower("name"), name="alias_name_ci_unique")]

    def __str__(self) -> str:
        return self.name


class CaseParty(models.Model):
    class Role(models.TextChoices):
        PLAINTIFF = "plaintiff", "Plaintiff"
        DEFENDANT = "defendant", "Defendant"
        COUNTER_PLAINTIFF = "counter-plaintiff", "Counter-plaintiff"
        COUNTER_DEFENDANT = "counter-defendant", "Counter-defendant"
        WITNESS = "witness", "Witness"
        JUDGE = "judge", "Judge"
        COUNSEL = "counsel", "Counsel"
        REGULATOR = "regulator", "Regulator"
        AMICUS = "amicus", "Amicus"
        COMMENTATOR = "commentator", "Commentator"
        STAKEHOLDER = "stakeholder", "Stakeholder"
        OTHER = "other", "Other"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="roles")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=30, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "party__name", "role"]
        verbose_name = "party role"
        constraints = [
            models.UniqueConstraint(fields=["case", "party", "role"], name="caseparty_unique_role")
        ]

    def __str__(self) -> str:
        return f"{self.party} ({self.role}) in {self.case}"


class Claim(Versioned):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="claims")
    slug = models.SlugField(max_length=100)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    by = models.ManyToManyField(Party, related_name="claims_made", blank=True)
    against = models.ManyToManyField(Party, related_name="claims_faced", blank=True)
    keywords = models.JSONField(default=list, blank=True)
    history = HistoricalRecords(m2m_fields=[by, against])

    class Meta:
        ordering = ["case", "title"]
        constraints = [models.UniqueConstraint(fields=["case", "slug"], name="claim_unique_slug")]

    def __str__(self) -> str:
        return self.title


class Issue(Versioned):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="issues")
    slug = models.SlugField(max_length=100)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    keywords = models.JSONField(default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "title"]
        constraints = [models.UniqueConstraint(fields=["case", "slug"], name="issue_unique_slug")]

    def __str__(self) -> str:
        return self.title


class Document(models.Model):
    """A terms document (terms of use, usage policy...) owned by a party; shared across cases."""

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=300)
    owner = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    url = models.URLField(max_length=2000, blank=True)
    track = models.BooleanField(
        default=False,
        help_text="Fetch the document from its URL on a schedule and follow its clauses' changes.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Clause(Versioned):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="clauses")
    ref = models.SlugField(max_length=100)
    title = models.CharField(max_length=300)
    keywords = models.JSONField(default=list, blank=True)
    position = models.PositiveIntegerField(
        null=True, blank=True, help_text="Its place in the document, when the document is tracked."
    )
    removed_on = models.DateField(
        null=True, blank=True, help_text="The day it was first seen gone from the document."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "ref"]
        constraints = [
            models.UniqueConstraint(fields=["document", "ref"], name="clause_unique_ref")
        ]

    def __str__(self) -> str:
        return f"{self.document}: {self.title}"

    def version_at(self, date: dt.date) -> ClauseVersion | None:
        """The version in force on `date`: the latest one effective on or before it."""
        return self.versions.filter(effective__lte=date).order_by("-effective").first()


class ClauseVersion(models.Model):
    clause = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="versions")
    text = models.TextField()
    effective = models.DateField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["clause", "effective"]
        get_latest_by = "effective"
        constraints = [
            models.UniqueConstraint(
                fields=["clause", "effective"], name="clauseversion_unique_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.clause} (from {self.effective:%Y-%m-%d})"


class Event(Versioned):
    """Something that happened in a case, dated as precisely as known.

    `date` holds the first day of the period when precision is month or year.
    """

    class Precision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"
        YEAR = "year", "Year"

    class Kind(models.TextChoices):
        FILING = "filing", "Filing"
        HEARING = "hearing", "Hearing"
        TESTIMONY = "testimony", "Testimony"
        RULING = "ruling", "Ruling"
        VERDICT = "verdict", "Verdict"
        SETTLEMENT = "settlement", "Settlement"
        APPEAL = "appeal", "Appeal"
        STATEMENT = "statement", "Statement"
        POLICY = "policy", "Policy change"
        OTHER = "other", "Other"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    date = models.DateField()
    precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.DAY)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(max_length=500)
    description = models.TextField(blank=True)
    source_url = models.URLField(max_length=2000, blank=True)
    keywords = models.JSONField(
        default=list,
        blank=True,
        help_text="Words reports use for this event beyond its title "
        '("unsolicited bid", "took the stand"); they let undated reports match it.',
    )
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.ACCEPTED
    )
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.CASEFILE)
    confidence = models.FloatField(default=1.0)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "date", "id"]
        indexes = [
            models.Index(fields=["case", "status", "date"]),
            # The review queue's orders (tracker.review.selectors), over all cases and in one
            models.Index(
                fields=["status", "-confidence", "-created_at", "-id"],
                name="event_queue_confidence",
            ),
            models.Index(fields=["status", "-created_at", "-id"], name="event_queue_newest"),
            models.Index(
                fields=["case", "status", "-confidence", "-created_at", "-id"],
                name="event_queue_case_confidence",
            ),
            models.Index(
                fields=["case", "status", "-created_at", "-id"], name="event_queue_case_newest"
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["case", "date", "title"], name="event_unique_title"),
        ]

    def __str__(self) -> str:
        return f"{self.date_display}: {self.title}"

    @property
    def date_display(self) -> str:
        if self.precision == self.Precision.YEAR:
            return f"{self.date:%Y}"
        if self.precision == self.Precision.MONTH:
            return f"{self.date:%B %Y}"
        return f"{self.date:%B} {self.date.day}, {self.date:%Y}"

    @property
    def date_iso(self) -> str:
        """ISO 8601 at the known precision: 2026, 2026-04 or 2026-04-30 (years in 4 digits)."""
        if self.precision == self.Precision.YEAR:
            return f"{self.date.year:04d}"
        if self.precision == self.Precision.MONTH:
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()

    @property
    def period_start(self) -> dt.date:
        """The first day of the period the date means, whatever day within it is stored."""
        if self.precision == self.Precision.YEAR:
            return self.date.replace(month=1, day=1)
        if self.precision == self.Precision.MONTH:
            return self.date.replace(day=1)
        return self.date

    @property
    def period_last_day(self) -> dt.date:
        """The last day of the period the date means (inclusive)."""
        if self.precision == self.Precision.YEAR:
            return self.date.replace(month=12, day=31)
        if self.precision == self.Precision.MONTH:
            days = calendar.monthrange(self.date.year, self.date.month)[1]
            return self.date.replace(day=days)
        return self.date


class ClaimStatus(models.Model):
    """Where a claim stands procedurally on a date (pleaded, survives a motion to dismiss...)."""

    class Status(models.TextChoices):
        PLEADED = "pleaded", "Pleaded"
        SURVIVES_MTD = "survives-motion-to-dismiss", "Survives motion to dismiss"
        DISMISSED = "dismissed", "Dismissed"
        AMENDED = "amended", "Amended"
        WITHDRAWN = "withdrawn", "Withdrawn"
        DECIDED = "decided", "Decided"
        SETTLED = "settled", "Settled"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="status_history")
    status = models.CharField(max_length=30, choices=Status.choices)
    date = models.DateField()
    precision = models.CharField(
        max_length=5, choices=Event.Precision.choices, default=Event.Precision.DAY
    )
    source_url = models.URLField(max_length=2000, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["claim", "date", "id"]
        verbose_name_plural = "claim statuses"
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "status", "date"], name="claimstatus_unique_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.claim}: {self.get_status_display()} ({self.date:%Y-%m-%d})"


class CaseRelation(models.Model):
    """`from_case` is an appeal of / consolidated with / parallel to / a counterclaim in `to_case`."""

    class Kind(models.TextChoices):
        APPEAL_OF = "appeal-of", "Appeal of"
        CONSOLIDATED_WITH = "consolidated-with", "Consolidated with"
        PARALLEL_TO = "parallel-to", "Parallel to"
        COUNTERCLAIM = "counterclaim", "Counterclaim in"

    from_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="relations_from")
    to_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="relations_to")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["from_case", "kind", "to_case"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_case", "to_case", "kind"], name="caserelation_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_case=models.F("to_case")), name="caserelation_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_case} {self.get_kind_display().lower()} {self.to_case}"

"""Following a case: what a user follows, what it hears about, how, and every delivery.

A `Subscription` follows a case, or a party, claim, issue or clause within it. When something is
accepted (an event, a link with its evidence, a position), matching makes one `Notification` per
subscription that wants it (unique, so a retried task adds nothing). Notifications of immediate
subscriptions go out at once; the others wait for the daily or weekly digest. Each message sent
by e-mail or to a webhook `Endpoint` is a `Delivery`, kept as the log the user sees.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from tracker.cases.models import Case, Claim, Clause, Issue, Party


def _new_secret() -> str:
    return secrets.token_urlsafe(32)


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "Immediately"
    DAILY = "daily", "Daily digest"
    WEEKLY = "weekly", "Weekly digest"


class Endpoint(models.Model):
    """A webhook URL of a user's, signed with its own secret; disabled after failures."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_endpoints"
    )
    url = models.URLField(max_length=2000)
    secret = models.CharField(max_length=100, default=_new_secret)
    active = models.BooleanField(default=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "url"], name="endpoint_unique_url"),
        ]

    def __str__(self) -> str:
        return self.url


class Subscription(models.Model):
    class Target(models.TextChoices):
        CASE = "case", "The whole case"
        PARTY = "party", "A party"
        CLAIM = "claim", "A claim"
        ISSUE = "issue", "An issue"
        CLAUSE = "clause", "A clause"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions"
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="subscriptions")
    target_type = models.CharField(max_length=10, choices=Target.choices, default=Target.CASE)
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    issue = models.ForeignKey(
        Issue, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    clause = models.ForeignKey(
        Clause, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    on_events = models.BooleanField(default=True, help_text="New accepted events.")
    on_evidence = models.BooleanField(default=True, help_text="New accepted evidence links.")
    on_positions = models.BooleanField(default=True, help_text="New or changed stances.")
    event_kinds = models.JSONField(
        default=list, blank=True, help_text="Only these event kinds (empty: every kind)."
    )
    frequency = models.CharField(
        max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    email = models.BooleanField(default=True)
    endpoint = models.ForeignKey(
        Endpoint, null=True, blank=True, on_delete=models.SET_NULL, related_name="subscriptions"
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "case", "target_type", "id"]
        indexes = [models.Index(fields=["case", "target_type", "active"])]

    def __str__(self) -> str:
        return f"{self.user} follows {self.target_label}"

    @property
    def target(self) -> Case | Party | Claim | Issue | Clause:
        return getattr(self, self.target_type)

    @property
    def target_label(self) -> str:
        if self.target_type == self.Target.CASE:
            return str(self.case)
        return f"{self.target} ({self.case})"


class Notification(models.Model):
    """One accepted thing one subscription hears about; waits here until it is sent."""

    class Kind(models.TextChoices):
        EVENT = "event", "Event"
        LINK = "link", "Evidence"
        POSITION = "position", "Position"
        TERMS = "terms", "Terms change"

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    obj_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=1000)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=2000, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["sent_at", "subscription"])]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "kind", "obj_id"], name="notification_once"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Delivery(models.Model):
    """One message by e-mail or to a webhook: what was sent, how it went, how many tries."""

    class Channel(models.TextChoices):
        EMAIL = "email", "E-mail"
        WEBHOOK = "webhook", "Webhook"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        RETRYING = "retrying", "Retrying"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_deliveries"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    endpoint = models.ForeignKey(
        Endpoint, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    kind = models.CharField(max_length=20, default="immediate", help_text="immediate/daily/...")
    subject = models.CharField(max_length=1000)
    payload = models.JSONField(default=dict)
    notifications = models.ManyToManyField(Notification, blank=True, related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    response_code = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "deliveries"
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.channel} {self.status}: {self.subject}"

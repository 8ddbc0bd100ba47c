"""Links from articles to what they are about, each with its evidence, and party positions.

A link targets exactly one of party, claim, issue, clause, case or event: one nullable foreign
key per kind, with a check constraint that the one named by `target_type` is the one set.
Evidence follows the W3C Web Annotation TextQuoteSelector + TextPositionSelector:
`article.text[start:end] == exact`, with `prefix` and `suffix` to find it again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from tracker.cases.models import Case, Claim, Clause, Event, Issue, Origin, Party, ReviewStatus
from tracker.core.versioning import Versioned
from tracker.news.models import Article

TARGET_TYPES = ("party", "claim", "issue", "clause", "case", "event")


class TargetType(models.TextChoices):
    PARTY = "party", "Party"
    CLAIM = "claim", "Claim"
    ISSUE = "issue", "Issue"
    CLAUSE = "clause", "Clause"
    CASE = "case", "Case"
    EVENT = "event", "Event"


def _one_target_constraint() -> models.CheckConstraint:
    cases = Q()
    for kind in TARGET_TYPES:
        others = {f"{other}__isnull": True for other in TARGET_TYPES if other != kind}
        cases |= Q(target_type=kind, **{f"{kind}__isnull": False}, **others)
    return models.CheckConstraint(condition=cases, name="link_exactly_one_target")


class Reviewable(Versioned):
    """Review state shared by links and positions."""

    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.SUGGESTED, db_index=True
    )
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.AUTO)
    confidence = models.FloatField(default=0.5)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    stale = models.BooleanField(
        default=False, help_text="Its quote was not found again after the article changed."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


# What names a link's target (the API's `target`), per target type: the fields read from the
# link, joined by "#": a party's name, a clause as "document-slug#ref", an event's title, else
# the slug. Exports read the same paths with values_list (TARGET_LABEL_VALUES).
TARGET_LABEL_PATHS: dict[str, tuple[str, ...]] = {
    "party": ("party__name",),
    "claim": ("claim__slug",),
    "issue": ("issue__slug",),
    "clause": ("clause__document__slug", "clause__ref"),
    "case": ("case__slug",),
    "event": ("event__title",),
}
TARGET_LABEL_VALUES = tuple(path for paths in TARGET_LABEL_PATHS.values() for path in paths)


def target_label_join(values: list) -> str | None:
    return None if None in values else "#".join(str(value) for value in values)


class Link(Reviewable):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="links")
    target_type = models.CharField(max_length=10, choices=TargetType.choices)
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.CASCADE, related_name="links"
    )
    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="links"
    )
    issue = models.ForeignKey(
        Issue, null=True, blank=True, on_delete=models.CASCADE, related_name="links"
    )
    clause = models.ForeignKey(
        Clause, null=True, blank=True, on_delete=models.CASCADE, related_name="links"
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.CASCADE, related_name="links"
    )
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.CASCADE, related_name="links"
    )
    reason = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why the linker made it (a case link: the case named, both sides, legal words"
        " near a party, events reported...).",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "target_type", "id"]
        indexes = [
            # The review queue's two orders (tracker.review.selectors._ordered), so a page of
            # suggestions is read from the index, not by sorting every suggested link.
            models.Index(
                fields=["status", "-confidence", "-created_at", "-id"], name="link_queue_confidence"
            ),
            models.Index(fields=["status", "-created_at", "-id"], name="link_queue_newest"),
            # ... filtered by the kind of target ("Link type")
            models.Index(
                fields=["status", "target_type", "-confidence", "-created_at", "-id"],
                name="link_queue_target_confidence",
            ),
            models.Index(
                fields=["status", "target_type", "-created_at", "-id"],
                name="link_queue_target_newest",
            ),
            # ... the stale ones (few: their quote went missing after an edit)
            models.Index(
                fields=["-created_at", "-id"], condition=Q(stale=True), name="link_queue_stale"
            ),
            # An event's newest reports, named in its queue row (review.selectors.events_for_rows)
            models.Index(
                fields=["event", "-article"],
                condition=Q(event__isnull=False),
                name="link_event_newest",
            ),
        ]
        constraints = [
            _one_target_constraint(),
            *[
                models.UniqueConstraint(
                    fields=["article", kind],
                    condition=Q(**{f"{kind}__isnull": False}),
                    name=f"link_unique_{kind}",
                )
                for kind in TARGET_TYPES
            ],
        ]

    def __str__(self) -> str:
        return f"{self.article_id} -> {self.target_type}:{self.target}"

    @property
    def target(self) -> Party | Claim | Issue | Clause | Case | Event:
        return getattr(self, self.target_type)

    @property
    def target_label(self) -> str:
        """What the API calls `target` (TARGET_LABEL_PATHS)."""
        values = []
        for path in TARGET_LABEL_PATHS[self.target_type]:
            value = self
            for name in path.split("__"):
                value = getattr(value, name)
            values.append(value)
        return target_label_join(values)


class Evidence(models.Model):
    """A quote that shows a link, at start:end of the article's clean text or of its headline
    (`part`): offsets always index the part they were found in."""

    class Part(models.TextChoices):
        TEXT = "text", "Text"
        TITLE = "title", "Headline"

    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="evidence")
    part = models.CharField(
        max_length=5,
        choices=Part.choices,
        default=Part.TEXT,
        help_text="Where the quote is: the article's text or its headline (title).",
    )
    exact = models.TextField()
    prefix = models.CharField(max_length=200, blank=True)
    suffix = models.CharField(max_length=200, blank=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()

    class Meta:
        ordering = ["link", "start"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="evidence_span"),
            models.UniqueConstraint(
                fields=["link", "part", "start", "end"], name="evidence_unique_span"
            ),
        ]

    def __str__(self) -> str:
        return self.exact


class Position(Reviewable):
    """A party's stance on an issue, with the quote that shows it."""

    class Stance(models.TextChoices):
        SUPPORTS = "supports", "Supports"
        OPPOSES = "opposes", "Opposes"
        MIXED = "mixed", "Mixed"
        NEUTRAL = "neutral", "Neutral"

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="positions")
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="positions")
    stance = models.CharField(max_length=10, choices=Stance.choices)
    rule = models.CharField(
        max_length=300, blank=True, help_text="Why: e.g. \"opposes: calls it 'theft'\"."
    )
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="positions"
    )
    quote = models.TextField(blank=True)
    prefix = models.CharField(max_length=200, blank=True)
    suffix = models.CharField(max_length=200, blank=True)
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["issue", "party", "-date"]
        indexes = [
            # The review queue's orders, as on Link
            models.Index(
                fields=["status", "-confidence", "-created_at", "-id"],
                name="position_queue_confidence",
            ),
            models.Index(fields=["status", "-created_at", "-id"], name="position_queue_newest"),
            models.Index(
                fields=["-created_at", "-id"], condition=Q(stale=True), name="position_queue_stale"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "party", "issue", "start"],
                condition=Q(article__isnull=False),
                name="position_unique_quote",
            )
        ]

    def __str__(self) -> str:
        return f"{self.party} {self.stance} {self.issue}"


class Membership(models.Model):
    """An article of a case, recorded once (tracker.linking.membership says when one is, and
    keeps these rows): filed under the case, or linked, not rejected, to the case or one of its
    claims, issues or events. `reviewed` when readers see it by default: filed, or one of those
    links accepted."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="memberships")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="memberships")
    reviewed = models.BooleanField(default=False)
    # The article's, copied so that a case's articles are counted, dated and ordered newest
    # first from these indexes alone, without reading the (wide) article rows.
    published = models.DateTimeField(null=True, blank=True)
    # The article's story, copied for the same reason: the timeline lists a case's stories.
    story = models.ForeignKey(
        "news.Story", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Whether a link that is not rejected ties the article to an event of the case: an
    # accepted one (`tied`), or an accepted or suggested one (`tied_live`). The timeline shows
    # a story apart only when no article of it is tied to an event it shows.
    tied = models.BooleanField(default=False, db_default=False)
    tied_live = models.BooleanField(default=False, db_default=False)
    # The article's outlet and its accepted links (to any target), copied so that the case's
    # head counts its outlets (`CaseOutlet`) and accepted links (`CoverageVersion.links`)
    # from counters kept by the same writes.
    source = models.CharField(max_length=300, blank=True, default="", db_default="")
    links = models.PositiveIntegerField(default=0, db_default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "article"], name="membership_unique"),
        ]
        indexes = [
            models.Index(
                fields=["case", "story", "reviewed", "tied", "tied_live"], name="membership_story"
            ),
            models.Index(
                fields=["case", "reviewed", "published", "article"], name="membership_reviewed"
            ),
            models.Index(fields=["case", "published", "article"], name="membership_published"),
            models.Index(fields=["article", "case"], name="membership_article"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} in case {self.case_id}"


class EventReport(models.Model):
    """An article reporting an event: linked to it by a link that is not rejected (kept with the
    memberships by tracker.linking.membership), with copies of what the timeline counts and
    orders an event's reports by, so that an event's counts and first reports are read from
    these indexes alone, never from links joined to the (wide) article rows."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    accepted = models.BooleanField(default=False)  # the link is accepted
    published = models.DateTimeField(null=True, blank=True)
    story = models.ForeignKey(
        "news.Story", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=300, blank=True)  # the outlet's name, if given

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "article"], name="eventreport_unique"),
        ]
        indexes = [
            models.Index(fields=["event", "published", "article"], name="eventreport_order"),
            models.Index(
                fields=["event", "story", "source", "accepted"], name="eventreport_counts"
            ),
            models.Index(fields=["article", "event"], name="eventreport_article"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} reports event {self.event_id}"


class EventTally(models.Model):
    """What an event's reports (`EventReport`) count, kept by the same writes: articles, those
    whose link is accepted, those in no story, distinct stories and distinct named outlets."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    articles = models.BigIntegerField(default=0)
    reviewed = models.BigIntegerField(default=0)
    loose = models.BigIntegerField(default=0)
    stories = models.BigIntegerField(default=0)
    outlets = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"event {self.event_id}: {self.articles} articles"


class CaseStory(models.Model):
    """A story of a case's coverage, with the counts of its articles' memberships (kept by the
    same writes): all, reviewed, tied to an accepted event (`tied`), to an accepted or
    suggested one (`tied_live`). The timeline shows a story apart while none is tied."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    story = models.ForeignKey("news.Story", on_delete=models.CASCADE, related_name="+")
    articles = models.BigIntegerField(default=0)
    reviewed = models.BigIntegerField(default=0)
    tied = models.BigIntegerField(default=0)
    tied_live = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "story"], name="casestory_unique"),
        ]

    def __str__(self) -> str:
        return f"story {self.story_id} in case {self.case_id}"


class CaseWeek(models.Model):
    """A case's articles published in one week (its Monday), all and reviewed: the timeline's
    chart, kept by the same writes."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    week = models.DateField()
    articles = models.BigIntegerField(default=0)
    reviewed = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "week"], name="caseweek_unique"),
        ]

    def __str__(self) -> str:
        return f"case {self.case_id}, week of {self.week}"


class CaseOutlet(models.Model):
    """An outlet of a case's coverage (a named `source`), with the counts of its articles'
    memberships, all and reviewed (kept by the same writes): the case's head counts the
    outlets that have a reviewed article."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=300)
    articles = models.BigIntegerField(default=0)
    reviewed = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "source"], name="caseoutlet_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.source} in case {self.case_id}"


class CoverageVersion(models.Model):
    """Bumped whenever a case's coverage changes (memberships, links, reviewed events), so the
    aggregates its timeline shows can be cached under the version (tracker.linking.membership).
    `articles` counts the case's reviewed memberships and `links` the accepted links of their
    articles, kept by the same writes, so the home page's and the case head's counts cost one
    row per case."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, primary_key=True, related_name="coverage_version"
    )
    version = models.PositiveBigIntegerField(default=1)
    articles = models.BigIntegerField(default=0, help_text="Reviewed memberships.")
    links = models.BigIntegerField(
        default=0, db_default=0, help_text="Accepted links of the reviewed memberships' articles."
    )

    def __str__(self) -> str:
        return f"case {self.case_id} coverage v{self.version}"


class Involvement(models.Model):
    """An event an article involves a party, claim, issue or clause in: a quote of a link to the
    target (not rejected) lies near a quote of a link to the event (not rejected) in the article
    (tracker.linking.involvement says how near, and keeps these rows with the memberships). The
    timeline's target filters read the events from these rows, `reviewed` copying the article's
    membership of the event's case, never from the quotes."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    reviewed = models.BooleanField(default=False)
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    issue = models.ForeignKey(
        Issue, null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    clause = models.ForeignKey(
        Clause, null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )

    class Meta:
        indexes = [
            *[
                models.Index(
                    fields=[kind, "case", "reviewed", "event"],
                    condition=Q(**{f"{kind}__isnull": False}),
                    name=f"involvement_{kind}",
                )
                for kind in ("party", "claim", "issue", "clause")
            ],
        ]

    def __str__(self) -> str:
        return f"article {self.article_id} involves event {self.event_id}"

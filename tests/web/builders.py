"""Test data for the pages: a small case told by several outlets, and bulk articles."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.utils import timezone

from tests.factories import (
    ArticleFactory,
    CaseFactory,
    CasePartyFactory,
    ClaimFactory,
    ClauseFactory,
    ClauseVersionFactory,
    DocumentFactory,
    EventFactory,
    EvidenceFactory,
    IssueFactory,
    LinkFactory,
    PartyFactory,
    PositionFactory,
    StoryFactory,
)
from tracker.cases.models import Event
from tracker.linking.membership import memberships_refresh
from tracker.linking.models import Evidence, Link
from tracker.news.models import Article, Story
from tracker.search.services import articles_index

HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)">'


def when(day: int, month: int = 4) -> dt.datetime:
    return dt.datetime(2026, month, day, 12, 0, tzinfo=dt.UTC)


def quote_link(article, target_type: str, target, exact: str, **extra) -> Link:
    """A link with one evidence quote found in the article's text."""
    start = article.text.index(exact)
    targets = {"party": None, target_type: target}
    link = LinkFactory(article=article, target_type=target_type, **targets, **extra)
    EvidenceFactory(link=link, exact=exact, start=start, end=start + len(exact))
    return link


@dataclass
class Demo:
    case: object
    parties: dict = field(default_factory=dict)
    articles: list = field(default_factory=list)
    events: dict = field(default_factory=dict)
    stories: dict = field(default_factory=dict)
    issue: object = None
    claim: object = None
    clause: object = None


TEXT_TESTIMONY = (
    "Elon Musk told the jury in Oakland that xAI had partly relied on OpenAI models while "
    "training Grok, a practice known as distillation.\n\n"
    "OpenAI said distillation of its models to build a rival breaks its terms of use. "
    "Analysts called the admission unusual."
)
TEXT_REACTION = (
    "Anthropic said it opposes distillation by competitors and pointed to its usage policy. "
    "Google declined to comment on the trial."
)


def demo_build(*, hostile: bool = False) -> Demo:
    """A case with parties, a claim, an issue, a clause with two versions, two events (one
    suggested), three stories from several outlets, links with evidence and positions."""
    case = CaseFactory(
        slug="musk-v-openai",
        title="Musk v. OpenAI",
        summary="A dispute over OpenAI's mission, and testimony about distillation.",
        docket="4:24-cv-04722",
    )
    demo = Demo(case=case)
    for name, role in [
        ("Elon Musk", "plaintiff"),
        ("OpenAI", "defendant"),
        ("xAI", "stakeholder"),
        ("Anthropic", "commentator"),
        ("Google", "commentator"),
    ]:
        party = PartyFactory(name=name, slug=name.lower().replace(" ", "-"))
        CasePartyFactory(case=case, party=party, role=role)
        demo.parties[party.slug] = party
    demo.claim = ClaimFactory(
        case=case, slug="breach-of-charitable-trust", title="Breach of charitable trust"
    )
    demo.claim.by.add(demo.parties["elon-musk"])
    demo.claim.against.add(demo.parties["openai"])
    demo.issue = IssueFactory(
        case=case, slug="distillation", title="Is distilling a rival's model legitimate?"
    )
    document = DocumentFactory(
        slug="openai-terms", title="OpenAI Terms of Use", owner=demo.parties["openai"]
    )
    case.documents.add(document)
    demo.clause = ClauseFactory(
        document=document, ref="use-of-output", title="Using output to build competing models"
    )
    ClauseVersionFactory(
        clause=demo.clause,
        effective=dt.date(2023, 3, 14),
        text="You may not use output to develop models that compete with OpenAI.",
    )
    ClauseVersionFactory(
        clause=demo.clause,
        effective=dt.date(2024, 1, 31),
        text="You may not use Output to develop models that compete with OpenAI, including by distillation.",
    )

    testimony = EventFactory(
        case=case,
        date=dt.date(2026, 4, 30),
        kind="testimony",
        title="Musk testifies that xAI partly distilled OpenAI models",
    )
    filing = EventFactory(
        case=case,
        date=dt.date(2024, 8, 1),
        precision="month",
        kind="filing",
        title="Musk refiles the suit in federal court",
    )
    suggested = EventFactory(
        case=case,
        date=dt.date(2026, 5, 4),
        kind="statement",
        title="OpenAI responds to the testimony",
        status="suggested",
        origin="auto",
    )
    demo.events = {"testimony": testimony, "filing": filing, "suggested": suggested}

    title = "Musk says xAI partly used OpenAI models" + (HOSTILE if hostile else "")
    story = StoryFactory(title=title, first_published=when(30))
    demo.stories["testimony"] = story
    outlets = ["Courtroom Daily", "Tech Ledger", "The Wire Desk", "Valley Post", "Policy Brief"]
    for day, outlet in enumerate(outlets):
        article = ArticleFactory(
            title=title if day == 0 else f"{outlet}: Musk admits distillation at trial",
            source=outlet,
            text=TEXT_TESTIMONY
            + (f"\n\n{HOSTILE} javascript:alert(1)" if hostile and day == 0 else ""),
            url="javascript:alert(document.cookie)"
            if hostile and day == 0
            else f"https://{outlet.lower().replace(' ', '')}.example/musk-{day}",
            html=(
                f'<p>Body</p>{HOSTILE}<a href="javascript:alert(2)">x</a>'
                if hostile and day == 0
                else "<p>Musk testified.</p>"
            ),
            published=when(30) + dt.timedelta(hours=day),
            story=story,
        )
        article.cases.add(case)
        demo.articles.append(article)
        quote_link(
            article,
            "event",
            testimony,
            "xAI had partly relied on OpenAI models",
            status="accepted",
            confidence=0.9,
        )
        quote_link(
            article,
            "party",
            demo.parties["elon-musk"],
            "Elon Musk",
            status="accepted",
            confidence=0.95,
        )
        quote_link(article, "issue", demo.issue, "a practice known as distillation", confidence=0.7)
        # overlapping quote: the clause link covers part of the event quote
        quote_link(
            article, "clause", demo.clause, "OpenAI models while training Grok", confidence=0.6
        )
        quote_link(
            article,
            "claim",
            demo.claim,
            "Analysts called the admission unusual.",
            status="suggested",
            confidence=0.4,
        )
    lead = demo.articles[0]
    reaction_story = StoryFactory(
        title="Anthropic weighs in on distillation", first_published=when(2, 5)
    )
    demo.stories["reaction"] = reaction_story
    reaction = ArticleFactory(
        title="Anthropic weighs in on distillation",
        source="Tech Ledger",
        text=TEXT_REACTION,
        published=when(2, 5),
        story=reaction_story,
    )
    reaction.cases.add(case)
    demo.articles.append(reaction)
    quote_link(reaction, "party", demo.parties["anthropic"], "Anthropic", status="accepted")
    quote_link(reaction, "issue", demo.issue, "opposes distillation by competitors")
    old_story = StoryFactory(
        title="Musk revives his lawsuit against OpenAI",
        first_published=when(5, 8).replace(year=2024),
    )
    demo.stories["old"] = old_story
    old = ArticleFactory(
        title="Musk revives his lawsuit against OpenAI",
        source="Courtroom Daily",
        text="Elon Musk filed a new complaint against OpenAI.",
        published=when(5, 8).replace(year=2024),
        story=old_story,
    )
    old.cases.add(case)
    demo.articles.append(old)
    quote_link(old, "party", demo.parties["elon-musk"], "Elon Musk", status="accepted")
    quote_link(old, "claim", demo.claim, "filed a new complaint", status="accepted")

    PositionFactory(
        party=demo.parties["openai"],
        issue=demo.issue,
        stance="opposes",
        status="accepted",
        article=lead,
        quote="distillation of its models to build a rival breaks its terms of use",
        rule="opposes: says it breaks its terms",
        date=dt.date(2026, 4, 30),
    )
    PositionFactory(
        party=demo.parties["anthropic"],
        issue=demo.issue,
        stance="opposes",
        status="suggested",
        article=reaction,
        quote="opposes distillation by competitors",
        rule="opposes: 'opposes'",
        date=dt.date(2026, 5, 2),
    )
    PositionFactory(
        party=demo.parties["elon-musk"],
        issue=demo.issue,
        stance="neutral",
        status="accepted",
        article=old,
        quote="Elon Musk filed a new complaint",
        rule="neutral: no stance word",
        date=dt.date(2024, 8, 5),
    )
    PositionFactory(
        party=demo.parties["elon-musk"],
        issue=demo.issue,
        stance="supports",
        status="accepted",
        article=lead,
        quote="a practice known as distillation" + (HOSTILE if hostile else ""),
        rule="supports: calls it a standard practice",
        date=dt.date(2026, 4, 30),
    )
    articles_index([a.pk for a in demo.articles])
    return demo


def articles_bulk(case, n: int) -> list[Article]:
    """n articles in n // 3 stories, each linked to an event and a party, created in bulk."""
    now = timezone.now()
    party = PartyFactory(name="Bulk Party", slug="bulk-party")
    CasePartyFactory(case=case, party=party, role="commentator")
    events = Event.objects.bulk_create(
        [
            Event(
                case=case,
                date=dt.date(2025, 1, 1) + dt.timedelta(days=7 * i),
                title=f"Bulk event {i}",
            )
            for i in range(max(n // 50, 1))
        ]
    )
    stories = Story.objects.bulk_create(
        [
            Story(title=f"Bulk story {i}", first_published=now - dt.timedelta(days=i))
            for i in range(max(n // 3, 1))
        ]
    )
    text = "Elon Musk and OpenAI argued about distillation in court again today."
    articles = Article.objects.bulk_create(
        [
            Article(
                source_key="bulk",
                entry_key=f"bulk-{i}",
                identity=hashlib.sha256(f"bulk-{i}".encode()).hexdigest(),
                url=f"https://bulk{i % 7}.example/a/{i}",
                title=f"Bulk article {i} about distillation",
                source=f"Outlet {i % 7}",
                published=now - dt.timedelta(days=i % 200),
                text=text,
                content_hash=hashlib.sha256(text.encode()).hexdigest(),
                story=stories[i % len(stories)],
            )
            for i in range(n)
        ]
    )
    Article.cases.through.objects.bulk_create(
        [Article.cases.through(article_id=a.pk, case_id=case.pk) for a in articles]
    )
    links = Link.objects.bulk_create(
        [Link(article=a, target_type="party", party=party, status="accepted") for a in articles]
        + [
            Link(article=a, target_type="event", event=events[i % len(events)], status="suggested")
            for i, a in enumerate(articles)
            if i % 2 == 0
        ]
    )
    Evidence.objects.bulk_create(
        [
            Evidence(link=link, exact="Elon Musk", start=0, end=9)
            for link in links
            if link.target_type == "party"
        ]
    )
    memberships_refresh([a.pk for a in articles])  # bulk writes send no signal
    articles_index([a.pk for a in articles])
    return articles

"""API fixtures: users for each role with tokens, clients, and a small case with linked news."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from tests import factories as f
from tracker.cases.models import Event
from tracker.review.roles import user_set_role
from tracker.search.services import articles_index

TEXT = (
    "Under oath on Thursday, the billionaire said his AI company had partly relied on "
    "OpenAI models to train Grok. OpenAI says its terms forbid using output to build "
    "competing models. Critics called distillation a shortcut."
)


@pytest.fixture
def make_client(db):
    def make(role: str | None = None, username: str | None = None) -> APIClient:
        client = APIClient()
        if role is not None:
            _, token = user_set_role(username=username or f"{role}-user", role=role)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        return client

    return make


@pytest.fixture
def anon(make_client) -> APIClient:
    return make_client()


@pytest.fixture
def viewer(make_client) -> APIClient:
    return make_client("viewer")


@pytest.fixture
def analyst(make_client) -> APIClient:
    return make_client("analyst")


@pytest.fixture
def editor(make_client) -> APIClient:
    return make_client("editor")


@dataclass
class World:
    case: object
    other_case: object
    openai: object
    musk: object
    claim: object
    issue: object
    clause: object
    story: object
    article: object
    other_article: object
    link: object
    evidence: object
    position: object
    event: object
    month_event: object


@pytest.fixture
def world(db) -> World:
    case = f.CaseFactory(slug="musk-v-openai", title="Musk v. OpenAI")
    other_case = f.CaseFactory(slug="other-case", title="Other v. Case")
    openai = f.PartyFactory(name="OpenAI")
    musk = f.PartyFactory(name="Elon Musk")
    f.CasePartyFactory(case=case, party=musk, role="plaintiff")
    f.CasePartyFactory(case=case, party=openai, role="defendant")
    f.AliasFactory(party=musk, name="Musk")
    claim = f.ClaimFactory(case=case, slug="breach-of-contract")
    issue = f.IssueFactory(case=case, slug="distillation")
    clause = f.ClauseFactory(document=f.DocumentFactory(slug="openai-terms"), ref="use-of-output")
    f.ClauseVersionFactory(clause=clause)
    story = f.StoryFactory(title="Testimony on distillation")
    published = dt.datetime(2026, 4, 30, 18, 0, tzinfo=dt.UTC)
    article = f.ArticleFactory(
        title="Musk says xAI partly used OpenAI models", text=TEXT, story=story, published=published
    )
    article.cases.add(case)
    other_article = f.ArticleFactory(
        title="Unrelated ruling",
        text="A court ruled on something else.",
        published=published - dt.timedelta(days=40),
    )
    other_article.cases.add(other_case)
    articles_index([article.pk, other_article.pk])  # as ingest's hook does: ?q= reads the index
    link = f.LinkFactory(article=article, target_type="party", party=openai, confidence=0.9)
    start = TEXT.index("OpenAI models")
    evidence = f.EvidenceFactory(
        link=link,
        exact="OpenAI models",
        start=start,
        end=start + len("OpenAI models"),
        prefix=TEXT[start - 10 : start],
        suffix=TEXT[start + 13 : start + 23],
    )
    f.LinkFactory(article=article, target_type="issue", party=None, issue=issue, status="accepted")
    f.LinkFactory(
        article=article, target_type="clause", party=None, clause=clause, status="rejected"
    )
    position = f.PositionFactory(
        party=openai,
        issue=issue,
        stance="opposes",
        article=article,
        status="accepted",
        quote="its terms forbid using output",
        date=dt.date(2026, 4, 30),
    )
    event = f.EventFactory(case=case, title="Musk testifies", date=dt.date(2026, 4, 30))
    month_event = f.EventFactory(
        case=case,
        title="Complaint amended",
        date=dt.date(2025, 3, 1),
        precision=Event.Precision.MONTH,
        kind=Event.Kind.FILING,
    )
    f.LinkFactory(article=article, target_type="event", party=None, event=event)
    return World(
        case,
        other_case,
        openai,
        musk,
        claim,
        issue,
        clause,
        story,
        article,
        other_article,
        link,
        evidence,
        position,
        event,
        month_event,
    )

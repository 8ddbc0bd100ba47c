"""Small factory_boy factories for the whole model, shared by every test package."""

from __future__ import annotations

import datetime as dt
import hashlib

import factory
from django.utils import timezone

from tracker.cases import models as cases
from tracker.linking import models as linking
from tracker.news import models as news


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cases.Case
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"case-{n}")
    title = factory.Sequence(lambda n: f"Example v. Sample {n}")
    court = "U.S. District Court for the Northern District of California"
    docket = factory.Sequence(lambda n: f"4:24-cv-{n:05d}")


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cases.Party
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Party {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-").replace(".", ""))
    kind = cases.Party.Kind.ORGANIZATION


class AliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cases.Alias

    party = factory.SubFactory(PartyFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class CasePartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cases.CaseParty

    case = factory.SubFactory(CaseFactory)
    party = factory.SubFactory(PartyFactory)
    role = cases.CaseParty.Role.PLAINTIFF


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cases.Claim

    case = factory.SubFactory(CaseFactory)
    slug = factory.Sequence(lambda n: f"claim-{n}")
    title = factory.Sequence(lambda n: f"Claim {n}")
    keywords = factory.LazyFunction(list)


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cases.Issue

    case = factory.SubFactory(CaseFactory)
    slug = factory.Sequence(lambda n: f"issue-{n}")
    title = factory.Sequence(lambda n: f"Issue {n}?")
    keywords = factory.LazyFunction(list)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cases.Document

    slug = factory.Sequence(lambda n: f"terms-{n}")
    title = factory.Sequence(lambda n: f"Terms of Use {n}")


class ClauseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cases.Clause

    document = factory.SubFactory(DocumentFactory)
    ref = factory.Sequence(lambda n: f"clause-{n}")
    title = factory.Sequence(lambda n: f"Clause {n}")
    keywords = factory.LazyFunction(list)


class ClauseVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cases.ClauseVersion

    clause = factory.SubFactory(ClauseFactory)
    text = "You may not use output to develop models that compete with us."
    effective = dt.date(2024, 1, 31)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cases.Event

    case = factory.SubFactory(CaseFactory)
    date = dt.date(2026, 4, 30)
    precision = cases.Event.Precision.DAY
    kind = cases.Event.Kind.TESTIMONY
    title = factory.Sequence(lambda n: f"Event {n}")


class FeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = news.Feed

    url = factory.Sequence(lambda n: f"https://news{n}.example.org/feed.xml")
    title = factory.Sequence(lambda n: f"Outlet {n}")


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = news.Story

    title = factory.Sequence(lambda n: f"Story {n}")
    first_published = factory.LazyFunction(timezone.now)


def _identity(o) -> str:
    return hashlib.sha256(f"{o.source_key}\n{o.entry_key}".encode()).hexdigest()


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = news.Article

    source_key = "test"
    entry_key = factory.Sequence(lambda n: f"id:article-{n}")
    identity = factory.LazyAttribute(_identity)
    url = factory.Sequence(lambda n: f"https://news.example.org/a/{n}")
    title = factory.Sequence(lambda n: f"Article {n}")
    source = "Example News"
    published = factory.LazyFunction(timezone.now)
    text = "Example text."
    html = factory.LazyAttribute(lambda o: f"<p>{o.text}</p>")
    original = factory.LazyAttribute(lambda o: o.text)
    content_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.text.encode()).hexdigest())


class LinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = linking.Link

    article = factory.SubFactory(ArticleFactory)
    target_type = linking.TargetType.PARTY
    party = factory.SubFactory(PartyFactory)


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = linking.Evidence

    link = factory.SubFactory(LinkFactory)
    exact = "Example"
    start = 0
    end = 7


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = linking.Position

    party = factory.SubFactory(PartyFactory)
    issue = factory.SubFactory(IssueFactory)
    stance = linking.Position.Stance.SUPPORTS

"""Seed a database with the demo case and many articles, stories, links, evidence and events.

Everything goes in with bulk_create in batches (a few queries per thousand articles). The text is
made here from short sentences of our own; each link's evidence is the exact place its party
name or issue keyword sits in the article's text, so `article.text[start:end] == exact` holds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "tracker" / "demo" / "musk-v-openai.json"

OUTLETS = ["Harbor Ledger", "Valley Wire", "Circuit Gazette", "Pacific Dispatch", "Tech Docket"]
OPENERS = [
    "Jurors in Oakland heard more testimony on {day} as the trial over the lab's founding went on.",
    "Lawyers for both sides traded sharp words on {day} over what the early emails really meant.",
    "A week of trial ended on {day} with questions about how rival chatbots were trained.",
    "The judge limited what the jury may hear about model training, a filing on {day} shows.",
]
FILLERS = [
    "Observers said the exchange could shape how courts treat model training.",
    "Neither company answered a request for comment before publication.",
    "The testimony ran for most of the afternoon session.",
    "Analysts expect further filings on the question within weeks.",
    "Several former employees are due to appear as witnesses.",
    "The dispute has drawn attention from regulators on two continents.",
]
MENTIONS = [
    "{party} said the practice of distillation was common across the industry.",
    "According to {party}, using another model's answers to train a rival breaks its terms.",
    "{party} declined to say how much data had been distilled.",
    "In court papers, {party} called the claims baseless.",
]


def _identity(source_key: str, entry_key: str) -> str:
    return hashlib.sha256(f"{source_key}\n{entry_key}".encode()).hexdigest()


def demo_case_load():
    from tracker.cases.casefile import casefile_load_path

    return casefile_load_path(path=str(DEMO)).case


def _article_text(rng: random.Random, day: dt.date, names: list[str]) -> tuple[str, list]:
    """Text and the (name, start, end) spans of the names it mentions."""
    parts: list[str] = [rng.choice(OPENERS).format(day=day.strftime("%d %B %Y"))]
    spans: list[tuple[str, int, int]] = []
    for name in names:
        parts.extend(rng.sample(FILLERS, 2))
        offset = len(" ".join(parts)) + 1
        sentence = rng.choice(MENTIONS)
        start = offset + sentence.index("{party}")
        parts.append(sentence.format(party=name))
        spans.append((name, start, start + len(name)))
    parts.extend(rng.sample(FILLERS, 3))
    return " ".join(parts), spans


def articles_seed(*, case, n: int, seed: int = 7, batch: int = 1000) -> list[int]:
    """n articles about `case` in n // 4 stories, each with 2-3 party links, one issue link
    and one event link, all with evidence. Returns the new articles' ids."""
    from django.utils import timezone

    from tracker.cases.models import Origin, ReviewStatus
    from tracker.linking.membership import memberships_refresh
    from tracker.linking.models import Evidence, Link, TargetType
    from tracker.news.models import Article, Story

    rng = random.Random(seed)
    parties = list(case.parties.distinct())
    issue = case.issues.first()
    events = list(case.events.all())
    start_day = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
    run = timezone.now().strftime("%Y%m%d%H%M%S%f")
    stories = Story.objects.bulk_create(
        [
            Story(title=f"Trial day {i + 1}", first_published=start_day + dt.timedelta(hours=6 * i))
            for i in range(max(1, n // 4))
        ],
        batch_size=batch,
    )
    ids: list[int] = []
    through = Article.cases.through
    for lo in range(0, n, batch):
        rows, plans = [], []
        for i in range(lo, min(n, lo + batch)):
            story = stories[(i // 4) % len(stories)]
            when = start_day + dt.timedelta(hours=6 * ((i // 4) % len(stories)), minutes=i % 4)
            named = rng.sample(parties, min(len(parties), rng.randint(2, 3)))
            text, spans = _article_text(rng, when.date(), [p.name for p in named])
            title = f"{named[0].name} and {named[-1].name}: trial day {(i // 4) + 1}"
            source_key, entry_key = f"bench:{run}", f"id:{i}"
            rows.append(
                Article(
                    source_key=source_key,
                    entry_key=entry_key,
                    identity=_identity(source_key, entry_key),
                    url=f"https://news.example.org/{run}/{i}",
                    title=title,
                    source=OUTLETS[i % len(OUTLETS)],
                    published=when,
                    original=text,
                    original_type="text/plain",
                    html="".join(f"<p>{s}.</p>" for s in text.split(". ") if s),
                    text=text,
                    content_hash=hashlib.sha256(text.encode()).hexdigest(),
                    story=story,
                    linked_at=when,
                )
            )
            plans.append((named, spans))
        articles = Article.objects.bulk_create(rows, batch_size=batch)
        through.objects.bulk_create(
            [through(article_id=a.pk, case_id=case.pk) for a in articles], batch_size=batch
        )
        links, quotes = [], []
        for article, (named, spans) in zip(articles, plans, strict=True):
            for party, (name, start, end) in zip(named, spans, strict=True):
                links.append(
                    Link(
                        article=article,
                        target_type=TargetType.PARTY,
                        party=party,
                        confidence=0.9,
                        status=rng.choice(list(ReviewStatus)),
                        origin=Origin.AUTO,
                    )
                )
                quotes.append((article.text, name, start, end))
            if issue is not None and "distill" in article.text:
                start = article.text.index("distill")
                links.append(
                    Link(article=article, target_type=TargetType.ISSUE, issue=issue, confidence=0.7)
                )
                quotes.append((article.text, "distill", start, start + len("distill")))
            if events:
                event = events[article.pk % len(events)]
                links.append(
                    Link(article=article, target_type=TargetType.EVENT, event=event, confidence=0.6)
                )
                quotes.append((article.text, article.text[:20], 0, 20))
        links = Link.objects.bulk_create(links, batch_size=batch)
        Evidence.objects.bulk_create(
            [
                Evidence(
                    link=link,
                    exact=exact,
                    prefix=text[max(0, start - 32) : start],
                    suffix=text[end : end + 32],
                    start=start,
                    end=end,
                )
                for link, (text, exact, start, end) in zip(links, quotes, strict=True)
            ],
            batch_size=batch,
        )
        memberships_refresh([a.pk for a in articles])  # what ingest's linking step records
        ids.extend(a.pk for a in articles)
    analyse()
    return ids


def analyse() -> None:
    """Fresh planner statistics after a bulk load (PostgreSQL), as a site's ingest leaves."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def search_index(ids: list[int], *, batch: int = 500) -> bool:
    """Index the seeded articles with the search app's hook, if it indexes anything."""
    from tracker.search.services import articles_index

    for lo in range(0, len(ids), batch):
        articles_index(article_ids=ids[lo : lo + batch])
    return True

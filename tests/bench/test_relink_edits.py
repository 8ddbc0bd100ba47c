"""The edited articles through the real relinking path: accepted links keep their evidence
where the quote still is, and are marked stale (for review) exactly when it cannot be found."""

from __future__ import annotations

import pytest

from tests.bench.test_reanchor import PAIRS, reanchor
from tests.factories import ArticleFactory, EvidenceFactory, LinkFactory, PartyFactory
from tracker.cases.models import ReviewStatus

anchors = pytest.importorskip("tracker.linking.anchors", reason="anchors.py not on main yet")
services = pytest.importorskip("tracker.linking.services")


def _relink_all() -> list[tuple]:
    """One accepted link per quote (each to its own party), then the edit, then relinking."""
    made = []
    for p, pair in enumerate(PAIRS):
        article = ArticleFactory(text=pair["before"])
        for q, quote in enumerate(pair["quotes"]):
            start = quote["start"]
            sel = anchors.selector_for(pair["before"], start, start + len(quote["exact"]))
            link = LinkFactory(
                article=article,
                party=PartyFactory(name=f"Bench party {p}-{q}"),
                status=ReviewStatus.ACCEPTED,
            )
            EvidenceFactory(link=link, **sel)
            made.append((link, pair, quote))
        article.text = pair["after"]
        article.save(update_fields=["text"])
    services.articles_link(sorted({link.article_id for link, *_ in made}))
    for link, *_ in made:
        link.refresh_from_db()
    return made


@pytest.mark.django_db
def test_relinking_edited_articles_matches_the_measurement():
    expected = [r["outcome"] for r in reanchor.measure(PAIRS, reanchor.anchors_finder())]
    outcomes = []
    for link, _pair, quote in _relink_all():
        evidence = list(link.evidence.all())
        assert len(evidence) == 1
        found = None if link.stale else (evidence[0].start, evidence[0].end)
        outcomes.append(reanchor.score(quote, found))
        assert link.status == ReviewStatus.ACCEPTED  # relinking never undoes a review
    assert outcomes == expected


@pytest.mark.django_db
def test_relinked_evidence_matches_the_new_text():
    broken = []
    for link, pair, _quote in _relink_all():
        for e in link.evidence.all():
            if not link.stale and pair["after"][e.start : e.end] != e.exact:
                broken.append((pair["name"], e.exact, pair["after"][e.start : e.end]))
    assert broken == [], "\n".join(map(repr, broken))

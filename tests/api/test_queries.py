"""List endpoints do a bounded number of queries however many rows they return."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories as f


def populate(n: int) -> None:
    case = f.CaseFactory(slug="big")
    issue = f.IssueFactory(case=case)
    clause = f.ClauseFactory()
    story = f.StoryFactory()
    for i in range(n):
        party = f.PartyFactory()
        f.CasePartyFactory(case=case, party=party)
        article = f.ArticleFactory(story=story)
        article.cases.add(case)
        link = f.LinkFactory(article=article, party=party)
        f.EvidenceFactory(link=link)
        f.LinkFactory(article=article, target_type="clause", party=None, clause=clause)
        f.LinkFactory(article=article, target_type="issue", party=None, issue=issue)
        event = f.EventFactory(case=case)
        f.LinkFactory(article=article, target_type="event", party=None, event=event)
        f.PositionFactory(party=party, issue=issue, article=article, start=i)


@pytest.mark.parametrize("n", [10, 100])
@pytest.mark.parametrize(
    "name", ["article", "link", "position", "event", "story", "case", "party", "document"]
)
def test_list_queries_do_not_grow(anon, db, django_assert_max_num_queries, n, name):
    populate(n)
    with django_assert_max_num_queries(8):
        response = anon.get(reverse(f"api:{name}-list"), {"page_size": 100})
    assert response.status_code == 200
    assert response.json()["results"]

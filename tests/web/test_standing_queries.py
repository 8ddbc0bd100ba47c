"""The case head reads counters the writes keep: a fixed number of queries however many
articles, outlets and links the case holds, cache or no cache, and the counts it shows are
those of the articles and links themselves."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.web.builders import articles_bulk, demo_build
from tracker.linking.membership import REVIEWED, case_articles
from tracker.linking.models import Link
from tracker.web.selectors.standing import case_standing

pytestmark = pytest.mark.django_db
HEAD_QUERIES = 9  # events (latest, next), judges, 3 counters, the latest's source, claims (2)


@pytest.mark.parametrize("n", [10, 300])
def test_the_head_reads_a_fixed_number_of_queries(django_assert_max_num_queries, n):
    demo = demo_build()
    articles_bulk(demo.case, n)
    cache.clear()
    with django_assert_max_num_queries(HEAD_QUERIES):
        standing = case_standing(case=demo.case)
    articles = case_articles(case=demo.case, statuses=REVIEWED)
    assert standing.articles == articles.count() >= n
    named = set(articles.exclude(source="").values_list("source", flat=True))
    assert standing.outlets == len(named) >= 7
    # every bulk article has an accepted party link: all of them count
    accepted = Link.objects.filter(status="accepted", article__in=articles).count()
    assert standing.reviewed_links == accepted >= n

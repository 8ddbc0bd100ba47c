"""The five real seed articles (../shared/seeds, outside the repository): the stances a reader
finds in them are suggested. The seeds are read at test time, never copied into the project."""

from __future__ import annotations

import pytest

from tests.factories import ArticleFactory
from tests.linking.conftest import PUBLISHED, SEEDS
from tests.linking.gold import clean
from tracker.linking.models import Position
from tracker.linking.services import articles_link

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not SEEDS.is_dir(), reason=f"the seed articles are not at {SEEDS} on this machine"
    ),
]


def test_seed_stances(demo_case):
    ids = []
    for path in sorted(SEEDS.glob("*.txt")):
        title, _, body = path.read_text().partition("\n")
        ids.append(ArticleFactory(title=title.strip(), text=clean(title.strip(), body)).id)
    assert ids
    ArticleFactory._meta.model.objects.filter(id__in=ids).update(published=PUBLISHED)
    articles_link(ids)
    found = set(
        Position.objects.filter(article_id__in=ids, issue__slug="distillation").values_list(
            "party__name", "stance"
        )
    )
    print(sorted(found))
    assert ("Elon Musk", "supports") in found  # "standard practice" / "standard process"
    assert ("Google", "opposes") in found  # "intellectual property theft"
    assert ("Anthropic", "mixed") in found  # legitimate, but can be misused
    assert ("OpenAI", "opposes") in found  # has taken action against it
    for position in Position.objects.filter(article_id__in=ids):
        assert position.rule.startswith(position.stance)
        assert position.article.text[position.start : position.end] == position.quote

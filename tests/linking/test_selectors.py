"""party_candidates: recurring names that are not parties yet."""

from __future__ import annotations

import pytest

from tests.factories import ArticleFactory
from tracker.linking.selectors import party_candidates

pytestmark = pytest.mark.django_db


def test_party_candidates(demo_case):
    texts = [
        "Northwind Labs said Elon Musk was wrong. On Monday OpenAI replied.",
        "The regulator Northwind Labs wrote to OpenAI again. Tailspin Toys said nothing.",
        "Musk met Northwind Labs and Tailspin Toys. On Monday it rained.",
        "Contoso appeared once next to OpenAI.",
    ]
    for text in texts:
        ArticleFactory(text=text).cases.add(demo_case)
    ArticleFactory(text="Fabrikam and Fabrikam again, in an article of another case.")
    names = {c["name"]: c["articles"] for c in party_candidates(demo_case)}
    assert names["Northwind Labs"] == 3
    assert names["Tailspin Toys"] == 2
    assert "Contoso" not in names  # once only
    assert "Fabrikam" not in names  # not in this case
    assert not {"OpenAI", "Musk", "Elon Musk", "Monday", "The", "On Monday"} & set(names)

"""The linker against the gold corpus: precision and recall for parties, events, positions."""

from __future__ import annotations

import pytest

from tests.linking.gold import CORPUS, corpus_load, score
from tracker.linking.services import articles_link

pytestmark = pytest.mark.skipif(
    not (CORPUS / "gold.json").exists(), reason="tests/fixtures/corpus not merged yet"
)


@pytest.mark.django_db
def test_gold_precision_and_recall(demo_case):
    gold, ids = corpus_load()
    articles_link(list(ids.values()))
    scores = score(gold, ids)
    for name, result in scores.items():
        print(f"{name:24} {result}")
    for name, result in scores.items():
        for miss in result.misses:
            print(f"  [{name}] {miss}")
    assert scores["parties"].precision >= 0.95 and scores["parties"].recall >= 0.95
    assert scores["events (case articles)"].precision >= 0.8
    # This corpus labels year-only background ("founded xAI in 2023") and undated terms changes
    # as events; the real-news corpus (test_realnews.py), written from real reporting, counts
    # such suggestions as noise, and the linker follows it (issue 14): 0.69 here.
    assert scores["events (case articles)"].recall >= 0.65
    assert scores["positions"].precision >= 0.8 and scores["positions"].recall >= 0.8

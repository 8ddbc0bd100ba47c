"""The ingest command links what it stores (settings.TRACKER_AFTER_INGEST), once."""

from __future__ import annotations

import io
import shutil

import pytest
from django.core.management import call_command

from tests.linking.gold import CORPUS
from tracker.linking.models import Link, Position
from tracker.news.models import Article

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not (CORPUS / "gold.json").exists(), reason="corpus not merged yet"),
]


def test_ingest_links_and_a_second_run_changes_nothing(demo_case, tmp_path):
    for name in ("13_harbor-wire.txt", "22_ledger-of-tech.txt", "03_pacific-circuit.txt"):
        shutil.copy(CORPUS / name, tmp_path / name)
    call_command("ingest", "--case", demo_case.slug, str(tmp_path), stdout=io.StringIO())
    assert Article.objects.count() == 3
    for article in Article.objects.all():
        assert article.linked_at is not None
        assert article.links.filter(target_type="party").exists()
        for link in article.links.all():
            for evidence in link.evidence.all():  # offsets index the part the quote is in
                part = article.title if evidence.part == "title" else article.text
                assert part[evidence.start : evidence.end] == evidence.exact
    assert Position.objects.filter(party__name="Anthropic", stance="mixed").exists()
    links = sorted(Link.objects.values_list("id", "confidence"))
    call_command("ingest", "--case", demo_case.slug, str(tmp_path), stdout=io.StringIO())
    assert sorted(Link.objects.values_list("id", "confidence")) == links

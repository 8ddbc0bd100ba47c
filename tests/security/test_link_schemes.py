"""Finding 8 of issue 18: `javascript:` and other non-http(s) URLs are refused where a case file
brings them in, and a stored one (from before) is never rendered as a link."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest
from django.urls import reverse

from tests.factories import CaseFactory, ClaimFactory
from tracker.cases.casefile import CaseFileError, casefile_validate
from tracker.cases.models import ClaimStatus

BAD = ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>1</script>",
       "vbscript:msgbox(1)", "file:///etc/passwd", "httpx://evil.example/"]  # fmt: skip

BASE = {
    "slug": "urls-case",
    "title": "URLs",
    "parties": [{"name": "A Corp", "kind": "organization", "role": "plaintiff"}],
    "claims": [
        {
            "slug": "c1",
            "title": "Claim",
            "by": ["A Corp"],
            "status_history": [{"status": "pleaded", "date": "2026-01-02", "source": ""}],
        }
    ],
    "events": [{"date": "2026-01-02", "title": "Filed", "source_url": ""}],
    "documents": [{"slug": "terms", "title": "Terms", "url": ""}],
}


@pytest.mark.parametrize("bad", BAD)
@pytest.mark.parametrize(
    ("where", "setter"),
    [
        ("claims[0].status_history[0].source", lambda d, v: d["claims"][0]["status_history"][0].update(source=v)),
        ("events[0].source_url", lambda d, v: d["events"][0].update(source_url=v)),
        ("documents[0].url", lambda d, v: d["documents"][0].update(url=v)),
    ],
)  # fmt: skip
def test_case_file_refuses_non_http_urls(bad, where, setter):
    data = copy.deepcopy(BASE)
    setter(data, bad)
    with pytest.raises(CaseFileError) as info:
        casefile_validate(json.loads(json.dumps(data)))
    assert any(p.startswith(where) and "http(s) URL" in p for p in info.value.problems)


def test_case_file_keeps_http_urls():
    data = copy.deepcopy(BASE)
    data["events"][0]["source_url"] = "https://court.example.gov/doc/1"
    data["claims"][0]["status_history"][0]["source"] = "http://court.example.gov/doc/2"
    casefile_validate(data)


@pytest.mark.django_db
def test_stored_javascript_source_is_text_not_a_link(client):
    case = CaseFactory(slug="js-src")
    claim = ClaimFactory(case=case, slug="js-claim")
    ClaimStatus.objects.create(
        claim=claim, status="pleaded", date=date(2026, 1, 2), source_url="javascript:alert(1)"
    )
    ClaimStatus.objects.create(
        claim=claim, status="amended", date=date(2026, 2, 2), source_url="httpjs:alert(2)"
    )
    for url in (
        reverse("web:claim", args=[case.slug, claim.slug]),
        reverse("web:case", args=[case.slug]),
    ):
        page = client.get(url).content.decode()
        assert 'href="javascript:' not in page.lower() and 'href="httpjs:' not in page, url

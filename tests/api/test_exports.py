"""Exports: CSV and NDJSON, streamed, unpaginated, filtered, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.http import StreamingHttpResponse

from tests import factories as f


def body_of(response) -> str:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode()


def test_links_ndjson_has_api_field_names(anon, world):
    response = anon.get("/api/v1/export/links.ndjson", {"case": "musk-v-openai"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-ndjson"
    rows = [json.loads(line) for line in body_of(response).splitlines()]
    api = anon.get("/api/v1/links/", {"case": "musk-v-openai"}).json()["results"]
    assert {r["id"] for r in rows} == {r["id"] for r in api}
    by_id = {r["id"]: r for r in api}
    for row in rows:
        for key in (
            "target_type",
            "target",
            "status",
            "origin",
            "confidence",
            "evidence",
            "article",
            "reviewed_by",
            "reviewed_at",
        ):
            assert row[key] == by_id[row["id"]][key], key


def test_articles_ndjson_matches_the_api(anon, world):
    rows = [
        json.loads(line)
        for line in body_of(
            anon.get("/api/v1/export/articles.ndjson?case=musk-v-openai")
        ).splitlines()
    ]
    api = anon.get("/api/v1/articles/", {"case": "musk-v-openai"}).json()["results"]
    assert [r["id"] for r in rows] == [a["id"] for a in api]
    for key in ("url", "title", "published", "source", "story", "links"):
        assert rows[0][key] == api[0][key], key


def test_events_and_positions_csv(anon, world):
    text = body_of(anon.get("/api/v1/export/events.csv?case=musk-v-openai"))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["date"] for r in rows} == {"2026-04-30", "2025-03"}
    assert {r["articles"] for r in rows} == {str(world.article.id), ""}
    text = body_of(anon.get("/api/v1/export/positions.csv?case=musk-v-openai"))
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert (row["party"], row["issue"], row["stance"]) == ("OpenAI", "distillation", "opposes")


def test_every_row_unpaginated_and_filtered(anon, db):
    party = f.PartyFactory(name="Acme")
    for _ in range(60):
        f.LinkFactory(party=party, status="accepted")
    f.LinkFactory(party=party, status="rejected")
    lines = body_of(anon.get("/api/v1/export/links.ndjson?status=accepted")).splitlines()
    assert len(lines) == 60
    text = body_of(anon.get("/api/v1/export/links.csv?party=acme&status=rejected"))
    assert len(list(csv.DictReader(io.StringIO(text)))) == 1


def test_empty_export_still_has_a_header(anon, db):
    text = body_of(anon.get("/api/v1/export/links.csv"))
    assert text.splitlines() == [
        "id,article,target_type,target,status,origin,confidence,evidence,evidence_spans,"
        "stale,version,reviewed_by,reviewed_at,reason"
    ]
    assert body_of(anon.get("/api/v1/export/links.ndjson")) == ""


@pytest.mark.parametrize("evil", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_csv_cells_cannot_start_a_formula(anon, db, evil):
    text = "Before " + evil + " after."
    article = f.ArticleFactory(title=evil, text=text)
    link = f.LinkFactory(article=article)
    f.EvidenceFactory(link=link, exact=evil, start=7, end=7 + len(evil))
    for kind in ("articles", "links"):
        rows = list(csv.reader(io.StringIO(body_of(anon.get(f"/api/v1/export/{kind}.csv")))))
        cells = [cell for row in rows[1:] for cell in row]
        assert "'" + evil in cells
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    # NDJSON keeps the value as it is: it is data, not a spreadsheet.
    line = body_of(anon.get("/api/v1/export/links.ndjson"))
    assert json.loads(line)["evidence"][0]["exact"] == evil


def test_export_reads_in_chunks(anon, db, monkeypatch):
    from tracker.api import exports

    monkeypatch.setattr(exports, "CHUNK", 10)
    for _ in range(35):
        link = f.LinkFactory()
        f.EvidenceFactory(link=link)
    response = anon.get("/api/v1/export/links.ndjson")
    chunks = list(response.streaming_content)
    assert len(chunks) == 4  # 10 + 10 + 10 + 5 rows: one piece per chunk, never all at once
    assert sum(c.count(b"\n") for c in chunks) == 35


def test_a_case_export_evaluates_the_membership_once(anon, db, monkeypatch):
    """The matching ids are read once; each chunk reads its rows by primary key, so the
    case's membership (filed or linked) is not evaluated again per chunk (quadratic)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tracker.api import exports

    monkeypatch.setattr(exports, "CHUNK", 12)  # articles: a quarter, 3 a chunk
    case = f.CaseFactory()
    filed = [f.ArticleFactory() for _ in range(7)]
    for article in filed:
        article.cases.add(case)
    f.ArticleFactory()  # outside the case
    with CaptureQueriesContext(connection) as queries:
        response = anon.get("/api/v1/export/articles.ndjson", {"case": case.slug})
        chunks = list(response.streaming_content)
    assert len(chunks) == 3  # 3 + 3 + 1 rows
    ids = [json.loads(line)["id"] for chunk in chunks for line in chunk.splitlines()]
    assert ids == sorted(a.pk for a in filed)
    membership = [q for q in queries.captured_queries if "linking_membership" in q["sql"]]
    assert len(membership) == 1, [q["sql"] for q in membership]


def test_an_exported_link_names_its_target_as_the_api_does(anon, db):
    """One rule (linking.models.TARGET_LABEL_PATHS) for the export's rows and the API's links,
    for every kind of target."""
    from tracker.linking.models import Link

    article = f.ArticleFactory()
    clause = f.ClauseFactory()
    targets = {
        "party": f.PartyFactory(),
        "claim": f.ClaimFactory(),
        "issue": f.IssueFactory(),
        "clause": clause,
        "case": clause.document.cases.first() or f.CaseFactory(),
        "event": f.EventFactory(),
    }
    for kind, target in targets.items():
        Link.objects.create(article=article, target_type=kind, **{kind: target})
    exported = {
        row["target_type"]: row["target"]
        for row in map(json.loads, body_of(anon.get("/api/v1/export/links.ndjson")).splitlines())
    }
    api = {
        link["target_type"]: link["target"]
        for link in anon.get("/api/v1/links/", {"limit": 50}).json()["results"]
    }
    assert exported == api
    assert exported["clause"] == f"{clause.document.slug}#{clause.ref}"
    assert exported["party"] == targets["party"].name
    assert exported["event"] == targets["event"].title

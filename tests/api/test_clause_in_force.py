"""GET /api/v1/clauses/{id}/in-force/: the wording that applied on a day."""

from __future__ import annotations

import datetime as dt

import pytest

from tests import factories as f


@pytest.fixture
def clause(db):
    clause = f.ClauseFactory(document=f.DocumentFactory(slug="acme-terms"), ref="no-copying")
    f.ClauseVersionFactory(
        clause=clause, text="You may not copy the output.", effective=dt.date(2024, 1, 1)
    )
    f.ClauseVersionFactory(
        clause=clause,
        text="You may not copy or distill the output.",
        effective=dt.date(2025, 6, 1),
    )
    return clause


def url(clause) -> str:
    return f"/api/v1/clauses/{clause.pk}/in-force/"


def test_the_version_in_force_on_a_day_and_the_change_since(anon, clause):
    body = anon.get(url(clause), {"date": "2025-05-31"}).json()
    assert body["in_force"]["text"] == "You may not copy the output."
    assert body["current"]["text"] == "You may not copy or distill the output."
    assert body["is_current"] is False
    assert {"op": "insert", "text": "or distill "} in body["diff"]
    assert "".join(p["text"] for p in body["diff"] if p["op"] != "insert") == (
        "You may not copy the output."
    )
    assert body["url"].endswith(f"/clauses/{clause.pk}/in-force/")
    on_the_day = anon.get(url(clause), {"date": "2025-06-01"}).json()
    assert on_the_day["is_current"] is True and on_the_day["diff"] == [
        {"op": "equal", "text": "You may not copy or distill the output."}
    ]


def test_before_the_first_version_and_by_default_today(anon, clause):
    before = anon.get(url(clause), {"date": "2023-12-31"}).json()
    assert before["in_force"] is None and before["diff"] == []
    today = anon.get(url(clause)).json()
    assert today["date"] == dt.date.today().isoformat() and today["is_current"] is True


@pytest.mark.parametrize("bad", ["2025-13-01", "yesterday", "9" * 40, "2025-02-30"])
def test_bad_dates_are_400s_naming_the_parameter(anon, clause, bad):
    response = anon.get(url(clause), {"date": bad})
    assert response.status_code == 400
    assert "date" in response.json()


def test_unknown_clause_is_a_json_404(anon, db):
    response = anon.get("/api/v1/clauses/999999/in-force/")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"


def test_the_schema_documents_it(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/v1/clauses/{id}/in-force/"]["get"]
    assert [p["name"] for p in operation["parameters"] if p["in"] == "query"] == ["date"]
    assert "200" in operation["responses"] and "400" in operation["responses"]

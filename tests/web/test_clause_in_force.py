"""The clause in force on a date, on both sides of a version's effective date, and its diff."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import ClauseFactory, ClauseVersionFactory
from tracker.cases.selectors import clause_current, clause_diff, clause_in_force

OLD = "You may not use output to develop models that compete with us."
NEW = "You may not use output or any derived data to develop or train models that compete."


def _clause():
    clause = ClauseFactory(ref="use-of-output")
    old = ClauseVersionFactory(clause=clause, text=OLD, effective=dt.date(2024, 1, 31))
    new = ClauseVersionFactory(clause=clause, text=NEW, effective=dt.date(2025, 6, 1))
    return clause, old, new


def test_both_sides_of_the_effective_date(db):
    clause, old, new = _clause()
    assert clause_in_force(clause=clause, on=dt.date(2025, 5, 31)) == old
    assert clause_in_force(clause=clause, on=dt.date(2025, 6, 1)) == new
    assert clause_in_force(clause=clause, on=dt.date(2024, 1, 31)) == old
    assert clause_in_force(clause=clause, on=dt.date(2024, 1, 30)) is None
    assert clause_current(clause=clause) == new


def test_diff_marks_the_changes():
    ops = clause_diff(OLD, NEW)
    assert "".join(t for op, t in ops if op != "insert") == OLD
    assert "".join(t for op, t in ops if op != "delete") == NEW
    assert ("insert", "or any derived data ") in ops or any(
        op == "insert" and "derived data" in t for op, t in ops
    )
    assert any(op == "delete" and "with us." in t for op, t in ops)
    assert clause_diff(OLD, OLD) == [("equal", OLD)]


@given(st.text(max_size=60), st.text(max_size=60))
def test_diff_rebuilds_both_texts(old, new):
    ops = clause_diff(old, new)
    assert "".join(t for op, t in ops if op != "insert") == old
    assert "".join(t for op, t in ops if op != "delete") == new


def test_endpoint_json_and_html(client, db):
    clause, old, new = _clause()
    url = reverse("web:clause-in-force", args=[clause.pk])
    before = client.get(url, {"date": "2025-05-31"}, HTTP_ACCEPT="application/json").json()
    assert before["in_force"]["id"] == old.pk and not before["is_current"]
    assert before["current"]["id"] == new.pk
    assert any(d["op"] == "insert" for d in before["diff"])
    on = client.get(url, {"date": "2025-06-01", "format": "json"}).json()
    assert on["in_force"]["id"] == new.pk and on["is_current"] and on["diff"][0]["op"] == "equal"
    html = client.get(url, {"date": "2025-05-31"})
    assert html["Content-Type"].startswith("text/html")
    assert b"<ins>" in html.content and b"<del>" in html.content
    assert b"effective 2024-01-31" in html.content
    none = client.get(url, {"date": "2020-01-01", "format": "json"}).json()
    assert none["in_force"] is None and none["diff"] == []
    bad = client.get(url, {"date": "yesterday", "format": "json"})
    assert bad.status_code == 400 and "date" in bad.json()["detail"]
    assert client.get(reverse("web:clause-in-force", args=[999999])).status_code == 404
    assert html.context["d"]["url"] == url == f"/clauses/{clause.pk}/in-force/"
    # one route: the page that was also served under /alerts/ is not any more
    assert client.get(f"/alerts/clauses/{clause.pk}/in-force/").status_code == 404


def test_template_tag_for_a_citing_article(db):
    from django.template import Context, Template

    clause, old, new = _clause()
    tpl = Template("{% load web_clauses %}{% clause_in_force clause when %}")
    published = dt.datetime(2025, 5, 31, 23, 0, tzinfo=dt.UTC)
    html = tpl.render(Context({"clause": clause, "when": published}))
    assert "effective 2024-01-31" in html and "<del>" in html and "<ins>" in html
    html = tpl.render(Context({"clause": clause, "when": dt.date(2025, 6, 1)}))
    assert "still current" in html and "<ins>" not in html

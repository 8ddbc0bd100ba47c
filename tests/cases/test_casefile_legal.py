"""The court-record keys of a case file: load, dump, validation with places, and keys left out."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from tests.cases.test_casefile import SMALL, load, problems_of
from tracker.cases.casefile import case_dump
from tracker.cases.models import Case, CaseParty

RECORD = {
    "caption": "Acme Corp v. Widgets Ltd and others",
    "date_filed": "2025-03-04",
    "date_terminated": None,
    "cause": "28:1332 Diversity-Breach of Contract",
    "nature_of_suit": "190 Contract: Other",
    "jurisdiction": "Diversity",
    "jury_demand": "Both",
    "judge": "Hon. Ada Park",
    "courtlistener_docket": 4242,
    "pacer_case_id": "998877",
}


def with_record(**changes) -> dict:
    data = copy.deepcopy(SMALL)
    data["parties"].append({"name": "Hon. Ada Park", "kind": "person", "aliases": []})
    data.update(RECORD)
    data.update(changes)
    return data


@pytest.mark.django_db
def test_record_loads_and_judge_is_a_party_with_the_judge_role():
    load(with_record())
    case = Case.objects.get(slug="acme-v-widgets")
    assert case.caption == RECORD["caption"]
    assert case.date_filed == dt.date(2025, 3, 4) and case.date_terminated is None
    assert (case.cause, case.nature_of_suit) == (RECORD["cause"], RECORD["nature_of_suit"])
    assert (case.jurisdiction, case.jury_demand) == ("Diversity", "Both")
    assert case.courtlistener_docket == 4242 and case.pacer_case_id == "998877"
    judges = CaseParty.objects.filter(case=case, role="judge")
    assert [j.party.name for j in judges] == ["Hon. Ada Park"]


@pytest.mark.django_db
def test_record_round_trips_and_a_second_load_changes_nothing():
    load(with_record())
    dumped = case_dump(case=Case.objects.get(slug="acme-v-widgets"))
    for key, value in RECORD.items():
        assert dumped[key] == value, key
    judge = next(p for p in dumped["parties"] if p["name"] == "Hon. Ada Park")
    assert judge["role"] == "judge"
    report = load(dumped)
    assert (report.created, report.updated) == (0, 0)
    assert case_dump(case=Case.objects.get(slug="acme-v-widgets")) == dumped


@pytest.mark.django_db
def test_docket_id_as_digits_is_read_as_a_number():
    load(with_record(courtlistener_docket="77"))
    assert Case.objects.get(slug="acme-v-widgets").courtlistener_docket == 77


@pytest.mark.django_db
def test_keys_left_out_keep_stored_values_and_null_clears():
    load(with_record())
    older = copy.deepcopy(SMALL)  # a file written before these keys existed
    load(older)
    case = Case.objects.get(slug="acme-v-widgets")
    assert case.caption == RECORD["caption"] and case.courtlistener_docket == 4242
    load({**older, "caption": "", "courtlistener_docket": None, "date_filed": None})
    case.refresh_from_db()
    assert (case.caption, case.courtlistener_docket, case.date_filed) == ("", None, None)
    assert case.cause == RECORD["cause"]


@pytest.mark.django_db
def test_reassigned_judge_is_dumped_as_the_latest():
    load(with_record())
    data = with_record(judge="Dana Reyes")
    load(data)
    dumped = case_dump(case=Case.objects.get(slug="acme-v-widgets"))
    assert dumped["judge"] == "Dana Reyes"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"date_filed": "2025-03"}, "date_filed: '2025-03' is not a date (YYYY-MM-DD)"),
        ({"date_filed": 2025}, "date_filed: 2025 is not a date (YYYY-MM-DD)"),
        ({"date_terminated": "2025-02-30"}, "date_terminated: '2025-02-30' is not a date"),
        (
            {"date_terminated": "2025-01-01"},
            "date_terminated: 2025-01-01 is before date_filed 2025-03-04",
        ),
        ({"judge": "Nobody"}, "judge: party 'Nobody' is not defined in this file's parties"),
        ({"judge": 3}, "judge: expected a string, got a int"),
        ({"courtlistener_docket": -5}, "courtlistener_docket: -5 is not a CourtListener"),
        ({"courtlistener_docket": "12a"}, "courtlistener_docket: '12a' is not a CourtListener"),
        ({"courtlistener_docket": True}, "courtlistener_docket: True is not a CourtListener"),
        ({"cause": "x" * 501}, "cause: is 501 characters long (at most 500)"),
        ({"jury_demand": ["Both"]}, "jury_demand: expected a string, got a list"),
    ],
)
def test_bad_record_names_the_place_and_changes_nothing(changes, expected):
    load(with_record())
    before = case_dump(case=Case.objects.get(slug="acme-v-widgets"))
    problems = problems_of(with_record(**changes))
    assert any(p.startswith(expected) for p in problems), problems
    assert case_dump(case=Case.objects.get(slug="acme-v-widgets")) == before


@pytest.mark.django_db
def test_docket_id_of_another_case_is_refused():
    load(with_record())
    other = {**with_record(), "slug": "other-case", "title": "Other"}
    problems = problems_of(other)
    assert problems == ["courtlistener_docket: 4242 is already the docket of case 'acme-v-widgets'"]
    assert not Case.objects.filter(slug="other-case").exists()


@pytest.mark.django_db
def test_admin_shows_and_saves_the_court_record(admin_client):
    load(with_record())
    case = Case.objects.get(slug="acme-v-widgets")
    from django.urls import reverse

    url = reverse("admin:cases_case_change", args=[case.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Court record" in html and 'name="nature_of_suit"' in html
    assert RECORD["caption"] in html


@pytest.mark.django_db
def test_document_track_round_trips_and_needs_a_url():
    data = with_record()
    data["documents"][0]["track"] = True
    load(data)
    dumped = case_dump(case=Case.objects.get(slug="acme-v-widgets"))
    assert dumped["documents"][0]["track"] is True
    data["documents"][0]["url"] = ""
    assert "documents[0].track: needs the document's url" in problems_of(data)[0]
    data["documents"][0]["track"] = "yes"
    assert problems_of(data) == ["documents[0].track: expected true or false, got a string"]
